"""The embedded store: exact replacement, retraction that spares shared entities, the SHACL gate
before writing, and skipping unchanged articles. No spaCy: a fake extractor builds the graphs."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.identity import mint_iri, slug
from kg.model import Agent, Article, Extraction, Span, SpeechMode, Statement
from kg.namespaces import NKG, ONTOLOGY_IRI
from kg.pipeline import BuildOptions, Extractor, build
from kg.rdf import article_iri, to_graph
from kg.store import BOOKKEEPING_IRI, BuildRecord, GraphStore
from kg.validate import load_ontology

SAID = re.compile(r"^(?P<name>[A-Z]\w+ [A-Z]\w+) said that (?P<text>[^.]+)\.", re.MULTILINE)


def fake_graph(article: Article) -> Graph:
    """The graph of an article whose lines read 'First Last said that something.'"""
    agents: dict[str, Agent] = {}
    statements = []
    for m in SAID.finditer(article.body):
        name = m["name"]
        agents.setdefault(name, Agent(key=slug(name), name=name, mentions=(Span(m.start(), m.end("name")),)))
        statements.append(Statement(speaker=agents[name], text=m["text"], span=Span(m.start("text"), m.end("text")),
                                    mode=SpeechMode.INDIRECT, reporting_verb="say"))
    return to_graph(Extraction(article=article, agents=tuple(agents.values()), statements=tuple(statements)))


class CountingExtractor:
    """A fake extractor that counts the articles it was asked for."""

    def __init__(self, fingerprint: str = "fake-1", graph_of=fake_graph) -> None:
        self.calls: list[str] = []
        self._graph_of = graph_of
        self.extractor = Extractor(graph_of=self._call, fingerprint=fingerprint)

    def _call(self, article: Article) -> Graph:
        self.calls.append(article.source)
        return self._graph_of(article)


ARTICLES = {
    "a.txt": "Anna Berg said that talks would resume.\nLi Wen said that the port would reopen.\n",
    "b.txt": "Anna Berg said that the budget was final.\nOla Dahl said that taxes would fall.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def run_build(store: GraphStore, inputs: list[Path], fake: CountingExtractor, *, skip: bool = True):
    problems: list[str] = []
    summary = build([str(p) for p in inputs], options=BuildOptions(), on_problem=problems.append,
                    sink=lambda iri, g, rec: store.write_article(str(iri), g, rec),
                    is_current=store.is_current if skip else None, extractor=fake.extractor)
    return summary, problems


def quads(store: GraphStore, graph: str | None = None) -> set[ox.Quad]:
    return set(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph) if graph else None))


def iri_of(path: Path) -> str:
    from kg.readers import read_inputs

    (article,) = read_inputs([str(path)])
    return str(article_iri(article))


def test_rewriting_an_article_replaces_its_graph_exactly(tmp_path: Path):
    store = GraphStore(tmp_path / "s")
    article = Article(body="Anna Berg said that talks would resume.\nLi Wen said that it was late.\n", source="x")
    iri = str(article_iri(article))
    store.write_article(iri, fake_graph(article), BuildRecord("x", "h1", "f"))
    smaller = fake_graph(Article(body="Anna Berg said that talks would resume.\n", source="x"))
    store.write_article(iri, smaller, BuildRecord("x", "h2", "f"))
    assert {(q.subject, q.predicate, q.object) for q in quads(store, iri)} == {
        (ox.NamedNode(str(s)), ox.NamedNode(str(p)), _ox(o)) for s, p, o in smaller
    }
    assert store.record(iri) == BuildRecord("x", "h2", "f")
    # the bookkeeping is not in the store's graphs (issue 17): nothing a query reads holds it
    assert not quads(store, BOOKKEEPING_IRI)
    assert not any("h2" in str(q) for q in store.oxigraph)


def test_a_store_written_before_has_its_bookkeeping_moved_out(tmp_path: Path):
    path = tmp_path / "s"
    old = ox.Store(str(path))
    g, bk, build = ox.NamedNode("https://w3id.org/newskg/id/article/a"), ox.NamedNode(BOOKKEEPING_IRI), \
        "https://w3id.org/newskg/build#"
    old.extend([ox.Quad(g, ox.NamedNode("http://example.org/p"), ox.Literal("x"), g)] + [
        ox.Quad(g, ox.NamedNode(build + k), ox.Literal(v), bk)
        for k, v in (("source", "/home/me/news/a.txt"), ("inputSha256", "h"), ("fingerprint", "f"))])
    old.flush()
    del old
    reader = GraphStore(path, read_only=True)  # read-only: still read where it was
    assert reader.bookkeeping_public and reader.record(g.value) == BuildRecord("/home/me/news/a.txt", "h", "f")
    assert reader.resolve("/home/me/news") == [g.value]
    del reader
    store = GraphStore(path)  # opened for writing: moved out
    assert not store.bookkeeping_public and not quads(store, BOOKKEEPING_IRI)
    assert store.record(g.value) == BuildRecord("/home/me/news/a.txt", "h", "f")
    assert store.resolve("/home/me/news/a.txt") == [g.value]
    assert store.remove_articles([g.value]) == 1 and store.record(g.value) is None


def _ox(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))


def test_removing_an_article_keeps_what_another_article_supports(kg, corpus: Path, tmp_path: Path):
    store_dir = tmp_path / "store"
    store = GraphStore(store_dir)
    store.ensure_ontology(load_ontology())
    summary, problems = run_build(store, [corpus], CountingExtractor())
    assert (summary.written, problems) == (2, [])
    a, b = iri_of(corpus / "a.txt"), iri_of(corpus / "b.txt")
    berg, li = mint_iri("person", "anna-berg"), mint_iri("person", "li-wen")
    union = "SELECT ?name WHERE { GRAPH ?g { <%s> <%s> ?name } }"
    del store

    run = kg("remove", a, "--store", store_dir)
    assert run.code == 0 and "1 article(s) removed" in run.err, run.err
    store = GraphStore(store_dir)
    assert set(store.article_graphs()) == {b}
    assert store.record(a) is None and store.record(b) is not None
    # Anna Berg is quoted in both articles: her node survives through b's graph; Li Wen only in a
    assert [s["name"].value for s in store.oxigraph.query(union % (berg, NKG.name))] == ["Anna Berg"]
    assert ox.Quad(ox.NamedNode(str(berg)), ox.NamedNode(str(RDF.type)), ox.NamedNode(str(NKG.Person)),
            ox.NamedNode(b)) in quads(store, b)
    assert not list(store.oxigraph.query(union % (li, NKG.name)))
    assert store.oxigraph.contains_named_graph(ox.NamedNode(ONTOLOGY_IRI))


def test_remove_by_source_path_and_identifier(kg, corpus: Path, tmp_path: Path):
    store = GraphStore(tmp_path / "store")
    run_build(store, [corpus], CountingExtractor())
    # an identifier, as JSON feeds give them (here written straight into a graph)
    tagged = Article(body="Ola Dahl said that it rained.\n", source="feed.jsonl:3", identifier="wire-42")
    store.write_article(str(article_iri(tagged)), fake_graph(tagged), BuildRecord("feed.jsonl:3", "h", "f"))
    assert store.resolve("wire-42") == [str(article_iri(tagged))]
    assert store.resolve(str(corpus / "a.txt")) == [iri_of(corpus / "a.txt")]
    assert sorted(store.resolve(str(corpus))) == sorted([iri_of(corpus / "a.txt"), iri_of(corpus / "b.txt")])
    del store
    assert kg("remove", "wire-42", corpus / "b.txt", "--store", tmp_path / "store").code == 0
    assert list(GraphStore(tmp_path / "store").article_graphs()) == [iri_of(corpus / "a.txt")]


def test_remove_names_what_it_cannot_find_and_removes_nothing(kg, corpus: Path, tmp_path: Path):
    store = GraphStore(tmp_path / "store")
    run_build(store, [corpus], CountingExtractor())
    del store
    run = kg("remove", corpus / "a.txt", "no-such-article", "--store", tmp_path / "store")
    assert run.code == 2
    assert run.err == (f"kg: no-such-article: no such article in {tmp_path / 'store'} (not an article "
                       f"IRI, identifier or source of one); nothing removed\n")
    assert len(list(GraphStore(tmp_path / "store").article_graphs())) == 2
    run = kg("remove", "x", "--store", tmp_path / "missing")
    assert run.code == 2 and run.err.startswith("kg: ") and "no store here" in run.err


def test_a_statement_that_breaks_the_shapes_is_dropped_and_the_article_written(corpus: Path,
                                                                              tmp_path: Path):
    def broken_for_b(article: Article) -> Graph:
        graph = fake_graph(article)
        if "budget" in article.body:  # b.txt: a statement loses its speaker
            graph.remove((None, NKG.speaker, None))
        return graph

    store = GraphStore(tmp_path / "store")
    summary, problems = run_build(store, [corpus], CountingExtractor(graph_of=broken_for_b))
    assert (summary.written, summary.skipped) == (2, 0)
    (problem,) = problems
    statements = summary.statements
    assert problem.startswith(f"{corpus / 'b.txt'}: written with {summary.nodes_dropped} node")
    assert "nkg:speaker" in problem
    b = iri_of(corpus / "b.txt")
    assert set(store.article_graphs()) == {iri_of(corpus / "a.txt"), b}
    assert store.record(b) is not None
    assert summary.nodes_dropped >= 1 and statements >= 1  # a.txt's statements stay


def test_a_graph_whose_article_breaks_the_shapes_is_reported_and_not_written(corpus: Path,
                                                                             tmp_path: Path):
    def broken_for_b(article: Article) -> Graph:
        graph = fake_graph(article)
        if "budget" in article.body:  # b.txt: the article node loses its body
            graph.remove((None, NKG.body, None))
        return graph

    store = GraphStore(tmp_path / "store")
    summary, problems = run_build(store, [corpus], CountingExtractor(graph_of=broken_for_b))
    assert (summary.written, summary.skipped) == (1, 1)
    (problem,) = problems
    assert problem.startswith(f"{corpus / 'b.txt'}: not written, its graph breaks ")
    assert "nkg:body" in problem
    assert list(store.article_graphs()) == [iri_of(corpus / "a.txt")]
    assert store.record(iri_of(corpus / "b.txt")) is None  # so a rerun tries it again


def test_a_rerun_skips_unchanged_articles_and_rebuilds_changed_ones(corpus: Path, tmp_path: Path):
    store = GraphStore(tmp_path / "store")
    first = CountingExtractor()
    run_build(store, [corpus], first)
    before = quads(store)
    again = CountingExtractor()
    summary, _ = run_build(store, [corpus], again)
    assert (summary.unchanged, summary.written, again.calls) == (2, 0, [])
    assert quads(store) == before

    (corpus / "b.txt").write_text("Ola Dahl said that taxes would rise.\n")
    changed = CountingExtractor()
    summary, _ = run_build(store, [corpus], changed)
    assert (summary.unchanged, summary.written) == (1, 1) and changed.calls == [str(corpus / "b.txt")]

    new_code = CountingExtractor(fingerprint="fake-2")  # a new extractor rebuilds everything
    assert run_build(store, [corpus], new_code)[0].written == 2
    forced = CountingExtractor(fingerprint="fake-2")
    assert run_build(store, [corpus], forced, skip=False)[0].written == 2


def test_store_errors_are_store_errors(tmp_path: Path):
    from kg.errors import StoreError

    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(StoreError, match="cannot open the store"):
        GraphStore(tmp_path / "file")
    with pytest.raises(StoreError, match="no store here"):
        GraphStore(tmp_path / "nothing", read_only=True)


def test_build_target_usage_errors(kg, corpus: Path, tmp_path: Path):
    run = kg("build", corpus, "--store", tmp_path / "s", "--endpoint", "http://127.0.0.1:9/x")
    assert run.code == 2 and "either --store or --endpoint, not both" in run.err
    run = kg("build", corpus, "--endpoint", "ftp://example.org/sparql")
    assert (run.code, run.err) == (2, "kg: ftp://example.org/sparql: not an http(s) URL of a SPARQL endpoint\n")
    from tests.triplestores import free_port

    closed = f"http://127.0.0.1:{free_port()}/store"
    run = kg("build", corpus, "--endpoint", closed)
    assert run.code == 2 and run.err.startswith(f"kg: {closed}: cannot reach the endpoint: ")
    assert run.err.count("\n") == 1


class _Counting:
    """A pyoxigraph store that counts its flushes (pyoxigraph's own methods cannot be patched)."""

    def __init__(self, store: ox.Store) -> None:
        self.store, self.flushes = store, 0

    def flush(self) -> None:
        self.flushes += 1
        self.store.flush()

    def __getattr__(self, name: str):
        return getattr(self.store, name)


def test_writes_flush_the_write_buffers_now_and_then(tmp_path: Path, monkeypatch):
    """Without flushes RocksDB's write buffers grew a 10,000-article build's writer to 2.2 GB;
    a flush every FLUSH_BYTES written keeps it flat (benchmarks/store_write.py prints the RSS)."""
    import kg.store

    store = GraphStore(tmp_path / "s")
    counting = _Counting(store.oxigraph)
    store._store = counting  # type: ignore[assignment]
    article = Article(body="Anna Berg said that talks would resume.\n", source="x")
    graph = fake_graph(article)
    size = len(graph.serialize(format="nt"))
    monkeypatch.setattr(kg.store, "FLUSH_BYTES", 3 * size)
    for n in range(6):
        store.write_article(f"https://example.org/a{n}", graph, BuildRecord(f"x{n}", "h", "f"))
    assert counting.flushes == 2  # every third article's worth of bytes, new graphs and rewrites alike
    store.write_article("https://example.org/a0", graph, BuildRecord("x0", "h2", "f"))
    assert len(quads(store, "https://example.org/a0")) == len(graph)


def test_ctrl_c_waits_until_the_graph_and_its_record_are_written():
    import os
    import signal
    import threading
    import time

    from kg.store import _uninterrupted

    order = []
    with pytest.raises(KeyboardInterrupt):
        with _uninterrupted():
            threading.Thread(target=os.kill, args=(os.getpid(), signal.SIGINT)).start()
            time.sleep(0.2)
            order.append("written")
    assert order == ["written"]
