"""Safe by default: read-only, SERVICE and LOAD refused, time, result and request limits, CORS,
and updates only for the bearer of the configured token."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from server import create_app
from server.settings import Settings
from tests.server.test_w3c_protocol import D, data_file  # noqa: F401 - the shared fixture

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
CHEAP = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.nt"
    path.write_text("".join(f"<http://e/{i}> <http://e/p> <http://e/{i + 1}> .\n" for i in range(2000)))
    return path


@pytest.fixture(scope="module")
def app(big_file: Path):
    return create_app(files=[big_file], settings=Settings(
        time_limit=2.0, max_result_bytes=20_000, max_request_bytes=10_000, query_workers=2))


@pytest.fixture()
def client(app):
    return app.test_client()


def ask(client, query: str, **kwargs):  # type: ignore[no-untyped-def]
    return client.post("/sparql", data=query, content_type="application/sparql-query", **kwargs)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "select * { ?s ?p ?o optional { service silent <http://169.254.169.254/latest> { ?s ?q ?r } } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } VALUES ?endpoint { <http://example.org/> } }",
])
def test_service_is_refused_with_a_reason(client, query):
    r = ask(client, query)
    assert r.status_code == 400 and "SERVICE is refused" in r.get_data(as_text=True)


def test_the_word_service_in_a_literal_is_fine(client):
    r = ask(client, 'SELECT ?s WHERE { ?s ?p "customer service" }')
    assert r.status_code == 200


@pytest.mark.parametrize("query", ["LOAD <http://example.org/data.ttl>",
                                   "LOAD SILENT <file:///etc/passwd> INTO GRAPH <http://g>"])
def test_load_is_refused_with_a_reason(client, query):
    r = ask(client, query)
    assert r.status_code == 400 and "LOAD is refused" in r.get_data(as_text=True)


@pytest.mark.parametrize("query", ["INSERT DATA { <http://a> <http://b> <http://c> }", "CLEAR ALL",
                                   "DROP ALL"])
def test_sparql_is_read_only(client, query):
    r = ask(client, query)
    assert r.status_code == 400 and "read-only" in r.get_data(as_text=True)
    assert ask(client, "ASK { ?s ?p ?o }").get_json()["boolean"] is True


def _running(app, query: str) -> tuple[threading.Thread, dict[str, object]]:  # type: ignore[no-untyped-def]
    """Send `query` in a thread; return it once the query holds a query process, and the dict
    that will hold its answer (status, text, Server-Timing)."""
    runner = app.extensions["newskg"].runner
    outcome: dict[str, object] = {}

    def run() -> None:
        r = ask(app.test_client(), query)
        outcome.update(status=r.status_code, text=r.get_data(as_text=True),
                       timing=r.headers.get("Server-Timing", ""))

    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 60
    while runner._live - len(runner._idle) < 1:
        assert time.monotonic() < deadline and thread.is_alive(), "the query never started"
        time.sleep(0.005)
    return thread, outcome


def test_runaway_query_is_stopped_while_another_client_is_answered(big_file: Path):
    """Another client is answered while the runaway runs in its query process (before its 503;
    the limit is long enough that a cheap query not answered by then means a hang, not a slow
    machine); the runaway is stopped with a 503 once it has run the whole limit, and its killed
    query process is replaced."""
    app = create_app(files=[big_file], settings=Settings(time_limit=10.0, query_workers=2))
    client = app.test_client()
    thread, outcome = _running(app, RUNAWAY)
    r = ask(client, CHEAP)
    assert r.status_code == 200 and r.get_json()["results"]["bindings"]
    assert thread.is_alive(), "the other client was answered only after the runaway's 503"
    thread.join(60)
    assert outcome["status"] == 503 and outcome["text"] == "the query was stopped after the time limit of 10 s\n"
    assert float(str(outcome["timing"]).split("dur=")[1]) >= 10_000  # it ran the whole limit
    # the killed worker was replaced: the server still answers
    assert ask(client, CHEAP).status_code == 200


def test_result_size_limit_is_reported_not_truncated(client):
    r = ask(client, "SELECT * WHERE { ?s ?p ?o }")
    assert r.status_code == 422
    assert "larger than the limit of 20,000 bytes" in r.get_data(as_text=True)
    assert ask(client, "SELECT * WHERE { ?s ?p ?o } LIMIT 10").status_code == 200


def test_request_size_limit(client):
    padding = "#" + "x" * 20_000 + "\n"
    assert ask(client, padding + "ASK {}").status_code == 413
    assert client.post("/sparql", data={"query": padding + "ASK {}"}).status_code == 413


def test_cors_for_browser_tools(client):
    r = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    pre = client.options("/sparql", headers={"Origin": "https://yasgui.example",
                                             "Access-Control-Request-Method": "POST",
                                             "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 200
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in pre.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in client.post("/update").headers


def test_updates_are_off_without_a_token(client):
    r = client.post("/update", data="CLEAR ALL", content_type="application/sparql-update")
    assert r.status_code == 404
    assert ask(client, "ASK { ?s ?p ?o }").get_json()["boolean"] is True


def test_updates_need_the_right_bearer_token(data_file):  # noqa: F811
    client = create_app(files=[data_file], settings=Settings(update_token="t0ken")).test_client()
    body = {"data": "CLEAR ALL", "content_type": "application/sparql-update"}
    r = client.post("/update", **body)
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.post("/update", headers={"Authorization": "Bearer wrong"}, **body).status_code == 403
    assert client.post("/update", headers={"Authorization": "Basic dDBrZW4="}, **body).status_code == 401
    assert ask(client, f"ASK {{ GRAPH <{D[1]}> {{ ?s ?p ?o }} }}").get_json()["boolean"] is True
    load = client.post("/update", headers={"Authorization": "Bearer t0ken"},
                       data="LOAD <http://127.0.0.1:1/x.ttl>", content_type="application/sparql-update")
    assert load.status_code == 400 and "LOAD is refused" in load.get_data(as_text=True)
    assert client.post("/update", headers={"Authorization": "Bearer t0ken"}, **body).status_code == 204
    assert ask(client, "ASK { GRAPH ?g { ?s ?p ?o } }").get_json()["boolean"] is False


def test_not_acceptable_is_406(client):
    r = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_q_values_decide(client):
    accept = "text/csv;q=0.4, application/sparql-results+xml;q=0.9, application/sparql-results+json;q=0.5"
    r = client.get("/sparql", query_string={"query": CHEAP}, headers={"Accept": accept})
    assert r.mimetype == "application/sparql-results+xml"
    r = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"},
                   headers={"Accept": "text/turtle;q=0.1, application/ld+json"})
    assert r.mimetype == "application/ld+json" and r.get_json()


def test_service_description_by_negotiation(client):
    r = client.get("/sparql")
    assert r.mimetype == "text/turtle" and "sd:SPARQL11Query" in r.get_data(as_text=True)
    r = client.get("/sparql", headers={"Accept": "application/rdf+xml"})
    assert r.mimetype == "application/rdf+xml" and "sparql-service-description" in r.get_data(as_text=True)
    assert client.get("/sparql", headers={"Accept": "image/png"}).status_code == 406


def test_updates_are_not_offered_over_a_store_folder(tmp_path):
    from kg.errors import ConfigError
    from kg.store import GraphStore

    GraphStore(tmp_path / "store").flush()
    with pytest.raises(ConfigError, match="served read-only"):
        create_app(store=tmp_path / "store", settings=Settings(update_token="t"))


def test_browsers_asking_for_sparql_get_the_editor(client):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = client.get("/sparql", headers={"Accept": accept})
    assert r.status_code == 303 and r.headers["Location"].endswith("/editor")
    assert client.get("/sparql", headers={"Accept": "*/*"}).mimetype == "text/turtle"


# Each construct nested 5,000 deep crashed Oxigraph's parser (SIGSEGV, issue 18), and so did a flat
# group of 80,000 triple patterns; the shape check refuses them unread.
DEEP = 5000
TOO_DEEP_OR_LONG = {
    "braces": "SELECT * WHERE " + "{" * DEEP + " ?s ?p ?o " + "}" * DEEP,
    "optionals": "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * DEEP + "}" * DEEP + " }",
    "filter parentheses": "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * DEEP + "?o" + ")" * DEEP + ") }",
    "sub-selects": "SELECT * WHERE { " + "{ SELECT * WHERE " * DEEP + "{ ?s ?p ?o }" + " }" * DEEP + " }",
    "blank node lists": "SELECT * WHERE { ?s <http://e/p> " + "[ <http://e/p> " * DEEP + "?o" + " ]" * DEEP + " }",
    "flat patterns": "SELECT * WHERE {" + " ?s ?p ?o ." * 80_000 + " }",
    "added terms": "SELECT * WHERE { ?s ?p ?o FILTER(?o = " + " + ".join(["1"] * 20_000) + ") }",
}


@pytest.fixture(scope="module")
def roomy(big_file: Path):
    """The app with the default request size, so that the deep queries reach the shape check."""
    return create_app(files=[big_file], settings=Settings(time_limit=2.0)).test_client()


@pytest.mark.parametrize("name", list(TOO_DEEP_OR_LONG))
def test_deep_or_long_queries_are_refused_unread(roomy, name):
    r = ask(roomy, TOO_DEEP_OR_LONG[name])
    text = r.get_data(as_text=True)
    assert r.status_code == 400, text
    limit = "KG_MAX_QUERY_TOKENS" if name in ("flat patterns", "added terms") else "KG_MAX_QUERY_DEPTH"
    assert limit in text and text.count("\n") == 1
    assert ask(roomy, CHEAP).status_code == 200  # the query processes are fine


def test_queries_within_the_shape_limits_run(roomy):
    nested = "SELECT * WHERE " + "{" * 99 + " ?s ?p ?o " + "}" * 99 + " LIMIT 1"
    assert ask(roomy, nested).status_code == 200
    values = "SELECT ?x WHERE { VALUES ?x { " + " ".join(f"<http://e/{i}>" for i in range(20_000)) + " } } LIMIT 1"
    assert ask(roomy, values).status_code == 200  # VALUES data does not count as tokens
    strings = 'SELECT * WHERE { ?s ?p ?o FILTER(?o != "' + "{(" * 4000 + '") } LIMIT 1'  # nor do strings
    assert ask(roomy, strings).status_code == 200
    # brackets inside what may be an IRI or a less-than count as opened, never as closing
    hidden = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(?o <x))))> " * 150 + ")" * 151 + " }"
    assert "KG_MAX_QUERY_DEPTH" in ask(roomy, hidden).get_data(as_text=True)


def test_updates_get_the_shape_check_too(data_file):  # noqa: F811
    client = create_app(files=[data_file], settings=Settings(update_token="t0ken")).test_client()
    deep = "INSERT { <a:b> <a:c> <a:d> } WHERE " + "{" * DEEP + "}" * DEEP
    r = client.post("/update", data=deep, content_type="application/sparql-update",
                    headers={"Authorization": "Bearer t0ken"})
    assert r.status_code == 400 and "KG_MAX_QUERY_DEPTH" in r.get_data(as_text=True)


def test_a_query_past_the_memory_limit_is_stopped_with_503(big_file: Path):
    """A sort of a 3-way cross product grows its query process by hundreds of MB a second (a
    4-way one took 4 GB in 3 s, issue 18); it is killed past KG_MAX_QUERY_MEMORY, long before
    the time limit, and the next query is answered by a new query process."""
    client = create_app(files=[big_file], settings=Settings(
        time_limit=30.0, max_query_memory=150 * 2**20, query_workers=1)).test_client()
    r = ask(client, "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i")
    assert r.status_code == 503  # at the memory limit, not the time limit (the text says which)
    assert r.get_data(as_text=True) == ("the query was stopped at the memory limit of 150 MiB "
                                        "(KG_MAX_QUERY_MEMORY); narrow the query or add LIMIT\n")
    assert r.headers["Retry-After"] == "5"
    assert ask(client, CHEAP).status_code == 200


def test_a_query_queued_behind_a_runaway_is_answered_after_it_is_stopped(big_file: Path):
    """The time limit counts a query's evaluation, not its wait for a query process: with one
    query process, a cheap query sent while a runaway holds it waits, then is answered 200 once
    the runaway is stopped at the limit (it was stopped too: the limit counted its wait, and the
    soak's good queries got 503s behind runaways, issue 18)."""
    app = create_app(files=[big_file], settings=Settings(time_limit=1.0, queue_limit=60.0,
                                                         query_workers=1))
    thread, outcome = _running(app, RUNAWAY)
    r = ask(app.test_client(), CHEAP)
    thread.join(60)
    assert outcome["status"] == 503 and outcome["text"] == "the query was stopped after the time limit of 1 s\n"
    assert r.status_code == 200 and r.get_json()["results"]["bindings"]
    assert float(str(outcome["timing"]).split("dur=")[1]) >= 1000


def test_a_query_that_waits_past_the_queue_limit_is_a_503_saying_busy(big_file: Path):
    """A query that waits for a free query process longer than KG_QUEUE_LIMIT is answered 503
    with Retry-After, naming that limit (not the time limit); the runaway holding the only
    process cannot be stopped before its time limit, far past the queue limit."""
    app = create_app(files=[big_file], settings=Settings(time_limit=5.0, queue_limit=0.2,
                                                         query_workers=1))
    thread, outcome = _running(app, RUNAWAY)
    r = ask(app.test_client(), CHEAP)
    assert thread.is_alive()
    thread.join(60)
    assert r.status_code == 503 and r.headers["Retry-After"] == "5"
    assert r.get_data(as_text=True) == ("all query processes stayed busy for the queue limit of "
                                        "0.2 s (KG_QUEUE_LIMIT); try again later\n")
    assert "Server-Timing" not in r.headers  # it never ran
    assert outcome["status"] == 503 and "time limit of 5 s" in str(outcome["text"])
    assert ask(app.test_client(), CHEAP).status_code == 200
