"""The SPARQL endpoint answers queries over RDF files and reports bad ones with 400."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.rdf import to_graph
from server import create_app
from tests.rdf.test_rdf import extraction

Q = "PREFIX nkg: <https://w3id.org/newskg/ontology#> SELECT ?name WHERE { ?p a nkg:Person ; nkg:name ?name } ORDER BY ?name"


@pytest.fixture
def client(tmp_path: Path):
    data = tmp_path / "g.ttl"
    to_graph(extraction()).serialize(data, format="turtle")
    return create_app(files=[data]).test_client()


def names(doc: dict) -> list[str]:
    return [b["name"]["value"] for b in doc["results"]["bindings"]]


def test_get_post_form_and_post_query(client):
    assert names(client.get("/sparql", query_string={"query": Q}).get_json()) == ["Anna Berg", "Li Wen"]
    assert names(client.post("/sparql", data={"query": Q}).get_json()) == ["Anna Berg", "Li Wen"]
    r = client.post("/sparql", data=Q, content_type="application/sparql-query")
    assert r.mimetype == "application/sparql-results+json" and names(r.get_json()) == ["Anna Berg", "Li Wen"]


def test_content_negotiation(client):
    r = client.get("/sparql", query_string={"query": Q}, headers={"Accept": "text/csv"})
    assert r.mimetype == "text/csv" and r.get_data(as_text=True).splitlines()[0] == "name"
    r = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s a ?t } LIMIT 1"},
                   headers={"Accept": "application/n-triples"})
    assert r.mimetype == "application/n-triples" and r.get_data(as_text=True).count(" .\n") == 1


def test_syntax_error_is_400_with_message(client):
    r = client.get("/sparql", query_string={"query": "SELEKT"})
    assert r.status_code == 400 and "invalid SPARQL" in r.get_data(as_text=True)


def test_missing_query_is_400(client):
    assert client.post("/sparql", data={"other": "x"}).status_code == 400


# The lean path of GET /sparql (server.sparql_endpoint.LeanSparql) answers as the Flask route
# does, byte for byte but for the Server-Timing figure: every request below goes through both.
LEAN_CASES = [
    ({"query": Q}, ""),
    ({"query": Q}, "application/sparql-results+json"),
    ({"query": Q}, "text/csv;q=0.5, application/sparql-results+xml"),
    ({"query": Q}, "text/tab-separated-values"),
    ({"query": Q, "format": "csv"}, ""),
    ({"query": Q, "format": "", "output": "xml"}, ""),
    ({"query": "ASK { ?s ?p ?o }"}, "text/csv"),  # 406
    ({"query": "CONSTRUCT WHERE { ?s a ?t } LIMIT 2"}, ""),
    ({"query": "DESCRIBE <https://w3id.org/newskg/id/x>"}, "application/ld+json"),
    ({"query": "SELECT * WHERE { ?s ?p }"}, ""),  # syntax error
    ({"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"}, ""),
    ({"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}, ""),
    ({"query": "  "}, ""),
    ({"query": "ASK {" + "{" * 200 + "}" * 200 + "}"}, ""),
    ({"query": [Q, Q]}, ""),
    ({"query": Q, "update": "CLEAR ALL"}, ""),
    ({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "default-graph-uri": "not an iri"}, ""),
    ({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "named-graph-uri": "http://example.org/g"}, ""),
    ({"query": "SELECT * FROM <http://example.org/none> WHERE { ?s ?p ?o }"}, ""),
]


@pytest.mark.parametrize("params, accept", LEAN_CASES)
def test_the_lean_path_answers_as_the_flask_route(tmp_path: Path, params, accept):
    from werkzeug.test import EnvironBuilder

    data = tmp_path / "g.ttl"
    to_graph(extraction()).serialize(data, format="turtle")
    app = create_app(files=[data])
    flask_only = app.wsgi_app.wrapped

    def call(wsgi) -> tuple[str, list[tuple[str, str]], bytes]:  # type: ignore[no-untyped-def]
        environ = EnvironBuilder(path="/sparql", query_string=params,
                                 headers={"Accept": accept} if accept else {}).get_environ()
        seen: list = []
        with app.app_context():
            body = b"".join(wsgi(environ, lambda status, headers, exc=None: seen.extend([status, headers])))
        headers = sorted((k, "..." if k == "Server-Timing" else v) for k, v in seen[1])
        return seen[0], headers, body

    assert call(app.wsgi_app) == call(flask_only)


def test_the_lean_path_leaves_the_service_description_and_bad_bytes_to_the_same_answers(client):
    assert client.get("/sparql").mimetype == "text/turtle"
    r = client.get("/sparql?query=%FF")
    assert r.status_code == 400 and "not valid UTF-8 at byte 1 (0xff)" in r.get_data(as_text=True)
