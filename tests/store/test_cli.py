"""The embedded store, `kg query` and `kg export`, on a store written from a hand-made extraction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset

from kg.rdf import article_iri, to_graph
from kg.store import GraphStore
from kg.validate import load_ontology
from tests.rdf.test_rdf import extraction

PERSONS = "PREFIX nkg: <https://w3id.org/newskg/ontology#> SELECT ?name WHERE { ?p a nkg:Person ; nkg:name ?name } ORDER BY ?name"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    store = GraphStore(path)
    store.ensure_ontology(load_ontology())
    ex = extraction()
    store.replace_graph(article_iri(ex.article), to_graph(ex))
    store.flush()
    del store
    return path


def test_replacing_an_article_graph_is_idempotent(tmp_path: Path):
    store = GraphStore(tmp_path / "s")
    ex = extraction()
    iri, graph = article_iri(ex.article), to_graph(ex)
    store.replace_graph(iri, graph)
    first = set(store.oxigraph.quads_for_pattern(None, None, None, None))
    store.replace_graph(iri, graph)
    assert set(store.oxigraph.quads_for_pattern(None, None, None, None)) == first
    assert len(first) == len(graph)
    assert list(store.graphs()) == [str(iri)]


def test_query_store_as_table_and_json(kg, store_dir: Path):
    run = kg("query", PERSONS, "--store", store_dir)
    assert run.code == 0, run.err
    assert run.out.splitlines()[1:3] == ["Anna Berg", "Li Wen"] and "(2 rows)" in run.out
    run = kg("query", PERSONS, "--store", store_dir, "--format", "json")
    names = [b["name"]["value"] for b in json.loads(run.out)["results"]["bindings"]]
    assert names == ["Anna Berg", "Li Wen"]


def test_query_from_rq_file_over_data_files(kg, tmp_path: Path):
    data = tmp_path / "g.ttl"
    to_graph(extraction()).serialize(data, format="turtle")
    rq = tmp_path / "persons.rq"
    rq.write_text(PERSONS)
    run = kg("query", rq, "--data", data, "--format", "csv")
    assert run.code == 0 and run.out.replace("\r", "").splitlines() == ["name", "Anna Berg", "Li Wen"]


def test_query_errors_are_one_line_exit_2(kg, store_dir: Path, tmp_path: Path):
    run = kg("query", "SELEKT ?x WHERE {}", "--store", store_dir)
    assert run.code == 2 and run.err.startswith("kg: invalid SPARQL") and run.err.count("\n") == 1
    run = kg("query", PERSONS, "--store", tmp_path / "missing")
    assert run.code == 2 and "no store here" in run.err


@pytest.mark.parametrize("suffix,fmt", [(".nq", "nquads"), (".trig", "trig")])
def test_export_keeps_one_named_graph_per_article(kg, store_dir: Path, tmp_path: Path, suffix, fmt):
    out = tmp_path / f"export{suffix}"
    assert kg("export", "--store", store_dir, "-o", out).code == 0
    ds = Dataset()
    ds.parse(out, format=fmt)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert str(article_iri(extraction().article)) in names
    assert "https://w3id.org/newskg/ontology" in names


def test_export_turtle_validates(kg, store_dir: Path, tmp_path: Path):
    out = tmp_path / "export.ttl"
    assert kg("export", "--store", store_dir, "-o", out).code == 0
    assert kg("validate", out).code == 0
