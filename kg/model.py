"""The frozen values that cross module boundaries.

An `Article` comes out of the readers (`kg.articles`); an `Extraction` comes out of the extractors
(`kg.extract`) and goes into `kg.rdf`, the one module that turns it into triples. Offsets are always
0-based, end-exclusive Unicode code points into `Article.body` (which is NFC), the convention of
`nkg:beginIndex`/`nkg:endIndex`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from kg.errors import ArticleError, ExtractionError


@dataclass(frozen=True, slots=True)
class Span:
    """A character range [begin, end) of an article body.

    >>> Span(4, 9).slice("the quick fox")
    'quick'
    """

    begin: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.begin < self.end:
            raise ExtractionError(f"empty or negative span [{self.begin}, {self.end})")

    def slice(self, text: str) -> str:
        """Return the covered text."""
        return text[self.begin : self.end]


@dataclass(frozen=True, slots=True)
class EmbeddedPost:
    """A social-media post quoted in an article, with its signature line read off.

    `span` covers the post's own words in the body; `author` is the poster's name as printed,
    `handle` their account name without '@', `posted` the date on the signature line.
    """

    span: Span
    author: str
    handle: str | None = None
    posted: date | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from its source, ready for extraction.

    `body` is NFC-normalized and is stored as `nkg:body`; every offset in the graph indexes it.
    `source` names where it came from (a file path, `path:line`, `<stdin>`) for messages.
    `published_inferred` is true when the date was not in the metadata but read off the text.
    """

    body: str
    source: str
    headline: str | None = None
    identifier: str | None = None
    url: str | None = None
    published: date | None = None
    published_inferred: bool = False
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    aggregator_id: str | None = None
    posts: tuple[EmbeddedPost, ...] = ()

    def __post_init__(self) -> None:
        if not self.body.strip():
            raise ArticleError(f"{self.source}: article body is empty")
        if not unicodedata.is_normalized("NFC", self.body):
            raise ArticleError(f"{self.source}: article body is not NFC-normalized")


class SpeechMode(Enum):
    """How a statement is reported (values are the local names of the nkg: concepts)."""

    DIRECT = "DirectSpeech"
    INDIRECT = "IndirectSpeech"
    MIXED = "MixedSpeech"


class MeetingStatus(Enum):
    HELD = "Held"
    PLANNED = "Planned"
    PROPOSED = "Proposed"
    CANCELLED = "Cancelled"


class MeetingMode(Enum):
    IN_PERSON = "InPerson"
    PHONE_CALL = "PhoneCall"
    VIDEO_CALL = "VideoCall"


class AgentKind(Enum):
    PERSON = "person"
    ORGANIZATION = "organization"


@dataclass(frozen=True, slots=True)
class Agent:
    """A person or organization found in one article.

    `key` is what `kg.identity` mints the IRI from (a normalized full name, or a Wikidata QID when
    linked); `name` is the preferred form, `alt_names` every other form seen in the article.
    """

    key: str
    name: str
    kind: AgentKind = AgentKind.PERSON
    alt_names: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Office:
    """A position, normalized so that one real office has one key (e.g. 'us.secretary-of-defense').

    One of `jurisdiction` (ISO 3166-1 alpha-2 code of a country) or `organization` (name of the
    organization the post is in) is required by the shapes.
    """

    key: str
    name: str
    alt_names: tuple[str, ...] = ()
    jurisdiction: str | None = None
    organization: str | None = None
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class OfficeHolding:
    """A person holding an office, as attested in the article (`evidence` is the title mention)."""

    holder: Agent
    office: Office
    evidence: Span
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """One reported speech act: `span` covers `text` in the body; `sentence` holds the context."""

    speaker: Agent
    text: str
    span: Span
    mode: SpeechMode
    reporting_verb: str | None = None
    sentence: str | None = None
    stated_on: date | None = None
    time_expression: str | None = None
    in_capacity_of: Office | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting, call or visit between two or more agents, as reported in `evidence`."""

    participants: tuple[Agent, ...]
    status: MeetingStatus
    evidence: Span
    mode: MeetingMode | None = None
    location: str | None = None
    start: date | None = None
    time_expression: str | None = None
    unnamed: tuple[str, ...] = ()  # participants described but not named: 'business leaders'


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one article."""

    article: Article
    agents: tuple[Agent, ...] = ()
    offices: tuple[Office, ...] = ()
    holdings: tuple[OfficeHolding, ...] = ()
    statements: tuple[Statement, ...] = ()
    meetings: tuple[Meeting, ...] = field(default=())
