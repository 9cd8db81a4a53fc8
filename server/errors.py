"""Map kg's errors to HTTP answers, in one place."""

from __future__ import annotations

from flask import Flask, Response

from kg.errors import KgError, QueryError, StoreError, UnknownQuery

_STATUS = ((UnknownQuery, 404), (QueryError, 400), (StoreError, 503))


def init_app(app: Flask) -> None:
    """Register the handler that turns a KgError into a plain-text answer with its status."""

    @app.errorhandler(KgError)
    def _render(exc: KgError) -> Response:
        status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)
        return Response(f"{exc}\n", status=status, mimetype="text/plain")
