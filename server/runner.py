"""Run queries in worker processes, so that a runaway query can really be stopped.

pyoxigraph has no query timeout, and a thread cannot be stopped, so each query is sent to one of a
small pool of worker processes (forked from the server process, so an in-memory store is shared
copy-on-write and an on-disk store is opened read-only in each). A query waits at most the queue
limit for a free worker (else the client gets `ServerBusy`), then the server waits at most the
time limit for its reply, counted from when the worker got it: a worker still busy then is killed
(SIGKILL) and replaced, and the client gets `QueryTimeout`. Other requests keep using the other
workers meanwhile; a query queued behind a runaway is not stopped for the runaway's time.

While it waits, the server also watches the worker's resident memory (Linux: /proc/PID/statm)
every `_MEMORY_POLL` seconds once the query has run that long: a worker grown by more than
`max_memory` bytes since its first query (its `floor`) is killed and replaced, and the client
gets `MemoryLimit`. A 4-way cross product grows a process by about 1.3 GB/s, so the overshoot is
some tens of MB. Memory a finished query freed is not always given back to the system (a sort of
the 1M-triple store's triples left a process 230 MiB larger), so a worker that still holds more
than `_RETAINED` of `max_memory` above its floor after a query is replaced too: each worker stays
within its floor + `max_memory`, and a query always has most of the limit to grow in. (RLIMIT_AS
was not used: it counts address space reserved and never touched, and Oxigraph aborts the whole
process on a failed allocation.)

Results are serialized inside the worker by pyoxigraph (no term conversion) into a buffer that
refuses to grow past `max_result_bytes`, so a huge result is reported (`ResultTooLarge`), never
truncated, and never fills the server's memory.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import select
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import KgError, QueryError, StoreError
from kg.query import Dataset, run_query, write_results
from server.errors import MemoryLimit, NotAcceptable, QueryTimeout, ResultTooLarge, ServerBusy

StoreOpener = Callable[[], ox.Store]
_MEMORY_POLL = 0.02  # seconds between looks at a busy worker's memory
MEMORY_POLL = _MEMORY_POLL
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_RETAINED = 0.25  # a worker holding more than this share of max_memory after a query is replaced


def resident_bytes(pid: int) -> int:
    """The resident memory of process `pid` in bytes (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


@dataclass(frozen=True, slots=True)
class Job:
    """One query to run. `formats` maps a result kind (solutions, boolean, graph) to a format."""

    text: str
    base: str
    formats: Mapping[str, str | None]
    dataset: Dataset = field(default_factory=Dataset)
    substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """A serialized result: its kind (solutions, boolean or graph), format name and bytes."""

    kind: str
    fmt: str
    body: bytes
    seconds: float = 0.0  # time from sending the query to its process to the result (Server-Timing)


class _Capped(io.RawIOBase):
    """A write-only buffer that raises ResultTooLarge once it would hold more than `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit, self.chunks, self.size = limit, [], 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.size += len(data)
        if self.size > self.limit:
            raise ResultTooLarge(f"the result is larger than the limit of {self.limit:,} bytes; "
                                 "narrow the query or add LIMIT")
        self.chunks.append(bytes(data))
        return len(data)


def execute(store: ox.Store, job: Job, max_bytes: int) -> Outcome:
    """Run `job` on `store` and serialize its result (this is what a worker does)."""
    return Outcome(*_execute(store, job.text, job.base, job.formats, job.dataset, job.substitutions,
                             max_bytes))


def _execute(store: ox.Store, text: str, base: str, formats: Mapping[str, str | None],
             dataset: Dataset, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None,
             max_bytes: int) -> tuple[str, str, bytes]:
    results = run_query(store, text, base=base, dataset=dataset, substitutions=substitutions)
    if isinstance(results, ox.QueryTriples):
        kind = "graph"
    elif isinstance(results, ox.QueryBoolean):
        kind = "boolean"
    else:
        kind = "solutions"
    fmt = formats.get(kind)
    if fmt is None:
        raise NotAcceptable(f"no acceptable media type for {kind} results; see the Accept header")
    buffer = _Capped(max_bytes)
    try:
        write_results(results, fmt, buffer)
    except OSError as exc:  # pyoxigraph reports some evaluation errors while serializing
        raise QueryError(f"query evaluation failed: {exc}") from exc
    return kind, fmt, b"".join(buffer.chunks)


# The pipe protocol: a job goes as a pickled tuple (text, base, formats, default graphs, named
# graphs, substitutions), the reply as a pickled (kind, format, bytes) or the KgError raised;
# plain tuples pickle in a few microseconds, frozen dataclasses in several times that.
_NO_DATASET = Dataset()


def _encode(job: Job) -> bytes:
    return pickle.dumps((job.text, job.base, dict(job.formats), job.dataset.default_graphs,
                         job.dataset.named_graphs, job.substitutions), pickle.HIGHEST_PROTOCOL)


def _read_message(conn: multiprocessing.connection.Connection) -> bytes:
    """`conn.recv_bytes()` in one read (not two) when the message is small, as most are: the same
    framing (a 4-byte length, or -1 and an 8-byte one), read straight from the descriptor."""
    fd = conn.fileno()
    data = os.read(fd, 65536)
    while len(data) < 4 or (data[:4] == b"\xff\xff\xff\xff" and len(data) < 12):
        more = os.read(fd, 65536)
        if not more:
            raise EOFError
        data += more
    (size,) = struct.unpack("!i", data[:4])
    start = 4
    if size == -1:
        (size,) = struct.unpack("!Q", data[4:12])
        start = 12
    chunks, have, need = [data], len(data), start + size
    while have < need:
        more = os.read(fd, min(need - have, 1 << 22))
        if not more:
            raise EOFError
        chunks.append(more)
        have += len(more)
    return (b"".join(chunks) if len(chunks) > 1 else data)[start:need]


def _decode(data: bytes) -> tuple[str, str, dict[str, str | None], Dataset,
                                  Mapping[str, ox.NamedNode | ox.Literal] | None]:
    text, base, formats, default, named, substitutions = pickle.loads(data)
    return text, base, formats, Dataset(default, named) if default or named else _NO_DATASET, substitutions


def _work(conn: multiprocessing.connection.Connection, parent_end: multiprocessing.connection.Connection,
          opener: StoreOpener, max_bytes: int, parent: int) -> None:
    """The worker's loop: receive a job, send back an Outcome or the KgError it raised.

    A forked worker inherits copies of pipe ends (its own parent end, other workers'), so it
    cannot count on EOF to learn that the server is gone: it also exits when its parent changes.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server decides when workers stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the server's handler (gunicorn's)
    parent_end.close()
    store = opener()
    waiting = select.poll()  # not conn.poll: that builds a selector per call
    waiting.register(conn.fileno(), select.POLLIN)
    while True:
        try:
            while not waiting.poll(1000):
                if os.getppid() != parent:
                    os._exit(0)
            data = _read_message(conn)
        except (EOFError, OSError):
            os._exit(0)
        try:
            reply: object = _execute(store, *_decode(data), max_bytes)
        except KgError as exc:
            reply = exc
        except Exception as exc:  # noqa: BLE001 - a bug in evaluation: report, keep serving
            reply = StoreError(f"query failed: {type(exc).__name__}: {exc}")
        try:
            conn.send_bytes(pickle.dumps(reply, pickle.HIGHEST_PROTOCOL))
        except (OSError, ValueError, pickle.PicklingError):
            os._exit(0)


class _Worker:
    """One query process and the server's end of its pipe."""

    def __init__(self, ctx: multiprocessing.context.BaseContext, opener: StoreOpener,
                 max_bytes: int, generation: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_work, args=(child, self.conn, opener, max_bytes, os.getpid()),
                                   daemon=True)
        self.process.start()
        child.close()
        self.generation = generation
        self.floor = 0  # resident bytes at its first query (the store open): what max_memory counts from
        try:  # kept open: reading it again costs a pread, not an open
            self._statm: int | None = os.open(f"/proc/{self.process.pid}/statm", os.O_RDONLY)
        except OSError:
            self._statm = None

    def resident(self) -> int:
        """The query process's resident memory in bytes (0 where /proc cannot tell)."""
        if self._statm is None:
            return 0
        try:
            return int(os.pread(self._statm, 256, 0).split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            return 0

    def baseline(self) -> int:
        """The resident bytes the memory limit counts from: the process's at its first query
        (0 where /proc cannot tell)."""
        if not self.floor:
            self.floor = self.resident()
        return self.floor

    def kill(self) -> None:
        if self.process.is_alive():
            os.kill(self.process.pid, signal.SIGKILL)  # type: ignore[arg-type]
        self.process.join(5)
        self.conn.close()
        if self._statm is not None:
            os.close(self._statm)
            self._statm = None


class QueryRunner:
    """A pool of up to `workers` query processes with a per-query `time_limit` in seconds (of
    evaluation) and a `queue_limit` in seconds (of waiting for a free query process; default 3 x
    the time limit)."""

    def __init__(self, opener: StoreOpener, *, workers: int = 2, time_limit: float = 10.0,
                 queue_limit: float | None = None, max_result_bytes: int = 32 * 1024 * 1024,
                 max_memory: int = 0) -> None:
        self.opener, self.size, self.time_limit = opener, max(1, workers), time_limit
        self.queue_limit = queue_limit if queue_limit is not None else 3 * time_limit
        self.max_result_bytes = max_result_bytes
        self.max_memory = max_memory  # bytes a worker may grow by during one query; 0: no limit
        self._ctx = multiprocessing.get_context("fork")
        self._lock = threading.Condition()
        self._idle: list[_Worker] = []
        self._live = 0
        self._generation = 0
        self._pid = os.getpid()
        self._waiting = 0  # threads waiting in _acquire for a free query process

    def start(self) -> None:
        """Start every worker now (in the process that will use them, before it starts threads)."""
        with self._lock:
            if os.getpid() != self._pid:
                self._pid, self._idle, self._live = os.getpid(), [], 0
            while self._live < self.size:
                self._idle.append(_Worker(self._ctx, self.opener, self.max_result_bytes, self._generation))
                self._live += 1

    def run(self, job: Job) -> Outcome:
        """Run `job` in a worker; raise ServerBusy when none is free within the queue limit,
        QueryTimeout when it runs longer than the time limit, and MemoryLimit when the worker
        grows by more than the memory limit.

        The time limit counts from when the worker gets the query: not the wait for a worker.
        """
        worker = self._acquire(time.monotonic() + self.queue_limit)
        started = time.monotonic()
        deadline = started + self.time_limit
        healthy = False
        try:
            baseline = worker.baseline() if self.max_memory else 0
            worker.conn.send_bytes(_encode(job))
            try:
                self._wait(worker, deadline, started, baseline)
            except (QueryTimeout, MemoryLimit) as stop:
                _log_stop(stop, worker, job.text)
                raise
            reply = pickle.loads(_read_message(worker.conn))
            healthy = True
        except (EOFError, OSError) as exc:
            raise StoreError(f"the query process failed: {exc}") from exc
        finally:
            self._release(worker, healthy)
        if isinstance(reply, BaseException):
            raise reply
        return Outcome(*reply, seconds=time.monotonic() - started)

    def try_start(self, job: Job, payload: bytes | None = None) -> Flight | None:
        """Send `job` to an idle query process (or a new one, in place of one stopped) and return
        its `Flight`, for an event loop to await; None when all are busy or threads wait for one
        in `run` (they go first). `payload` is `encode(job)`, if the caller kept it. The time
        limit counts from now, as in `run`; the caller bounds the wait before (`busy`)."""
        with self._lock:
            if os.getpid() != self._pid or self._waiting:
                return None  # not our pool yet; or threads are waiting, and go first
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive() and worker.generation == self._generation:
                    break
                self._live -= 1
                worker.kill()
            else:
                if self._live >= self.size:
                    return None
                self._live += 1  # one was stopped and not yet replaced: start it now
                generation = self._generation
                worker = None
        if worker is None:
            try:
                worker = _Worker(self._ctx, self.opener, self.max_result_bytes, generation)
            except OSError as exc:
                with self._lock:
                    self._live -= 1
                    self._lock.notify()
                raise StoreError(f"cannot start a query process: {exc}") from exc
        return Flight(self, worker, job.text, payload or _encode(job))

    def busy(self) -> ServerBusy:
        """The error for a query that waited the whole queue limit for a free query process."""
        return ServerBusy(f"all query processes stayed busy for the queue limit of "
                          f"{self.queue_limit:g} s (KG_QUEUE_LIMIT); try again later")

    def _wait(self, worker: _Worker, deadline: float, started: float, baseline: int) -> None:
        """Wait for the worker's reply within the time limit, watching its memory."""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self.max_memory or not baseline:
                if remaining > 0 and worker.conn.poll(remaining):
                    return
                stop: QueryTimeout | MemoryLimit = QueryTimeout(
                    f"the query was stopped after the time limit of {self.time_limit:g} s")
                break
            if worker.conn.poll(min(remaining, _MEMORY_POLL)):
                return
            grown = worker.resident() - baseline
            if grown > self.max_memory:
                stop = MemoryLimit(f"the query was stopped at the memory limit of "
                                   f"{self.max_memory / 2**20:,.0f} MiB (KG_MAX_QUERY_MEMORY); "
                                   "narrow the query or add LIMIT")
                break
        stop.seconds = time.monotonic() - started  # type: ignore[attr-defined]
        raise stop

    def restart(self) -> None:
        """Replace every worker (after an update, so that they see the new data)."""
        with self._lock:
            self._generation += 1
            idle, self._idle = self._idle, []
            self._live -= len(idle)
            self._lock.notify_all()
        for worker in idle:
            worker.kill()

    def close(self) -> None:
        """Stop the idle workers (busy ones stop when released)."""
        self.restart()

    def _acquire(self, deadline: float) -> _Worker:
        with self._lock:
            if os.getpid() != self._pid:  # forked (e.g. a gunicorn worker): the pool is not ours
                self._pid, self._idle, self._live = os.getpid(), [], 0
            while True:
                while self._idle:
                    worker = self._idle.pop()
                    if worker.process.is_alive() and worker.generation == self._generation:
                        return worker
                    self._live -= 1
                    worker.kill()
                if self._live < self.size:
                    self._live += 1
                    generation = self._generation
                    break
                remaining = deadline - time.monotonic()
                self._waiting += 1  # threads waiting go first (try_start gives way)
                try:
                    woken = remaining > 0 and self._lock.wait(remaining)
                finally:
                    self._waiting -= 1
                if not woken:
                    raise self.busy()
        try:
            return _Worker(self._ctx, self.opener, self.max_result_bytes, generation)
        except OSError as exc:
            with self._lock:
                self._live -= 1
                self._lock.notify()
            raise StoreError(f"cannot start a query process: {exc}") from exc

    def _release(self, worker: _Worker, healthy: bool) -> None:
        if healthy and self.max_memory and worker.floor:
            kept = worker.resident() - worker.floor
            if kept > self.max_memory * _RETAINED:  # it kept what its query freed: replace it
                healthy = False
                sys.stderr.write(f"newskg: query process {worker.process.pid} replaced: it kept "
                                 f"{kept / 2**20:,.0f} MiB after its query\n")
                sys.stderr.flush()
        with self._lock:
            keep = healthy and worker.generation == self._generation and os.getpid() == self._pid
            if keep:
                self._idle.append(worker)
            else:
                self._live -= 1
            self._lock.notify()
        if not keep:
            worker.kill()


def _log_stop(stop: KgError, worker: _Worker, text: str) -> None:
    query = " ".join(text.split())
    sys.stderr.write(f"newskg: {stop} (query process {worker.process.pid} killed): "
                     f"{query[:300]}{' ...' if len(query) > 300 else ''}\n")
    sys.stderr.flush()


class Flight:
    """A query sent to a query process, awaited by an event loop rather than a blocked thread.

    The loop watches `fileno()` (readable when the reply, or EOF, is there) and calls `result()`
    then; meanwhile it calls `watch(now)` at least every `_MEMORY_POLL` seconds, which tells when
    the query is past the time or memory limit, and then `abort`, which kills the process (it is
    replaced), as `QueryRunner.run` does. Either way the query process goes back to the pool.
    """

    __slots__ = ("runner", "worker", "text", "started", "deadline", "baseline", "next_look", "done")

    def __init__(self, runner: QueryRunner, worker: _Worker, text: str, payload: bytes) -> None:
        self.runner, self.worker, self.text, self.done = runner, worker, text, False
        self.started = time.monotonic()
        self.deadline = self.started + runner.time_limit
        self.next_look = time.monotonic() + _MEMORY_POLL
        self.baseline = worker.baseline() if runner.max_memory else 0
        try:
            worker.conn.send_bytes(payload)
        except OSError as exc:
            self._release(False)
            raise StoreError(f"the query process failed: {exc}") from exc

    def fileno(self) -> int:
        return self.worker.conn.fileno()

    def _release(self, healthy: bool) -> None:
        if not self.done:
            self.done = True
            self.runner._release(self.worker, healthy)

    def watch(self, now: float) -> KgError | None:
        """The error to answer if the query is past the time limit or has grown past the memory
        limit (then `abort` it), else None."""
        if self.done:
            return None
        stop: KgError
        if now >= self.deadline:
            stop = QueryTimeout(f"the query was stopped after the time limit of {self.runner.time_limit:g} s")
        elif self.runner.max_memory and self.baseline and now >= self.next_look:
            self.next_look = now + _MEMORY_POLL
            if self.worker.resident() - self.baseline <= self.runner.max_memory:
                return None
            stop = MemoryLimit(f"the query was stopped at the memory limit of "
                               f"{self.runner.max_memory / 2**20:,.0f} MiB (KG_MAX_QUERY_MEMORY); "
                               "narrow the query or add LIMIT")
        else:
            return None
        stop.seconds = now - self.started  # type: ignore[attr-defined]
        return stop

    def abort(self, stop: KgError) -> None:
        """Kill the query process (it is replaced) for the error `watch` returned, and log it."""
        _log_stop(stop, self.worker, self.text)
        self._release(False)

    def result(self) -> Outcome:
        """The reply, once `fileno()` is readable: the Outcome, or the KgError it raised."""
        try:
            reply = pickle.loads(_read_message(self.worker.conn))
        except (EOFError, OSError) as exc:
            self._release(False)
            raise StoreError(f"the query process failed: {exc}") from exc
        self._release(True)
        if isinstance(reply, BaseException):
            raise reply
        return Outcome(*reply, seconds=time.monotonic() - self.started)


encode = _encode

__all__ = ["Flight", "Job", "Outcome", "QueryRunner", "encode", "execute"]


def remember(cache: dict, key: object, value: object, limit: int) -> None:
    """Keep `value` under `key` in a dict threads share, dropping the oldest entry once it holds
    `limit` (insertion order; another thread may have dropped it first)."""
    if len(cache) >= limit:
        try:
            cache.pop(next(iter(cache)), None)
        except (RuntimeError, StopIteration):
            pass
    cache[key] = value
