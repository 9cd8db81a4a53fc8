"""Turn an `Extraction` into RDF: the one module that writes triples.

Every node gets its IRI from `kg.identity`; every fact found in the text points at a
`nkg:TextSpan` (`<article>#char=b,e`) whose offsets index the article's `nkg:body`. The output is
one graph per article, which `kg.store` keeps in a named graph of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.errors import ExtractionError
from kg.identity import (
    DEFAULT_BASE,
    article_key,
    mint_iri,
    name_fold,
    person_key,
    preferred_name,
    slug,
    span_iri,
)
from kg.leaders import NO_LINKS, Links, Table, link_leaders
from kg.model import (
    Agent,
    AgentKind,
    Article,
    Extraction,
    Meeting,
    Office,
    OfficeHolding,
    Span,
    Statement,
)
from kg.namespaces import NKG, WD, bind_prefixes
from kg.places import country_name
from kg.wikidata import by_code, organization_qid, place_qid


def article_iri(article: Article, base: str = DEFAULT_BASE) -> URIRef:
    """Return the IRI of an article: from its URL when known, else from its body."""
    return mint_iri("article", article_key(url=article.url, body=article.body), base)


def to_graph(extraction: Extraction, *, base: str = DEFAULT_BASE, link: bool = True) -> Graph:
    """Return the graph of one article's extraction.

    With `link` (`kg build` without --no-link), persons and offices are linked to Wikidata through
    the heads-of-state tables (kg.leaders): an office by its key, a person only through an office
    the article reports them holding on its publication date; such a holding also gets its start
    day from the table when the article gives none, and the article names the tables used.
    """
    links = link_leaders(extraction) if link else NO_LINKS
    return _Writer(extraction.article, base, links).write(extraction)


class _Writer:
    """Accumulates the triples of one article; holds the article IRI and the body for spans.

    A node is written again each time something points at it (a speaker, an office): the triples
    are gathered once each, in first-written order, and go into the graph at the end, because
    adding to an rdflib Graph costs ten times a set lookup.
    """

    def __init__(self, article: Article, base: str, links: Links = NO_LINKS) -> None:
        self.article = article
        self.base = base
        self.links = links
        self.iri = article_iri(article, base)
        self.key = str(self.iri).rsplit("/", 1)[-1]
        self.triples: dict[tuple[URIRef, URIRef, URIRef | Literal], None] = {}
        self.spans: dict[tuple[int, int, str | None], URIRef] = {}
        self.meeting_keys: set[str] = set()
        self.names: dict[URIRef, list[str]] = {}
        self.alt_names: dict[URIRef, dict[str, None]] = {}
        self.statements: dict[URIRef, URIRef] = {}  # statement -> its speaker
        self.extraction = Extraction(article)  # what `write` writes

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.triples[(s, p, o)] = None

    def name(self, node: URIRef, name: str) -> None:
        """Give `node` the name `name`; `_write_names` keeps one per node, the rest as altName."""
        self.names.setdefault(node, []).append(name)

    def _write_names(self) -> None:
        """One nkg:name per node: where several spellings reached one node (an organisation as
        'NATO' and 'Nato', an author as 'Jane Roe' and 'Jane-Roe'), the preferred one, with the
        others as nkg:altName (kg.identity.preferred_name)."""
        for node, forms in self.names.items():
            name = preferred_name(forms, self.article.body)
            self.add(node, NKG.name, Literal(name))
            for alt in dict.fromkeys([*forms, *self.alt_names.get(node, ())]):
                if alt != name:
                    self.add(node, NKG.altName, Literal(alt))

    def write(self, extraction: Extraction) -> Graph:
        self.extraction = extraction
        self._article()
        for agent in extraction.agents:
            self._agent(agent)
        for office in extraction.offices:
            self._office(office)
        for holding in extraction.holdings:
            self._holding(holding)
        for statement in extraction.statements:
            self._statement(statement)
        for meeting in extraction.meetings:
            self._meeting(meeting)
        self._write_names()
        graph = bind_prefixes(Graph())
        for triple in self.triples:
            graph.add(triple)
        return graph

    # -- spans -----------------------------------------------------------------------------------

    def span(self, span: Span, sentence: str | None = None) -> URIRef:
        written = self.spans.get((span.begin, span.end, sentence))
        if written is not None:
            return written
        body = self.article.body
        if span.end > len(body):
            raise ExtractionError(
                f"{self.article.source}: span [{span.begin}, {span.end}) runs past the body "
                f"({len(body)} characters)"
            )
        node = span_iri(self.iri, span.begin, span.end)
        self.add(node, RDF.type, NKG.TextSpan)
        self.add(node, NKG.inArticle, self.iri)
        # xsd:integer, not xsd:nonNegativeInteger: Oxigraph (and other stores) normalize derived
        # integer types to xsd:integer, so that is what survives a round trip through any store.
        self.add(node, NKG.beginIndex, Literal(span.begin, datatype=XSD.integer))
        self.add(node, NKG.endIndex, Literal(span.end, datatype=XSD.integer))
        self.add(node, NKG.anchorOf, Literal(span.slice(body)))
        if sentence:
            self.add(node, NKG.sentence, Literal(sentence))
        self.spans[(span.begin, span.end, sentence)] = node
        return node

    # -- nodes -----------------------------------------------------------------------------------

    def _article(self) -> None:
        a, art = self.iri, self.article
        self.add(a, RDF.type, NKG.Article)
        self.add(a, NKG.body, Literal(art.body))
        self.add(a, NKG.textSha256, Literal(hashlib.sha256(art.body.encode("utf-8")).hexdigest()))
        if art.headline:
            self.add(a, NKG.headline, Literal(art.headline))
        if art.url:
            self.add(a, NKG.url, URIRef(art.url))
        if art.published:
            self.add(a, NKG.datePublished, _date(art.published))
            if art.published_inferred:
                self.add(a, NKG.datePublishedInferred, Literal(True))
        if art.publisher:
            self.add(a, NKG.publisher, self._organization(art.publisher))
        if art.identifier:
            self.add(a, DCTERMS.identifier, Literal(art.identifier))
        if art.language:
            self.add(a, NKG.inLanguage, Literal(art.language))
        spellings: dict[str, list[str]] = {}  # an author list may spell one name several ways
        for author in art.authors:
            spellings.setdefault(name_fold(author), []).append(author)
        for forms in spellings.values():
            person = mint_iri("person", slug(preferred_name(forms, art.body)), self.base)
            self.add(person, RDF.type, NKG.Person)
            for form in forms:
                self.name(person, form)
            self.add(a, NKG.author, person)
        for table in self.links.tables:
            self.add(a, NKG.linkedWith, self._table(table))

    def _table(self, table: Table) -> URIRef:
        """A linking table the article's links came from: its title, the date its facts are as of,
        its source (at the commit it was made from), its licence and, if it asks for one, the
        attribution."""
        node = mint_iri("dataset", table.id, self.base)
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, DCTERMS.title, Literal(table.title))
        self.add(node, DCTERMS.issued, _date(table.as_of))
        self.add(node, DCTERMS.source, URIRef(table.source))
        self.add(node, DCTERMS.license, URIRef(table.licence))
        if table.attribution:
            self.add(node, DCTERMS.rights, Literal(table.attribution))
        return node

    def link(self, node: URIRef, qid: str | None) -> None:
        """Add `nkg:exactMatch` to the Wikidata entity `qid`, if there is one."""
        if qid:
            self.add(node, NKG.exactMatch, WD[qid])

    def _organization(self, name: str) -> URIRef:
        node = mint_iri("organization", slug(name), self.base)
        self.add(node, RDF.type, NKG.Organization)
        self.name(node, name)
        self.link(node, organization_qid(name))
        return node

    def _country(self, code: str) -> URIRef:
        name = country_name(code)
        if name is None:
            raise ExtractionError(f"{self.article.source}: unknown country code {code!r}")
        node = mint_iri("country", code.lower(), self.base)
        self.add(node, RDF.type, NKG.Country)
        self.name(node, name)
        entry = by_code(code)
        self.link(node, entry.qid if entry else None)
        return node

    def agent_key(self, agent: Agent) -> str:
        return person_key(agent.key, self.key) if agent.kind is AgentKind.PERSON else agent.key

    def agent_iri(self, agent: Agent) -> URIRef:
        kind = "person" if agent.kind is AgentKind.PERSON else "organization"
        return mint_iri(kind, self.agent_key(agent), self.base)

    def _agent(self, agent: Agent) -> URIRef:
        node = self.agent_iri(agent)
        cls = NKG.Person if agent.kind is AgentKind.PERSON else NKG.Organization
        self.add(node, RDF.type, cls)
        self.name(node, agent.name)
        self._names(node, agent.name, agent.alt_names)
        if agent.wikidata:
            self.link(node, agent.wikidata)
        elif agent.kind is AgentKind.ORGANIZATION:
            self.link(node, organization_qid(agent.name))
        else:  # a person never by name alone: through an office held on the publication date
            self.link(node, self.links.persons.get(agent.key))
        seen: set[str] = set()
        for mention in agent.mentions:  # one evidence span per distinct surface form
            surface = mention.slice(self.article.body)
            if surface not in seen:
                seen.add(surface)
                self.add(node, NKG.evidence, self.span(mention))
        return node

    def _names(self, node: URIRef, name: str, alt_names: Iterable[str]) -> None:
        for alt in alt_names:
            if alt != name:
                self.alt_names.setdefault(node, {})[alt] = None

    def office_key(self, office: Office) -> str:
        # an office the article names without saying of what ("President Jane Doe") is kept per
        # article, like a lone surname: no cross-article merge on a bare title
        if office.jurisdiction or office.organization:
            return office.key
        return f"{office.key}_{self.key}"

    def office_iri(self, office: Office) -> URIRef:
        return mint_iri("office", self.office_key(office), self.base)

    def _office(self, office: Office) -> URIRef:
        node = self.office_iri(office)
        self.add(node, RDF.type, NKG.Office)
        self.name(node, office.name)
        self._names(node, office.name, office.alt_names)
        if office.jurisdiction:
            self.add(node, NKG.jurisdiction, self._country(office.jurisdiction))
        if office.organization:
            self.add(node, NKG.postIn, self._organization(office.organization))
        self.link(node, office.wikidata or self.links.offices.get(office.key))
        return node

    def _holding(self, holding: OfficeHolding) -> None:
        person, office = self._agent(holding.holder), self._office(holding.office)
        if holding.start:
            term = holding.start.isoformat()
        elif self.article.published:
            term = f"t{self.article.published.year}"
        else:
            term = "undated"
        node = mint_iri("holding", f"{self.agent_key(holding.holder)}_{self.office_key(holding.office)}_{term}", self.base)
        self.add(node, RDF.type, NKG.OfficeHolding)
        self.add(node, NKG.holder, person)
        self.add(node, NKG.office, office)
        self.add(node, NKG.sourceArticle, self.iri)
        self.add(node, NKG.evidence, self.span(holding.evidence))
        start = holding.start or self.links.starts.get((holding.holder.key, holding.office.key))
        if start and not (holding.end and start > holding.end):
            self.add(node, NKG.startDate, _date(start))
        if holding.end:
            self.add(node, NKG.endDate, _date(holding.end))
        self.add(person, NKG.holds, office)

    def _statement(self, st: Statement) -> None:
        if st.span.slice(self.article.body) != st.text:
            raise ExtractionError(
                f"{self.article.source}: statement text {st.text[:40]!r} is not the body text at "
                f"[{st.span.begin}, {st.span.end})"
            )
        # one statement per span and speaker: the first speaker's keeps the span's IRI, another
        # speaker of the same words (a coordinated subject: 'A and B said') has its own
        span_key = f"{self.key}_{st.span.begin}-{st.span.end}"
        speaker = self.agent_iri(st.speaker)
        node = mint_iri("statement", span_key, self.base)
        if node in self.statements:
            if self.statements[node] == speaker:
                return  # a second reading of the same words: the first one's speaker and verb
            node = mint_iri("statement", f"{span_key}_{self.agent_key(st.speaker)}", self.base)
            if node in self.statements:
                return
        self.statements[node] = speaker
        self.add(node, RDF.type, NKG.Statement)
        self.add(node, NKG.speaker, self._agent(st.speaker))
        self.add(node, NKG.text, Literal(st.text))
        self.add(node, NKG.speechMode, NKG[st.mode.value])
        if st.reporting_verb:
            self.add(node, NKG.reportingVerb, Literal(st.reporting_verb))
        if st.stated_on:
            self.add(node, NKG.statedOn, _date(st.stated_on))
        if st.time_expression:
            self.add(node, NKG.timeExpression, Literal(st.time_expression))
        if st.in_capacity_of:
            self.add(node, NKG.inCapacityOf, self._office(st.in_capacity_of))
        self.add(node, NKG.sourceArticle, self.iri)
        self.add(node, NKG.evidence, self.span(st.span, st.sentence))
        self._mentions(node, st.span)

    def _mentions(self, node: URIRef, span: Span) -> None:
        """Link a statement to the persons and organisations named inside its words: each agent
        of the article with a mention whose span lies within the statement's span."""
        for agent in self.extraction.agents:
            if any(span.begin <= m.begin and m.end <= span.end for m in agent.mentions):
                self.add(node, NKG.mentions, self._agent(agent))

    def _meeting(self, meeting: Meeting) -> None:
        keys = sorted({self.agent_key(p) for p in meeting.participants})
        parts = [meeting.start.isoformat() if meeting.start else "undated", *keys]
        place = self._place(meeting.location) if meeting.location else None
        if meeting.location:
            parts.append(slug(meeting.location))
        key = "_".join(parts)
        if key in self.meeting_keys:  # another event between the same people in this article
            key = f"{key}_{meeting.status.value.lower()}"
            while key in self.meeting_keys:
                key += "-2"
        self.meeting_keys.add(key)
        node = mint_iri("meeting", key, self.base)
        self.add(node, RDF.type, NKG.Meeting)
        for participant in meeting.participants:
            self.add(node, NKG.participant, self._agent(participant))
        self.add(node, NKG.status, NKG[meeting.status.value])
        if meeting.mode:
            self.add(node, NKG.mode, NKG[meeting.mode.value])
        if place is not None:
            self.add(node, NKG.location, place)
        if meeting.start:
            self.add(node, NKG.startDate, _date(meeting.start))
        if meeting.time_expression:
            self.add(node, NKG.timeExpression, Literal(meeting.time_expression))
        for description in meeting.unnamed:
            self.add(node, NKG.unnamedParticipants, Literal(description))
        self.add(node, NKG.sourceArticle, self.iri)
        self.add(node, NKG.evidence, self.span(meeting.evidence))

    def _place(self, name: str) -> URIRef:
        node = mint_iri("place", slug(name), self.base)
        self.add(node, RDF.type, NKG.Place)
        self.name(node, name)
        self.link(node, place_qid(name))
        return node


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)
