"""Finish a Draft into an Article: clean, check size, script and language, find posts, date it."""

from __future__ import annotations

import unicodedata
from datetime import date

from kg.errors import ArticleError
from kg.model import Article
from kg.readers.cleaning import clean_paragraphs
from kg.readers.dates import latest_date
from kg.readers.decode import normalize
from kg.readers.draft import Draft, ReadProblem
from kg.readers.language import detect_language
from kg.readers.limits import MAX_BODY_CHARS
from kg.readers.posts import find_posts

ENGLISH = "en"
_MIN_LETTER_SHARE = 0.5


def assemble(
    draft: Draft, *, published: date | None = None, today: date | None = None
) -> Article | ReadProblem:
    """Return the Article for `draft`, or the ReadProblem that keeps it out.

    The body is the cleaned paragraphs joined by blank lines, in NFC. The publication date is the
    draft's (from metadata), else `published`, else the latest full date printed in the body
    (then `published_inferred` is set).
    """
    paragraphs = clean_paragraphs(draft.paragraphs)
    body = normalize("\n\n".join(paragraphs))
    if not body.strip():
        reason = "only page furniture" if draft.paragraphs else "nothing"
        return ReadProblem(draft.source, f"no article text: the input holds {reason}")
    if len(body) > MAX_BODY_CHARS:
        return ReadProblem(
            draft.source, f"body is {len(body):,} characters; the limit is {MAX_BODY_CHARS:,}"
        )
    sample = "".join(body[:5_000].split())
    letters = sum(map(str.isalpha, sample))
    if letters < _MIN_LETTER_SHARE * len(sample):
        share = round(100 * letters / len(sample))
        return ReadProblem(
            draft.source, f"does not look like prose: only {share}% of it is letters"
        )
    hint = draft.language.split("-")[0].split("_")[0].lower() if draft.language else None
    language = detect_language(body) or hint
    if language is not None and language != ENGLISH:
        return ReadProblem(draft.source, f"skipped: language is {language!r}, not English")
    inferred = draft.published is None and published is None
    when = draft.published or published or latest_date(body, today=today)
    headline = (
        unicodedata.normalize("NFC", " ".join(draft.headline.split())) if draft.headline else None
    )
    try:
        return Article(
            body=body,
            source=draft.source,
            headline=headline or None,
            identifier=draft.identifier,
            url=draft.url,
            published=when,
            published_inferred=inferred and when is not None,
            publisher=draft.publisher,
            authors=draft.authors,
            language=language,
            aggregator_id=draft.aggregator_id,
            posts=find_posts(body),
        )
    except ArticleError as exc:
        message = str(exc).removeprefix(f"{draft.source}: ")
        return ReadProblem(draft.source, message)
