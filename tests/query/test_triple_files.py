"""Named questions over a Turtle or N-Triples file answer as over the store (issue 17, major 2).

A triple file holds the union of the article graphs; the named questions read each article in its
own graph (`GRAPH ?article`). `kg.query.load_files` gives the articles their graphs back, so
`kg query NAME --data g.ttl` and `kg serve g.ttl` answer what the store answers, not nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.named_queries import load_named_queries
from kg.query import load_files, render_results, run_query
from kg.search import index_statements
from tests.conftest import DATA, REPO

NKG = "https://w3id.org/newskg/ontology#"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three test articles (two share their people) and the example articles, built into a store
    and exported to Turtle, N-Triples and N-Quads."""
    folder = tmp_path_factory.mktemp("triple-files")
    store = folder / "store"
    assert main(["build", str(DATA / "corpus"), str(REPO / "examples" / "articles"),
                 "--store", str(store)]) == 0
    files = {"store": store}
    for suffix in ("ttl", "nt", "nq"):
        files[suffix] = folder / f"graph.{suffix}"
        assert main(["export", "--store", str(store), "-o", str(files[suffix])]) == 0
    return files


def _answers(store: ox.Store, name: str, **args: str) -> list[dict[str, str]]:
    index = index_statements(store)
    text, bound = load_named_queries()[name].bind(
        args, lambda claim, n: [(h.key, h.score) for h in index.search(claim, n)])
    doc = json.loads(render_results(run_query(store, text, substitutions=bound), "json"))
    return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]


def _questions(store: ox.Store) -> list[tuple[str, dict[str, str]]]:
    """Every shipped named question, with arguments that find something in these articles."""
    def first(query: str) -> str:
        return next(iter(store.query(query, use_default_graph_as_union=True)))[0].value

    person = first(f"SELECT ?p WHERE {{ ?p <{NKG}name> 'Anna Virtanen' }}")
    article = first(f"SELECT ?a WHERE {{ ?a <{NKG}headline> ?h FILTER CONTAINS(?h, 'grid link') }}")
    return [
        ("who-said", {"claim": "who said the cable must be finished"}),
        ("who-said", {"claim": "Ukraine's NATO bid is unrealistic"}),
        ("what-did-x-say-about-y", {"person": "virtanen", "topic": "cable"}),
        ("statements-by-person", {"person": person}),
        ("people-holding-office", {"title": "president"}),
        ("persons-in-article", {"article": article}),
        ("meetings-between", {"person1": "virtanen", "person2": "berger"}),
    ]


@pytest.mark.parametrize("suffix", ["ttl", "nt", "nq"])
def test_named_questions_answer_over_a_file_as_over_the_store(built, suffix):
    store = ox.Store.read_only(str(built["store"]))
    data = load_files([built[suffix]])
    questions = _questions(store)
    assert {name for name, _ in questions} == set(load_named_queries())
    for name, args in questions:
        expected = _answers(store, name, **args)
        assert expected, f"{name} {args} finds nothing in the store: pick other arguments"
        assert _answers(data, name, **args) == expected, (suffix, name, args)


def test_a_triple_file_gets_each_articles_graph_back(built):
    store = ox.Store.read_only(str(built["store"]))
    data = load_files([built["nt"]])
    articles = {g for g in store.named_graphs() if "/id/article/" in g.value}
    inputs = [*(DATA / "corpus").glob("*.txt"), *(REPO / "examples" / "articles").glob("*.txt")]
    assert len(articles) == len(inputs) and set(data.named_graphs()) == articles
    for graph in articles:
        kept = {q.triple for q in store.quads_for_pattern(None, None, None, graph)}
        got = {q.triple for q in data.quads_for_pattern(None, None, None, graph)}
        assert kept <= got
        # what the union loses: which article called a person by which other name
        assert {t.predicate.value for t in got - kept} <= {NKG + "altName"}
    # the ontology, which no article holds, stays in the default graph
    left = {q.subject.value for q in data.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert left and all(s.startswith("https://w3id.org/newskg/ontology") for s in left)


def test_kg_query_and_kg_serve_answer_who_said_over_turtle(built, kg):
    run = kg("query", "who-said", "--data", built["ttl"], "--param",
             "claim=who said the cable must be finished", "--format", "csv")
    assert run.code == 0, run.err
    assert "Anna Virtanen" in run.out.splitlines()[1]
    from server import create_app

    client = create_app(files=[built["nt"]]).test_client()
    page = client.get("/", query_string={"q": "who said the cable must be finished"})
    assert page.status_code == 200
    assert "No statement matches" not in page.get_data(as_text=True)
    assert "Anna Virtanen" in page.get_data(as_text=True)
