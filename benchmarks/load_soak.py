"""Soak test: many concurrent clients mixing good, malformed and runaway queries.

    python benchmarks/load_soak.py [--store DIR] [--seconds 60] [--good 40] [--malformed 5] [--runaway 5]
                                   [--workers 8]

Starts `kg serve` (gunicorn, `--workers` processes of one request each, KG_TIME_LIMIT=2) on
127.0.0.1 over `--store` (default: the seed article, built with `kg build`), then runs the clients
(threads, one connection each) for `--seconds`: good clients alternate a cheap SELECT and who-said, malformed
clients send syntax errors and SERVICE queries, runaway clients send cross products. It checks,
and prints:

* every good query answered 200 (and their p50 / p99 latency),
* every malformed query answered 400,
* every runaway stopped with a 503 at the time limit (the time it ran, from the Server-Timing
  header; the client's latency also holds the time the request queued),
* the server's memory (RSS of gunicorn and all its children) flat: sampled every 5 s.

Exit status 0 when all four hold, 1 otherwise.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_endpoint import free_port, wait_up

NKG = "PREFIX nkg: <https://w3id.org/newskg/ontology#>\n"
TIME_LIMIT = 2.0
GOOD = [
    "/sparql?" + urlencode({"query": NKG + "SELECT ?name WHERE { ?p a nkg:Person ; nkg:name ?name } LIMIT 5"}),
    "/queries/who-said?" + urlencode({"claim": "who said Ukraine's NATO bid is unrealistic"}),
]
MALFORMED = [
    "/sparql?" + urlencode({"query": "SELEKT ?x WHERE { ?x ?y ?z }"}),
    "/sparql?" + urlencode({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}),
    "/queries/who-said",
]
RUNAWAY = ["/sparql?" + urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
                                            "?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"})]


def tree_rss(pid: int) -> int:
    """Return the resident memory, in bytes, of `pid` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def client(port: int, paths: list[str], end: float, out: list[tuple[str, int, float, float]],
           kind: str) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    i = 0
    while time.monotonic() < end:
        path = paths[i % len(paths)]
        i += 1
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
            timing = response.getheader("Server-Timing") or ""
            in_query = float(timing.split("dur=")[1]) / 1000 if "dur=" in timing else 0.0
            if response.will_close:
                conn.close()
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status, in_query = 0, 0.0
        out.append((kind, status, time.perf_counter() - start, in_query))
    conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--good", type=int, default=40)
    parser.add_argument("--malformed", type=int, default=5)
    parser.add_argument("--runaway", type=int, default=5)
    parser.add_argument("--workers", type=int, default=8,
                        help="gunicorn workers (8: as many queries at once as the former 2 workers "
                             "with 4 query processes each)")
    args = parser.parse_args(argv)
    store = args.store
    if store is None:
        from kg.cli import main as kg_main

        store = Path(tempfile.mkdtemp(prefix="soak-")) / "store"
        kg_main(["build", str(REPO / "examples" / "articles"), "--store", str(store)])
    port = free_port()
    env = dict(os.environ, KG_TIME_LIMIT=str(TIME_LIMIT))
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--host",
                               "127.0.0.1", "--port", str(port), "--workers", str(args.workers)],
                              cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results: list[tuple[str, int, float, float]] = []
    memory: list[int] = []
    try:
        wait_up(port, "/sparql", server)
        end = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(port, paths, end, results, kind))
                   for kind, paths, count in (("good", GOOD, args.good), ("malformed", MALFORMED, args.malformed),
                                              ("runaway", RUNAWAY, args.runaway))
                   for _ in range(count)]
        for t in threads:
            t.start()
        while time.monotonic() < end:
            memory.append(tree_rss(server.pid))
            time.sleep(5)
        for t in threads:
            t.join(60)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()

    verdicts = []
    for kind, expected in (("good", 200), ("malformed", 400), ("runaway", 503)):
        rows = [(s, t) for k, s, t, _ in results if k == kind]
        statuses = Counter(s for s, _ in rows)
        times = sorted(t for _, t in rows)
        p50 = statistics.median(times) * 1000 if times else float("nan")
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000 if times else float("nan")
        print(f"{kind:9s} {len(rows):6d} requests  statuses {dict(statuses)}  p50 {p50:.0f} ms  p99 {p99:.0f} ms"
              f"  max {max(times, default=0) * 1000:.0f} ms")
        verdicts.append((f"every {kind} query answered {expected}", bool(rows) and set(statuses) == {expected}))
        if kind == "runaway":
            # the server's own measure (Server-Timing): the client's also holds queueing time
            ran = [q for k, _, _, q in results if k == kind]
            print(f"{'':9s} time in the query (Server-Timing): min {min(ran, default=0) * 1000:.0f} ms, "
                  f"max {max(ran, default=0) * 1000:.0f} ms")
            verdicts.append((f"every runaway stopped at the time limit ({TIME_LIMIT:g} s, + 0.5 s to kill)",
                             bool(ran) and min(ran) >= TIME_LIMIT - 0.05 and max(ran) <= TIME_LIMIT + 0.5))
    mib = [m / 2**20 for m in memory]
    print("server memory (MiB, every 5 s): " + " ".join(f"{m:.0f}" for m in mib))
    settled = mib[len(mib) // 3:] or mib
    verdicts.append(("memory flat (after warm-up, within 15%)",
                     bool(settled) and max(settled) <= 1.15 * min(settled)))
    for text, ok in verdicts:
        print(f"{'ok  ' if ok else 'FAIL'} {text}")
    return 0 if all(ok for _, ok in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
