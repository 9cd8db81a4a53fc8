"""Load benchmark of the endpoint against the Oxigraph server, on the same data in the same run.

    python benchmarks/load_endpoint.py [--copies 270] [--seconds 5] [--connections 4] [--store DIR]

Data: the dev corpus (../shared/corpus/dev) built with `kg build`, its article graphs copied
`--copies` times under new article and statement IRIs (people, offices and their names are
shared, as in a real news graph: 270 copies give about 1M triples), bulk-loaded into one store.
Or `--store DIR` to use an existing store.

Servers, both on 127.0.0.1 and reading the same store read-only: `kg serve` (gunicorn, its default
workers: one per CPU with KG_QUERY_WORKERS threads and query processes each, or `--workers`) and `oxigraph serve-read-only --union-default-graph` (PyPI package oxigraph).

Load: `--connections` client processes, each sending requests one after another for `--seconds`
(at most `--max-requests` each), after a one-second warm-up. Reported per server and query:
requests/s, p50 and p99 latency, non-200 answers, and the server's CPU time per request (all its
processes and threads, from /proc: steadier than requests/s on a machine shared with other jobs,
and the clients' CPU is not in it). Queries:

* cheap:       one speaker's name by IRI
* text-filter: COUNT of statements whose text matches a REGEX (a scan of every statement text)
* who-said:    ours: /queries/who-said (text index + metadata); Oxigraph has no text index, so
               the closest equivalent: a REGEX on two claim words plus the same metadata
"""

from __future__ import annotations

import argparse
import http.client
import io
import multiprocessing
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

