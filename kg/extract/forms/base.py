"""What every attribution form takes and returns.

A form reads the article through one `Context` (the parse, the quotes, the cues, the article's
posts and people), is told which quotes earlier forms claimed, and returns `Found`: its
candidates, and the quotes it claims. A `Candidate` is a statement before its speaker is known;
its `speaker` says where the speaker is to be found, as exactly one of four kinds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract.cues import Cues
from kg.extract.parse import Parsed
from kg.extract.quotes import Quote
from kg.model import Article, SpeechMode

_WORD = re.compile(r"\w+")


def words(text: str) -> int:
    return len(_WORD.findall(text))


# -- where a candidate's speaker is ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ByCue:
    """The subject of a reporting verb ('X said', '"...," he told reporters')."""

    cue: Token


@dataclass(frozen=True, slots=True)
class ByPhrase:
    """A phrase that names the speaker without a verb of saying ('according to X')."""

    phrase: Token


@dataclass(frozen=True, slots=True)
class Continuing:
    """The speaker of the statement before it: a quote with no cue of its own (`runs_on`: left open
    at the end of its paragraph, so its attribution may follow in the next one)."""

    runs_on: bool = False


@dataclass(frozen=True, slots=True)
class Named:
    """A person known where the candidate was found (an embedded post's author, 'Name: ...')."""

    person: object


Speaker = ByCue | ByPhrase | Continuing | Named


@dataclass(frozen=True, slots=True)
class Candidate:
    """A statement before its speaker is resolved: body range, mode, where the speaker is, and
    the reporting verb when it is not the cue's own lemma."""

    begin: int
    end: int
    mode: SpeechMode
    speaker: Speaker
    verb: str | None = None

    @property
    def cue(self) -> Token | None:
        return self.speaker.cue if isinstance(self.speaker, ByCue) else None

    @property
    def floating(self) -> bool:
        return isinstance(self.speaker, Continuing)

    @property
    def runs_on(self) -> bool:
        return isinstance(self.speaker, Continuing) and self.speaker.runs_on

    @property
    def reporting_verb(self) -> str | None:
        cue = self.cue
        return self.verb or (cue.lemma_.lower() if cue is not None else None)


# -- what a form reads and returns -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Context:
    """One article as the forms read it. `quotes` leaves out quotes inside embedded posts;
    `post_authors` maps each post's index in `article.posts` to its author's Person."""

    parsed: Parsed
    quotes: tuple[Quote, ...]
    cues: Cues
    article: Article
    people: object
    post_authors: Mapping[int, object] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.parsed.text

    def in_quote(self, pos: int) -> Quote | None:
        return next((q for q in self.quotes if q.begin <= pos < q.end), None)

    def in_post(self, pos: int) -> bool:
        return any(p.span.begin <= pos < p.span.end for p in self.article.posts)


@dataclass(frozen=True, slots=True)
class Found:
    """What one form found: candidates in its own order, and the indexes (in `Context.quotes`) of
    the quotes it claims, which later forms leave alone."""

    candidates: tuple[Candidate, ...] = ()
    claimed: frozenset[int] = frozenset()


FindFn = Callable[[Context, frozenset[int]], Found]
