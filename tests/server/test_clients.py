"""Real clients against a real server: `kg serve` (gunicorn) on 127.0.0.1, started per module.

SPARQLWrapper, rdflib's SPARQLStore and curl talk to it over HTTP; a runaway query is stopped at
the time limit while another client is answered.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import requests
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from tests.conftest import REPO
from tests.query.test_named_queries import SEED_CLAIM, seed_store

NKG = "https://w3id.org/newskg/ontology#"
NAMES = f"PREFIX nkg: <{NKG}> SELECT DISTINCT ?name WHERE {{ ?p a nkg:Person ; nkg:name ?name }} ORDER BY ?name"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def kg_serve(*options: str, ready_path: str = "/sparql", source: tuple[str, ...] = (),
             log: list[str] | None = None, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `kg serve SOURCE OPTIONS` on a free port of 127.0.0.1; yield its base URL.

    SOURCE defaults to `--store <seed store>`; `log` receives the server's stderr once it stopped
    (gracefully, by SIGTERM); `env` adds environment variables (settings).
    """
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", *(source or ("--store", str(seed_store()))),
         "--host", "127.0.0.1", "--port", str(port), *options],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(url + ready_path, timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"kg serve did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        if log is not None:
            log.append(process.stderr.read().decode(errors="replace"))


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with kg_serve("--workers", "2", "--time-limit", "2") as url:
        yield url + "/sparql"


def test_sparqlwrapper_select_json(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(NAMES)
    client.setReturnFormat(JSON)
    names = [b["name"]["value"] for b in client.queryAndConvert()["results"]["bindings"]]
    assert "Pete Hegseth" in names and names == sorted(names)


@pytest.mark.parametrize("fmt", [XML, CSV])
def test_sparqlwrapper_other_formats_and_post(endpoint, fmt):
    client = SPARQLWrapper(endpoint)
    client.setQuery(NAMES)
    client.setReturnFormat(fmt)
    client.setMethod(POST)
    raw = client.query().response.read().decode()
    assert "Pete Hegseth" in raw


def test_sparqlwrapper_ask_and_construct(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(f"PREFIX nkg: <{NKG}> ASK {{ ?s nkg:name \"Pete Hegseth\" }}")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True
    client.setQuery(f"PREFIX nkg: <{NKG}> CONSTRUCT {{ ?p nkg:name ?n }} WHERE {{ ?p a nkg:Person ; nkg:name ?n }}")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().response.read(), format="turtle")
    assert (URIRef("https://w3id.org/newskg/id/person/pete-hegseth"), URIRef(NKG + "name"),
            Literal("Pete Hegseth")) in graph


def test_sparqlwrapper_syntax_error_is_a_clear_400(endpoint):
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(endpoint)
    client.setQuery("SELEKT ?x WHERE { ?x ?y ?z }")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="invalid SPARQL"):
        client.query()


def test_rdflib_sparqlstore(endpoint):
    graph = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    rows = list(graph.query(NAMES))
    assert Literal("Pete Hegseth") in [row[0] for row in rows]
    names = set(graph.objects(URIRef("https://w3id.org/newskg/id/person/pete-hegseth"), URIRef(NKG + "name")))
    assert names == {Literal("Pete Hegseth")}
    assert graph.query(f"ASK {{ ?s <{NKG}name> ?n }}").askAnswer is True


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl(endpoint):
    out = subprocess.run(["curl", "-sS", "-H", "Accept: text/csv", "--data-urlencode", f"query={NAMES}",
                          endpoint], capture_output=True, text=True, timeout=30, check=True).stdout
    assert out.splitlines()[0] == "name" and "Pete Hegseth" in out
    who = subprocess.run(["curl", "-sS", "-G", "--data-urlencode", f"claim={SEED_CLAIM}",
                          endpoint.replace("/sparql", "/queries/who-said")],
                         capture_output=True, text=True, timeout=30, check=True).stdout
    assert '"Pete Hegseth"' in who


def test_runaway_is_stopped_while_others_are_answered(endpoint):
    result: dict[str, object] = {}

    def runaway() -> None:
        start = time.monotonic()
        r = requests.post(endpoint, data=RUNAWAY, headers={"Content-Type": "application/sparql-query"},
                          timeout=30)
        result.update(status=r.status_code, seconds=time.monotonic() - start)

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    latencies = []
    for _ in range(5):
        start = time.monotonic()
        r = requests.get(endpoint, params={"query": NAMES}, timeout=30)
        latencies.append(time.monotonic() - start)
        assert r.status_code == 200
    thread.join(30)
    assert max(latencies) < 1.0
    assert result["status"] == 503 and 1.9 <= float(result["seconds"]) < 4.0  # type: ignore[arg-type]


def test_a_stopped_query_ends_its_query_process_and_a_new_one_answers():
    """One worker with one query process: the runaway's 503 comes within the limit (with the
    headers the error handler gives), its query process is killed and a new one answers; twice,
    so replacements are replaced too. The connection and the gunicorn worker live on."""
    log: list[str] = []
    with kg_serve("--workers", "1", "--time-limit", "1.5", log=log, env={"KG_QUERY_WORKERS": "1"}) as url, \
            requests.Session() as session:
        for _ in range(2):
            start = time.monotonic()
            r = session.post(url + "/sparql", data=RUNAWAY, timeout=30,
                             headers={"Content-Type": "application/sparql-query"})
            took = time.monotonic() - start
            assert r.status_code == 503 and 1.45 <= took < 1.5 + 0.7
            assert r.text == "the query was stopped after the time limit of 1.5 s\n"
            assert r.headers["Retry-After"] == "5"
            assert r.headers["Access-Control-Allow-Origin"] == "*"
            assert 1450 <= float(r.headers["Server-Timing"].split("dur=")[1]) < 1700
            start = time.monotonic()
            answer = session.get(url + "/sparql", params={"query": NAMES}, timeout=30)
            assert answer.status_code == 200 and answer.json()["results"]["bindings"]
            assert time.monotonic() - start < 10  # a new query process (it opens the store) answered
    stopped = [line for line in log[0].splitlines() if "stopped after the time limit" in line]
    assert len(stopped) == 2 and "?a ?b ?c" in stopped[0] and "killed" in stopped[0]
    assert "Booting worker" in log[0] and log[0].count("Booting worker") == 1


def test_keep_alive_connections_are_reused_and_released():
    """A client's connection is kept alive while no one else waits; an idle kept-alive client
    does not keep the only worker from another client (it is let go after a short grace)."""
    with kg_serve("--workers", "1") as url, requests.Session() as idle:
        first = idle.get(url + "/sparql", params={"query": NAMES}, timeout=10)
        assert first.status_code == 200 and first.headers.get("Connection") != "close"
        start = time.monotonic()
        other = requests.get(url + "/sparql", params={"query": NAMES}, timeout=10)
        assert other.status_code == 200 and time.monotonic() - start < 1.0
        again = idle.get(url + "/sparql", params={"query": NAMES}, timeout=10)  # retried anew
        assert again.status_code == 200


def test_idle_and_slowloris_connections_do_not_stall_the_server():
    """100 sockets that send nothing and 100 that trickle their headers (a line a second) are
    held while a normal client asks again and again: every answer comes within 1 s (gunicorn's
    sync workers gave each such socket a whole worker, issue 18). A request that has not arrived
    whole at KG_REQUEST_TIMEOUT gets a 408."""
    with kg_serve("--workers", "2", env={"KG_REQUEST_TIMEOUT": "6"}) as url:
        address = ("127.0.0.1", int(url.rsplit(":", 1)[1]))
        idle = [socket.create_connection(address) for _ in range(100)]
        slow = [socket.create_connection(address) for _ in range(100)]
        for sock in slow:
            sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: slow\r\n")
        stop = threading.Event()

        def trickle() -> None:
            line = 0
            while not stop.wait(1.0):
                line += 1
                for sock in slow:
                    try:
                        sock.sendall(f"X-Line-{line}: y\r\n".encode())
                    except OSError:
                        pass

        thread = threading.Thread(target=trickle)
        thread.start()
        latencies = []
        try:
            until = time.monotonic() + 5
            while time.monotonic() < until:
                start = time.monotonic()
                r = requests.get(url + "/sparql", params={"query": NAMES}, timeout=10)
                latencies.append(time.monotonic() - start)
                assert r.status_code == 200
                time.sleep(0.1)
        finally:
            stop.set()
            thread.join()
        slow[0].settimeout(5)
        answer = slow[0].recv(4096).decode()
        for sock in idle + slow:
            sock.close()
    assert len(latencies) >= 20 and max(latencies) < 1.0, latencies
    assert answer.startswith("HTTP/1.1 408") and "KG_REQUEST_TIMEOUT" in answer


def _post_chunked(url: str, chunks: Iterator[bytes]) -> str:
    """POST a query body in chunked transfer encoding on a raw socket; return the answer."""
    sock = socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])))
    sock.settimeout(10)
    sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: t\r\nContent-Type: application/sparql-query\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n")
    try:
        for chunk in chunks:
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        sock.sendall(b"0\r\n\r\n")
    except OSError:
        pass  # the server stopped reading: its answer is there
    answer = b""
    try:
        while part := sock.recv(65536):
            answer += part
    except OSError:
        pass
    sock.close()
    return answer.decode(errors="replace")


