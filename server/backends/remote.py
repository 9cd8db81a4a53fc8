"""`kg serve --endpoint URL`: the app over a remote SPARQL endpoint (Virtuoso, Fuseki, Oxigraph).

`RemoteBackend` implements `Backend` (`server.backends.base`) over it, read-only.

Each query goes to the endpoint by the SPARQL 1.1 Protocol (a form-encoded POST), after the same
checks as over a store (the routes refuse SERVICE, LOAD and oversized requests before a query
gets here):

* the result format is the one the client negotiated here. The endpoint is asked only for
  lossless standard formats that endpoints write alike (SPARQL JSON or XML; N-Triples, Turtle,
  RDF/XML), the negotiated one first; CSV, TSV and JSON-LD are always written here by pyoxigraph
  (Virtuoso writes TSV as CSV with tabs, and drops language tags and decimal types in JSON-LD).
  An answer in another format of the same kind is converted by pyoxigraph, and so is SPARQL JSON
  in the SPARQL 1.0 draft's form (`"typed-literal"`, Virtuoso's);
* an ASK answered as a table of one variable, one row for true and none for false (Virtuoso's
  `__ASK_RETVAL`), is turned into the boolean;
* `default-graph-uri` / `named-graph-uri` are passed on; without them, a query's own FROM /
  FROM NAMED graphs are sent as those parameters too (`kg.sparql_text.query_dataset`), since an
  endpoint's union default graph may override FROM (`oxigraph serve --union-default-graph`
  does); relative IRIs resolve against the instance base (a `BASE` is put before the query);
* variables bound by named questions and pages are written into the text as RDF terms
  (`kg.sparql_text.substitute`), since the protocol has no substitutions;
* the time limit is the HTTP timeout of the request: a query still running at the limit is
  abandoned with a 503 (the endpoint may keep evaluating it: set its own timeout as well), and
  the other requests go on, each on its own connection;
* the answer is read up to `KG_MAX_RESULT_BYTES` (a larger one is a 422, never truncated);
* an answer in part, which Virtuoso gives (200, with `X-SQL-State: S1TAT`) for a query it
  stopped at its own time limit, is a 503 too;
* a failing endpoint is a 502 with one line naming it; a 400 from it (a query it rejects) stays
  a 400.

The text index behind `who-said` is built at start from the endpoint's statements (one SELECT).
The endpoint's default graph must be the union of its graphs, as newskg's store presents it
(`oxigraph serve --union-default-graph`; Virtuoso does it by default; Fuseki with
`tdb2:unionDefaultGraph true`): this is checked at start. Updates are not offered: the remote
store is written by `kg build --endpoint` (or its own tools), so `KG_UPDATE_TOKEN` is refused at
start. Credentials come from `$KG_ENDPOINT_USER` / `$KG_ENDPOINT_PASSWORD`, as for
`kg build --endpoint` (Basic or Digest, per the endpoint's challenge).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping

import httpx
import pyoxigraph as ox

from kg.errors import ConfigError, QueryError
from kg.query import GRAPH_FORMATS, RESULT_FORMATS, Dataset, render_results, write_results
from kg.search import STATEMENT_TEXTS, index_solutions
from kg.sparql_text import query_dataset, query_form, substitute
from server.backends.base import Backend
from server.errors import NotAcceptable, QueryTimeout, RemoteEndpointError, ResultTooLarge
from server.negotiation import KINDS, MEDIA_TYPE
from server.runner import Outcome, _Capped
from server.settings import Settings

KIND = {"SELECT": "solutions", "ASK": "boolean", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
# formats of each kind that pyoxigraph reads back, for converting an answer in another format
READABLE = {"solutions": ("json", "xml", "tsv"), "boolean": ("json", "xml"),
            "graph": ("ntriples", "turtle", "rdfxml", "jsonld")}
# formats asked of the endpoint, best first: lossless, and written alike by the endpoints tried
ASKED = {"solutions": ("json", "xml"), "boolean": ("json", "xml"),
         "graph": ("ntriples", "turtle", "rdfxml")}
# SPARQL JSON results in the SPARQL 1.0 draft's form (Virtuoso): a literal with a datatype is of
# type "typed-literal". Inside a JSON string the quotes would be escaped, so this is always a type.
_DRAFT_JSON = b'"typed-literal"'
# an ASK's answer, as pyoxigraph writes it (as over a store), by value and format
_BOOLEANS = {value: {fmt: render_results(ox.Store().query(query), fmt) for fmt in ("json", "xml")}
             for value, query in ((True, "ASK {}"), (False, "ASK { FILTER(false) }"))}
START_TIMEOUT = 600.0  # seconds for the start-up queries (the text index reads every statement)
START_MAX_BYTES = 4 * 1024 ** 3
# A typed resource in a named graph, for the start-up check: an article of newskg's first, since
# endpoints keep graphs of their own (Virtuoso's system graphs), whose presence in the default
# graph says nothing about newskg's; any other only where there is no article.
_UNION_PROBES = (
    ("SELECT ?s ?t WHERE { GRAPH ?g { ?s a ?t } "
     "VALUES ?t { <https://w3id.org/newskg/ontology#Article> } } LIMIT 1"),
    "SELECT ?s ?t WHERE { GRAPH ?g { ?s a ?t } FILTER (isIRI(?s) && isIRI(?t)) } LIMIT 1",
)


class RemoteBackend(Backend):
    """A remote SPARQL 1.1 Protocol query endpoint, read-only."""

    updates_off = "updates are disabled on this server (it serves a remote endpoint read-only)"

    def __init__(self, endpoint: str, *, settings: Settings,
                 environ: Mapping[str, str] = os.environ) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise ConfigError(f"{endpoint}: not an http(s) URL of a SPARQL endpoint")
        if settings.update_token is not None:
            raise ConfigError(f"{endpoint}: updates (KG_UPDATE_TOKEN) are not offered over a remote "
                              "endpoint; write to that store directly (kg build --endpoint), then "
                              "restart kg serve")
        self.endpoint = endpoint
        self.settings = settings
        user = environ.get("KG_ENDPOINT_USER") or None
        self._credentials = (user, environ.get("KG_ENDPOINT_PASSWORD") or "") if user else None
        self._auth: httpx.Auth | None = None
        self._lock = threading.Lock()
        self._client: httpx.Client | None = None
        self._pid = os.getpid()
        self._check_union_default_graph()
        index = index_solutions(self._solutions(STATEMENT_TEXTS))
        # the server forks its workers after this: each opens connections of its own
        self._drop_client()
        super().__init__(settings=settings, source=endpoint, index=index)

    # -- the Backend interface ---------------------------------------------------------------

    def start(self) -> None:
        self._drop_client()

    def query(self, text: str, formats: Mapping[str, str | None], *, dataset: Dataset | None = None,
              substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Outcome:
        """Send the query to the endpoint; return its answer in the negotiated format."""
        started = time.monotonic()
        kind = KIND[query_form(text)]
        fmt = formats.get(kind)
        if fmt is None:
            raise NotAcceptable(f"no acceptable media type for {kind} results; see the Accept header")
        text = substitute(text, substitutions or {})
        dataset = dataset or Dataset()
        if not dataset.default_graphs and not dataset.named_graphs:
            own = query_dataset(text, self.settings.base)
            if own is not None:
                # the query's FROM / FROM NAMED as the protocol's parameters, which the endpoint
                # must apply: Oxigraph's union default graph overrides the query's own FROM
                dataset = Dataset(*own)
        first = fmt if fmt in ASKED[kind] else ASKED[kind][0]
        accept = [MEDIA_TYPE[first]] + [f"{MEDIA_TYPE[f]};q=0.5" for f in ASKED[kind] if f != first]
        got, body = self._post(text, ", ".join(accept), dataset,
                               started + self.settings.time_limit, self.settings.max_result_bytes,
                               started)
        got_fmt = KINDS[kind].get(got)
        if kind == "boolean":
            body = self._boolean(got, got_fmt, body, fmt)
        elif got_fmt != fmt or (fmt == "json" and _DRAFT_JSON in body):
            body = self._convert(kind, got, got_fmt, body, fmt)
        return Outcome(kind, fmt, body, time.monotonic() - started)

    def update(self, text: str) -> None:
        raise ConfigError(self.updates_off)  # never reached: no token, so /update answers 404

    # -- start-up ---------------------------------------------------------------------------

    def _solutions(self, text: str) -> ox.QuerySolutions:
        """Run a SELECT for the server itself (no time limit but START_TIMEOUT)."""
        started = time.monotonic()
        media = MEDIA_TYPE["json"]
        got, body = self._post(text, media, Dataset(), started + START_TIMEOUT, START_MAX_BYTES,
                               started)
        fmt = KINDS["solutions"].get(got)
        if fmt not in READABLE["solutions"]:
            raise RemoteEndpointError(f"{self.endpoint}: answered {got or 'no content type'} to a "
                                      f"request for {media}")
        try:
            results = ox.parse_query_results(body, RESULT_FORMATS[fmt])
        except (SyntaxError, ValueError, OSError) as exc:
            raise RemoteEndpointError(f"{self.endpoint}: unreadable query results: {exc}") from exc
        if not isinstance(results, ox.QuerySolutions):
            raise RemoteEndpointError(f"{self.endpoint}: answered a boolean to a SELECT")
        return results

    def _check_union_default_graph(self) -> None:
        """Refuse an endpoint whose default graph is not the union of its named graphs."""
        for probe in _UNION_PROBES:
            sample = next(iter(self._solutions(probe)), None)
            if sample is not None:
                break
        else:
            return  # no named graphs: nothing that could be missing from the default graph
        check = f"SELECT ?s WHERE {{ ?s a {sample['t']} FILTER (?s = {sample['s']}) }} LIMIT 1"
        if next(iter(self._solutions(check)), None) is None:
            raise ConfigError(
                f"{self.endpoint}: the default graph is not the union of the named graphs (it lacks "
                f"{sample['s']} a {sample['t']}, which a named graph holds); newskg's questions read "
                "the union: start Oxigraph with --union-default-graph, or set Fuseki's "
                "tdb2:unionDefaultGraph (Virtuoso does it by default, unless the URL names a "
                "default-graph-uri)")

    # -- HTTP --------------------------------------------------------------------------------

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._client is None or self._pid != os.getpid():
                # a client inherited through fork shares its sockets with the parent: never reuse it
                self._client = httpx.Client(follow_redirects=False)
                self._pid = os.getpid()
            return self._client

    def _drop_client(self) -> None:
        with self._lock:
            if self._client is not None and self._pid == os.getpid():
                self._client.close()
            self._client = None

    def _post(self, text: str, accept: str, dataset: Dataset, deadline: float, max_bytes: int,
              started: float) -> tuple[str, bytes]:
        """POST the query; return the answer's media type and body, read within the limits."""
        # on the query's first line, so that the endpoint's messages give the client's line numbers
        form: dict[str, str | list[str]] = {"query": f"BASE <{self.settings.base}> {text}"}
        if dataset.default_graphs:
            form["default-graph-uri"] = list(dataset.default_graphs)
        if dataset.named_graphs:
            form["named-graph-uri"] = list(dataset.named_graphs)
        headers = {"Accept": accept}
        for attempt in range(2):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._timeout(started)
            timeout = httpx.Timeout(remaining, connect=min(remaining, 10.0))
            try:
                with self._http().stream("POST", self.endpoint, data=form, headers=headers,
                                         timeout=timeout, auth=self._auth) as response:
                    if (response.status_code == 401 and self._credentials and self._auth is None
                            and attempt == 0):
                        challenge = response.headers.get("WWW-Authenticate", "").lower()
                        scheme = httpx.DigestAuth if challenge.startswith("digest") else httpx.BasicAuth
                        self._auth = scheme(*self._credentials)
                        continue
                    if not response.is_success:
                        raise self._error(response)
                    if response.headers.get("X-SQL-State") == "S1TAT":
                        raise self._partial(response, started)
                    media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                    return media, self._read(response, deadline, max_bytes, started)
            except httpx.TimeoutException as exc:
                if time.monotonic() >= deadline - 0.05:
                    raise self._timeout(started) from exc
                raise RemoteEndpointError(f"{self.endpoint}: no answer: {type(exc).__name__}") from exc
            except httpx.HTTPError as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
                raise RemoteEndpointError(f"{self.endpoint}: cannot reach the endpoint: {reason}") from exc
        raise RemoteEndpointError(f"{self.endpoint}: 401 Unauthorized; the credentials were refused")

    def _read(self, response: httpx.Response, deadline: float, max_bytes: int,
              started: float) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise ResultTooLarge(f"the result is larger than the limit of {max_bytes:,} bytes; "
                                     "narrow the query or add LIMIT")
            if time.monotonic() > deadline:
                raise self._timeout(started)
            chunks.append(chunk)
        return b"".join(chunks)

    def _timeout(self, started: float) -> QueryTimeout:
        timeout = QueryTimeout(f"the query was stopped after the time limit of "
                               f"{self.settings.time_limit:g} s (waiting for {self.endpoint})")
        timeout.seconds = time.monotonic() - started  # type: ignore[attr-defined]
        return timeout

    def _partial(self, response: httpx.Response, started: float) -> QueryTimeout:
        """Virtuoso's "anytime" answer: a query stopped at its own limit (MaxQueryExecutionTime,
        or `timeout` in the URL) is answered 200 with what it had found so far, and X-SQL-State
        S1TAT. A part is not the answer: a 503, as at our own limit."""
        message = " ".join(response.headers.get("X-SQL-Message", "").split())[:200]
        timeout = QueryTimeout(f"{self.endpoint} stopped the query at its own time limit and "
                               f"answered in part (S1TAT: {message})")
        timeout.seconds = time.monotonic() - started  # type: ignore[attr-defined]
        return timeout

    def _error(self, response: httpx.Response) -> Exception:
        """One line for an error answer: a 400 is the query's fault, the rest the endpoint's."""
        status = response.status_code
        if 300 <= status < 400:
            where = response.headers.get("Location", "elsewhere")
            return RemoteEndpointError(f"{self.endpoint}: HTTP {status}, redirects to {where}; "
                                       "give kg serve --endpoint that URL")
        if status == 401:
            hint = "the credentials were refused" if self._credentials else (
                "set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD")
            return RemoteEndpointError(f"{self.endpoint}: 401 Unauthorized; {hint}")
        text = b""
        for chunk in response.iter_bytes():
            text += chunk
            if len(text) > 4096:
                break
        first = next((line.strip() for line in text.decode("utf-8", "replace").splitlines()
                      if line.strip()), "")
        reason = f"HTTP {status} {response.reason_phrase}" + (f": {first[:300]}" if first else "")
        if status == 400:
            return QueryError(f"{self.endpoint} rejected the query: {reason}")
        return RemoteEndpointError(f"{self.endpoint}: {reason}")

    def _boolean(self, got: str, got_fmt: str | None, body: bytes, fmt: str) -> bytes:
        """An ASK's answer in `fmt`, also from a table of one variable and at most one row."""
        if got_fmt not in READABLE["boolean"]:
            raise self._unexpected(got, fmt)
        try:
            results = ox.parse_query_results(body, RESULT_FORMATS[got_fmt])
            if isinstance(results, ox.QueryBoolean):
                return body if got_fmt == fmt else _BOOLEANS[bool(results)][fmt]
            names, rows = results.variables, list(results)
        except (SyntaxError, ValueError, OSError) as exc:
            raise self._unreadable(got, exc) from exc
        if len(names) != 1 or len(rows) > 1:
            raise RemoteEndpointError(f"{self.endpoint}: answered {len(names)} variable(s) and "
                                      f"{len(rows)} row(s) to an ASK")
        value = rows[0][names[0]] if rows else None
        return _BOOLEANS[value is not None and value.value not in ("0", "false")][fmt]

    def _convert(self, kind: str, got: str, got_fmt: str | None, body: bytes, fmt: str) -> bytes:
        """Re-serialize an answer the endpoint gave in another format of the same kind."""
        if got_fmt not in READABLE[kind]:
            raise self._unexpected(got, fmt)
        buffer = _Capped(self.settings.max_result_bytes)
        try:
            if kind == "graph":
                triples = ox.parse(body, GRAPH_FORMATS[got_fmt], base_iri=self.settings.base)
                ox.serialize(triples, buffer, GRAPH_FORMATS[fmt])
            else:
                results = ox.parse_query_results(body, RESULT_FORMATS[got_fmt])
                write_results(results, fmt, buffer)  # type: ignore[arg-type]
        except ResultTooLarge:
            raise
        except (SyntaxError, ValueError, OSError) as exc:
            raise self._unreadable(got, exc) from exc
        return b"".join(buffer.chunks)

    def _unexpected(self, got: str, fmt: str) -> RemoteEndpointError:
        return RemoteEndpointError(f"{self.endpoint}: answered {got or 'no content type'} to a "
                                   f"request for {MEDIA_TYPE[fmt]}")

    def _unreadable(self, got: str, exc: BaseException) -> RemoteEndpointError:
        return RemoteEndpointError(f"{self.endpoint}: unreadable {got} answer: "
                                   f"{' '.join(str(exc).split())[:200]}")


__all__ = ["RemoteBackend"]
