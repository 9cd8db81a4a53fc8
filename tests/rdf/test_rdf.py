"""kg.rdf writes graphs that conform to the shapes, with deterministic IRIs and exact spans."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.errors import ExtractionError
from kg.identity import mint_iri
from kg.model import (
    Agent, AgentKind, Article, EmbeddedPost, Extraction, Meeting, MeetingMode, MeetingStatus, Office,
    OfficeHolding, Span, SpeechMode, Statement,
)
from kg.namespaces import NKG
from kg.rdf import article_iri, to_graph
from kg.validate import validate_graph

BODY = (
    "Foreign Minister Anna Berg said on Monday that talks would resume. "
    "“We are ready,” Berg told reporters. "
    "The ministry said Berg would meet Premier Li Wen in Oslo."
)


def at(text: str, start: int = 0) -> Span:
    i = BODY.index(text, start)
    return Span(i, i + len(text))


def extraction(**changes: object) -> Extraction:
    article = Article(body=BODY, source="test", headline="Talks to resume", identifier="berg",
                      published=date(2025, 3, 4), publisher="Example Wire", url="https://example.org/a?utm_source=x")
    berg = Agent(key="anna-berg", name="Anna Berg", alt_names=("Berg",),
                 mentions=(at("Anna Berg"), at("Berg", 80)))
    li = Agent(key="li-wen", name="Li Wen", mentions=(at("Li Wen"),))
    ministry = Agent(key="foreign-ministry", name="foreign ministry", kind=AgentKind.ORGANIZATION,
                     mentions=(at("The ministry"),))
    office = Office(key="se.minister-for-foreign-affairs", name="Minister for Foreign Affairs",
                    alt_names=("Foreign Minister",), jurisdiction="se")
    premier = Office(key="xx-council.premier", name="Premier", organization="Example Council")
    statements = (
        Statement(speaker=berg, text="talks would resume", span=at("talks would resume"),
                  mode=SpeechMode.INDIRECT, reporting_verb="say", stated_on=date(2025, 3, 3),
                  time_expression="on Monday", in_capacity_of=office,
                  sentence=BODY[: BODY.index(". ") + 1]),
        Statement(speaker=berg, text="We are ready,", span=at("We are ready,"), mode=SpeechMode.DIRECT,
                  reporting_verb="tell"),
        Statement(speaker=ministry, text="Berg would meet Premier Li Wen in Oslo",
                  span=at("Berg would meet Premier Li Wen in Oslo"), mode=SpeechMode.INDIRECT,
                  reporting_verb="say"),
    )
    values = dict(
        article=article, agents=(berg, li, ministry), offices=(office, premier),
        holdings=(OfficeHolding(berg, office, at("Foreign Minister Anna Berg")),
                  OfficeHolding(li, premier, at("Premier Li Wen"))),
        statements=statements,
        meetings=(Meeting(participants=(berg, li), status=MeetingStatus.PLANNED, mode=MeetingMode.IN_PERSON,
                          location="Oslo", evidence=at("Berg would meet Premier Li Wen in Oslo")),),
    )
    values.update(changes)
    return Extraction(**values)  # type: ignore[arg-type]


def test_graph_conforms_to_all_shapes():
    report = validate_graph(to_graph(extraction()))
    assert report.conforms, [(str(v.focus_node), str(v.path), v.message) for v in report.violations]
    assert not report.warnings, [v.message for v in report.warnings]


def test_iris_are_deterministic_and_readable():
    g1, g2 = to_graph(extraction()), to_graph(extraction())
    assert set(g1) == set(g2)
    person = mint_iri("person", "anna-berg")
    assert (person, RDF.type, NKG.Person) in g1
    assert (person, NKG.holds, mint_iri("office", "se.minister-for-foreign-affairs")) in g1
    # the article IRI comes from the canonical URL (tracking parameters dropped)
    art = article_iri(extraction().article)
    assert art == article_iri(Article(body="other text", source="x", url="https://EXAMPLE.org/a"))


def test_spans_index_the_body_exactly():
    graph = to_graph(extraction())
    spans = list(graph.subjects(RDF.type, NKG.TextSpan))
    assert spans
    for span in spans:
        b, e = int(graph.value(span, NKG.beginIndex)), int(graph.value(span, NKG.endIndex))
        assert str(graph.value(span, NKG.anchorOf)) == BODY[b:e]
        assert str(span).endswith(f"#char={b},{e}")
        assert graph.value(span, NKG.beginIndex).datatype == XSD.integer


def test_statement_carries_mode_verb_date_and_capacity():
    graph = to_graph(extraction())
    (st,) = [s for s in graph.subjects(RDF.type, NKG.Statement)
             if str(graph.value(s, NKG.text)) == "talks would resume"]
    assert graph.value(st, NKG.speechMode) == NKG.IndirectSpeech
    assert graph.value(st, NKG.reportingVerb) == Literal("say")
    assert graph.value(st, NKG.statedOn) == Literal("2025-03-03", datatype=XSD.date)
    assert graph.value(st, NKG.inCapacityOf) == mint_iri("office", "se.minister-for-foreign-affairs")
    assert graph.value(st, NKG.sourceArticle) == article_iri(extraction().article)


def test_statement_text_must_be_the_text_at_its_span():
    bad = extraction().statements[1]
    wrong = Statement(speaker=bad.speaker, text="We are steady,", span=bad.span, mode=bad.mode)
    with pytest.raises(ExtractionError, match="is not the body text"):
        to_graph(extraction(statements=(wrong,)))


def test_span_past_the_body_is_refused():
    agent = Agent(key="x-y", name="X Y", mentions=(Span(0, len(BODY) + 5),))
    with pytest.raises(ExtractionError, match="runs past the body"):
        to_graph(extraction(agents=(agent,)))


def test_embedded_post_model_keeps_its_author():
    post = EmbeddedPost(span=Span(0, 5), author="Anna Berg", handle="annaberg", posted=date(2025, 3, 3))
    assert post.author == "Anna Berg" and post.span.slice(BODY) == "Forei"


def test_article_metadata():
    graph = to_graph(extraction())
    art = article_iri(extraction().article)
    assert graph.value(art, NKG.datePublished) == Literal("2025-03-04", datatype=XSD.date)
    assert graph.value(art, NKG.url) == URIRef("https://example.org/a?utm_source=x")
    assert str(graph.value(graph.value(art, NKG.publisher), NKG.name)) == "Example Wire"


def test_two_undated_meetings_between_the_same_people_get_two_iris():
    ex = extraction()
    berg, li = ex.agents[0], ex.agents[1]
    first = Meeting(participants=(berg, li), status=MeetingStatus.HELD, evidence=at("Berg told"))
    second = Meeting(participants=(li, berg), status=MeetingStatus.PROPOSED, evidence=at("The ministry"))
    graph = to_graph(extraction(meetings=(first, second)))
    nodes = set(graph.subjects(RDF.type, NKG.Meeting))
    assert len(nodes) == 2
    assert {str(n).rsplit("/", 1)[1] for n in nodes} == {"undated_anna-berg_li-wen",
                                                          "undated_anna-berg_li-wen_proposed"}
    assert validate_graph(graph).conforms
