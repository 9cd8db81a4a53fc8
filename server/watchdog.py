"""Stop a runaway query by ending the process that runs it, after answering its client with a 503.

How `kg serve` enforces the time limit over a store or RDF files when updates are off: each
gunicorn worker is a process that handles one request at a time (sync workers) and evaluates its
queries itself. pyoxigraph cannot cancel a query, but it releases the GIL while it evaluates, so
a thread of the same process keeps running: the watchdog. The request's thread arms it with a
deadline before evaluating and disarms it once the result is serialized. If the deadline passes
first, the watchdog writes the complete 503 answer (the one the error handler would give, with
the CORS headers the route would have) to the client's socket, logs one line naming the query,
and ends the worker with `os._exit`; gunicorn's master starts a replacement (a fork of the
master, which already holds the app and the text index). Other workers answer other clients
meanwhile. Arming and disarming are a lock and an assignment: the watchdog polls while idle
rather than being woken for every query.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from email.utils import formatdate

from server.cors import add_cors
from server.errors import QueryTimeout, render
from server.settings import Settings

Answer = Callable[[Mapping[str, object], float], bytes]
_IDLE_POLL = 0.1  # seconds between looks while no query is armed (never more than half the limit)


def timeout_answer(environ: Mapping[str, object], seconds: float, settings: Settings) -> bytes:
    """The whole HTTP answer to a query stopped after `seconds`: status line, headers, body."""
    exc = QueryTimeout(f"the query was stopped after the time limit of {settings.time_limit:g} s")
    exc.seconds = seconds  # type: ignore[attr-defined]
    response = add_cors(render(exc), str(environ.get("PATH_INFO", "")), settings.cors_origin)
    body = b"" if environ.get("REQUEST_METHOD") == "HEAD" else response.get_data()
    lines = [f"HTTP/1.1 {response.status}", f"Date: {formatdate(usegmt=True)}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in response.headers.items()
              if name.lower() not in ("connection", "date")]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class Watchdog:
    """Ends this process when an armed query passes its deadline, after answering its client.

    `answer(environ, seconds)` renders the 503; `environ` is the WSGI environ of the request,
    whose `gunicorn.socket` is the client's connection.
    """

    def __init__(self, time_limit: float, answer: Answer) -> None:
        self.time_limit = time_limit
        self.answer = answer
        self._lock = threading.Lock()
        # (deadline, started, environ, query text) while a query runs, else None
        self._armed: tuple[float, float, Mapping[str, object], str] | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start watching (in the serving process, after the fork: threads do not survive one)."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._watch, name="newskg-watchdog", daemon=True)
            self._thread.start()

    @contextmanager
    def guard(self, environ: Mapping[str, object], text: str) -> Iterator[float]:
        """Run the block under the time limit; yields its start (time.monotonic)."""
        started = time.monotonic()
        with self._lock:
            self._armed = (started + self.time_limit, started, environ, text)
        try:
            yield started
        finally:
            with self._lock:  # blocks for good when the watchdog is stopping this process
                self._armed = None

    def _watch(self) -> None:
        idle = min(_IDLE_POLL, self.time_limit / 2)
        while True:
            with self._lock:
                armed = self._armed
                now = time.monotonic()
                if armed is not None and now >= armed[0]:
                    self._stop(armed, now)  # holding the lock: the request cannot answer too
            # a query armed later has a later deadline, so sleeping until this one's is safe
            time.sleep(idle if armed is None else max(0.0, armed[0] - now))

    def _stop(self, armed: tuple[float, float, Mapping[str, object], str], now: float) -> None:
        _, started, environ, text = armed
        client = environ.get("gunicorn.socket")
        if isinstance(client, socket.socket):
            try:
                client.settimeout(1.0)
                client.sendall(self.answer(environ, now - started))
                client.shutdown(socket.SHUT_WR)
                client.setblocking(False)
                while client.recv(65536):  # what the client sent and nobody read: no RST
                    pass
            except OSError:
                pass
        query = " ".join(text.split())
        sys.stderr.write(f"newskg: worker {os.getpid()} stopped a query at the time limit of "
                         f"{self.time_limit:g} s and exits (gunicorn starts another): "
                         f"{query[:300]}{' ...' if len(query) > 300 else ''}\n")
        sys.stderr.flush()
        os._exit(0)


__all__ = ["Watchdog", "timeout_answer"]