def test_a_chunked_body_over_the_limit_is_413_and_never_evaluated(endpoint):
    """A 10 MB chunked body (a query that would run, and a long comment) is refused with a 413
    as soon as it passes the 1 MiB limit; it was cut at 1 MiB and the cut query ran (issue 18)."""
    url = endpoint.removesuffix("/sparql")
    start = time.monotonic()
    answer = _post_chunked(url, iter([b"ASK { ?s ?p ?o } #"] + [b"x" * 65536] * 160))
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "larger than the limit of 1,048,576 bytes (KG_MAX_REQUEST_BYTES)" in answer
    assert "Access-Control-Allow-Origin: *" in answer and time.monotonic() - start < 5
    # a small chunked query is read whole and answered; a declared length over the limit is a 413
    assert '"boolean":true' in _post_chunked(url, iter([b"ASK { ?s ", b"?p ?o }"])).replace(" ", "")
    with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: t\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 10485760\r\n\r\nASK {}")
        answer = sock.recv(65536).decode()
    assert answer.startswith("HTTP/1.1 413") and "KG_MAX_REQUEST_BYTES" in answer


def test_a_graceful_stop_logs_no_crashed_worker():
    """Every graceful stop over a store logged its workers killed by SIGSEGV (issue 18): RocksDB's
    exit handlers, inherited from the master, in the workers."""
    log: list[str] = []
    with kg_serve("--workers", "2", log=log) as url:
        for _ in range(4):
            assert requests.get(url + "/sparql", params={"query": NAMES}, timeout=10).status_code == 200
    assert "Shutting down: Master" in log[0] and log[0].count("Worker exiting") == 2
    assert "SIGSEGV" not in log[0] and "was sent" not in log[0] and "exited with code" not in log[0]


