"""Which routes other origins may call, and the CORS headers they answer with.

The read-only routes (`/sparql`, `/queries`) are open to other origins (YASGUI and other browser
tools), `KG_CORS_ORIGIN` by default `*`; `/update` is not. `create_app` adds the headers to every
answer, the lean path of `/sparql` to its own (server/sparql_endpoint.py), and the event loop of
the server to the answers it writes itself (server/worker.py).
"""

from __future__ import annotations

from flask import Response


def cors_headers(path: str, origin: str) -> list[tuple[str, str]]:
    """The CORS headers of an answer at `path`: none but on the read-only routes."""
    if not path.startswith(("/sparql", "/queries")):
        return []
    return [("Access-Control-Allow-Origin", origin),
            ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
            ("Access-Control-Allow-Headers", "Accept, Content-Type"),
            ("Access-Control-Max-Age", "86400")]


def add_cors(response: Response, path: str, origin: str) -> Response:
    """Open the read-only routes to other origins (YASGUI and other browser tools); not /update."""
    for name, value in cors_headers(path, origin):
        response.headers[name] = value
    return response


__all__ = ["add_cors", "cors_headers"]
