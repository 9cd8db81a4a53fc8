"""The dataset a query is evaluated on (issue 18): the protocol's `default-graph-uri` /
`named-graph-uri`, else the query's own FROM / FROM NAMED (SPARQL 1.1 Query §13.2), else the union
of all graphs as the default graph. Over a store folder, RDF files in memory, `kg query`, and a
remote `oxigraph serve --union-default-graph` (which itself lets its union override FROM).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.sparql_text import query_dataset
from server import create_app
from tests.triplestores import OxigraphServer

EX = "http://example.org/"
G1, G2, MISSING = EX + "g1", EX + "g2", EX + "missing"
TRIG = f"""
<{EX}a> <{EX}p> "one" .
GRAPH <{G1}> {{ <{EX}b> <{EX}p> "g1" . }}
GRAPH <{G2}> {{ <{EX}c> <{EX}p> "g2" . }}
"""
VALUES = "SELECT ?o {from} WHERE {{ ?s <http://example.org/p> ?o }} ORDER BY ?o"
GRAPHS = "SELECT ?o {from} WHERE {{ GRAPH ?g {{ ?s <http://example.org/p> ?o }} }} ORDER BY ?o"

# (query, protocol parameters, expected values of ?o)
CASES = [
    pytest.param(VALUES.format(**{"from": ""}), {}, ["g1", "g2", "one"], id="no-dataset-is-the-union"),
    pytest.param(VALUES.format(**{"from": f"FROM <{G1}>"}), {}, ["g1"], id="from-one-graph"),
    pytest.param(VALUES.format(**{"from": f"FROM <{G1}> FROM <{G2}>"}), {}, ["g1", "g2"],
                 id="from-two-graphs"),
    pytest.param(VALUES.format(**{"from": f"FROM <{MISSING}>"}), {}, [], id="from-a-missing-graph"),
    pytest.param(f"PREFIX ex: <{EX}> " + VALUES.format(**{"from": "from ex:g2"}), {}, ["g2"],
                 id="from-a-prefixed-name"),
    pytest.param(GRAPHS.format(**{"from": f"FROM NAMED <{G2}>"}), {}, ["g2"], id="from-named"),
    pytest.param(VALUES.format(**{"from": f"FROM NAMED <{G2}>"}), {}, [],
                 id="from-named-only-has-an-empty-default-graph"),
    pytest.param(GRAPHS.format(**{"from": f"FROM <{G1}>"}), {}, [], id="from-only-names-no-graph"),
    pytest.param(VALUES.format(**{"from": f"FROM <{G1}>"}), {"default-graph-uri": G2}, ["g2"],
                 id="default-graph-uri-overrides-from"),
    pytest.param(GRAPHS.format(**{"from": f"FROM NAMED <{G1}>"}), {"named-graph-uri": G2}, ["g2"],
                 id="named-graph-uri-overrides-from-named"),
    pytest.param(VALUES.format(**{"from": f'# FROM <{G1}>\n'}) + ' # "FROM" <x>', {},
                 ["g1", "g2", "one"], id="from-in-a-comment-is-no-dataset"),
    pytest.param(f'SELECT ?o WHERE {{ ?s <{EX}p> ?o FILTER (?o != "FROM <{G1}>") }} ORDER BY ?o', {},
                 ["g1", "g2", "one"], id="from-in-a-string-is-no-dataset"),
]


@pytest.fixture(scope="module")
def trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dataset") / "data.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store_folder(trig: Path) -> Path:
    path = trig.parent / "store"
    store = ox.Store(str(path))
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def remote(trig: Path) -> Iterator[str]:
    server = OxigraphServer(trig.parent / "oxigraph")
    server.load(trig)
    server.start("--union-default-graph")
    try:
        yield server.base + "/query"
    finally:
        server.stop()


@pytest.fixture(scope="module", params=["files", "store", "remote"])
def client(request: pytest.FixtureRequest, trig: Path):  # type: ignore[no-untyped-def]
    if request.param == "files":
        return create_app(files=[trig]).test_client()
    if request.param == "store":
        return create_app(store=request.getfixturevalue("store_folder")).test_client()
    return create_app(endpoint=request.getfixturevalue("remote")).test_client()


def values(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.get_data(as_text=True)
    return [row["o"]["value"] for row in response.get_json()["results"]["bindings"]]


@pytest.mark.parametrize("query,params,expected", CASES)
def test_the_dataset_of_a_query(client, query, params, expected):
    assert values(client.get("/sparql", query_string={"query": query, **params})) == expected
    r = client.post("/sparql", data={"query": query, **params})
    assert values(r) == expected


@pytest.mark.parametrize("query,params,expected", [c for c in CASES if not c.values[1]])
def test_kg_query_uses_the_querys_own_dataset(kg, trig, query, params, expected):
    run = kg("query", query, "--data", str(trig), "--format", "csv")
    assert run.code == 0, run.err
    assert run.out.splitlines() == ["o", *expected]


def test_query_dataset_reads_the_dataset_clause():
    base = "http://base/"
    assert query_dataset("SELECT * { ?s ?p ?o }") is None
    assert query_dataset('SELECT * { ?s ?p "x"@from }') is None  # a language tag
    assert query_dataset("SELECT ?from { ?from from:p ?o }") is None
    assert query_dataset(f"BASE <{EX}> PREFIX : <{EX}n/> SELECT * FROM <a> FROM NAMED :b "
                         "FROM NAMED <c> { ?s ?p ?o }", base) == ((EX + "a",), (EX + "n/b", EX + "c"))
    assert query_dataset("ASK FROM <rel> {}", base) == ((base + "rel",), ())
    assert query_dataset("ASK FROM undeclared:g {}", base) == ((), ())  # still a dataset clause
