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

import functools
from collections.abc import Callable, Iterable, Mapping
from urllib.parse import parse_qsl, unquote_to_bytes

from flask import Blueprint, Response, current_app, redirect, request, url_for
from werkzeug.utils import get_content_type

from kg.errors import KgError, QueryError, QuerySyntaxError
from kg.query import Dataset
from server.backends import Backend
from server.backends import current_backend as backend
from server.cors import cors_headers
from server.errors import Refused, RequestTooLarge, UnsupportedMediaType, render
from server.guard import check_query, check_shape, describe_update, may_name_service
from server.negotiation import MEDIA_TYPE, formats_for_header, request_formats
from server.runner import Job, Outcome, encode, remember
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
    dataset = Dataset(_graphs("default-graph-uri"), _graphs("named-graph-uri"))
    outcome = evaluate(backend(), text, dataset, request_formats(_format_override()))
    response = Response(outcome.body, mimetype=MEDIA_TYPE[outcome.fmt])
    response.vary.add("Accept")
    response.headers["Server-Timing"] = f"query;dur={outcome.seconds * 1000:.1f}"
    return response


def evaluate(source: Backend, text: str, dataset: Dataset, formats: Mapping[str, str | None]) -> Outcome:
    """Check a query (size, shape, SERVICE) and run it: what every GET and POST at /sparql does
    once its query, dataset and formats are read, in Flask or on the lean path."""
    check(source, text)
    try:
        return source.query(text, formats, dataset=dataset)
    except QuerySyntaxError as exc:
        raise refusal(text, exc) from exc


def check(source: Backend, text: str) -> None:
    """Refuse (4xx) a query that is empty, too long, nested too deep, or uses SERVICE."""
    if not text.strip():
        raise QueryError("the query is empty")
    if len(text.encode("utf-8")) > source.settings.max_request_bytes:
        raise RequestTooLarge("the query is longer than the server accepts")
    check_shape(text, source.settings)
    check_query(text)


def refusal(text: str, error: QuerySyntaxError) -> QueryError:
    """The error to answer for a query Oxigraph cannot parse: an update's refusal, or the error."""
    reason = describe_update(text)
    return Refused(reason) if reason else error


# -- the lean path ----------------------------------------------------------------------------

Answer = tuple[str, list[tuple[str, str]], bytes]  # status line ("200 OK"), headers, body
_NO_DATASET = Dataset()
_CACHED_QUERY_STRING = 8192  # longest query string whose prepared job is remembered, in bytes


class LeanSparql:
    """`GET /sparql?query=...` without Flask: the same checks, the same query process, the same
    answers (headers included), from the query string and the Accept header alone.

    A cheap query spent most of its server time in the web stack (Flask's request context,
    routing, request and response objects, after-request hooks), several times what evaluating
    it costs; this path reads the two things a GET query needs and makes the same checks as the
    route (`check`). `prepare` turns a request into the job for a query process (or the error
    answer, or None for what it leaves to Flask: a GET without a query, the service description
    or the editor), and remembers the last few hundred jobs by query string and Accept header,
    so a query asked again is not read, measured and negotiated again; `finish` and `failed`
    make the answer. `answer` does all of it, blocking; the server's worker calls it on the raw
    request in a thread, or uses the parts to await the query process in its event loop
    (server/worker.py). `create_app` also puts it in front of the Flask app as WSGI middleware
    (`wsgi`), so the tests through Flask's test client take it too.
    """

    def __init__(self, source: Backend, cors_origin: str) -> None:
        self.source = source
        self.cors = cors_headers("/sparql", cors_origin)
        self.runner = getattr(source, "runner", None)  # over a store or files: query processes
        self._prepared: dict[tuple[bytes, str], tuple[Job, bytes]] = {}

    def prepare(self, query_string: bytes, accept: str, *, quick: bool = False
                ) -> tuple[Job, bytes] | Answer | None:
        """The job of `GET /sparql?<query_string>` with this Accept header and its encoding for
        the query process, or the error answer, or None (Flask answers). With `quick`, also None
        for a query whose SERVICE check needs a parser (milliseconds: not in an event loop)."""
        key = (query_string, accept)
        prepared = self._prepared.get(key)
        if prepared is not None:
            return prepared
        try:
            check_utf8_params(query_string, "URL")
            params: dict[str, list[str]] = {}
            for name, value in parse_qsl(query_string.decode("utf-8"), keep_blank_values=True):
                params.setdefault(name, []).append(value)
            if "update" in params:
                raise Refused("SPARQL Update is not accepted at /sparql (read-only); updates go to /update")
            text = single(params.get("query", []), "query")
            if text is None or (quick and may_name_service(text)):
                return None
            default, named = params.get("default-graph-uri"), params.get("named-graph-uri")
            dataset = Dataset(tuple(default or ()), tuple(named or ())) if default or named else _NO_DATASET
            override = params.get("format", [""])[0] or params.get("output", [""])[0]
            formats = formats_for_header(accept, override)
            check(self.source, text)
        except KgError as exc:
            return self.failed(exc)
        job = Job(text, self.source.settings.base, formats, dataset)
        prepared = (job, encode(job))
        if len(query_string) <= _CACHED_QUERY_STRING:
            remember(self._prepared, key, prepared, 512)
        return prepared

    def answer(self, query_string: bytes, accept: str) -> Answer | None:
        """The answer to `GET /sparql?<query_string>` with this Accept header, or None (Flask's)."""
        prepared = self.prepare(query_string, accept)
        if prepared is None or isinstance(prepared[0], str):
            return prepared  # type: ignore[return-value]
        job = prepared[0]
        try:
            outcome = self.source.query(job.text, job.formats, dataset=job.dataset)
        except KgError as exc:
            return self.failed(exc, job.text)
        return self.finish(outcome)

    def finish(self, outcome: Outcome) -> Answer:
        """The answer with a query's result."""
        headers = [("Content-Type", _content_type(outcome.fmt)), ("Content-Length", str(len(outcome.body))),
                   ("Vary", "Accept"), ("Server-Timing", f"query;dur={outcome.seconds * 1000:.1f}"),
                   *self.cors]
        return "200 OK", headers, outcome.body

    def failed(self, exc: KgError, text: str | None = None) -> Answer:
        """The answer with an error; `text` is the query that failed, if it ran (a syntax error
        may be an update's, refused as such: that reads it with rdflib, milliseconds)."""
        if text is not None and isinstance(exc, QuerySyntaxError):
            exc = refusal(text, exc)
        response = render(exc)
        return response.status, [*response.headers.items(), *self.cors], response.get_data()

    def wsgi(self, app: Callable) -> Callable:
        """WSGI middleware: GET /sparql with a query answered here, everything else by `app`."""

        def lean_app(environ: dict, start_response: Callable) -> Iterable[bytes]:
            if environ.get("PATH_INFO") == "/sparql" and environ.get("REQUEST_METHOD") == "GET":
                answer = self.answer(environ.get("QUERY_STRING", "").encode("latin-1"),
                                     environ.get("HTTP_ACCEPT", ""))
                if answer is not None:
                    status, headers, body = answer
                    start_response(status, headers)
                    return [body]
            return app(environ, start_response)

        lean_app.wrapped = app  # type: ignore[attr-defined]
        return lean_app


@functools.lru_cache(maxsize=16)
def _content_type(fmt: str) -> str:
    """The Content-Type of a result format, as Flask writes it (`; charset=utf-8` on text/*)."""
    return get_content_type(MEDIA_TYPE[fmt], "utf-8")
