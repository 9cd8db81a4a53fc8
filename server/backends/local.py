"""The app over newskg's own data: a store folder (opened read-only) or RDF files (in memory).

`StoreBackend` implements `Backend` (`server.backends.base`) and evaluates queries in one of two
ways, both with the time limit:

* in the serving process itself, under a `Watchdog` (server/watchdog.py), when `kg serve` runs it
  read-only: each gunicorn worker handles one request at a time, opens the store read-only after
  the fork (or uses its forked copy of the in-memory data), and is ended by its watchdog when a
  query passes the time limit (its client gets the 503 first). `serve` turns this on with
  `evaluate_in_process`.
* through the `QueryRunner` (query processes that are killed at the limit) otherwise: with
  updates enabled (the data in memory, from RDF files, in the one gunicorn worker that applies
  them, which must live on; the query processes see a forked copy and are replaced after each
  update), and when the app runs outside `kg serve` (Flask's test client).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from flask import has_request_context, request

from kg.errors import ConfigError, KgError, StoreError
from kg.query import Dataset, load_files, run_update
from kg.search import index_statements
from kg.store import GraphStore
from server.backends.base import Backend
from server.runner import Job, Outcome, QueryRunner, execute
from server.settings import Settings
from server.watchdog import Watchdog, timeout_answer


class StoreBackend(Backend):
    """The store behind the app: `store` (a folder, opened read-only) or RDF `files` (in memory)."""

    def __init__(self, *, store: Path | None, files: list[Path] | None, settings: Settings) -> None:
        writable = settings.update_token is not None
        if files:
            self.store = load_files(files)
            source = ", ".join(str(f) for f in files)
            opener = self._inherited
        else:
            path = store or Path("newskg-store")
            if writable:
                # Oxigraph: reading a store read-only while another handle writes it is undefined
                # behaviour, and the query workers read it read-only. The store folder is written
                # by `kg build`; updates are for data served from RDF files (in memory).
                raise ConfigError(f"{path}: updates (an update token) need the data as RDF files "
                                  "(kg serve FILE...); a store folder is served read-only")
            self.store = GraphStore(path, read_only=True).oxigraph
            source = str(path)
            self._path = path
            opener = self._reopen
        self._opener = opener
        self._watchdog: Watchdog | None = None  # set by evaluate_in_process
        self._local: ox.Store | None = None  # the store this serving process evaluates on
        self.runner = QueryRunner(opener, workers=settings.query_workers,
                                  time_limit=settings.time_limit,
                                  max_result_bytes=settings.max_result_bytes)
        self._write_lock = threading.Lock()
        super().__init__(settings=settings, source=source, index=index_statements(self.store))

    def _inherited(self) -> ox.Store:
        return self.store  # the forked worker's copy of the in-memory store

    def _reopen(self) -> ox.Store:
        return ox.Store.read_only(str(self._path))

    def evaluate_in_process(self) -> bool:
        """Evaluate queries in each serving process, under a watchdog that ends the process at the
        time limit (for `kg serve`, before gunicorn forks its workers, each of which must handle
        one request at a time). Refused (False) when updates are enabled: the one process that
        holds the data and applies updates must not be ended."""
        if self.settings.update_token is not None:
            return False
        self._watchdog = Watchdog(self.settings.time_limit,
                                  lambda environ, seconds: timeout_answer(environ, seconds, self.settings))
        return True

    def start(self) -> None:
        if self._watchdog is None:
            self.runner.start()  # fork the query processes before the server's threads start
            return
        self._local = self._opener()  # this process's own read-only handle (or forked copy)
        self._watchdog.start()

    def query(self, text: str, formats: Mapping[str, str | None], *, dataset: Dataset | None = None,
              substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Outcome:
        """Run a read-only query within the time and size limits: here under the watchdog, or in
        a query process."""
        job = Job(text, self.settings.base, formats, dataset or Dataset(), substitutions)
        if self._watchdog is None:
            return self.runner.run(job)
        if self._local is None:
            self.start()
        environ = request.environ if has_request_context() else {}
        with self._watchdog.guard(environ, text) as started:
            try:
                outcome = execute(self._local, job, self.settings.max_result_bytes)  # type: ignore[arg-type]
            except KgError:
                raise
            except Exception as exc:  # a bug in evaluation: report it as the query processes do
                raise StoreError(f"query failed: {type(exc).__name__}: {exc}") from exc
        return dataclasses.replace(outcome, seconds=time.monotonic() - started)

    def update(self, text: str) -> None:
        """Apply a SPARQL Update, then restart the workers and rebuild the index to see it."""
        with self._write_lock:
            run_update(self.store, text, base=self.settings.base)
            self.store.flush()
            self.runner.restart()
            self.index = index_statements(self.store)


__all__ = ["StoreBackend"]
