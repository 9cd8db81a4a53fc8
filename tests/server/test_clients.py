"""Real clients against a real server: `kg serve` (gunicorn) on 127.0.0.1, started per module.

SPARQLWrapper, rdflib's SPARQLStore and curl talk to it over HTTP; a runaway query is stopped at
the time limit while another client is answered.

No test here asserts how fast anything is (the machines are shared and noisy; speed is measured
in benchmarks/): "answered meanwhile" is asserted by order (the other client's answer came while
the runaway, idle or slow client was still held), and every wait has a bound of HANG seconds,
which means "hung", not "slow".
"""

from __future__ import annotations

import os
import re
import select
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
HANG = 60  # seconds after which a wait means the server hung
# the time limit of the tests that check that other clients are answered while a runaway runs:
# they are answered before its 503, so it must be long enough to mean "hung" for a cheap query
LONG_LIMIT = 10


def query_ms(response: requests.Response) -> float:
    """How long the server says the query ran (the Server-Timing `query` metric), in ms."""
    return float(re.search(r"query;dur=([0-9.]+)", response.headers["Server-Timing"])[1])  # type: ignore[index]


def held(sock: socket.socket) -> bool:
    """Whether the server still holds this connection open without having answered on it."""
    sock.setblocking(False)
    try:
        sock.recv(1, socket.MSG_PEEK)  # an answer, or b"": closed
        return False
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        sock.setblocking(True)


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
        deadline = time.monotonic() + HANG
        while True:
            try:
                if requests.get(url + ready_path, timeout=HANG).status_code == 200:
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
    with kg_serve("--workers", "2", "--time-limit", str(LONG_LIMIT)) as url:
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
    """Other clients are answered while a runaway runs (before its 503), and it is stopped with
    a 503 once it has run the time limit (Server-Timing: never before)."""
    result: dict[str, requests.Response] = {}

    def runaway() -> None:
        result["runaway"] = requests.post(endpoint, data=RUNAWAY, timeout=HANG,
                                          headers={"Content-Type": "application/sparql-query"})

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)  # the runaway reaches its query process
    for _ in range(3):
        assert requests.get(endpoint, params={"query": NAMES}, timeout=HANG).status_code == 200
    assert thread.is_alive(), "the other client was answered only after the runaway's 503"
    thread.join(HANG)
    r = result["runaway"]
    assert r.status_code == 503 and r.text == f"the query was stopped after the time limit of {LONG_LIMIT} s\n"
    assert query_ms(r) >= LONG_LIMIT * 1000


def test_a_stopped_query_ends_its_query_process_and_a_new_one_answers():
    """One worker with one query process: the runaway's 503 comes within the limit (with the
    headers the error handler gives), its query process is killed and a new one answers; twice,
    so replacements are replaced too. The connection and the gunicorn worker live on."""
    log: list[str] = []
    with kg_serve("--workers", "1", "--time-limit", "1.5", log=log, env={"KG_QUERY_WORKERS": "1"}) as url, \
            requests.Session() as session:
        for _ in range(2):
            r = session.post(url + "/sparql", data=RUNAWAY, timeout=HANG,
                             headers={"Content-Type": "application/sparql-query"})
            assert r.status_code == 503
            assert r.text == "the query was stopped after the time limit of 1.5 s\n"
            assert r.headers["Retry-After"] == "5"
            assert r.headers["Access-Control-Allow-Origin"] == "*"
            assert query_ms(r) >= 1500  # it ran the whole limit
            # a new query process (it opens the store) answers
            answer = session.get(url + "/sparql", params={"query": NAMES}, timeout=HANG)
            assert answer.status_code == 200 and answer.json()["results"]["bindings"]
    stopped = [line for line in log[0].splitlines() if "stopped after the time limit" in line]
    assert len(stopped) == 2 and "?a ?b ?c" in stopped[0] and "killed" in stopped[0]
    assert "Booting worker" in log[0] and log[0].count("Booting worker") == 1