def _raw_exchange(url: str, requests_: list[bytes]) -> list[tuple[bytes, list[bytes], bytes]]:
    """Send each request on one connection, reading its answer whole (Content-Length framed)
    before the next; return each answer's status line, sorted header lines (Date and the
    Server-Timing figure masked) and body. The connection ends when the server closes it."""
    host, port = url.split("//")[1].split(":")
    answers = []
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        buffer = b""
        for request in requests_:
            sock.sendall(request)
            while b"\r\n\r\n" not in buffer:
                buffer += sock.recv(65536)
            head, _, buffer = buffer.partition(b"\r\n\r\n")
            lines = head.split(b"\r\n")
            length = next(int(line.split(b":")[1]) for line in lines if line.lower().startswith(b"content-length:"))
            while len(buffer) < length:
                buffer += sock.recv(65536)
            body, buffer = buffer[:length], buffer[length:]
            fields = sorted(b"Date: ..." if line.startswith(b"Date:") else
                            b"Server-Timing: ..." if line.startswith(b"Server-Timing:") else line
                            for line in lines[1:])
            answers.append((lines[0], fields, body))
    return answers


def test_the_lean_path_of_the_worker_answers_as_gunicorn_and_the_app(endpoint):
    """A plain GET /sparql is answered by the worker's lean path (server/worker.py), without
    gunicorn's parser; a request it does not take (here: one with a Content-Length field) goes
    through gunicorn and the app. Both give the same answers and keep-alive decisions."""
    from urllib.parse import quote

    base = endpoint.rsplit("/", 1)[0]
    targets = [f"/sparql?query={quote(NAMES)}", f"/sparql?query={quote(NAMES)}&format=csv",
               "/sparql?query=SELECT%20*%20WHERE%20%7B", "/sparql?query=ASK%7B%7D&output=turtle",
               "/sparql?query=" + quote("SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }"),
               "/sparql?query=%FF%FE", "/sparql?update=CLEAR%20ALL"]
    for version, connection in (("1.1", ""), ("1.1", "Connection: close\r\n"), ("1.0", ""),
                                ("1.0", "Connection: keep-alive\r\n")):
        for target in targets:
            lean, full = [
                f"GET {target} HTTP/{version}\r\nHost: x\r\nAccept: application/sparql-results+xml, "
                f"text/csv;q=0.5\r\n{connection}{extra}\r\n".encode() for extra in ("", "Content-Length: 0\r\n")]
            kept = connection != "Connection: close\r\n" and (version == "1.1" or "keep-alive" in connection)
            got_lean = _raw_exchange(base, [lean, lean] if kept else [lean])
            got_full = _raw_exchange(base, [full, full] if kept else [full])
            assert got_lean == got_full, (version, connection, target)
            assert (b"Connection: keep-alive" in got_lean[0][1]) == kept


