"""The gunicorn worker of `kg serve`: its event loop reads each request whole, then a thread answers.

gunicorn's threaded worker (gthread) gives a new connection to a thread, which waits up to 5 s
for its first bytes and then reads the request with blocking reads: a client that opens a socket
and sends nothing, or trickles its headers, holds a thread for as long as it likes (and a sync
worker, a whole process). This worker reads every request in its event loop instead, with
non-blocking reads, and gives it to a thread only once it has arrived whole: the headers, and the
body by its Content-Length or its chunked framing (`RequestFrame`). The thread parses it with
gunicorn's own parser from memory, never from the socket. In the loop:

* a request must arrive whole within `request_timeout` seconds of its connection being accepted
  (or of its first byte on a kept-alive connection); else the client gets a 408 and is closed;
* a body larger than `max_body` bytes gets a 413 as soon as that is known (from Content-Length,
  or when the chunks received pass it), whatever its transfer encoding; the rest is never read
  and nothing is evaluated. A header section past `MAX_HEAD` bytes gets a 431, a malformed
  chunked body a 400;
* `Expect: 100-continue` is answered there, so a client sends its body without waiting.

Idle connections cost a socket and a few hundred bytes, no thread: hundreds of them do not slow
the others. A worker accepts connections only while it has a free thread, so a request does not
wait behind busy threads while another worker has a free one. The threads evaluate queries in
query processes (server/runner.py), which are killed at the time and memory limits.
"""

from __future__ import annotations

import errno
import io
import re
import selectors
import socket
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from types import SimpleNamespace

from gunicorn import http, util
from gunicorn.workers.gthread import ThreadWorker, TConn

from kg.errors import KgError
from server.runner import MEMORY_POLL, Flight, remember

MAX_HEAD = 64 * 1024  # bytes of request line and headers
LINGER = 2.0  # seconds a refused request's connection is still read (and discarded) before closing
_SIZE_LINE = 1024  # bytes of a chunk-size line with its extensions
_RECV = 256 * 1024

Answer = tuple[str, list[tuple[str, str]], bytes]  # status line, header fields, body
# what the lean path takes, checked on the raw bytes; anything else goes to gunicorn and the app
_LEAN_TARGET = re.compile(rb"/sparql\?[\x21-\x7e]*")
_LEAN_FIELD = re.compile(rb"([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*((?:[\x21-\x7e][\x20-\x7e\t]*)?)")
_LEAN_REFUSED = frozenset((b"content-length", b"transfer-encoding", b"expect", b"upgrade",
                           b"http2-settings"))
_UNREAD = object()
_INTERNAL_ERROR: Answer = ("500 Internal Server Error",
                           [("Content-Type", "text/plain"), ("Content-Length", "22")],
                           b"Internal Server Error\n")
# stands in for gunicorn's parser on a connection whose request the lean path answered: nothing
# was read ahead (finish_request looks)
_NO_PARSER = SimpleNamespace(unreader=SimpleNamespace(buf=io.BytesIO()))


_date: tuple[int, str] = (0, "")


def _http_date() -> str:
    """gunicorn's Date value, formatted once a second."""
    global _date
    now = int(time.time())
    if _date[0] != now:
        _date = (now, util.http_date(now))
    return _date[1]