def test_keep_alive_connections_are_reused_and_released():
    """A client's connection is kept alive after its answer; while it is held idle, another
    client is answered by the only worker, and then the idle connection is used again."""
    from urllib.parse import quote

    request = f"GET /sparql?query={quote(NAMES)} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    with kg_serve("--workers", "1") as url:
        with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=HANG) as idle:
            first = _raw_exchange_on(idle, [request])
            assert first[0][0] == b"HTTP/1.1 200 OK" and b"Connection: keep-alive" in first[0][1]
            other = requests.get(url + "/sparql", params={"query": NAMES}, timeout=HANG)
            assert other.status_code == 200
            assert held(idle), "the other client was answered only after the idle one was let go"
            again = _raw_exchange_on(idle, [request])
            assert again[0][0] == b"HTTP/1.1 200 OK" and again[0][2] == first[0][2]


def test_idle_and_slowloris_connections_do_not_stall_the_server():
    """100 sockets that send nothing and 100 that trickle their headers (a line a second) are
    held while a normal client asks again and again: it is answered every time while all of them
    are still held, unanswered (gunicorn's sync workers gave each such socket a whole worker, and
    answered others only once they were let go, issue 18)."""
    with kg_serve("--workers", "2", env={"KG_REQUEST_TIMEOUT": str(HANG)}) as url:
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
        try:
            for _ in range(20):
                r = requests.get(url + "/sparql", params={"query": NAMES}, timeout=HANG)
                assert r.status_code == 200
                time.sleep(0.1)
            still = [held(sock) for sock in idle + slow]
        finally:
            stop.set()
            thread.join()
            for sock in idle + slow:
                sock.close()
    assert all(still), f"{still.count(False)} of the 200 held connections were let go first"


def test_a_request_not_arrived_whole_in_time_is_a_408():
    """A connection that sends nothing, and one whose headers do not end, get a 408 naming
    KG_REQUEST_TIMEOUT once it has passed, and are closed."""
    with kg_serve("--workers", "1", env={"KG_REQUEST_TIMEOUT": "1"}) as url:
        address = ("127.0.0.1", int(url.rsplit(":", 1)[1]))
        with socket.create_connection(address, timeout=HANG) as idle, \
                socket.create_connection(address, timeout=HANG) as slow:
            slow.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: slow\r\n")
            for sock in (idle, slow):
                answer = b""
                while part := sock.recv(4096):
                    answer += part
                assert answer.startswith(b"HTTP/1.1 408") and b"(KG_REQUEST_TIMEOUT)" in answer


def _post_chunked(url: str, chunks: Iterator[bytes]) -> str:
    """POST a query body in chunked transfer encoding on a raw socket; return the answer."""
    sock = socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])))
    sock.settimeout(HANG)
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
    answer = _post_chunked(url, iter([b"ASK { ?s ?p ?o } #"] + [b"x" * 65536] * 160))
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert "larger than the limit of 1,048,576 bytes (KG_MAX_REQUEST_BYTES)" in answer
    assert "Access-Control-Allow-Origin: *" in answer
    # a small chunked query is read whole and answered; a declared length over the limit is a 413
    assert '"boolean":true' in _post_chunked(url, iter([b"ASK { ?s ", b"?p ?o }"])).replace(" ", "")
    with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=HANG) as sock:
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
            assert requests.get(url + "/sparql", params={"query": NAMES}, timeout=HANG).status_code == 200
    assert "Shutting down: Master" in log[0] and log[0].count("Worker exiting") == 2
    assert "SIGSEGV" not in log[0] and "was sent" not in log[0] and "exited with code" not in log[0]


def _raw_exchange(url: str, requests_: list[bytes]) -> list[tuple[bytes, list[bytes], bytes]]:
    """Send each request on one connection, reading its answer whole (Content-Length framed)
    before the next; return each answer's status line, sorted header lines (Date and the
    Server-Timing figure masked) and body. The connection ends when the server closes it."""
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=HANG) as sock:
        return _raw_exchange_on(sock, requests_)


