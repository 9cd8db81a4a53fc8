"""What the web app serves: the store, the query workers, the text index and the named queries.

`Backend` is built once by `create_app` and kept in `app.extensions["newskg"]`. Reads go through
the `QueryRunner` (worker processes with a time limit); the server process itself reads the store
only to build the text index, and writes only through `update` (when updates are enabled, which
needs the data in memory, from RDF files: forked workers then see a copy of it, and are replaced
after each update).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from flask import current_app

from kg.errors import ConfigError
from kg.named_queries import NamedQuery, get_named_query, load_named_queries
from kg.query import Dataset, load_files, run_update
from kg.search import TextIndex, index_statements
from kg.store import GraphStore
from server.runner import Job, Outcome, QueryRunner
from server.settings import Settings


class Backend:
    """The store behind the app: `store` (a folder, opened read-only) or RDF `files` (in memory)."""

    def __init__(self, *, store: Path | None, files: list[Path] | None, settings: Settings) -> None:
        self.settings = settings
        writable = settings.update_token is not None
        if files:
            self.store = load_files(files)
            self.source = ", ".join(str(f) for f in files)
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
            self.source = str(path)
            self._path = path
            opener = self._reopen
        self.runner = QueryRunner(opener, workers=settings.query_workers,
                                  time_limit=settings.time_limit,
                                  max_result_bytes=settings.max_result_bytes)
        self.queries: dict[str, NamedQuery] = load_named_queries()
        self._write_lock = threading.Lock()
        self.index: TextIndex = index_statements(self.store)

    def _inherited(self) -> ox.Store:
        return self.store  # the forked worker's copy of the in-memory store

    def _reopen(self) -> ox.Store:
        return ox.Store.read_only(str(self._path))

    def query(self, text: str, formats: Mapping[str, str | None], *, dataset: Dataset | None = None,
              substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Outcome:
        """Run a read-only query in a worker, within the time and size limits."""
        job = Job(text, self.settings.base, formats, dataset or Dataset(), substitutions)
        return self.runner.run(job)

    def named(self, name: str, args: Mapping[str, str], formats: Mapping[str, str | None]) -> Outcome:
        """Run the named query `name` with the request arguments `args`."""
        query = get_named_query(self.queries, name)
        text, bound = query.bind(args, self.search)
        return self.query(text, formats, substitutions=bound)

    def search(self, text: str, limit: int) -> list[tuple[str, float]]:
        """Rank statements for a free-text claim (the `search` parameters of named queries)."""
        return [(hit.key, hit.score) for hit in self.index.search(text, limit)]

    def update(self, text: str) -> None:
        """Apply a SPARQL Update, then restart the workers and rebuild the index to see it."""
        with self._write_lock:
            run_update(self.store, text, base=self.settings.base)
            self.store.flush()
            self.runner.restart()
            self.index = index_statements(self.store)


def current_backend() -> Backend:
    """The `Backend` of the app handling the current request."""
    return current_app.extensions["newskg"]  # type: ignore[no-any-return]
