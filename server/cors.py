"""Which routes other origins may call, and the CORS headers they answer with.

The read-only routes (`/sparql`, `/queries`) are open to other origins (YASGUI and other browser
tools), `KG_CORS_ORIGIN` by default `*`; `/update` is not. `create_app` adds the headers to every
answer, and the event loop of the server to the answers it writes itself (server/worker.py).
"""

from __future__ import annotations

from flask import Response


def add_cors(response: Response, path: str, origin: str) -> Response:
    """Open the read-only routes to other origins (YASGUI and other browser tools); not /update."""
    if path.startswith(("/sparql", "/queries")):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


__all__ = ["add_cors"]