NKG = "PREFIX nkg: <https://w3id.org/newskg/ontology#>\n"
CLAIM = "who said Ukraine's NATO bid is unrealistic"
QUERIES = {
    "cheap": NKG + "SELECT ?name WHERE { <https://w3id.org/newskg/id/person/pete-hegseth> nkg:name ?name } LIMIT 1",
    "text-filter": NKG + 'SELECT (COUNT(?s) AS ?n) WHERE { ?s nkg:text ?t FILTER(REGEX(?t, "unrealistic", "i")) }',
    "who-said-regex": NKG + """SELECT ?name ?text ?article WHERE {
  GRAPH ?article { ?s nkg:text ?text ; nkg:speaker ?sp . ?sp nkg:name ?name
    FILTER(REGEX(?text, "NATO", "i") && REGEX(?text, "unrealistic", "i")) }
} LIMIT 20""",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(copies: int, work: Path) -> Path:
    """Build the dev corpus, replicate its article graphs `copies` times, bulk-load them."""
    import pyoxigraph as ox

    from kg.cli import main as kg_main

    corpus = REPO.parent / "shared" / "corpus" / "dev"
    pooled = work / "pooled"
    if kg_main(["build", *map(str, sorted(corpus.glob("*.txt"))), "--store", str(pooled)]) not in (0, 3):
        raise SystemExit("kg build failed")
    buffer = io.BytesIO()
    ox.Store.read_only(str(pooled)).dump(buffer, ox.RdfFormat.N_QUADS)
    ontology = "<https://w3id.org/newskg/ontology> ."
    lines = buffer.getvalue().decode("utf-8").splitlines()
    keyed = re.compile(r"/id/(article|statement)/([0-9a-f]{16})")
    data = work / "big.nq"
    with data.open("w", encoding="utf-8") as out:
        for line in lines:
            if line.endswith(ontology):
                out.write(line + "\n")
        articles = [line for line in lines if not line.endswith(ontology)]
        for k in range(copies):
            suffix = f"{k:05d}"
            for line in articles:
                out.write(keyed.sub(lambda m, s=suffix: f"/id/{m.group(1)}/{m.group(2)}{s}", line) + "\n")
    store_dir = work / "big-store"
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    data.unlink()
    return store_dir


def wait_up(port: int, path: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {process.args}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not start: {process.args}")


def _client(args: tuple[int, str, str, float, int]) -> tuple[list[float], int]:
    """One connection's loop: GET `path` until `seconds` pass or `cap` requests are done."""
    port, path, accept, seconds, cap = args
    latencies, errors = [], 0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    end = time.monotonic() + seconds
    while time.monotonic() < end and len(latencies) + errors < cap:
        start = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Accept": accept})
            response = conn.getresponse()
            response.read()
            if response.will_close:
                conn.close()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            ok = False
        if ok:
            latencies.append(time.perf_counter() - start)
        else:
            errors += 1
    conn.close()
    return latencies, errors


def tree_cpu(pid: int) -> float:
    """CPU seconds used by `pid` and its descendants, live or ended (Linux /proc).

    A live process counts its own time (all its threads); an ended one is in its parent's
    cutime/cstime once reaped, so summing utime+stime+cutime+cstime over the live tree counts
    every process once.
    """
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            stats[int(entry)] = fields
            children.setdefault(int(fields[1]), []).append(int(entry))
    ticks, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        if p in stats:
            ticks += sum(int(x) for x in stats[p][11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def load(port: int, path: str, *, connections: int, seconds: float, cap: int,
         server_pid: int | None = None) -> dict[str, float]:
    accept = "application/sparql-results+json"
    with multiprocessing.get_context("spawn").Pool(connections) as pool:
        pool.map(_client, [(port, path, accept, 1.0, cap)] * connections)  # warm-up
        cpu = tree_cpu(server_pid) if server_pid else 0.0
        start = time.monotonic()
        results = pool.map(_client, [(port, path, accept, seconds, cap)] * connections)
        elapsed = time.monotonic() - start
        cpu = tree_cpu(server_pid) - cpu if server_pid else float("nan")
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    if not latencies:
        return {"rps": 0.0, "p50": float("nan"), "p99": float("nan"), "errors": errors, "n": 0,
                "cpu_ms": float("nan")}
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return {"rps": len(latencies) / elapsed, "p50": statistics.median(latencies) * 1000,
            "p99": p99 * 1000, "errors": errors, "n": len(latencies),
            "cpu_ms": cpu * 1000 / (len(latencies) + errors)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=270, help="copies of the dev articles (270: ~1M triples)")
    parser.add_argument("--store", type=Path, default=None, help="use this store instead of building one")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per query and server")
    parser.add_argument("--connections", type=int, default=4, help="concurrent client processes")
    parser.add_argument("--max-requests", type=int, default=50_000, help="cap per connection")
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers of kg serve (default: kg serve's, 1 per CPU)")
    parser.add_argument("--only", choices=["cheap", "text-filter", "who-said"], default=None,
                        help="measure this query only")
    args = parser.parse_args(argv)
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(oxigraph).exists():
        raise SystemExit("the oxigraph server is missing: pip install oxigraph")

    work = Path(tempfile.mkdtemp(prefix="load-"))
    store = args.store or build_store(args.copies, work)
    import pyoxigraph as ox

    triples = next(iter(ox.Store.read_only(str(store)).query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")))["n"].value
    ours_port, ox_port = free_port(), free_port()
    env = dict(os.environ, KG_TIME_LIMIT="60")
    workers = ["--workers", str(args.workers)] if args.workers else []
    ours = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--host", "127.0.0.1",
                             "--port", str(ours_port), *workers], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    theirs = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(store), "--bind",
                               f"127.0.0.1:{ox_port}", "--union-default-graph"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rows = []
    try:
        wait_up(ours_port, "/sparql", ours)
        wait_up(ox_port, "/query?" + urlencode({"query": "ASK {}"}), theirs)
        plan = [
            ("cheap", ("newskg", ours, ours_port, "/sparql?" + urlencode({"query": QUERIES["cheap"]})),
             ("oxigraph", theirs, ox_port, "/query?" + urlencode({"query": QUERIES["cheap"]}))),
            ("text-filter", ("newskg", ours, ours_port, "/sparql?" + urlencode({"query": QUERIES["text-filter"]})),
             ("oxigraph", theirs, ox_port, "/query?" + urlencode({"query": QUERIES["text-filter"]}))),
            ("who-said", ("newskg", ours, ours_port, "/queries/who-said?" + urlencode({"claim": CLAIM})),
             ("oxigraph", theirs, ox_port, "/query?" + urlencode({"query": QUERIES["who-said-regex"]}))),
        ]
        for name, *targets in plan:
            if args.only and name != args.only:
                continue
            for server, process, port, path in targets:
                figures = load(port, path, connections=args.connections, seconds=args.seconds,
                               cap=args.max_requests, server_pid=process.pid)
                rows.append((name, server, figures))
                print(f"{name:12s} {server:9s} {figures['rps']:8.0f} req/s  p50 {figures['p50']:8.1f} ms  "
                      f"p99 {figures['p99']:8.1f} ms  CPU {figures['cpu_ms']:7.2f} ms/req  "
                      f"errors {figures['errors']}", flush=True)
    finally:
        for process in (ours, theirs):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
        if args.store is None:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\n{triples} triples; {args.connections} connections, {args.seconds:g} s per row, "
          f"kg serve with {args.workers or (os.cpu_count() or 1)} gunicorn workers; "
          f"{os.cpu_count()} CPUs shared with the clients\n")
    print("| query | server | requests/s | p50 ms | p99 ms | server CPU ms/request | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, server, f in rows:
        print(f"| {name} | {server} | {f['rps']:.0f} | {f['p50']:.1f} | {f['p99']:.1f} | {f['cpu_ms']:.2f} "
              f"| {f['errors']} |")
    by = {(n, s): f for n, s, f in rows}
    for name in ("cheap", "text-filter", "who-said"):
        if (name, "newskg") not in by:
            continue
        ours_rps, theirs_rps = by[(name, "newskg")]["rps"], by[(name, "oxigraph")]["rps"]
        if theirs_rps:
            cpu = by[(name, "oxigraph")]["cpu_ms"] / by[(name, "newskg")]["cpu_ms"]
            print(f"{name}: newskg / oxigraph throughput = {ours_rps / theirs_rps:.2f}; "
                  f"CPU per request, oxigraph / newskg = {cpu:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
