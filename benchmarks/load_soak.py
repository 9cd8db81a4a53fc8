"""Soak test: many concurrent clients mixing good, malformed and runaway queries.

    python benchmarks/load_soak.py [--store DIR] [--seconds 60] [--good 40] [--malformed 5] [--runaway 5]
                                   [--workers 8] [--threads 2] [--query-memory 128] [--interval 2]
                                   [--samples FILE.tsv]

Starts `kg serve` (gunicorn, `--workers` processes of `--threads` threads, each thread with its
query process; KG_TIME_LIMIT=2, KG_MAX_QUERY_MEMORY=`--query-memory` MiB) on 127.0.0.1 over
`--store` (default: the seed article, built with `kg build`), then runs the clients (threads, one
connection each) for `--seconds`: good clients alternate a cheap SELECT and who-said, malformed
clients send syntax errors and SERVICE queries, runaway clients alternate a cross product that
counts (stopped at the time limit) and one that sorts (stopped at the memory limit, or at the time
limit if it grows slowly). It prints the answers of each kind of client by class (200, 400, 503 at
the time limit, at the memory limit, busy) and checks:

* every good query answered 200 (and their p50 / p99 latency),
* every malformed query answered 400,
* every runaway stopped with a 503 at the time or the memory limit (the time it ran in its query
  process, from the Server-Timing header; the client's latency also holds the time the request
  waited for a free query process, bounded by KG_QUEUE_LIMIT, 3 x the time limit by default),
* no crashed process in the server's log,
* the server's memory (gunicorn's master, its workers and their query processes; RSS and PSS
  from /proc/PID/smaps_rollup, sampled every `--interval` s) within the bound docs/endpoint.md
  gives: what all of them hold at rest before the clients start, plus workers x threads x the
  memory limit (each query process may grow by that much above its floor, then it is killed or,
  after its query, replaced),
* and flat: the median of the last quarter's samples within 10% of the first quarter's, and the
  memory at rest after the clients stop within 10% of before.

Exit status 0 when all hold, 1 otherwise.
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
from dataclasses import dataclass, field
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
RUNAWAY = [  # one runs past the time limit in little memory; one sorts, and grows past the memory limit
    "/sparql?" + urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
                                     "?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"}),
    "/sparql?" + urlencode({"query": "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } "
                                     "ORDER BY ?c ?f ?i"}),
]


def _tree(pid: int) -> tuple[list[int], dict[int, list[int]]]:
    """`pid`'s children and the children of every process (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    return children.get(pid, []), children


def _memory(pid: int) -> tuple[int, int]:
    """Resident and proportional (shared pages split among their sharers) memory of `pid`, in
    bytes, from /proc/PID/smaps_rollup; (0, 0) for a process that has ended."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


@dataclass
class Sample:
    """The server's memory at one moment, by role: the gunicorn master, its workers, and the
    workers' query processes (one per thread; each forked from its worker)."""

    at: float
    master: tuple[int, int]
    workers: list[tuple[int, int, int]] = field(default_factory=list)  # pid, rss, pss
    queries: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def rss(self) -> int:
        return self.master[0] + sum(r for _, r, _ in self.workers) + sum(r for _, r, _ in self.queries)

    @property
    def pss(self) -> int:
        return self.master[1] + sum(p for _, _, p in self.workers) + sum(p for _, _, p in self.queries)


def sample(master: int) -> Sample:
    """The memory of gunicorn's master `master`, its workers and their query processes (any
    deeper descendant counts with its query process)."""
    workers, children = _tree(master)
    taken = Sample(time.monotonic(), _memory(master))
    for worker in workers:
        taken.workers.append((worker, *_memory(worker)))
        for query in children.get(worker, []):
            rss, pss = _memory(query)
            stack = list(children.get(query, []))
            while stack:
                p = stack.pop()
                stack.extend(children.get(p, []))
                more = _memory(p)
                rss, pss = rss + more[0], pss + more[1]
            taken.queries.append((query, rss, pss))
    return taken


def answer_class(status: int, body: bytes) -> str:
    """The class of an answer: its status, and for a 503 which limit stopped it."""
    if status == 503:
        for word, name in ((b"busy", "503 busy"), (b"memory limit", "503 memory limit"),
                           (b"time limit", "503 time limit")):
            if word in body:
                return name
    return str(status) if status else "no answer"


