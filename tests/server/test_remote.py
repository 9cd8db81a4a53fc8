"""`kg serve --endpoint URL`: the app over a real `oxigraph serve` holding the seed's graph.

The seed store (examples/articles, built with `kg build`) is exported with `kg export` and loaded
into an Oxigraph server on 127.0.0.1 (union default graph, as newskg's store presents it). The
app over that endpoint must answer what the app over the store answers: queries in each format,
named questions (who-said through the index built from the endpoint's statements), pages; with
the same guards, the time limit as an HTTP timeout, and a 502 naming the endpoint when it fails.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from rdflib import Graph, Literal, URIRef

from kg.errors import ConfigError
from server import create_app
from server.settings import Settings
from tests.query.test_named_queries import SEED_CLAIM, seed_store
from tests.server.test_clients import HANG, LONG_LIMIT, RUNAWAY, kg_serve
from tests.server.test_safety import TOO_DEEP_OR_LONG
from tests.triplestores import OxigraphServer, assert_endpoint_down, free_port

NKG = "https://w3id.org/newskg/ontology#"
PERSON = "https://w3id.org/newskg/id/person/pete-hegseth"
NAMES = f"PREFIX nkg: <{NKG}> SELECT DISTINCT ?name WHERE {{ ?p a nkg:Person ; nkg:name ?name }} ORDER BY ?name"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.cli import main

    path = tmp_path_factory.mktemp("remote") / "seed.nq"
    assert main(["export", "--store", str(seed_store()), "-o", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def remote(exported: Path) -> Iterator[str]:
    server = OxigraphServer(exported.parent / "oxigraph")
    server.load(exported)
    # the server's own timeout bounds the queries the app abandons at its time limit
    server.start("--union-default-graph", "--timeout-s", "10")
    try:
        yield server.base + "/query"
    finally:
        server.stop()


@pytest.fixture(scope="module")
def client(remote: str):
    return create_app(endpoint=remote, settings=Settings(time_limit=2)).test_client()


@pytest.fixture(scope="module")
def local():
    return create_app(store=seed_store()).test_client()


def bindings(response) -> list[dict]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["results"]["bindings"]


def test_select_in_json_and_csv(client, local):
    r = client.get("/sparql", query_string={"query": NAMES})
    assert r.mimetype == "application/sparql-results+json"
    names = [b["name"]["value"] for b in bindings(r)]
    assert "Pete Hegseth" in names
    assert names == [b["name"]["value"] for b in bindings(local.get("/sparql", query_string={"query": NAMES}))]
    r = client.post("/sparql", data={"query": NAMES}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.get_data(as_text=True).splitlines() == ["name", *names]


def test_construct_in_turtle(client):
    query = f"PREFIX nkg: <{NKG}> CONSTRUCT {{ ?p nkg:name ?n }} WHERE {{ ?p a nkg:Person ; nkg:name ?n }}"
    r = client.post("/sparql", data=query, content_type="application/sparql-query",
                    headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    graph = Graph().parse(data=r.get_data(as_text=True), format="turtle")
    assert (URIRef(PERSON), URIRef(NKG + "name"), Literal("Pete Hegseth")) in graph


def test_ask_and_relative_iris_resolve_against_the_instance_base(client):
    r = client.get("/sparql", query_string={"query": "ASK { <person/pete-hegseth> ?p ?o }"})
    assert r.status_code == 200 and r.get_json() == {"head": {}, "boolean": True}


def test_dataset_parameters_are_passed_on(client, local):
    article = bindings(local.get("/sparql", query_string={
        "query": f"SELECT ?a WHERE {{ ?a a <{NKG}Article> }} LIMIT 1"}))[0]["a"]["value"]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    for query, name in ((count, "default-graph-uri"), (graphs, "named-graph-uri")):
        args = {"query": query, name: article}
        assert bindings(client.get("/sparql", query_string=args)) == bindings(local.get("/sparql", query_string=args))
    assert [b["g"]["value"] for b in bindings(client.get("/sparql", query_string={
        "query": graphs, "named-graph-uri": article}))] == [article]


def test_who_said_answers_hegseth_first(client):
    rows = bindings(client.get("/queries/who-said", query_string={"claim": "Ukraine's NATO bid is unrealistic"}))
    assert rows[0]["speakerName"]["value"] == "Pete Hegseth"


@pytest.mark.parametrize("name,args", [
    ("who-said", {"claim": SEED_CLAIM}),
    ("statements-by-person", {"person": PERSON}),
    ("people-holding-office", {"title": "secretary"}),
    ("meetings-between", {"person1": "trump", "person2": "putin"}),
    ("what-did-x-say-about-y", {"person": "hegseth", "topic": "NATO"}),
])
def test_named_questions_answer_as_over_the_store(client, local, name, args):
    expected = bindings(local.get(f"/queries/{name}", query_string=args))
    assert expected
    got = bindings(client.get(f"/queries/{name}", query_string=args))
    assert sorted(json.dumps(row, sort_keys=True) for row in got) == \
        sorted(json.dumps(row, sort_keys=True) for row in expected)


def test_person_page_and_rdf(client):
    r = client.get("/id/person/pete-hegseth", headers={"Accept": "text/html"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert "Pete Hegseth" in html and "/id/statement/" in html  # his statements link to their pages
    r = client.get("/id/person/pete-hegseth", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and r.mimetype == "application/n-triples"
    graph = Graph().parse(data=r.get_data(as_text=True), format="nt")
    assert (URIRef(PERSON), URIRef(NKG + "name"), Literal("Pete Hegseth")) in graph
    assert client.get("/id/person/nobody-at-all", headers={"Accept": "text/html"}).status_code == 404
    page = client.get("/", query_string={"q": SEED_CLAIM}).get_data(as_text=True)
    assert "Pete Hegseth" in page.split('class="answer"', 2)[1]


def test_guards_apply_before_the_endpoint(client, remote):
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 400 and "SERVICE is refused" in r.get_data(as_text=True)
    r = client.post("/sparql", data="INSERT DATA { <a:b> <a:c> <a:d> }", content_type="application/sparql-update")
    assert r.status_code == 400
    r = client.get("/sparql", query_string={"query": "DELETE WHERE { ?s ?p ?o }"})
    assert r.status_code == 400 and "SPARQL Update" in r.get_data(as_text=True)
    r = client.post("/update", data="INSERT DATA { <a:b> <a:c> <a:d> }", content_type="application/sparql-update")
    assert r.status_code == 404 and "remote endpoint read-only" in r.get_data(as_text=True)
    # a query the endpoint rejects stays the client's 400, naming the endpoint
    r = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s undeclared:p ?o }"})
    text = r.get_data(as_text=True)
    assert r.status_code == 400 and text.startswith(f"{remote} rejected the query: HTTP 400")
    assert text.count("\n") == 1


def test_deep_queries_never_reach_the_endpoint(client, remote):
    """Oxigraph's server aborts on them (and answered 502 to everything after, issue 18)."""
    for name, query in TOO_DEEP_OR_LONG.items():
        r = client.post("/sparql", data=query, content_type="application/sparql-query")
        assert r.status_code == 400 and "KG_MAX_QUERY" in r.get_data(as_text=True), name
    assert requests.get(remote, params={"query": "ASK { ?s ?p ?o }"}, timeout=10).status_code == 200
    assert "Pete Hegseth" in [b["name"]["value"] for b in bindings(
        client.get("/sparql", query_string={"query": NAMES}))]


