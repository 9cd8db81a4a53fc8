"""`kg export` in every format: what goes in comes out (parsed back by Oxigraph and by rdflib),
triple formats write a shared triple once, and the bookkeeping graph stays home."""

from __future__ import annotations

import json
from dataclasses import replace
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from kg.export import CONTEXT_FILE, FORMATS
from kg.rdf import article_iri, to_graph
from kg.store import BOOKKEEPING_IRI, BuildRecord, GraphStore
from kg.validate import load_ontology
from tests.rdf.test_rdf import extraction

SUFFIX = {"nquads": "nq", "trig": "trig", "jsonld": "jsonld", "turtle": "ttl", "ntriples": "nt",
          "rdfxml": "rdf"}
RDFLIB = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "turtle": "turtle",
          "ntriples": "nt", "rdfxml": "xml"}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two articles that share persons and offices, the ontology, and build records."""
    path = tmp_path_factory.mktemp("export") / "store"
    store = GraphStore(path)
    store.ensure_ontology(load_ontology())
    first = extraction()
    second = replace(first, article=replace(first.article, url="https://example.org/b", identifier="b"))
    for ex in (first, second):
        store.write_article(str(article_iri(ex.article)), to_graph(ex), BuildRecord("x", "h", "f"))
    store.flush()
    return path


def data_quads(store_dir: Path) -> set[ox.Quad]:
    store = GraphStore(store_dir, read_only=True).oxigraph
    return {q for q in store.quads_for_pattern(None, None, None, None)
            if q.graph_name != ox.NamedNode(BOOKKEEPING_IRI)}


def test_the_store_shares_triples_between_graphs(store_dir: Path):
    quads = data_quads(store_dir)
    triples = {q.triple for q in quads}
    assert len(triples) <= len(quads) - 30  # persons, offices, countries are in both article graphs


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_round_trip(kg, store_dir: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"export.{SUFFIX[fmt]}"
    run = kg("export", "--store", store_dir, "-o", out)
    assert run.code == 0, run.err
    expected = data_quads(store_dir)
    rdf_format, keeps_graphs = FORMATS[fmt]
    parsed = list(ox.parse(path=out, format=rdf_format))
    if keeps_graphs:
        assert set(parsed) == expected
        assert len(parsed) == len(expected)
    else:
        assert {q.triple for q in parsed} == {q.triple for q in expected}
        assert len(parsed) == len({q.triple for q in expected}), "a shared triple was written twice"
    # a second, independent parser reads the same number of statements
    ds = Dataset()
    ds.parse(out, format=RDFLIB[fmt])
    assert len(list(ds.quads((None, None, None, None)))) == len(set(parsed))


def test_export_to_stdout_and_by_format_option(kg, store_dir: Path):
    run = kg("export", "--store", store_dir, "-o", "-", "--format", "ntriples")
    assert run.code == 0
    assert len(run.out.splitlines()) == len({q.triple for q in data_quads(store_dir)})
    assert BOOKKEEPING_IRI not in run.out


def test_export_errors_are_one_line(kg, store_dir: Path, tmp_path: Path):
    run = kg("export", "--store", store_dir, "-o", tmp_path / "no" / "such" / "dir.nq")
    assert run.code == 2 and run.err.startswith("kg: ") and run.err.count("\n") == 1, run.err
    run = kg("export", "--store", tmp_path / "nothing", "-o", tmp_path / "x.nq")
    assert run.code == 2 and "no store here" in run.err
    assert not (tmp_path / "x.nq").exists() and not list(tmp_path.glob("*.partial"))


def test_published_context_compacts_the_json_ld_export(kg, store_dir: Path, tmp_path: Path):
    out = tmp_path / "export.jsonld"
    assert kg("export", "--store", store_dir, "-o", out).code == 0
    context = json.loads(CONTEXT_FILE.read_text())["@context"]
    ds = Dataset()
    ds.parse(out, format="json-ld")
    graph = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
    compact = graph.serialize(format="json-ld", context=context, auto_compact=True)
    assert '"name": "Anna Berg"' in compact and '"speaker": "https://w3id.org/newskg/id/person/anna-berg"' in compact
    again = Graph().parse(data=compact, format="json-ld")
    assert set(again) == set(graph)


def test_context_names_every_ontology_term():
    from rdflib.namespace import OWL, RDF

    ontology = load_ontology()
    ns = "https://w3id.org/newskg/ontology#"
    terms = {str(t)[len(ns):] for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for t in ontology.subjects(RDF.type, kind) if str(t).startswith(ns)}
    context = json.loads(CONTEXT_FILE.read_text())["@context"]
    assert terms and terms <= set(context), sorted(terms - set(context))


def test_distinct_triples_with_default_graph_blank_nodes_and_bookkeeping():
    from kg.export import distinct_triples

    n = ox.NamedNode
    a, b, c, g1, g2 = n("http://a"), n("http://b"), n("http://c"), n("http://g1"), n("http://g2")
    store = ox.Store()
    store.extend([ox.Quad(a, b, c, g1), ox.Quad(a, b, c, g2), ox.Quad(a, b, c), ox.Quad(c, b, a),
                  ox.Quad(a, b, ox.Literal("x"), g2), ox.Quad(ox.BlankNode("x"), b, c, g1),
                  ox.Quad(a, b, ox.Literal("record"), n(BOOKKEEPING_IRI))])
    triples = list(distinct_triples(store))
    assert len(triples) == len(set(triples)) == 4
    assert set(triples) == {ox.Triple(a, b, c), ox.Triple(c, b, a), ox.Triple(a, b, ox.Literal("x")),
                            ox.Triple(ox.BlankNode("x"), b, c)}


# -- exporting a store that another process is writing --------------------------------------------


def vanish_a_file(store: Path) -> None:
    """Delete one table file, as a writer's compaction does under a reader that opens the store
    meanwhile (RocksDB then reports "Corruption: ... No such file")."""
    next(iter(sorted(store.glob("*.sst")))).unlink()


@pytest.fixture
def store_copy(store_dir: Path, tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(store_dir, tmp_path / "store"))


@pytest.fixture
def writer(store_copy: Path) -> Iterator[int]:
    """Another process holding the store open for writing, as `kg build` does, while one of its
    files vanishes; yields the writer's pid."""
    import subprocess
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("the writer is recognised by its lock on Linux only")
    code = "import pyoxigraph as ox, sys; s = ox.Store(sys.argv[1]); print('open', flush=True); sys.stdin.read()"
    proc = subprocess.Popen([sys.executable, "-c", code, str(store_copy)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "open\n"
        vanish_a_file(store_copy)
        yield proc.pid
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)


def test_export_while_a_writer_runs_names_the_store_and_the_writer(kg, store_copy: Path, writer: int,
                                                                   tmp_path: Path):
    out = tmp_path / "x.nq"
    run = kg("export", "--store", store_copy, "-o", out)
    assert run.code == 2 and run.err.count("\n") == 1, run.err
    assert run.err.startswith(f"kg: {store_copy}: cannot read the store while process {writer} writes it")
    assert "run again when the writer has finished, or stop it" in run.err
    assert "internal error" not in run.err and "Corruption" not in run.err
    assert not out.exists() and not list(tmp_path.glob("*.partial"))


def test_export_of_a_store_with_vanished_files_blames_a_writer_then_damage(kg, store_copy: Path,
                                                                            tmp_path: Path):
    vanish_a_file(store_copy)
    run = kg("export", "--store", store_copy, "-o", tmp_path / "x.nq")
    assert run.code == 2 and run.err.count("\n") == 1, run.err
    assert run.err.startswith(f"kg: {store_copy}: cannot read the store: its files changed")
    assert "another process (`kg build`, `kg remove`) was writing it" in run.err
    assert "internal error" not in run.err


def test_a_file_vanishing_during_the_export_is_a_read_error_not_a_write_error(
        kg, store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from kg import export

    def vanishing(store: ox.Store) -> Iterator[ox.Quad]:
        yield from list(store.quads_for_pattern(None, None, None, None))[:3]
        raise FileNotFoundError("IO error: No such file or directory: While open a file for random "
                                "read: store/000115.sst: No such file or directory")

    monkeypatch.setattr(export, "data_quads", vanishing)
    out = tmp_path / "x.nq"
    run = kg("export", "--store", store_dir, "-o", out)
    assert run.code == 2 and run.err.count("\n") == 1, run.err
    assert run.err.startswith(f"kg: {store_dir}: cannot read the store: its files changed")
    assert "cannot write" not in run.err
    assert not out.exists() and not list(tmp_path.glob("*.partial"))
