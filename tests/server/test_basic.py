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
