"""Load benchmark of the endpoint against the Oxigraph server, on the same data in the same run.

    python benchmarks/load_endpoint.py [--copies 270] [--seconds 5] [--rounds 3] [--connections 4]
                                       [--store DIR] [--only cheap]

Data: the dev corpus (../shared/corpus/dev) built with `kg build`, its article graphs copied
`--copies` times under new article and statement IRIs (people, offices and their names are
shared, as in a real news graph: 270 copies give about 1M triples), bulk-loaded into one store.
Or `--store DIR` to use an existing store.

Servers, both on 127.0.0.1 and reading the same store read-only: `kg serve` (gunicorn, its default
workers: one per CPU with KG_QUERY_WORKERS threads and query processes each, or `--workers`) and `oxigraph serve-read-only --union-default-graph` (PyPI package oxigraph).

Load: benchmarks/httpload.py, a light keep-alive client on raw sockets in one event loop (a few
tens of microseconds of CPU per request; the role of wrk, which is not installed here), with
`--connections` connections, after a short warm-up. Each query is measured in `--rounds` rounds of
`--seconds` per server, the servers interleaved (newskg first in odd rounds, Oxigraph first in
even ones), so that both see the same moments of a machine shared with other jobs; each round's
ratio newskg / Oxigraph is printed, and their median. Reported per server and query: requests/s,
p50 and p99 latency, non-200 answers, and the server's CPU time per request (all its processes
and threads, from /proc: steadier than requests/s on a shared machine; the client's CPU is not
in it, and is printed apart). Queries:

* cheap:       one speaker's name by IRI
* text-filter: COUNT of statements whose text matches a REGEX (a scan of every statement text)
* who-said:    ours: /queries/who-said (text index + metadata); Oxigraph has no text index, so
               the closest equivalent: a REGEX on two claim words plus the same metadata
"""

from __future__ import annotations

import argparse
import http.client
import io
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
sys.path.insert(0, str(REPO / "benchmarks"))

from httpload import run  # noqa: E402 - benchmarks/httpload.py, beside this file

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


def load(port: int, path: str, *, connections: int, seconds: float,
         server_pid: int | None = None) -> dict[str, float]:
    """One measured run of `path` (after a half-second warm-up), with the server's CPU time."""
    run(port, path, connections=connections, seconds=0.5)
    cpu = tree_cpu(server_pid) if server_pid else 0.0
    figures = run(port, path, connections=connections, seconds=seconds)
    cpu = tree_cpu(server_pid) - cpu if server_pid else float("nan")
    figures["cpu_ms"] = cpu * 1000 / max(1, figures["n"] + figures["errors"])
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=270, help="copies of the dev articles (270: ~1M triples)")
    parser.add_argument("--store", type=Path, default=None, help="use this store instead of building one")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per round and server")
    parser.add_argument("--connections", type=int, default=4, help="keep-alive connections of the client")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per query")
    parser.add_argument("--workers", type=int, default=None,
                        help="gunicorn workers of kg serve (default: kg serve's, 1 per CPU)")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="also run kg serve from this checkout (another revision), interleaved")
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
    workers = ["--workers", str(args.workers)] if args.workers else []
    servers: list[tuple[str, subprocess.Popen, int]] = []  # name, process, port
    checkouts = [("newskg", REPO)] + ([("baseline", args.baseline.resolve())] if args.baseline else [])
    for name, checkout in checkouts:
        port = free_port()
        env = dict(os.environ, KG_TIME_LIMIT="60", PYTHONPATH=str(checkout))
        servers.append((name, subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--store", str(store), "--host", "127.0.0.1",
             "--port", str(port), *workers], cwd=checkout, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), port))
    port = free_port()
    servers.append(("oxigraph", subprocess.Popen(
        [oxigraph, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), port))
    paths = {
        "cheap": ("/sparql?" + urlencode({"query": QUERIES["cheap"]}), "/query?" + urlencode({"query": QUERIES["cheap"]})),
        "text-filter": ("/sparql?" + urlencode({"query": QUERIES["text-filter"]}),
                        "/query?" + urlencode({"query": QUERIES["text-filter"]})),
        "who-said": ("/queries/who-said?" + urlencode({"claim": CLAIM}),
                     "/query?" + urlencode({"query": QUERIES["who-said-regex"]})),
    }
    rows = []
    try:
        for name, process, port in servers:
            wait_up(port, "/query?" + urlencode({"query": "ASK {}"}) if name == "oxigraph" else "/sparql", process)
        for query, (ours, theirs) in paths.items():
            if args.only and query != args.only:
                continue
            for round_ in range(args.rounds):
                shift = round_ % len(servers)  # each round starts with the next server
                for name, process, port in servers[shift:] + servers[:shift]:
                    figures = load(port, theirs if name == "oxigraph" else ours, connections=args.connections,
                                   seconds=args.seconds, server_pid=process.pid)
                    rows.append((query, name, round_, figures))
                    print(f"{query:12s} round {round_ + 1} {name:9s} {figures['rps']:8.0f} req/s  "
                          f"p50 {figures['p50']:7.2f} ms  p99 {figures['p99']:7.2f} ms  "
                          f"CPU {figures['cpu_ms']:6.3f} ms/req (client {figures['client_cpu_ms']:.3f})  "
                          f"errors {figures['errors']}", flush=True)
    finally:
        for _, process, _ in servers:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
        if args.store is None:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\n{triples} triples; {args.connections} connections, {args.rounds} interleaved rounds of "
          f"{args.seconds:g} s per query and server, kg serve with "
          f"{args.workers or (os.cpu_count() or 1)} gunicorn workers; {os.cpu_count()} CPUs shared "
          "with the client (and whatever else runs)\n")
    print("| query | server | requests/s (median of rounds) | p50 ms | p99 ms | server CPU ms/request | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    names = [q for q in paths if any(r[0] == q for r in rows)]
    for query in names:
        for name, _, _ in servers:
            mine = [f for q, n, _, f in rows if q == query and n == name]
            done = sum(f["n"] + f["errors"] for f in mine) or 1
            cpu = sum(f["cpu_ms"] * (f["n"] + f["errors"]) for f in mine) / done
            print(f"| {query} | {name} | {statistics.median(f['rps'] for f in mine):.0f} | "
                  f"{statistics.median(f['p50'] for f in mine):.2f} | "
                  f"{statistics.median(f['p99'] for f in mine):.2f} | {cpu:.3f} | "
                  f"{sum(f['errors'] for f in mine)} |")
    for query in names:
        by_round = {(n, r): f for q, n, r, f in rows if q == query}
        for name, _, _ in servers[:-1]:
            ratios = [by_round[(name, r)]["rps"] / by_round[("oxigraph", r)]["rps"]
                      for r in range(args.rounds) if by_round[("oxigraph", r)]["rps"]]
            cpus = [by_round[("oxigraph", r)]["cpu_ms"] / by_round[(name, r)]["cpu_ms"]
                    for r in range(args.rounds) if by_round[(name, r)]["cpu_ms"]]
            if ratios:
                print(f"{query}: throughput {name} / oxigraph per round "
                      f"{', '.join(f'{x:.2f}' for x in ratios)}, median {statistics.median(ratios):.2f}; "
                      f"CPU per request oxigraph / {name} median {statistics.median(cpus):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
