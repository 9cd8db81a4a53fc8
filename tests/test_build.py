"""`kg build` end to end: articles in, a validated graph out, bad inputs reported and skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS, RDF

from kg.namespaces import NKG
from tests.conftest import REPO

EXAMPLES = REPO / "examples" / "articles"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.cli import main

    out = tmp_path_factory.mktemp("build") / "graph.trig"
    assert main(["build", str(EXAMPLES), "-o", str(out)]) == 0
    return out


def test_build_writes_one_named_graph_per_article_that_validates(built: Path, kg):
    ds = Dataset()
    ds.parse(built, format="trig")
    graphs = [g for g in ds.graphs() if len(g) and (None, RDF.type, NKG.Article) in g]
    assert len(graphs) == len(list(EXAMPLES.glob("*.txt")))
    run = kg("validate", built)
    assert run.code == 0, run.out


def test_seed_article_metadata(built: Path):
    ds = Dataset(default_union=True)
    ds.parse(built, format="trig")
    (article,) = ds.subjects(DCTERMS.identifier, Literal("seed-aljazeera-trump-putin-call"))
    assert str(ds.value(ds.value(article, NKG.publisher), NKG.name)) == "Al Jazeera English"
    assert "Advertisement" not in str(ds.value(article, NKG.body))


def test_build_into_store_then_query(kg, tmp_path: Path):
    store = tmp_path / "store"
    run = kg("build", EXAMPLES, "--store", store)
    assert run.code == 0, run.err
    assert "written" in run.err
    q = "PREFIX nkg: <https://w3id.org/newskg/ontology#> SELECT (COUNT(?s) AS ?n) WHERE { ?s a nkg:Statement }"
    doc = json.loads(kg("query", q, "--store", store, "--format", "json").out)
    assert int(doc["results"]["bindings"][0]["n"]["value"]) > 0
    # rebuilding replaces the article graphs: same number of quads
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = kg("query", count, "--store", store, "--format", "csv").out
    assert kg("build", EXAMPLES, "--store", store).code == 0
    assert kg("query", count, "--store", store, "--format", "csv").out == before


def test_bad_inputs_are_reported_and_the_rest_is_built(kg, tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "g.nq"
    run = kg("build", tmp_path / "empty.txt", tmp_path / "binary.txt", EXAMPLES, "-o", out)
    assert run.code == 3
    problems = [line for line in run.err.splitlines()
                if line.startswith("kg: ") and ("empty.txt" in line or "binary.txt" in line)]
    assert len(problems) == 2, run.err
    assert ", 2 skipped;" in run.err
    assert out.stat().st_size > 0


def test_usage_errors(kg, tmp_path: Path):
    assert kg("build").code == 2
    run = kg("build", EXAMPLES, "--store", tmp_path / "s", "-o", tmp_path / "g.ttl")
    assert run.code == 2 and "not both" in run.err
    assert kg("build", EXAMPLES, "--field", "nonsense").code == 2
