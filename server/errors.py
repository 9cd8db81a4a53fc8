"""The server's own errors, and the one place where every error becomes an HTTP answer.

kg's errors (`kg.errors`) say what went wrong; the server's add the protocol cases below. The
table `_STATUS` maps both to status codes, first match wins. Every error answer is one line of
plain text that says what was wrong and how to fix it, except where a person is reading: the
pages' routes and unknown paths, asked for by a browser, answer with the same one line in an HTML
page like every other (`wants_page`); /sparql, /update and /queries always answer in plain text.

KgError
├── QueryError (kg)                          400
│   ├── UnknownQuery (kg)                    404
│   └── Refused        SERVICE, LOAD, updates at /sparql       400
├── StoreError (kg)                          503
└── ServerError
    ├── MalformedRequest                     400 (HTTP framing, refused as the request arrives)
    ├── MethodNotAllowed                     405
    ├── RequestTimeout                       408 (the request did not arrive whole in time)
    ├── NotAcceptable                        406
    ├── RequestTooLarge                      413
    ├── UnsupportedMediaType                 415
    ├── HeadersTooLarge                      431
    ├── ResultTooLarge                       422
    ├── Unauthorized                         401 (with WWW-Authenticate: Bearer)
    ├── Forbidden                            403
    ├── UpdatesDisabled                      404
    ├── QueryTimeout                         503
    ├── MemoryLimit                          503 (a query past the memory limit)
    ├── ServerBusy                           503 (no query process free within the queue limit)
    └── RemoteEndpointError                  502 (kg serve --endpoint: the remote failed)
"""

from __future__ import annotations

from email.utils import formatdate

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.http import HTTP_STATUS_CODES

from kg.errors import KgError, QueryError, StoreError, UnknownQuery
from server.cors import add_cors


class Refused(QueryError):
    """A request the endpoint refuses on purpose (SERVICE, LOAD, an update sent to /sparql)."""


class ServerError(KgError):
    """A request the protocol or the server's limits reject."""


class MalformedRequest(ServerError):
    pass


class MethodNotAllowed(ServerError):
    pass


class RequestTimeout(ServerError):
    pass


class HeadersTooLarge(ServerError):
    pass


class NotAcceptable(ServerError):
    pass


class RequestTooLarge(ServerError):
    pass


class UnsupportedMediaType(ServerError):
    pass


class ResultTooLarge(ServerError):
    pass


class Unauthorized(ServerError):
    pass


class Forbidden(ServerError):
    pass


class UpdatesDisabled(ServerError):
    pass


class QueryTimeout(ServerError):
    pass


class MemoryLimit(ServerError):
    pass


class ServerBusy(ServerError):
    pass


class RemoteEndpointError(ServerError):
    """The remote SPARQL endpoint behind the app (kg serve --endpoint) failed or cannot be reached."""


_STATUS: tuple[tuple[type[KgError], int], ...] = (
    (UnknownQuery, 404), (QueryError, 400), (MalformedRequest, 400), (MethodNotAllowed, 405),
    (NotAcceptable, 406), (RequestTimeout, 408), (RequestTooLarge, 413),
    (UnsupportedMediaType, 415), (ResultTooLarge, 422), (HeadersTooLarge, 431),
    (Unauthorized, 401), (Forbidden, 403), (UpdatesDisabled, 404), (QueryTimeout, 503),
    (MemoryLimit, 503), (ServerBusy, 503), (RemoteEndpointError, 502), (StoreError, 503),
)


def status_of(exc: KgError) -> int:
    """Return the HTTP status for an error (500 for a KgError the table does not know)."""
    return next((code for cls, code in _STATUS if isinstance(exc, cls)), 500)


def render(exc: KgError) -> Response:
    """The answer to an error: one line of plain text, its status and headers.

    Also used outside a request for the requests the server's event loop refuses as they arrive
    (`raw_answer`).
    """
    response = Response(f"{exc}\n", status=status_of(exc), mimetype="text/plain")
    if isinstance(exc, Unauthorized):
        response.headers["WWW-Authenticate"] = 'Bearer realm="newskg update"'
    if isinstance(exc, (QueryTimeout, MemoryLimit, ServerBusy)):
        response.headers["Retry-After"] = "5"
    seconds = getattr(exc, "seconds", None)
    if seconds is not None:  # how long the query ran before it was stopped
        response.headers["Server-Timing"] = f"query;dur={seconds * 1000:.1f}"
    return response


_ARRIVAL = {400: MalformedRequest, 408: RequestTimeout, 413: RequestTooLarge, 431: HeadersTooLarge}


def raw_answer(status: int, reason: str, path: str, cors_origin: str) -> bytes:
    """The whole HTTP answer (status line, headers, body; the connection closes) to a request
    refused as it arrives (server/worker.py), as the app would render it for `path`."""
    response = add_cors(render(_ARRIVAL[status](reason)), path, cors_origin)
    lines = [f"HTTP/1.1 {response.status}", f"Date: {formatdate(usegmt=True)}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in response.headers.items()
              if name.lower() not in ("connection", "date")]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + response.get_data()


_API = ("sparql", "update", "queries")  # the first path segments of the machines' routes


def wants_page() -> bool:
    """Whether the current request's error is answered with an HTML page: on the pages' routes
    (`/`, `/editor`, `/id/...`) for a client that takes HTML at least as well as plain text (or
    sends no Accept header, as for the pages themselves), and on an unknown path for one that
    prefers HTML (a browser); never on /sparql, /update or /queries."""
    if request.blueprint not in ("pages", None) or request.path.split("/")[1] in _API:
        return False  # (a wrong method on an API path fails routing: no blueprint then)
    accept = request.accept_mimetypes
    html, plain = accept.quality("text/html"), accept.quality("text/plain")
    if request.blueprint == "pages":
        return not request.headers.get("Accept", "").strip() or (html > 0 and html >= plain)
    return html > plain


def _page(response: Response, message: str) -> Response:
    """`response` (status and headers kept) with the one-line `message` in the site's error page."""
    status = response.status_code
    title = "Not found" if status == 404 else HTTP_STATUS_CODES.get(status, "Error")
    response.set_data(render_template("error.html", status=status, title=title, message=message))
    response.mimetype = "text/html"
    response.vary.add("Accept")
    return response


def init_app(app: Flask) -> None:
    """Register the handlers that turn errors into one-line plain-text answers (or pages)."""

    @app.errorhandler(KgError)
    def _render(exc: KgError) -> Response:
        response = render(exc)
        return _page(response, str(exc)) if wants_page() else response

    @app.errorhandler(HTTPException)
    def _render_http(exc: HTTPException) -> Response:
        messages = {413: "the request is larger than the server accepts"}
        text = messages.get(exc.code or 500, exc.description or exc.name)
        response = exc.get_response()
        if wants_page():
            if isinstance(exc, NotFound) and exc.description == NotFound.description:
                text = f"There is no page at {request.path}."  # an unknown path, not a resource
            return _page(response, text)
        response.set_data(f"{exc.code} {exc.name}: {text}\n")
        response.mimetype = "text/plain"
        return response
