"""`kg serve --endpoint URL` over a real Virtuoso (apt-get install virtuoso-opensource).

The seed store's export (one named graph per article) is bulk-loaded into a Virtuoso on
127.0.0.1 (`tests/triplestores.py`); its `/sparql` reads the union of all graphs by default,
newskg's and Virtuoso's own system graphs alike. The endpoint-neutral checks of
`tests/server/test_remote.py` run here again, unchanged, against Virtuoso: its test functions and
fixtures are bound to names of this module, so pytest collects them here, where the `remote`
fixture below is Virtuoso's endpoint (its `client` fixture asks for `remote` by name). The rest is
Virtuoso's own: its ASK answers, its TSV and JSON-LD, its system graphs and the start-up check,
its error messages, its answers in part at its own time limit, Virtuoso stopped.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from kg.errors import ConfigError
from server import create_app
from server.settings import Settings
from tests.server import test_remote as oxigraph
from tests.server.test_clients import RUNAWAY
from tests.triplestores import Virtuoso, assert_endpoint_down, http_answers

SYSTEM_GRAPH = "http://www.openlinksw.com/schemas/virtrdf#"
NKG, PERSON = oxigraph.NKG, oxigraph.PERSON

# The fixtures and the endpoint-neutral tests of the Oxigraph module, collected and run here.
client, exported, local = oxigraph.client, oxigraph.exported, oxigraph.local
test_select_in_json_and_csv = oxigraph.test_select_in_json_and_csv
test_construct_in_turtle = oxigraph.test_construct_in_turtle
test_ask_and_relative_iris_resolve_against_the_instance_base = \
    oxigraph.test_ask_and_relative_iris_resolve_against_the_instance_base
test_dataset_parameters_are_passed_on = oxigraph.test_dataset_parameters_are_passed_on
test_who_said_answers_hegseth_first = oxigraph.test_who_said_answers_hegseth_first
test_named_questions_answer_as_over_the_store = oxigraph.test_named_questions_answer_as_over_the_store
test_person_page_and_rdf = oxigraph.test_person_page_and_rdf
test_guards_apply_before_the_endpoint = oxigraph.test_guards_apply_before_the_endpoint
test_a_result_over_the_size_limit_is_422 = oxigraph.test_a_result_over_the_size_limit_is_422


@pytest.fixture(scope="module")
def virtuoso(exported: Path) -> Iterator[Virtuoso]:
    db = exported.parent / "virtuoso"
    db.mkdir()
    server = Virtuoso(db, exported.parent).start()
    try:
        server.bulk_load(exported.parent, exported.name)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def remote(virtuoso: Virtuoso) -> str:
    return virtuoso.sparql


def answer(client, accept: str, query: str) -> bytes:  # type: ignore[no-untyped-def]
    r = client.post("/sparql", data=query, content_type="application/sparql-query",
                    headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == accept, r.get_data(as_text=True)
    return r.get_data()


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask_is_a_boolean_as_over_the_store(client, local, accept: str):
    # Virtuoso answers ASK as a table: ?__ASK_RETVAL 1 for true, no row for false
    for query in ("ASK { <person/pete-hegseth> ?p ?o }", "ASK { <person/nobody-at-all> ?p ?o }"):
        assert answer(client, accept, query) == answer(local, accept, query), query


def test_csv_tsv_and_jsonld_are_written_as_over_the_store(client, local):
    # Virtuoso's TSV is CSV with tabs, and its JSON-LD drops language tags and decimal types
    select = (f'PREFIX nkg: <{NKG}> SELECT ?st ?text ?date ("hi"@en AS ?lang) (1.5 AS ?decimal) '
              f"WHERE {{ ?st nkg:speaker <{PERSON}> ; nkg:text ?text ; nkg:sourceArticle/nkg:datePublished ?date }}")
    for accept in ("text/csv", "text/tab-separated-values"):
        got, expected = (answer(app, accept, select).decode().splitlines() for app in (client, local))
        assert len(got) > 2 and got[0] == expected[0] and sorted(got) == sorted(expected), accept
        assert "2025-02-12" in got[1] and "1.5" in got[1]
    construct = (f'PREFIX nkg: <{NKG}> CONSTRUCT {{ ?p nkg:name ?n ; <x:lang> "hi"@en ; <x:decimal> 1.5 }} '
                 "WHERE { ?p a nkg:Person ; nkg:name ?n }")
    got, expected = (set(ox.parse(answer(app, "application/ld+json", construct), ox.RdfFormat.JSON_LD))
                     for app in (client, local))
    assert ox.Quad(ox.NamedNode(PERSON), ox.NamedNode("x:lang"), ox.Literal("hi", language="en")) in got
    assert got == expected


def test_virtuosos_system_graphs_do_not_pass_the_union_check(virtuoso: Virtuoso):
    graphs = {row[0][1] for row in http_answers(virtuoso.sparql, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert SYSTEM_GRAPH in graphs  # beside the seed's: a typed resource the default graph holds too
    # a default graph of Virtuoso's own only: newskg's articles are not in it
    url = f"{virtuoso.sparql}?default-graph-uri={quote(SYSTEM_GRAPH, safe='')}"
    with pytest.raises(ConfigError, match=r"lacks <https://w3id.org/newskg/id/article/\w+> a <"):
        create_app(endpoint=url)


def test_a_query_virtuoso_rejects_is_a_400_with_its_reason_on_the_clients_line(client, remote: str):
    r = client.get("/sparql", query_string={"query": "SELECT *\nWHERE { ?s undeclared:p ?o }"})
    text = r.get_data(as_text=True)
    assert r.status_code == 400 and text.count("\n") == 1
    assert text.startswith(f"{remote} rejected the query: HTTP 400 Bad Request: Virtuoso 37000 Error SP030: "
                           "SPARQL compiler, line 2: Undefined namespace prefix at 'undeclared'"), text


def test_an_answer_virtuoso_cut_at_its_own_time_limit_is_a_503(remote: str):
    # Virtuoso stops a query at its limit (here `timeout` in the URL, in ms) and answers 200 with
    # what it found so far; the app's own limit is longer
    app = create_app(endpoint=remote + "?timeout=1000", settings=Settings(time_limit=20)).test_client()
    r = app.post("/sparql", data=RUNAWAY, content_type="application/sparql-query")
    text = r.get_data(as_text=True)
    assert r.status_code == 503, text  # Virtuoso's cut, not the app's own limit (the text says which)
    assert text.startswith(f"{remote}?timeout=1000 stopped the query at its own time limit and answered "
                           "in part (S1TAT: ") and text.count("\n") == 1


def test_virtuoso_down_is_a_one_line_502(tmp_path: Path):
    (tmp_path / "db").mkdir()
    server = Virtuoso(tmp_path / "db", tmp_path).start()
    try:
        app = create_app(endpoint=server.sparql).test_client()  # no article: the check probes a system graph
        assert app.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    finally:
        server.stop()
    assert_endpoint_down(app, server.sparql)
