"""/sparql: the SPARQL 1.1 Protocol for queries, and the service description.

* `GET /sparql?query=...`, `POST` form-encoded (`query=...`), `POST application/sparql-query`;
  `default-graph-uri` / `named-graph-uri` (repeatable) set the dataset and override FROM /
  FROM NAMED; without them the default graph is the union of all graphs.
* Results by content negotiation (q-values honoured): SPARQL JSON (default), XML, CSV, TSV for
  SELECT; JSON or XML for ASK; Turtle (default), N-Triples, JSON-LD, RDF/XML for CONSTRUCT and
  DESCRIBE. Nothing acceptable: 406.
* `GET /sparql` without a query answers the service description (Turtle by default); a browser
  (which prefers HTML) is redirected to the SPARQL editor instead.
* Faulty requests: 400 (syntax, missing or repeated query, SERVICE, updates, bytes that are not
  UTF-8 in the URL, form or body, brackets nested deeper or more tokens than the parser handles
  safely), 405 (other methods), 413 (too large, whatever the transfer encoding), 415 (wrong
  media type or charset), with a one-line reason.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Blueprint, Response, current_app, redirect, request, url_for

from kg.errors import QueryError, QuerySyntaxError
from kg.query import Dataset
from server.backends import current_backend as backend
from server.errors import Refused, RequestTooLarge, UnsupportedMediaType
from server.guard import check_query, check_shape, describe_update
from server.negotiation import MEDIA_TYPE, request_formats
from server.service_description import describe_service

blueprint = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"


def single(values: list[str], name: str) -> str | None:
    """Return the one value of a protocol parameter (None if absent); several are a 400."""
    if len(values) > 1:
        raise QueryError(f"the request has {len(values)} '{name}' parameters; send exactly one")
    return values[0] if values else None


def strict_utf8(raw: bytes, what: str) -> str:
    """Decode `raw` as UTF-8, or raise a 400 naming `what` and its first bad byte (from 1)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{what} is not valid UTF-8 at byte {exc.start + 1} "
                         f"(0x{raw[exc.start]:02x})") from None


def check_utf8_params(raw: bytes, where: str) -> None:
    """Refuse (400) URL-encoded parameters (a query string or a form body) that are not UTF-8 once
    percent-decoded: Werkzeug would replace the bad bytes and the altered query would run."""
    for part in raw.split(b"&"):
        name, _, value = part.partition(b"=")
        label = strict_utf8(unquote_to_bytes(name.replace(b"+", b" ")), f"a parameter name in the {where}")
        strict_utf8(unquote_to_bytes(value.replace(b"+", b" ")), f"{label} (in the {where})")


def utf8_body(what: str = "query") -> str:
    """Return the request body as text; the protocol allows UTF-8 only (else 415, or 400)."""
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in {"utf-8", "utf8"}:
        raise UnsupportedMediaType(f"charset {charset!r} is not supported; send the {what} in UTF-8")
    return strict_utf8(request.get_data(), f"the {what} (the request body)")


def check_utf8_request() -> None:
    """Refuse (400) a URL query string, or a form-encoded body, that is not UTF-8."""
    check_utf8_params(request.query_string, "URL")
    if request.method == "POST" and request.mimetype == FORM:
        check_utf8_params(request.get_data(), "form body")


def _query_text() -> str | None:
    """Return the query of the request per the protocol's three operations (None: no query)."""
    if request.content_length and request.content_length > current_app.config["MAX_CONTENT_LENGTH"]:
        raise RequestTooLarge("the request is larger than the server accepts")
    check_utf8_request()
    in_url = request.args.getlist("query")
    if request.args.getlist("update") or (request.method == "POST" and request.mimetype == FORM
                                          and request.form.getlist("update")):
        raise Refused("SPARQL Update is not accepted at /sparql (read-only); updates go to /update")
    if request.method == "GET":
        return single(in_url, "query")
    if request.mimetype == FORM:
        if in_url:
            raise QueryError("a form-encoded POST carries the query in its body, not in the URL")
        text = single(request.form.getlist("query"), "query")
        if text is None:
            raise QueryError("no query given: pass it as the 'query' form field")
        return text
    if request.mimetype == DIRECT:
        if in_url:
            raise QueryError("an application/sparql-query POST carries the query in its body only")
        return utf8_body()
    if request.mimetype == "application/sparql-update":
        raise Refused("SPARQL Update is not accepted at /sparql (read-only); updates go to /update")
    shown = request.mimetype or "none"
    raise UnsupportedMediaType(f"unsupported content type {shown!r}: POST a query as {FORM} "
                               f"(field 'query') or as {DIRECT}")


def _graphs(name: str) -> tuple[str, ...]:
    values = request.args.getlist(name)
    if request.method == "POST" and request.mimetype == FORM:
        values += request.form.getlist(name)
    return tuple(values)


def _format_override() -> str | None:
    return request.args.get("format") or request.args.get("output")


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    """Answer one SPARQL query, or the service description for a GET without one."""
    text = _query_text()
    if text is None:
        if request.accept_mimetypes.best_match(["text/turtle", "text/html"]) == "text/html":
            return redirect(url_for("pages.editor"), 303)  # a person with a browser: the editor
        return describe_service()
    if not text.strip():
        raise QueryError("the query is empty")
    if len(text.encode("utf-8")) > current_app.config["MAX_CONTENT_LENGTH"]:
        raise RequestTooLarge("the query is longer than the server accepts")
    check_shape(text, backend().settings)
    check_query(text)
    dataset = Dataset(_graphs("default-graph-uri"), _graphs("named-graph-uri"))
    formats = request_formats(_format_override())
    try:
        outcome = backend().query(text, formats, dataset=dataset)
    except QuerySyntaxError as exc:
        reason = describe_update(text)
        if reason:
            raise Refused(reason) from exc
        raise
    response = Response(outcome.body, mimetype=MEDIA_TYPE[outcome.fmt])
    response.vary.add("Accept")
    response.headers["Server-Timing"] = f"query;dur={outcome.seconds * 1000:.1f}"
    return response
