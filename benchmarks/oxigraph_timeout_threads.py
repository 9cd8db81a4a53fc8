"""Threads of `oxigraph serve-read-only` under cheap-query load, with or without `--timeout-s`.

    python benchmarks/oxigraph_timeout_threads.py --store DIR [--seconds 8] [--connections 4]
                                                  [--cap 15000] [-- --timeout-s 10]

Loads the server with a cheap SELECT (benchmarks/httpload.py) for `--seconds`, samples its thread
count and resident memory (/proc/PID/status) every quarter second while the load lasts and for
12 s after, and prints the timeline, the peak, and whether the server is still alive. The load
stops early once the server has more than `--cap` threads (the machine is shared). Arguments
after `--` go to the server. With `--timeout-s T`, oxigraph 0.5.13 keeps one sleeping thread per
query for T seconds (docs/endpoint.md, issue 18 item 8).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from httpload import run  # noqa: E402 - benchmarks/httpload.py, beside this file
from load_endpoint import QUERIES, free_port  # noqa: E402


def status(pid: int) -> tuple[int, int] | None:
    """(threads, resident MiB) of `pid`, or None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
    return int(fields["Threads"]), int(fields["VmRSS"].split()[0]) // 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--cap", type=int, default=15_000, help="stop the load past this many threads")
    parser.add_argument("server_args", nargs="*", help="after --: oxigraph's options, e.g. --timeout-s 10")
    args = parser.parse_args(argv)
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    server = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(args.store), "--bind",
                               f"127.0.0.1:{port}", "--union-default-graph", *args.server_args],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)
    samples: list[tuple[float, int | None, int | None]] = []
    stop, result = threading.Event(), {}

    def sample() -> None:
        start = time.monotonic()
        while not stop.is_set():
            seen = status(server.pid)
            samples.append((round(time.monotonic() - start, 2), *(seen or (None, None))))
            if seen is None or seen[0] > args.cap:
                return
            time.sleep(0.25)

    sampler = threading.Thread(target=sample)
    sampler.start()
    path = "/query?" + urlencode({"query": QUERIES["cheap"]})
    loader = threading.Thread(target=lambda: result.update(
        run(port, path, connections=args.connections, seconds=args.seconds)), daemon=True)
    started = time.monotonic()
    loader.start()
    while loader.is_alive() and time.monotonic() - started < args.seconds + 5:
        if samples and (samples[-1][1] is None or samples[-1][1] > args.cap):
            break  # past the cap, or the server is gone: stop loading a shared machine
        time.sleep(0.2)
    load_ended = time.monotonic() - started
    if server.poll() is None and (samples[-1][1] or 0) > args.cap:
        server.kill()
    time.sleep(12)  # do the threads go away after the load?
    stop.set()
    sampler.join()
    alive = server.poll() is None
    server.kill()
    server.wait()
    print("timeline (s, threads):", [(t, n) for i, (t, n, _) in enumerate(samples) if i % 4 == 0])
    print(json.dumps({
        "server_args": args.server_args, "connections": args.connections,
        "requests_per_s": round(result.get("rps", 0)), "requests": result.get("n"),
        "peak_threads": max((n or 0) for _, n, _ in samples),
        "peak_rss_mib": max((m or 0) for _, _, m in samples),
        "threads_when_the_load_ended": next((n for t, n, _ in reversed(samples) if t <= load_ended), None),
        "threads_12_s_after": samples[-1][1], "alive_after": alive,
        "server_stderr_end": server.stderr.read().decode(errors="replace").strip()[-200:],  # type: ignore[union-attr]
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
