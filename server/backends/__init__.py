"""What the web app serves: a store, RDF files or a remote SPARQL endpoint, and the text index.

This package owns the choice of backend: `open_backend` returns a `StoreBackend`
(`server.backends.local`) for a store folder or RDF files, or a `RemoteBackend`
(`server.backends.remote`) for `kg serve --endpoint`. Both implement `Backend`
(`server.backends.base`), the one interface the routes use; `create_app` builds the backend once
and keeps it in `app.extensions["newskg"]`, where `current_backend` finds it.

The implementations import only `server.backends.base`, never this module, so that choosing
between them here makes no import cycle.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ConfigError
from server.backends.base import Backend, current_backend
from server.backends.local import StoreBackend
from server.backends.remote import RemoteBackend
from server.settings import Settings


def open_backend(*, store: Path | None = None, files: list[Path] | None = None,
                 endpoint: str | None = None, settings: Settings) -> Backend:
    """Return the backend for a store folder, RDF files or a remote SPARQL endpoint (one of them)."""
    if endpoint is not None:
        if store is not None or files:
            raise ConfigError("serve a store folder, RDF files or a remote endpoint, not several")
        return RemoteBackend(endpoint, settings=settings)
    return StoreBackend(store=store, files=files, settings=settings)


__all__ = ["Backend", "RemoteBackend", "StoreBackend", "current_backend", "open_backend"]
