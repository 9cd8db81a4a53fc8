"""The two values a format reader hands on: a `Draft` of an article, or a `ReadProblem`.

A `Draft` is what a reader found before cleaning: raw paragraphs and whatever metadata the format
carried. `kg.readers.assemble` turns it into a `kg.model.Article` (or a `ReadProblem`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """One input (a file, `file:line`, `<stdin>`) that could not be read as an article, or, with
    `warning`, one read with a problem worth telling (a truncated page read as far as it goes, a
    broken sidecar ignored): the article still follows, so the input is not lost.

    >>> str(ReadProblem("a.jsonl:3", "line is not a JSON object"))
    'a.jsonl:3: line is not a JSON object'
    """

    source: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {' '.join(self.message.split())}"


@dataclass(frozen=True, slots=True)
class Draft:
    """An article as found in its source, not yet cleaned.

    `paragraphs` are the raw text blocks of the body in order, starting with the headline (see
    `with_headline`); `language` is a hint from the markup or record, not a detection.
    """

    source: str
    paragraphs: tuple[str, ...]
    headline: str | None = None
    identifier: str | None = None
    url: str | None = None
    published: date | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    aggregator_id: str | None = None


def with_headline(headline: str | None, paragraphs: Iterable[str]) -> tuple[str, ...]:
    """Return the paragraphs with the headline first, so headline statements have offsets.

    A first paragraph that is the headline already (up to spacing, case, and the straight or
    curly form of quotes and dashes) is not repeated.

    >>> with_headline("Talks to start", ["Talks to start", "Body."])
    ('Talks to start', 'Body.')
    >>> with_headline("Talks to start", ["Body."])
    ('Talks to start', 'Body.')
    >>> with_headline("Minister's talks to start", ["Minister’s talks  to start", "Body."])
    ('Minister’s talks  to start', 'Body.')
    """
    paragraphs = tuple(paragraphs)
    if not headline or not headline.strip():
        return paragraphs
    if paragraphs and _folded(paragraphs[0]) == _folded(headline):
        return paragraphs
    return (headline, *paragraphs)


_QUOTES_AND_DASHES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
                                    "´": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
                                    "«": '"', "»": '"', "‐": "-", "‑": "-", "‒": "-", "–": "-",
                                    "—": "-", "―": "-", "−": "-"})


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES_AND_DASHES).split()).casefold()


# " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ": how pages join a headline and a site name
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
_BYLINE = re.compile(r"^by\s", re.IGNORECASE)


def headline_without_site(headline: str | None, publisher: str | None = None,
                          url: str | None = None) -> str | None:
    """Drop the site name a page's title adds before or after its headline.

    A part after a separator (" | ", " - ", " – ", ...) is the site's name when it is the publisher's
    name or the name of the URL's domain, written any way ("Taipei Times", taipeitimes.com); it
    goes with the parts after it (a byline, another site part), and so do byline parts before it.
    A site name before the headline goes the same way. A part that names neither stays: a
    headline may hold a dash.

    >>> headline_without_site("Talks resume | TechCrunch", url="https://techcrunch.com/2026/a")
    'Talks resume'
    >>> headline_without_site("Talks resume - Taipei Times", "Taipei Times")
    'Talks resume'
    >>> headline_without_site("Talks resume | Example Daily | by Jane Roe", "Example Daily")
    'Talks resume'
    >>> headline_without_site("Example Daily | Talks resume", "Example Daily")
    'Talks resume'
    >>> headline_without_site("Ukraine war - live", "Example Daily")
    'Ukraine war - live'
    """
    if not headline:
        return headline
    publisher = publisher or ""
    sites = {fold for fold in (_site_fold(publisher), _domain_fold(url or ""),
                               _domain_fold(f"https://{publisher}") if "." in publisher else "")
             if fold}
    if not sites:
        return headline
    parts = _SEPARATOR.split(headline)
    separators = _SEPARATOR.findall(headline)
    at = next((i for i, part in enumerate(parts) if _site_fold(part) in sites), None)
    if at is None or len(parts) < 2:
        return headline
    if at == 0:
        kept = list(range(1, len(parts)))
    else:
        kept = list(range(at))
        while len(kept) > 1 and _BYLINE.match(parts[kept[-1]]):
            kept.pop()
    text = parts[kept[0]]
    for i in kept[1:]:
        text += separators[i - 1] + parts[i]
    return text.strip() or headline


def title_parts(title: str) -> list[str]:
    """The parts a page title joins with separators.

    >>> title_parts("Talks resume | News | Example Daily")
    ['Talks resume', 'News', 'Example Daily']
    """
    return [part.strip() for part in _SEPARATOR.split(title)]


def _site_fold(name: str) -> str:
    """'Taipei Times', 'TAIPEI-TIMES', 'The Taipei Times' -> 'taipeitimes'."""
    folded = re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", name).casefold())
    return folded.removeprefix("the") if len(folded) > 6 else folded


def _domain_fold(url: str) -> str:
    """'https://www.taipeitimes.com/News/...' -> 'taipeitimes'; '' for no host."""
    host = (urlsplit(url).hostname or "") if "://" in url else ""
    labels = [label for label in host.split(".") if label not in {"www", "m", "amp", "edition"}]
    if len(labels) < 2:
        return ""
    # the label before the public suffix: example.co.uk -> example, techcrunch.com -> techcrunch
    name = labels[-3] if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else labels[-2]
    return _site_fold(name)