def client(port: int, paths: list[str], end: float, out: list[tuple[str, str, float, float]],
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
            body = response.read()
            answer = answer_class(response.status, body)
            timing = response.getheader("Server-Timing") or ""
            in_query = float(timing.split("dur=")[1]) / 1000 if "dur=" in timing else 0.0
            if response.will_close:
                conn.close()
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            answer, in_query = "no answer", 0.0
        out.append((kind, answer, time.perf_counter() - start, in_query))
    conn.close()


def settled(master: int, processes: int, seconds: float = 60.0) -> Sample:
    """A sample once `processes` workers and query processes are up (or after `seconds`), at
    rest: the median (by total RSS) of three, a second apart."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        taken = sample(master)
        if len(taken.workers) + len(taken.queries) >= processes:
            break
        time.sleep(0.5)
    time.sleep(1)
    samples = []
    for _ in range(3):
        samples.append(sample(master))
        time.sleep(1)
    return sorted(samples, key=lambda s: s.rss)[1]


def spread(values: list[float]) -> str:
    """min / median / max, and the medians of the first and last quarter."""
    if not values:
        return "-"
    quarter = max(1, len(values) // 4)
    return (f"min {min(values):7,.0f}  median {statistics.median(values):7,.0f}  max {max(values):7,.0f}"
            f"   first quarter {statistics.median(values[:quarter]):7,.0f}"
            f"  last quarter {statistics.median(values[-quarter:]):7,.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--good", type=int, default=40)
    parser.add_argument("--malformed", type=int, default=5)
    parser.add_argument("--runaway", type=int, default=5)
    parser.add_argument("--workers", type=int, default=8,
                        help="gunicorn workers (8 of 2 threads: 16 queries at once, so that 5 "
                             "runaways leave room for the other 45 clients)")
    parser.add_argument("--threads", type=int, default=2,
                        help="threads (and query processes) per worker: KG_QUERY_WORKERS")
    parser.add_argument("--query-memory", type=float, default=128,
                        help="MiB a query may grow by: KG_MAX_QUERY_MEMORY (default 128, so that "
                             "the sorting runaways reach it within the time limit)")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between memory samples")
    parser.add_argument("--samples", type=Path, default=None,
                        help="write every sample (per process) to this file as TSV")
    args = parser.parse_args(argv)
    store = args.store
    if store is None:
        from kg.cli import main as kg_main

        store = Path(tempfile.mkdtemp(prefix="soak-")) / "store"
        kg_main(["build", str(REPO / "examples" / "articles"), "--store", str(store)])
    cap = int(args.query_memory * 2**20)
    port = free_port()
    env = dict(os.environ, KG_TIME_LIMIT=str(TIME_LIMIT), KG_QUERY_WORKERS=str(args.threads),
               KG_MAX_QUERY_MEMORY=str(cap))
    log = tempfile.TemporaryFile()
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--host",
                               "127.0.0.1", "--port", str(port), "--workers", str(args.workers)],
                              cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    processes = args.workers * (1 + args.threads)
    results: list[tuple[str, str, float, float]] = []
    memory: list[Sample] = []
    try:
        wait_up(port, "/sparql", server)
        before = settled(server.pid, processes)
        begun = time.monotonic()
        end = begun + args.seconds
        threads = [threading.Thread(target=client, args=(port, paths, end, results, kind))
                   for kind, paths, count in (("good", GOOD, args.good), ("malformed", MALFORMED, args.malformed),
                                              ("runaway", RUNAWAY, args.runaway))
                   for _ in range(count)]
        for t in threads:
            t.start()
        while time.monotonic() < end:
            memory.append(sample(server.pid))
            time.sleep(max(0.0, min(args.interval, end - time.monotonic())))
        for t in threads:
            t.join(60)
        after = settled(server.pid, 0)  # a stopped query process is replaced when next needed
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
    log.seek(0)
    logged = log.read().decode("utf-8", "replace").splitlines()

    print(f"{args.seconds:g} s; {args.workers} workers x {args.threads} threads (query processes); "
          f"time limit {TIME_LIMIT:g} s; memory limit {args.query_memory:,.0f} MiB per query; "
          f"clients: {args.good} good, {args.malformed} malformed, {args.runaway} runaway")
    verdicts = []
    for kind, expected in (("good", {"200"}), ("malformed", {"400"}),
                           ("runaway", {"503 time limit", "503 memory limit"})):
        rows = [(a, t) for k, a, t, _ in results if k == kind]
        answers = Counter(a for a, _ in rows)
        times = sorted(t for _, t in rows)
        p50 = statistics.median(times) * 1000 if times else float("nan")
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000 if times else float("nan")
        print(f"{kind:9s} {len(rows):6d} requests  answers {dict(answers.most_common())}  p50 {p50:.0f} ms"
              f"  p99 {p99:.0f} ms  max {max(times, default=0) * 1000:.0f} ms")
        verdicts.append((f"every {kind} query answered {' or '.join(sorted(expected))}",
                         bool(rows) and set(answers) <= expected))
        if kind == "runaway":
            # the server's own measure (Server-Timing): the client's also holds queueing time
            ran = [q for k, a, _, q in results if a == "503 time limit"]
            grown = [q for k, a, _, q in results if a == "503 memory limit"]
            print(f"{'':9s} stopped at the time limit after (Server-Timing) {min(ran, default=0) * 1000:.0f}"
                  f" to {max(ran, default=0) * 1000:.0f} ms; at the memory limit after "
                  f"{min(grown, default=0) * 1000:.0f} to {max(grown, default=0) * 1000:.0f} ms")
            verdicts.append((f"every runaway stopped by the time limit at {TIME_LIMIT:g} s (+ 0.5 s to kill)",
                             all(TIME_LIMIT - 0.05 <= q <= TIME_LIMIT + 0.5 for q in ran)))
    killed = sum("killed):" in line for line in logged)
    crashed = [line for line in logged if "SIGSEGV" in line or "Traceback" in line or "was sent" in line]
    print(f"server log: {killed} query processes killed at a limit; {len(crashed)} lines of crashes"
          + "".join(f"\n    {line}" for line in crashed[:5]))
    verdicts.append(("no crash in the server's log", not crashed))

    mib = 2**20
    print(f"memory (MiB), {len(memory)} samples every {args.interval:g} s; RSS counts the pages "
          "processes share once per process, PSS splits them (their sum is what the server holds):")
    for name, values in (
            ("all, RSS", [s.rss / mib for s in memory]),
            ("all, PSS", [s.pss / mib for s in memory]),
            ("master, RSS", [s.master[0] / mib for s in memory]),
            ("workers, RSS", [sum(r for _, r, _ in s.workers) / mib for s in memory]),
            ("query processes, RSS", [sum(r for _, r, _ in s.queries) / mib for s in memory]),
            ("largest query process", [max((r for _, r, _ in s.queries), default=0) / mib for s in memory]),
            ("query processes, count", [float(len(s.queries)) for s in memory])):
        print(f"  {name:23s} {spread(values)}")
    for name, rest in (("before", before), ("after", after)):
        print(f"  at rest {name:6s} RSS {rest.rss / mib:7,.0f}  PSS {rest.pss / mib:7,.0f}  (master "
              f"{rest.master[0] / mib:,.0f}, workers {sum(r for _, r, _ in rest.workers) / mib:,.0f}, "
              f"{len(rest.queries)} query processes {sum(r for _, r, _ in rest.queries) / mib:,.0f})")
    print("  all, RSS over time: " + " ".join(f"{s.rss / mib:.0f}" for s in memory))
    if args.samples:
        with args.samples.open("w") as out:
            out.write("seconds\trole\tpid\trss_kib\tpss_kib\n")
            for s in [before, *memory, after]:
                at = s.at - begun
                out.write(f"{at:.1f}\tmaster\t{server.pid}\t{s.master[0] >> 10}\t{s.master[1] >> 10}\n")
                for role, rows in (("worker", s.workers), ("query", s.queries)):
                    for pid, rss, pss in rows:
                        out.write(f"{at:.1f}\t{role}\t{pid}\t{rss >> 10}\t{pss >> 10}\n")

    # the bound: what the processes hold at rest, plus each query process grown by the cap
    bound = before.rss + args.workers * args.threads * cap
    peak = max((s.rss for s in memory), default=0)
    print(f"bound: at rest {before.rss / mib:,.0f} MiB + {args.workers} workers x {args.threads} query "
          f"processes x {args.query_memory:,.0f} MiB = {bound / mib:,.0f} MiB; peak {peak / mib:,.0f} MiB "
          f"({peak / bound:.0%} of it)")
    verdicts.append(("peak memory (all processes, RSS) within the bound", bool(memory) and peak <= bound))
    # flat: at rest after the soak as before it, and no upward drift from first to last quarter
    quarter = max(1, len(memory) // 4)
    first = statistics.median(s.rss for s in memory[:quarter]) if memory else 0
    last = statistics.median(s.rss for s in memory[-quarter:]) if memory else 0
    verdicts.append(("memory flat: last quarter's median within 10% of the first's, and at rest "
                     "after within 10% of before",
                     bool(memory) and last <= 1.10 * first and after.rss <= 1.10 * before.rss))
    for text, ok in verdicts:
        print(f"{'ok  ' if ok else 'FAIL'} {text}")
    return 0 if all(ok for _, ok in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