def test_a_result_over_the_size_limit_is_422(remote):
    small = create_app(endpoint=remote, settings=Settings(max_result_bytes=2000)).test_client()
    r = small.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 422 and "larger than the limit" in r.get_data(as_text=True)


def test_an_answer_in_another_format_is_converted(client):
    backend = client.application.extensions["newskg"]
    body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"a,b"}}]}}'
    assert backend._convert("solutions", "application/sparql-results+json", "json", body, "csv") == b'x\r\n"a,b"\r\n'
    turtle = backend._convert("graph", "application/n-triples", "ntriples", b"<http://x/a> <http://x/b> <http://x/c> .\n",
                              "turtle")
    assert len(Graph().parse(data=turtle.decode(), format="turtle")) == 1


def test_the_endpoint_down_is_a_one_line_502(tmp_path: Path):
    server = OxigraphServer(tmp_path / "empty").start("--union-default-graph")
    url = server.base + "/query"
    try:
        app = create_app(endpoint=url).test_client()
        assert app.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    finally:
        server.stop()
    assert_endpoint_down(app, url)


def test_an_endpoint_without_the_union_default_graph_is_refused_at_start(exported: Path, tmp_path: Path):
    server = OxigraphServer(tmp_path / "plain")
    server.load(exported)
    server.start()
    try:
        with pytest.raises(ConfigError, match="--union-default-graph"):
            create_app(endpoint=server.base + "/query")
    finally:
        server.stop()


