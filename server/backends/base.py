"""The one interface the routes use, whatever holds the data: `Backend`, and `current_backend`.

`Backend` offers `query` (a read-only query, within the time and size limits, serialized in a
requested format), `named` (a named question), `search` (the text index behind `who-said`) and
`update`. Its implementations live beside this module (`server.backends.local`,
`server.backends.remote`) and import it; `server.backends` chooses between them. The app keeps
its backend in `app.extensions["newskg"]`, which `current_backend` reads for a request.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping

import pyoxigraph as ox
from flask import current_app

from kg.named_queries import NamedQuery, get_named_query, load_named_queries
from kg.query import Dataset
from kg.search import TextIndex
from server.runner import Outcome
from server.settings import Settings


class Backend(ABC):
    """What the routes read: `query`, `named`, `search` and `update`, whatever holds the data.

    `source` names the data (for the start-up line and the pages); `index` ranks statements for
    the `search` parameters of named questions; `updates_off` is why `/update` is unavailable.
    """

    updates_off = "updates are disabled on this server"

    def __init__(self, *, settings: Settings, source: str, index: TextIndex) -> None:
        self.settings = settings
        self.source = source
        self.index = index
        self.queries: dict[str, NamedQuery] = load_named_queries()

    @abstractmethod
    def query(self, text: str, formats: Mapping[str, str | None], *, dataset: Dataset | None = None,
              substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Outcome:
        """Run a read-only query within the time and size limits; serialize its result.

        `formats` maps each result kind (solutions, boolean, graph) to a format name, or None
        when the client accepts none for that kind (NotAcceptable). `substitutions` bind
        variables to RDF terms (never spliced from request text).
        """

    @abstractmethod
    def update(self, text: str) -> None:
        """Apply a SPARQL Update (the route has checked the token and the text)."""

    def start(self) -> None:
        """Prepare the serving process (a gunicorn worker, after the fork)."""

    def close(self) -> None:
        """Release what `start` prepared (the serving process is about to exit)."""

    def named(self, name: str, args: Mapping[str, str], formats: Mapping[str, str | None]) -> Outcome:
        """Run the named query `name` with the request arguments `args`."""
        query = get_named_query(self.queries, name)
        text, bound = query.bind(args, self.search)
        return self.query(text, formats, substitutions=bound)

    def search(self, text: str, limit: int) -> list[tuple[str, float]]:
        """Rank statements for a free-text claim (the `search` parameters of named queries)."""
        return [(hit.key, hit.score) for hit in self.index.search(text, limit)]


def current_backend() -> Backend:
    """The `Backend` of the app handling the current request."""
    return current_app.extensions["newskg"]  # type: ignore[no-any-return]


__all__ = ["Backend", "current_backend"]
