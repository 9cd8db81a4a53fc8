"""The app over newskg's own data: a store folder (opened read-only) or RDF files (in memory).

`StoreBackend` implements `Backend` (`server.backends.base`). Queries run in query processes
(`QueryRunner`, server/runner.py), forked from each serving process when it starts (a gunicorn
worker, after gunicorn's fork; lazily under Flask's test client), each with its own read-only
handle on the store or its forked copy of the in-memory data. A query process still evaluating at
the time limit, or grown past the memory limit, is killed and replaced, and the client gets a 503;
the serving process lives on. With updates enabled (data from RDF files, in memory, in the one
gunicorn worker that applies them), the query processes are replaced after each update so that
they see it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox

from kg.errors import ConfigError
from kg.query import Dataset, load_files, run_update
from kg.search import index_statements
from kg.store import GraphStore
from server.backends.base import Backend
from server.runner import Job, Outcome, QueryRunner
from server.settings import Settings


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
            graphs = GraphStore(path, read_only=True)
            if graphs.bookkeeping_public:
                raise ConfigError(f"{path}: this store keeps its build records (local file paths) in "
                                  "a graph the server would serve; run `kg build` into it once, "
                                  "which moves them out (docs/store.md)")
            self.store = graphs.oxigraph
            source = str(path)
            self._path = path
            opener = self._reopen
        self.runner = QueryRunner(opener, workers=settings.query_workers,
                                  time_limit=settings.time_limit,
                                  queue_limit=settings.queue_wait,
                                  max_result_bytes=settings.max_result_bytes,
                                  max_memory=settings.max_query_memory)
        self._write_lock = threading.Lock()
        super().__init__(settings=settings, source=source, index=index_statements(self.store))

    def _inherited(self) -> ox.Store:
        return self.store  # the forked worker's copy of the in-memory store

    def _reopen(self) -> ox.Store:
        return ox.Store.read_only(str(self._path))

    def start(self) -> None:
        self.runner.start()  # fork the query processes before the server's threads start

    def close(self) -> None:
        self.runner.close()

    def query(self, text: str, formats: Mapping[str, str | None], *, dataset: Dataset | None = None,
              substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Outcome:
        """Run a read-only query in a query process, within the time, memory and size limits."""
        return self.runner.run(Job(text, self.settings.base, formats, dataset or Dataset(), substitutions))

    def update(self, text: str) -> None:
        """Apply a SPARQL Update, then restart the workers and rebuild the index to see it."""
        with self._write_lock:
            run_update(self.store, text, base=self.settings.base)
            self.store.flush()
            self.runner.restart()
            self.index = index_statements(self.store)


__all__ = ["StoreBackend"]