class Rejected(Exception):
    """A request refused while it arrives: its status and a one-line reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


class RequestFrame:
    """Finds where one HTTP/1.1 request ends in the bytes received so far, without parsing more
    than its framing: the end of the headers, then Content-Length bytes or the chunks up to the
    last one and its trailers. `end(buffer)` is called again as bytes arrive; it resumes where it
    stopped. Anything malformed beyond that is left to gunicorn's parser, which reads the request
    from memory (it cannot wait for more)."""

    def __init__(self, max_body: int) -> None:
        self.max_body = max_body
        self.pos = 0  # where scanning resumes
        self.body_start: int | None = None
        self.length: int | None = None  # Content-Length; None for chunked
        self.received = 0  # bytes of chunk data so far
        self.in_trailers = False
        self.expects_continue = False

    def end(self, buf: bytearray) -> int | None:
        """Return the offset just past the request in `buf`, or None while it is incomplete."""
        if self.body_start is None and not self._head(buf):
            return None
        if self.length is not None:
            end = self.body_start + self.length  # type: ignore[operator]
            return end if len(buf) >= end else None
        return self._chunks(buf)

    def _head(self, buf: bytearray) -> bool:
        while buf.startswith(b"\r\n"):  # empty lines before a request are ignored (RFC 9112 2.2)
            del buf[:2]
        head_end = buf.find(b"\r\n\r\n", max(0, self.pos - 3))
        if head_end < 0 or head_end > MAX_HEAD:
            if len(buf) > MAX_HEAD:
                raise Rejected(431, f"the request line and headers are longer than {MAX_HEAD:,} bytes")
            self.pos = len(buf)
            return False
        length, chunked = 0, False
        for line in bytes(buf[:head_end]).split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == b"content-length" and value.isdigit():
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = value.endswith(b"chunked")
            elif name == b"expect":
                self.expects_continue = value == b"100-continue"
        self.body_start = self.pos = head_end + 4
        if chunked:
            self.length = None
        elif length > self.max_body:
            raise Rejected(413, self._too_large())
        else:
            self.length = length
        return True

    def _chunks(self, buf: bytearray) -> int | None:
        if len(buf) > self.body_start + 2 * self.max_body + MAX_HEAD:  # type: ignore[operator]
            raise Rejected(413, self._too_large())  # chunk framing and trailers are bounded too
        while True:
            eol = buf.find(b"\r\n", self.pos)
            limit = MAX_HEAD if self.in_trailers else _SIZE_LINE
            if eol < 0:
                if len(buf) - self.pos > limit:
                    raise Rejected(400, "a chunk-size or trailer line of the chunked body is too long")
                return None
            line = bytes(buf[self.pos:eol])
            if self.in_trailers:
                self.pos = eol + 2
                if not line:
                    return self.pos
                continue
            digits = line.split(b";")[0].strip()
            if not digits or digits.strip(b"0123456789abcdefABCDEF"):
                raise Rejected(400, "the chunked request body is malformed (a chunk size is not hex)")
            size = int(digits, 16)
            self.received += size
            if self.received > self.max_body:
                raise Rejected(413, self._too_large())
            if size == 0:
                self.in_trailers = True
                self.pos = eol + 2
                continue
            data_end = eol + 2 + size
            if len(buf) < data_end + 2:
                return None
            if buf[data_end:data_end + 2] != b"\r\n":
                raise Rejected(400, "the chunked request body is malformed (a chunk is longer "
                                    "than its size)")
            self.pos = data_end + 2

    def _too_large(self) -> str:
        return (f"the request body is larger than the limit of {self.max_body:,} bytes "
                "(KG_MAX_REQUEST_BYTES); it was not read")


class BufferedRequestWorker(ThreadWorker):  # type: ignore[misc]
    """gthread, but requests are read whole in the event loop (see the module's docstring).

    `answer(status, reason, path)` renders the whole HTTP answer to a request refused as it
    arrives (the app's one-line errors, with its CORS headers); the server sets it, with the
    limits, on the class before gunicorn forks (`configure`).
    """

    max_body = 1024 * 1024
    request_timeout = 10.0
    lean = None  # the app's LeanSparql (server/sparql_endpoint.py), which answers GET /sparql
    answer: Callable[[int, str, str], bytes] = staticmethod(
        lambda status, reason, path: f"HTTP/1.1 {status} \r\nConnection: close\r\n"
                                     f"Content-Type: text/plain\r\n\r\n{reason}\n".encode())

    @classmethod
    def configure(cls, *, max_body: int, request_timeout: float,
                  answer: Callable[[int, str, str], bytes], lean: object = None) -> None:
        cls.max_body, cls.request_timeout, cls.answer = max_body, request_timeout, staticmethod(answer)
        cls.lean = lean

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.arriving: dict[TConn, float] = {}  # connections whose request is arriving -> deadline
        self.lingering: dict[TConn, float] = {}  # refused, read until closed by the client -> deadline
        self.busy = 0  # requests given to threads or awaited in the loop, and not finished
        self.notified = 0.0  # when the arbiter was last told that the worker is alive
        self.lean_requests: dict[bytes, object] = {}  # raw request -> what _read_lean found
        self.flights: dict[Flight, tuple[TConn, bytes, bytes | None]] = {}  # awaited in the loop
        self.queued: deque = deque()  # waiting in the loop for a free query process

    # -- accepting -------------------------------------------------------------------------

    def set_accept_enabled(self, enabled: bool) -> None:
        super().set_accept_enabled(enabled and self.busy < self.cfg.threads)

    def accept(self, listener) -> None:  # type: ignore[no-untyped-def]
        try:
            client, addr = listener.accept()
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, client, addr, listener.getsockname())  # non-blocking
        conn.inbuf = bytearray()
        self._await_request(conn)

    def on_client_socket_readable(self, conn, client) -> None:  # type: ignore[no-untyped-def]
        """A kept-alive connection sends its next request: read it in the loop, as a new one."""
        self.keepalived_conns.remove(conn)
        self._await_request(conn, registered=True)

    def notify(self) -> None:
        """Tell the arbiter the worker is alive (a file's times: a system call), at most once a
        second: the loop turns once or twice per request, and the arbiter's timeout is 30 s and
        more (`kg serve` sets the time limit + 30 s)."""
        now = time.monotonic()
        if now - self.notified >= 1.0:
            self.notified = now
            super().notify()

    # -- reading a request whole -----------------------------------------------------------

    def _await_request(self, conn, registered: bool = False) -> None:  # type: ignore[no-untyped-def]
        conn.frame = RequestFrame(self.max_body)
        conn.sent_continue = False
        self.arriving[conn] = time.monotonic() + self.request_timeout
        if registered:  # a kept-alive connection, watched already: the callback changes only
            self.poller.modify(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))
        else:
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_bytes, conn))
        if conn.inbuf:  # pipelined: the next request may be here already
            self._on_bytes(conn, conn.sock)

    def _on_bytes(self, conn, _sock) -> None:  # type: ignore[no-untyped-def]
        try:
            data = conn.sock.recv(_RECV)
            if not data:  # the client closed
                self._drop(conn)
                return
            conn.inbuf += data
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            self._drop(conn)
            return
        try:
            end = conn.frame.end(conn.inbuf)
        except Rejected as exc:
            self._refuse(conn, exc.status, str(exc))
            return
        if end is None:
            if conn.frame.expects_continue and not conn.sent_continue:
                conn.sent_continue = self._send(conn, b"HTTP/1.1 100 Continue\r\n\r\n")
            return
        self._stop_reading(conn)
        request, conn.inbuf = bytes(conn.inbuf[:end]), conn.inbuf[end:]
        if self.lean is not None and request.startswith(b"GET /sparql?") and conn.frame.length == 0:
            conn.lean_request, conn.parser = request, _NO_PARSER
            conn.initialized = conn.data_ready = True
            if self._start_lean(conn, request):
                conn.lean_request = None
                return  # answered, or awaited in the loop
        else:
            conn.lean_request = None
            conn.parser = http.get_parser(self.cfg, [request], conn.client)  # reads from memory only
        conn.initialized = conn.data_ready = True
        self.enqueue_req(conn)

    def _stop_reading(self, conn) -> None:  # type: ignore[no-untyped-def]
        self.arriving.pop(conn, None)
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass

    def _drop(self, conn) -> None:  # type: ignore[no-untyped-def]
        self._stop_reading(conn)
        self._close(conn)

    @staticmethod
    def _send(conn, data: bytes) -> bool:  # type: ignore[no-untyped-def]
        try:
            return conn.sock.send(data) == len(data)
        except OSError:
            return False

    def _refuse(self, conn, status: int, reason: str) -> None:  # type: ignore[no-untyped-def]
        """Answer a request refused as it arrives, then close its connection. What the client
        still sends is read and discarded for up to LINGER seconds first: closing a socket with
        unread bytes resets the connection, and the client could lose the answer."""
        first = bytes(conn.inbuf[:conn.inbuf.find(b"\r\n")]) if b"\r\n" in conn.inbuf else b""
        parts = first.split(b" ")
        path = parts[1].split(b"?")[0].decode("latin-1") if len(parts) > 1 else ""
        self._stop_reading(conn)
        conn.inbuf = bytearray()
        if not self._send(conn, self.answer(status, reason, path)):
            self._close(conn)
            return
        try:
            conn.sock.shutdown(socket.SHUT_WR)
        except OSError:
            self._close(conn)
            return
        self.lingering[conn] = time.monotonic() + LINGER
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_lingering, conn))

    def _on_lingering(self, conn, _sock) -> None:  # type: ignore[no-untyped-def]
        try:
            if conn.sock.recv(_RECV):
                return
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            pass
        self._close(conn)

    def _close(self, conn) -> None:  # type: ignore[no-untyped-def]
        if self.lingering.pop(conn, None) is not None:
            try:
                self.poller.unregister(conn.sock)
            except (KeyError, ValueError, OSError):
                pass
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        """Close connections whose request did not arrive in time (408), and at a stop those
        that have sent nothing."""
        super().murder_pending()
        now = time.monotonic()
        for conn, deadline in list(self.lingering.items()):
            if now >= deadline:
                self._close(conn)
        for conn, deadline in list(self.arriving.items()):
            if now >= deadline:
                self._refuse(conn, 408, f"the request did not arrive whole within "
                                        f"{self.request_timeout:g} s (KG_REQUEST_TIMEOUT)")
            elif not self.alive and not conn.inbuf:
                self._drop(conn)

    # -- threads ---------------------------------------------------------------------------

    def enqueue_req(self, conn) -> None:  # type: ignore[no-untyped-def]
        self.busy += 1
        if self.busy >= self.cfg.threads:
            self.set_accept_enabled(False)
        super().enqueue_req(conn)

    def finish_request(self, conn, fs) -> None:  # type: ignore[no-untyped-def]
        self.busy -= 1
        super().finish_request(conn, fs)
        if conn in self.keepalived_conns and conn.inbuf:  # a pipelined request waits in the buffer
            self.on_client_socket_readable(conn, conn.sock)

    def handle(self, conn):  # type: ignore[no-untyped-def]
        """Answer a request in a thread: a plain `GET /sparql?query=...` on the lean path, the
        rest (and what the lean path leaves) with gunicorn's parser and the app."""
        raw = getattr(conn, "lean_request", None)
        if raw is not None:
            conn.lean_request = None
            keep = self._answer_lean(conn, raw)
            if keep is not None:
                return keep
            conn.parser = http.get_parser(self.cfg, [raw], conn.client)
        return super().handle(conn)

    def _read_lean(self, raw: bytes) -> tuple[bytes, bytes, str, bytes | None] | None:
        """The HTTP version, query string, Accept and Connection fields of a `GET /sparql?...`
        read strictly, or None for anything unusual (then gunicorn's parser reads it): past
        gunicorn's limits, a field that is not a plain token and printable value, several
        Accept fields, a body or an upgrade. Remembered for the last 256 requests (a client
        sends the same bytes again and again)."""
        read = self.lean_requests.get(raw, _UNREAD)
        if read is _UNREAD:
            read = self._read_lean_fields(raw)
            if len(raw) <= 16384:
                remember(self.lean_requests, raw, read, 256)
        return read  # type: ignore[return-value]

    def _read_lean_fields(self, raw: bytes) -> tuple[bytes, bytes, str, bytes | None] | None:
        lines = raw[:raw.find(b"\r\n\r\n")].split(b"\r\n")
        cfg = self.cfg
        if (cfg.limit_request_line <= 0 or len(lines[0]) >= cfg.limit_request_line
                or len(lines) > min(cfg.limit_request_fields, 100) or cfg.limit_request_field_size <= 0
                or max(map(len, lines[1:]), default=0) >= cfg.limit_request_field_size):
            return None  # at or past gunicorn's limits (414, 431): gunicorn answers
        parts = lines[0].split(b" ")
        if len(parts) != 3 or parts[2] not in (b"HTTP/1.1", b"HTTP/1.0") \
                or not _LEAN_TARGET.fullmatch(parts[1]):
            return None
        accept: bytes | None = None
        connection: bytes | None = None
        for line in lines[1:]:
            field = _LEAN_FIELD.fullmatch(line)
            if field is None:
                return None
            name = field[1].lower()
            if name == b"accept":
                if accept is not None:
                    return None  # several Accept fields: let werkzeug join them
                accept = field[2].rstrip(b" \t")
            elif name == b"connection":
                if connection is None:
                    connection = field[2].rstrip(b" \t").lower()
            elif name in _LEAN_REFUSED:
                return None
        return parts[2], parts[1][8:], (accept or b"").decode("latin-1"), connection

    def _answer_lean(self, conn, raw: bytes) -> bool | None:  # type: ignore[no-untyped-def]
        """In a thread: answer `GET /sparql?...` without gunicorn's parser and WSGI (the app's
        lean path answers from the query string and Accept, blocking while the query runs);
        None for what gunicorn and the app answer. Returns whether to keep the connection."""
        request = self._read_lean(raw)
        if request is None:
            return None
        version, query_string, accept, connection = request
        try:
            answer = self.lean.answer(query_string, accept)  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - a bug: answer 500, as gunicorn does, and close
            self.log.exception("Error handling request")
            answer, connection = _INTERNAL_ERROR, b"close"
        if answer is None:
            return None  # the service description: the app's
        return self._send_blocking(conn, version, connection, answer)

    def _start_lean(self, conn, raw: bytes) -> bool:  # type: ignore[no-untyped-def]
        """In the event loop: answer a `GET /sparql?...` whose query is quick to check (an error
        found by the checks at once), or send its query to an idle query process and await the
        reply in the loop, with no thread; False leaves it to a thread (no idle query process,
        a query whose SERVICE check needs rdflib's parser, a remote endpoint, the service
        description, anything unusual)."""
        runner = getattr(self.lean, "runner", None)
        if runner is None:
            return False
        request = self._read_lean(raw)
        if request is None:
            return False
        version, query_string, accept, connection = request
        try:
            prepared = self.lean.prepare(query_string, accept, quick=True)  # type: ignore[union-attr]
            if prepared is None:
                return False
            if isinstance(prepared[0], str):  # an error answer
                self._occupy()
                self._write_lean(conn, version, connection, prepared)
                return True
            flight = runner.try_start(*prepared)
        except Exception:  # noqa: BLE001 - left to the thread, which reports it
            return False
        self._occupy()
        if flight is None:  # all busy: wait in the loop, first come first served
            self.queued.append((conn, version, connection, prepared, time.monotonic()))
        else:
            self._await(flight, conn, version, connection)
        return True

    def _await(self, flight, conn, version: bytes, connection: bytes | None) -> None:  # type: ignore[no-untyped-def]
        self.flights[flight] = (conn, version, connection)
        self.poller.register(flight.fileno(), selectors.EVENT_READ, partial(self._on_reply, flight))

    def _start_queued(self) -> None:
        """Send the queries waiting in the loop to the query processes that are free now; answer
        503 to those that waited the whole queue limit (as a thread would)."""
        runner = self.lean.runner  # type: ignore[union-attr]
        while self.queued:
            conn, version, connection, prepared, since = self.queued[0]
            if time.monotonic() - since >= runner.queue_limit:
                self.queued.popleft()
                self._write_lean(conn, version, connection, self.lean.failed(runner.busy()))  # type: ignore[union-attr]
                continue
            try:
                flight = runner.try_start(*prepared)
            except KgError as exc:
                self.queued.popleft()
                self._write_lean(conn, version, connection, self.lean.failed(exc))  # type: ignore[union-attr]
                continue
            if flight is None:
                return
            self.queued.popleft()
            self._await(flight, conn, version, connection)

    def _on_reply(self, flight, _fd) -> None:  # type: ignore[no-untyped-def]
        """The query process of a request awaited in the loop has answered (or died)."""
        self.poller.unregister(flight.fileno())
        conn, version, connection = self.flights.pop(flight)
        try:
            answer = self.lean.finish(flight.result())  # type: ignore[union-attr]
        except KgError as exc:  # its answer may need a parser (an update's refusal): a thread's
            self._later(conn, version, connection, partial(self.lean.failed, exc, flight.text))  # type: ignore[union-attr]
            return
        except Exception:  # noqa: BLE001 - a bug: answer 500, as gunicorn does, and close
            self.log.exception("Error handling request")
            answer, connection = _INTERNAL_ERROR, b"close"
        self._write_lean(conn, version, connection, answer)

    def _watch_flights(self) -> None:
        """Stop queries awaited in the loop at the time and memory limits (503)."""
        now = time.monotonic()
        for flight in list(self.flights):
            stop = flight.watch(now)
            if stop is None:
                continue
            self.poller.unregister(flight.fileno())
            conn, version, connection = self.flights.pop(flight)
            flight.abort(stop)
            self._write_lean(conn, version, connection, self.lean.failed(stop))  # type: ignore[union-attr]

    def wait_for_and_dispatch_events(self, timeout: float) -> None:
        if self.flights or self.queued:  # look at the queries awaited in the loop often enough
            timeout = min(timeout, MEMORY_POLL)
        super().wait_for_and_dispatch_events(timeout)
        if self.flights:
            self._watch_flights()
        if self.queued:
            self._start_queued()

    def _occupy(self) -> None:
        self.busy += 1
        if self.busy >= self.cfg.threads:
            self.set_accept_enabled(False)

    def _keep_alive(self, version: bytes, connection: bytes | None) -> bool:
        """Whether the connection stays open after this answer, as gunicorn decides."""
        keep = version == b"HTTP/1.1" if connection not in (b"close", b"keep-alive") \
            else connection == b"keep-alive"
        self.nr += 1
        if self.nr >= self.max_requests:
            if self.alive:
                self.log.info("Autorestarting worker after current request.")
                self.alive = False
        if not self.alive or not self.cfg.keepalive or len(self.keepalived_conns) >= self.max_keepalived:
            keep = False
        return keep

    @staticmethod
    def _answer_bytes(version: bytes, keep: bool, answer: Answer) -> bytes:
        """The answer as gunicorn writes it (its status line, Server, Date and Connection first)."""
        status, headers, body = answer
        head = [f"{version.decode()} {status}\r\nServer: gunicorn\r\nDate: {_http_date()}\r\n"
                f"Connection: {'keep-alive' if keep else 'close'}\r\n"]
        head += [f"{name}: {value}\r\n" for name, value in headers]
        head.append("\r\n")
        return "".join(head).encode("latin-1") + body

    def _send_blocking(self, conn, version: bytes, connection: bytes | None, answer: Answer) -> bool:  # type: ignore[no-untyped-def]
        keep = self._keep_alive(version, connection)
        try:
            conn.sock.setblocking(True)
            conn.sock.sendall(self._answer_bytes(version, keep, answer))
        except OSError:
            return False
        return keep

    def _write_lean(self, conn, version: bytes, connection: bytes | None, answer: Answer) -> None:  # type: ignore[no-untyped-def]
        """In the loop: write an answer; what the socket does not take at once is written by a
        thread (a slow reader holds a thread, not the loop). Then the connection is kept alive
        or closed as after any request (`finish_request`)."""
        keep = self._keep_alive(version, connection)
        data = self._answer_bytes(version, keep, answer)
        try:
            sent = conn.sock.send(data)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError:
            sent, keep = len(data), False
        if sent < len(data):
            rest = data[sent:]

            def send_rest() -> bool:
                try:
                    conn.sock.setblocking(True)
                    conn.sock.sendall(rest)
                except OSError:
                    return False
                return keep

            self._in_thread(conn, send_rest)
            return
        done: Future = Future()
        done.set_result(keep)
        self.finish_request(conn, done)

    def _later(self, conn, version: bytes, connection: bytes | None,  # type: ignore[no-untyped-def]
               answer: Callable[[], Answer]) -> None:
        """Make an answer in a thread (it may parse the query with rdflib) and write it there."""
        self._in_thread(conn, lambda: self._send_blocking(conn, version, connection, answer()))

    def _in_thread(self, conn, work: Callable[[], bool]) -> None:  # type: ignore[no-untyped-def]
        """Finish a request awaited in the loop in a thread; `work` returns whether to keep the
        connection (it is already counted busy)."""
        fs = self.tpool.submit(work)
        fs.add_done_callback(lambda fut: self.method_queue.defer(self.finish_request, conn, fut))

    def handle_request(self, req, conn):  # type: ignore[no-untyped-def]
        if conn.sent_continue:  # the loop has answered it; the body is here
            req._expected_100_continue = False
        return super().handle_request(req, conn)


__all__ = ["BufferedRequestWorker", "Rejected", "RequestFrame"]