def test_updates_are_refused_over_an_endpoint():
    with pytest.raises(ConfigError, match="not offered over a remote endpoint"):
        create_app(endpoint="http://127.0.0.1:9/query", settings=Settings(update_token="secret"))


# -- kg serve --endpoint, on gunicorn -------------------------------------------------------------


def test_kg_serve_endpoint_bounds_a_runaway_query_while_answering_others(remote):
    """Other clients are answered while a runaway waits for the remote endpoint (before its
    503), and the runaway gets a 503 at the time limit."""
    with kg_serve("--workers", "1", "--time-limit", str(LONG_LIMIT), source=("--endpoint", remote)) as url:
        result: dict[str, object] = {}

        def runaway() -> None:
            r = requests.post(url + "/sparql", data=RUNAWAY, timeout=HANG,
                              headers={"Content-Type": "application/sparql-query"})
            result.update(status=r.status_code, text=r.text)

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.3)  # the runaway reaches the endpoint
        for _ in range(3):
            r = requests.get(url + "/queries/who-said", params={"claim": SEED_CLAIM}, timeout=HANG)
            assert r.status_code == 200 and r.json()["results"]["bindings"][0]["speakerName"]["value"] == "Pete Hegseth"
        assert thread.is_alive(), "the other client was answered only after the runaway's 503"
        thread.join(HANG)
        assert result["status"] == 503, result
        assert f"time limit of {LONG_LIMIT} s" in str(result["text"])


def test_kg_serve_endpoint_help(kg):
    run = kg("serve", "--help")
    assert run.code == 0 and "--endpoint URL" in run.out and "kg serve --endpoint" in run.out


def test_kg_serve_endpoint_is_exclusive_with_store_and_files(kg, tmp_path: Path):
    data = tmp_path / "g.ttl"
    data.write_text("")
    for args in (("--store", str(tmp_path), "--endpoint", "http://127.0.0.1:9/query"),
                 (str(data), "--endpoint", "http://127.0.0.1:9/query"),
                 (str(data), "--store", str(tmp_path))):
        run = kg("serve", *args)
        assert run.code == 2 and "cannot be combined" in run.err, args


def test_kg_serve_endpoint_unreachable_at_start_is_one_line(kg):
    url = f"http://127.0.0.1:{free_port()}/query"
    run = kg("serve", "--endpoint", url, "--port", str(free_port()))
    assert run.code == 2
    assert run.err.startswith(f"kg: {url}: cannot reach the endpoint") and run.err.count("\n") == 1
    run = kg("serve", "--endpoint", "ftp://example.org/sparql")
    assert run.code == 2 and "not an http(s) URL" in run.err