def test_gunicorn_limits_hold_on_the_lean_path(endpoint):
    """The lean path leaves requests at or past gunicorn's limits to gunicorn: a request line
    over 8 KB is a 414, more than 100 header fields a 431 (the query is never evaluated)."""
    long = requests.get(endpoint, params={"query": "#" * 9000 + "\n" + NAMES}, timeout=10)
    assert long.status_code == 414
    many = requests.get(endpoint, params={"query": NAMES}, timeout=10,
                        headers={f"X-Field-{i}": "1" for i in range(120)})
    assert many.status_code in (400, 431)
    assert requests.get(endpoint, params={"query": NAMES}, timeout=10).status_code == 200


def test_get_queries_awaited_in_the_event_loop_keep_the_limits():
    """A plain GET /sparql is sent to a query process by the worker's event loop and awaited there
    (server/worker.py), with no thread: a runaway GET is stopped at the time limit (503 with the
    error handler's headers, its query process killed and logged) while other GETs are answered;
    with the only query process busy, a GET waits in the loop and is answered once it is free;
    a GET growing past the memory limit is stopped with 503."""
    log: list[str] = []
    with kg_serve("--workers", "1", "--time-limit", "2", log=log,
                  env={"KG_QUERY_WORKERS": "2", "KG_MAX_QUERY_MEMORY": str(150 * 2**20)}) as url:
        result: dict[str, requests.Response] = {}

        def ask(name: str, query: str) -> None:
            result[name] = requests.get(url + "/sparql", params={"query": query}, timeout=30)

        runaway = threading.Thread(target=ask, args=("runaway", RUNAWAY))
        start = time.monotonic()
        runaway.start()
        time.sleep(0.3)
        for _ in range(5):
            began = time.monotonic()
            assert requests.get(url + "/sparql", params={"query": NAMES}, timeout=30).status_code == 200
            assert time.monotonic() - began < 1.0
        runaway.join(30)
        r = result["runaway"]
        assert r.status_code == 503 and 1.9 <= time.monotonic() - start < 3.5
        assert r.text == "the query was stopped after the time limit of 2 s\n"
        assert r.headers["Retry-After"] == "5" and r.headers["Access-Control-Allow-Origin"] == "*"
        assert 1950 <= float(r.headers["Server-Timing"].split("dur=")[1]) < 2500

        memory = "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
        ask("memory", memory)
        assert result["memory"].status_code == 503
        assert "memory limit of 150 MiB (KG_MAX_QUERY_MEMORY)" in result["memory"].text
    assert sum("killed" in line for line in log[0].splitlines()) == 2

    with kg_serve("--workers", "1", "--time-limit", "2", env={"KG_QUERY_WORKERS": "1"}) as url:
        runaway = threading.Thread(target=ask, args=("runaway", RUNAWAY))
        start = time.monotonic()
        runaway.start()
        time.sleep(0.3)
        waiting = requests.get(url + "/sparql", params={"query": NAMES}, timeout=30)
        assert waiting.status_code == 200 and 1.5 <= time.monotonic() - start < 3.5
        runaway.join(30)
        assert result["runaway"].status_code == 503


def test_a_client_that_reads_slowly_holds_no_event_loop(endpoint):
    """A large answer to a GET awaited in the event loop that the client does not read is
    finished by a thread: other clients are answered meanwhile, and the slow client gets it
    whole once it reads."""
    from urllib.parse import quote

    big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 30000"
    host, port = endpoint.split("//")[1].split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=30) as slow:
        slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        slow.sendall(f"GET /sparql?query={quote(big)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        time.sleep(1.0)  # not reading
        for _ in range(5):
            began = time.monotonic()
            assert requests.get(endpoint, params={"query": NAMES}, timeout=30).status_code == 200
            assert time.monotonic() - began < 1.0
        data = b""
        while chunk := slow.recv(1 << 20):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
    assert head.startswith(b"HTTP/1.1 200") and len(body) == length > 1_000_000
