"""The two values a format reader hands on: a `Draft` of an article, or a `ReadProblem`.

A `Draft` is what a reader found before cleaning: raw paragraphs and whatever metadata the format
carried. `kg.readers.assemble` turns it into a `kg.model.Article` (or a `ReadProblem`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """One input (a file, `file:line`, `<stdin>`) that could not be read as an article.

    >>> str(ReadProblem("a.jsonl:3", "line is not a JSON object"))
    'a.jsonl:3: line is not a JSON object'
    """

    source: str
    message: str

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

    >>> with_headline("Talks to start", ["Talks to start", "Body."])
    ('Talks to start', 'Body.')
    >>> with_headline("Talks to start", ["Body."])
    ('Talks to start', 'Body.')
    """
    paragraphs = tuple(paragraphs)
    if not headline or not headline.strip():
        return paragraphs
    if paragraphs and " ".join(paragraphs[0].split()) == " ".join(headline.split()):
        return paragraphs
    return (headline, *paragraphs)