def _raw_exchange_on(sock: socket.socket, requests_: list[bytes]) -> list[tuple[bytes, list[bytes], bytes]]:
    """`_raw_exchange` on a connection the caller holds (and closes)."""
    answers = []
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
    long = requests.get(endpoint, params={"query": "#" * 9000 + "\n" + NAMES}, timeout=HANG)
    assert long.status_code == 414
    many = requests.get(endpoint, params={"query": NAMES}, timeout=HANG,
                        headers={f"X-Field-{i}": "1" for i in range(120)})
    assert many.status_code in (400, 431)
    assert requests.get(endpoint, params={"query": NAMES}, timeout=HANG).status_code == 200


def test_get_queries_awaited_in_the_event_loop_keep_the_limits():
    """A plain GET /sparql is sent to a query process by the worker's event loop and awaited there
    (server/worker.py), with no thread: a runaway GET is stopped at the time limit (503 with the
    error handler's headers, its query process killed and logged) while other GETs are answered;
    with the only query process busy, a GET waits in the loop and is answered 200 once it is
    free (the time limit counts evaluation, not that wait; KG_QUEUE_LIMIT bounds the wait);
    a GET growing past the memory limit is stopped with 503."""
    log: list[str] = []
    with kg_serve("--workers", "1", "--time-limit", str(LONG_LIMIT), log=log,
                  env={"KG_QUERY_WORKERS": "2", "KG_MAX_QUERY_MEMORY": str(150 * 2**20)}) as url:
        result: dict[str, requests.Response] = {}

        def ask(name: str, query: str) -> None:
            result[name] = requests.get(url + "/sparql", params={"query": query}, timeout=HANG)

        runaway = threading.Thread(target=ask, args=("runaway", RUNAWAY))
        runaway.start()
        time.sleep(0.3)  # the runaway reaches its query process
        for _ in range(3):
            assert requests.get(url + "/sparql", params={"query": NAMES}, timeout=HANG).status_code == 200
        assert runaway.is_alive(), "the other GETs were answered only after the runaway's 503"
        runaway.join(HANG)
        r = result["runaway"]
        assert r.status_code == 503
        assert r.text == f"the query was stopped after the time limit of {LONG_LIMIT} s\n"
        assert r.headers["Retry-After"] == "5" and r.headers["Access-Control-Allow-Origin"] == "*"
        assert query_ms(r) >= LONG_LIMIT * 1000  # it ran the whole limit

        memory = "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
        ask("memory", memory)
        assert result["memory"].status_code == 503
        assert "memory limit of 150 MiB (KG_MAX_QUERY_MEMORY)" in result["memory"].text
    assert sum("killed" in line for line in log[0].splitlines()) == 2

    with kg_serve("--workers", "1", "--time-limit", "2", env={"KG_QUERY_WORKERS": "1"}) as url:
        runaway = threading.Thread(target=ask, args=("runaway", RUNAWAY))
        runaway.start()
        time.sleep(0.3)
        waiting = requests.get(url + "/sparql", params={"query": NAMES}, timeout=HANG)
        assert waiting.status_code == 200
        runaway.join(HANG)
        assert result["runaway"].status_code == 503


def test_a_client_that_reads_slowly_holds_no_event_loop(endpoint):
    """A large answer to a GET awaited in the event loop that the client does not read is
    finished by a thread: other clients are answered meanwhile, and the slow client gets it
    whole once it reads."""
    from urllib.parse import quote

    big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 30000"
    host, port = endpoint.split("//")[1].split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=HANG) as slow:
        slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        slow.sendall(f"GET /sparql?query={quote(big)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        assert select.select([slow], [], [], HANG)[0]  # its answer is being written; not read
        for _ in range(5):  # answered (by either worker) while the slow client reads nothing
            assert requests.get(endpoint, params={"query": NAMES}, timeout=HANG).status_code == 200
        data = b""
        while chunk := slow.recv(1 << 20):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:"))
    assert head.startswith(b"HTTP/1.1 200") and len(body) == length > 1_000_000
