"""Read metadata off the header and footer lines that sites and aggregators wrap articles in.

Three kinds of line are recognised:
- "key: value" lines whose key is a known metadata label, in English, Persian or Arabic
  ("Source: Reuters", "شناسهٔ خبر: 71342709", several per line separated by "|" or " - ");
- bylines ("By Jane Doe and John Roe");
- lines written in a script other than the article's, which at the edges of an article are an
  aggregator's furniture (`is_foreign_script`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from kg.readers.dates import parse_date
from kg.readers.draft import Draft, headline_without_site, with_headline
from kg.readers.outlets import english_name, normalize

_LABELS = {
    "id": (
        "id",
        "story id",
        "article id",
        "news id",
        "شناسه خبر",
        "کد خبر",
        "شماره خبر",
        "رقم الخبر",
    ),
    "publisher": ("source", "publisher", "outlet", "منبع", "مصدر", "المصدر"),
    "url": ("url", "link", "source url", "original url", "permalink"),
    "published": ("date", "published", "publication date", "published on", "تاریخ", "تاریخ انتشار"),
    "authors": ("author", "authors", "byline", "writer", "نویسنده", "الکاتب"),
    "headline": ("title", "headline", "عنوان"),
}
_KEY_OF = {normalize(label): key for key, labels in _LABELS.items() for label in labels}
_SEGMENTS = re.compile(r"\s+[|-]\s+|\s*\|\s*")
_PAIR = re.compile(r"(?P<key>[^:：]{1,40}?)\s*[:：]\s*(?P<value>\S.*)")
_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}"
# 'By A and B, Reuters', 'By A - Staff reporter', 'By Kim Da-eun (kim@paper.com)': a dash that
# sets off a trailer stands apart from the names, so 'Da-eun' is never cut at its hyphen.
_BYLINE = re.compile(
    rf"By\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
    r"(?:\s*\([^()]{0,60}\))?(?:\s*[,|].{0,60}|\s+[–—-].{0,60})?"
)


@dataclass(slots=True)
class EdgeMetadata:
    """Metadata collected from header and footer lines; the first value found for a field wins."""

    values: dict[str, object] = field(default_factory=dict)

    def add(self, key: str, value: object) -> None:
        if value not in (None, "", ()):
            self.values.setdefault(key, value)

    def get(self, key: str) -> object:
        return self.values.get(key)

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        return str(value) if value else None

    def to_draft(
        self,
        source: str,
        identifier: str | None,
        paragraphs: Iterable[str],
        *,
        printed: bool = False,
    ) -> Draft:
        """Return a Draft of `paragraphs` with this metadata.

        The headline is put first in the body unless `printed` says the text already opens with
        its own headline line (which then stays, even if the metadata words it differently).
        """
        published = self.values.get("published")
        authors = self.values.get("authors")
        headline = headline_without_site(self.text("headline"), self.text("publisher"),
                                         self.text("url"))
        return Draft(
            source=source,
            paragraphs=tuple(paragraphs) if printed else with_headline(headline, paragraphs),
            headline=headline,
            identifier=identifier,
            url=self.text("url"),
            published=published if isinstance(published, date) else None,
            publisher=self.text("publisher"),
            authors=tuple(authors) if isinstance(authors, tuple) else (),
            language=self.text("language"),
            aggregator_id=self.text("id"),
        )


def read_pairs(line: str, into: EdgeMetadata) -> bool:
    """Add the known "key: value" pairs of `line` to `into`; tell whether there were any.

    >>> meta = EdgeMetadata()
    >>> read_pairs("نسخه قابل چاپ منبع: الجزیره انگلیسی | لینک خبر", meta), meta.values
    (True, {'publisher': 'Al Jazeera English'})
    >>> read_pairs("شناسهٔ خبر: 71342709 - سرویس سیاسی", meta), meta.get("id")
    (True, '71342709')
    >>> read_pairs("He said: no.", meta)
    False
    """
    found = False
    for segment in _SEGMENTS.split(line.strip()):
        pair = _PAIR.fullmatch(segment)
        if not pair:
            continue
        key = _label(pair.group("key"))
        if key is None:
            continue
        value = pair.group("value").strip()
        found = True
        if key == "id":
            token = re.match(r"[\w.-]+", _ascii_digits(value))
            into.add("id", token.group() if token else None)
        elif key == "publisher":
            into.add("publisher", english_name(value))
        elif key == "published":
            into.add("published", parse_date(_ascii_digits(value)))
        elif key == "authors":
            into.add("authors", split_names(value))
        else:
            into.add(key, value)
    return found


def _label(key: str) -> str | None:
    folded = normalize(key)
    words = folded.split()
    # "نسخه قابل چاپ منبع" is "printable version source": the label is at the end.
    for start in range(len(words)):
        found = _KEY_OF.get(" ".join(words[start:]))
        if found:
            return found
    return None


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def read_byline(line: str) -> tuple[str, ...]:
    """Return the names on a byline, or () if `line` is not one.

    >>> read_byline("By Jane Doe and John Roe, Reuters")
    ('Jane Doe', 'John Roe')
    >>> read_byline("By Wednesday the talks had stalled.")
    ()
    >>> read_byline("By Jung Da-eun (jung@paper.example)")
    ('Jung Da-eun',)
    """
    match = _BYLINE.fullmatch(line.strip())
    return split_names(match.group("names")) if match else ()


def split_names(text: str) -> tuple[str, ...]:
    """Split "A, B and C" into names.

    >>> split_names("Jane Doe, John Roe & Kim Eun-jung")
    ('Jane Doe', 'John Roe', 'Kim Eun-jung')
    """
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", text)
    return tuple(part.strip() for part in parts if part.strip())


def is_foreign_script(line: str) -> bool:
    """Tell whether most letters of `line` are in a script other than Latin.

    >>> is_foreign_script("صاحبخبر -")
    True
    >>> is_foreign_script("— Volodymyr Zelenskyy / Володимир Зеленський (@ZelenskyyUa) Feb 12")
    False
    """
    letters = [char for char in line if char.isalpha()]
    if not letters:
        return False
    latin = sum(1 for char in letters if _is_latin(char))
    return latin * 2 < len(letters)


def latin_share(text: str) -> float:
    """Return the share of letters in `text` that are Latin (1.0 for a text without letters)."""
    letters = [char for char in text if char.isalpha()]
    return sum(1 for c in letters if _is_latin(c)) / len(letters) if letters else 1.0


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF or 0x2C60 <= code <= 0x2C7F
