"""The compiled SHACL Core check gives pySHACL's verdict (kg.corecheck, the build gate's fast path).

Compared with `validate_graph(..., fast=True).conforms` on every RDF fixture under tests/data
(conforming, violating and warning shape fixtures, golden graphs, CLI inputs), on the graphs
kg builds from generated articles, and on seeded random mutants of both: triples dropped,
objects swapped for literals of other datatypes, ill-typed literals, blank nodes or other nodes,
types changed, nodes renamed to blank nodes, values added.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.corecheck import CoreCheck, Unsupported
from kg.model import Article
from kg.namespaces import NKG
from kg.pipeline import gate
from kg.validate import _hierarchy, core_only, load_shapes, surely_conforms, validate_graph
from tests.conftest import DATA, REPO


def _fixtures() -> dict[str, Graph]:
    graphs = {}
    for path in sorted(DATA.rglob("*.ttl")):
        if path.name != "not-rdf.ttl":  # the CLI tests' file that is not RDF, on purpose
            graphs[str(path.relative_to(DATA))] = Graph().parse(path, format="turtle")
    return graphs


FIXTURES = _fixtures()


@pytest.fixture(scope="module")
def check() -> CoreCheck:
    return CoreCheck.of(core_only(load_shapes()), _hierarchy())


def pyshacl_conforms(graph: Graph) -> bool:
    return validate_graph(graph, fast=True).conforms


@pytest.fixture(scope="module")
def article_graphs(tmp_path_factory: pytest.TempPathFactory) -> list[Graph]:
    """Graphs kg builds: the seed article, the test corpus, our synthetic articles, and articles
    generated from the dev corpus where it is beside the repository."""
    from benchmarks.corpus import DEV, generate
    from kg.extract import load_nlp
    from kg.pipeline import article_graph
    from kg.readers import read_inputs

    inputs = [REPO / "examples" / "articles", DATA / "corpus",
              *sorted((REPO / "benchmarks" / "synthetic").glob("*.txt"))]
    if any(DEV.glob("*.txt")):
        generated = tmp_path_factory.mktemp("generated") / "articles.jsonl"
        generated.write_text("".join(json.dumps(r) + "\n" for r in generate(6, seed=11)))
        inputs.append(generated)
    articles = [a for a in read_inputs([str(p) for p in inputs]) if isinstance(a, Article)]
    nlp = load_nlp()
    return [article_graph(article, nlp) for article in articles]


def test_the_shipped_shapes_compile(check: CoreCheck) -> None:
    assert surely_conforms(FIXTURES["shapes/conforming/full-example.ttl"])


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_verdicts_are_pyshacls(check: CoreCheck, name: str) -> None:
    graph = FIXTURES[name]
    assert check.conforms(graph) == pyshacl_conforms(graph)


def test_fixtures_cover_both_verdicts(check: CoreCheck) -> None:
    verdicts = {check.conforms(g) for g in FIXTURES.values()}
    assert verdicts == {True, False}


@pytest.mark.slow
def test_article_graph_verdicts_are_pyshacls(check: CoreCheck, article_graphs: list[Graph]) -> None:
    assert len(article_graphs) >= 5
    for graph in article_graphs:
        assert check.conforms(graph) is True
        assert pyshacl_conforms(graph)


@pytest.mark.slow
def test_mutant_verdicts_are_pyshacls(check: CoreCheck, article_graphs: list[Graph]) -> None:
    verdicts = {True: 0, False: 0, None: 0}
    for graph in mutants(article_graphs, 160):
        fast = check.conforms(graph)
        verdicts[fast] += 1
        if fast is None:
            continue  # undecided: the gate asks pySHACL
        assert fast == pyshacl_conforms(graph), graph.serialize(format="turtle")
    assert verdicts[True] >= 10 and verdicts[False] >= 50 and verdicts[None] <= 16, verdicts


def mutants(article_graphs: list[Graph], count: int) -> list[Graph]:
    """`count` seeded mutants of the shape fixtures and (one in four) of `article_graphs`."""
    rng = random.Random(8)
    small = [g for name, g in sorted(FIXTURES.items()) if name.startswith("shapes/")]
    out = []
    for i in range(count):
        base = rng.choice(article_graphs if i % 4 == 0 else small)
        graph = Graph()
        for triple in base:
            graph.add(triple)
        for _ in range(rng.choice((1, 1, 2, 3))):
            _mutate(graph, rng)
        out.append(graph)
    return out


_CLASSES = (NKG.Person, NKG.Organization, NKG.Place, NKG.Country, NKG.Office, NKG.Agent, NKG.Meeting,
            NKG.Statement, NKG.TextSpan, NKG.Article, NKG.OfficeHolding, URIRef("http://example.org/C"))
_PREDICATES = (NKG.startDate, NKG.endDate, NKG.beginIndex, NKG.endIndex, NKG.location,
               NKG.participant, NKG.status, NKG.mode, NKG.holds, NKG.speaker, NKG.evidence,
               NKG.sourceArticle, NKG.inArticle, NKG.name, NKG.altName, NKG.exactMatch,
               NKG.jurisdiction, NKG.postIn, NKG.url, NKG.inLanguage, NKG.confidence)


def _variants(node: object) -> list:
    text = str(node)
    return [
        Literal(text), Literal(text, lang="en"), Literal(text, datatype=XSD.integer), Literal(""),
        Literal(text, datatype=XSD.date), Literal("2025-13-45", datatype=XSD.date), Literal(-1),
        Literal(5), Literal(10**6), Literal(Decimal("0.5")), Literal(Decimal("1.5")), Literal(True),
        Literal("x", datatype=XSD.nonNegativeInteger), Literal("3", datatype=XSD.nonNegativeInteger),
        Literal(2.5), Literal("2025-02-01", datatype=XSD.date), Literal(text.upper()),
        Literal("2025-02-01T10:00:00", datatype=XSD.dateTime), Literal("a" * 64), Literal("en-GB"),
        URIRef(f"http://example.org/{len(text) % 5}"), BNode(), NKG.Held, NKG.Person,
    ]


def _mutate(graph: Graph, rng: random.Random) -> None:
    triples = sorted(graph)
    if not triples:
        return
    nodes = sorted({t[0] for t in triples} | {t[2] for t in triples if not isinstance(t[2], Literal)})
    s, p, o = rng.choice(triples)
    kind = rng.randrange(7)
    if kind == 0:
        graph.remove((s, p, o))
    elif kind in (1, 2):
        if kind == 1:
            graph.remove((s, p, o))
        graph.add((s, p, rng.choice(_variants(o) + nodes)))
    elif kind == 3:
        node = rng.choice(nodes)
        if rng.random() < 0.5:
            graph.remove((node, RDF.type, None))
        graph.add((node, RDF.type, rng.choice(_CLASSES)))
    elif kind == 4:  # rename a node (to a blank node, mostly)
        node = rng.choice(nodes)
        new = BNode() if rng.random() < 0.7 else URIRef(f"{node}x")
        for t in list(graph.triples((node, None, None))):
            graph.remove(t)
            graph.add((new, t[1], t[2]))
        for t in list(graph.triples((None, None, node))):
            graph.remove(t)
            graph.add((t[0], t[1], new))
    elif kind == 5:
        graph.add((rng.choice(nodes), rng.choice(_PREDICATES), rng.choice(_variants(o) + nodes)))
    else:  # the same object under another property
        graph.remove((s, p, o))
        graph.add((s, rng.choice(_PREDICATES), o))


def test_the_gate_reports_what_pyshacl_reports() -> None:
    bad = FIXTURES["shapes/violating/article-without-body.ttl"]
    why = gate("x.txt", bad, next(bad.subjects(RDF.type, NKG.Article)))
    assert isinstance(why, str) and "x.txt: not written" in why and "nkg:body" in why
    good = FIXTURES["shapes/conforming/full-example.ttl"]
    passed = gate("y.txt", good, next(good.subjects(RDF.type, NKG.Article)))
    assert not isinstance(passed, str) and passed.graph is good and passed.dropped == ()


@pytest.mark.parametrize("extra", [
    (SH.closed, Literal(True)),
    (SH.sparql, BNode()),
    (SH.deactivated, Literal(True)),
    (SH.xone, RDF.nil),
])
def test_shapes_beyond_the_compiled_ones_are_refused(extra: tuple) -> None:
    shapes = core_only(load_shapes())
    shapes.add((URIRef("https://w3id.org/newskg/shapes#PersonShape"), *extra))
    with pytest.raises(Unsupported):
        CoreCheck.of(shapes, _hierarchy())


def test_a_graph_extending_the_hierarchy_is_left_to_pyshacl(check: CoreCheck) -> None:
    graph = Graph()
    for triple in FIXTURES["shapes/conforming/full-example.ttl"]:
        graph.add(triple)
    graph.add((URIRef("http://example.org/Minister"), RDFS.subClassOf, NKG.Person))
    assert check.conforms(graph) is None and not surely_conforms(graph)
