"""A light HTTP/1.1 load client: keep-alive connections on raw sockets in one event loop.

    python benchmarks/httpload.py PORT PATH [--connections 4] [--seconds 5] [--accept TYPE]

Each connection sends the same GET again as soon as the previous answer is whole (framed by
Content-Length or chunked encoding; a `Connection: close` answer reconnects). It spends a few tens
of microseconds of CPU per request, several times less than `http.client` in a process per
connection, so more of the two shared cores go to the server being measured (the role `wrk`
plays; no such binary is installed here). Used by benchmarks/load_endpoint.py.
"""

from __future__ import annotations

import argparse
import resource
import selectors
import socket
import statistics
import time


def _answer_end(buf: bytearray) -> tuple[int, int, bool] | None:
    """(status, end offset, closes) of the first whole answer in `buf`, or None if incomplete."""
    head_end = buf.find(b"\r\n\r\n")
    if head_end < 0:
        return None
    head = bytes(buf[:head_end]).lower()
    status = int(head[9:12])
    closes = b"\nconnection: close" in head
    start = head_end + 4
    at = head.find(b"\ncontent-length:")
    if at >= 0:
        line_end = head.find(b"\r", at + 16)
        length = int(head[at + 16:line_end if line_end >= 0 else len(head)])
        end = start + length
        return (status, end, closes) if len(buf) >= end else None
    if b"\ntransfer-encoding: chunked" in head:
        pos = start
        while True:  # walk the chunks
            eol = buf.find(b"\r\n", pos)
            if eol < 0:
                return None
            size = int(bytes(buf[pos:eol]).split(b";")[0], 16)
            if size == 0:
                trailer_end = buf.find(b"\r\n\r\n", eol - 2 if eol >= 2 else eol)
                if trailer_end < 0 or trailer_end < eol:
                    return None
                return status, trailer_end + 4, closes
            pos = eol + 2 + size + 2
            if len(buf) < pos:
                return None
    return status, start, closes  # no body


def run(port: int, path: str, *, connections: int = 4, seconds: float = 5.0,
        accept: str = "application/sparql-results+json", host: str = "127.0.0.1") -> dict[str, float]:
    """Load `path` on `port` with `connections` keep-alive connections for `seconds`; return
    requests/s, p50 and p99 latency (ms), errors (non-200 or failed) and the client's CPU ms/request."""
    request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: {accept}\r\n"
               "User-Agent: newskg-httpload\r\n\r\n").encode("latin-1")
    selector = selectors.DefaultSelector()
    latencies: list[float] = []
    errors = 0
    state: dict[socket.socket, list] = {}  # sock -> [buffer, sent at]

    def connect() -> None:
        sock = socket.create_connection((host, port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.setblocking(False)
        state[sock] = [bytearray(), 0.0]
        selector.register(sock, selectors.EVENT_READ)
        send(sock)

    def send(sock: socket.socket) -> None:
        state[sock][1] = time.perf_counter()
        sock.sendall(request)  # small: fits the socket buffer

    def close(sock: socket.socket) -> None:
        selector.unregister(sock)
        del state[sock]
        sock.close()

    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    end = started + seconds
    for _ in range(connections):
        connect()
    while state:
        now = time.monotonic()
        for key, _ in selector.select(timeout=max(0.0, min(1.0, end - now + 0.5))):
            sock = key.fileobj
            entry = state[sock]
            try:
                data = sock.recv(1 << 18)
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                data = b""
            if not data:
                errors += 1
                close(sock)
                if time.monotonic() < end:
                    connect()
                continue
            entry[0] += data
            done = _answer_end(entry[0])
            if done is None:
                continue
            status, stop, closes = done
            del entry[0][:stop]
            if status == 200:
                latencies.append(time.perf_counter() - entry[1])
            else:
                errors += 1
            if time.monotonic() >= end:
                close(sock)
            elif closes:
                close(sock)
                connect()
            else:
                send(sock)
        if time.monotonic() > end + 30:  # a stuck server: give up
            for sock in list(state):
                errors += 1
                close(sock)
    elapsed = time.monotonic() - started
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    client_cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    latencies.sort()
    n = len(latencies)
    return {
        "rps": n / elapsed, "n": n, "errors": errors,
        "p50": statistics.median(latencies) * 1000 if n else float("nan"),
        "p99": latencies[min(n - 1, int(n * 0.99))] * 1000 if n else float("nan"),
        "client_cpu_ms": client_cpu * 1000 / max(1, n + errors),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("port", type=int)
    parser.add_argument("path")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--accept", default="application/sparql-results+json")
    args = parser.parse_args(argv)
    print(run(args.port, args.path, connections=args.connections, seconds=args.seconds,
              accept=args.accept))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
