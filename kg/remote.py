"""A remote triple store as the target of `kg build --endpoint URL`.

Each article's graph replaces the remote named graph of the same IRI in one HTTP request:

1. SPARQL 1.1 Graph Store HTTP Protocol: `PUT URL?graph=<article IRI>` with the graph as Turtle
   (N-Triples, which every Turtle parser reads);
2. if the endpoint answers that it does not speak the protocol there (400, 404, 405, 415, 501 on
   the first request, or no answer within `PROBE_TIMEOUT` seconds: Virtuoso's /sparql stalls on a
   PUT), SPARQL 1.1 Update: `POST URL` with `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g>
   { ... } }`, as `application/sparql-update`.

`protocol="gsp"` or `"update"` skips the guessing (`kg build --endpoint-protocol`).

Credentials come from `$KG_ENDPOINT_USER` and `$KG_ENDPOINT_PASSWORD`; the scheme (Basic or
Digest, Virtuoso's `-auth` endpoints use Digest) is the one the server's 401 challenge asks for.

What a remote store guarantees is the server's business: Virtuoso, Fuseki, GraphDB and Oxigraph
apply one GSP PUT or one update request atomically.

Resuming: with SPARQL Update, each request also replaces the article's build record in the
remote graph `https://w3id.org/newskg/build`, as the embedded store does; given a `query_url`
(`kg build --endpoint-query`), `is_current` asks that endpoint whether the record matches, so a
rerun skips finished articles. Through GSP (which cannot replace a record in a shared graph in
the same request) a remote build rewrites every article, which is idempotent.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import httpx
import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError
from kg.namespaces import ONTOLOGY_IRI
from kg.store import BOOKKEEPING_IRI, FINGERPRINT, INPUT_SHA256, SOURCE, BuildRecord

_NOT_GSP = frozenset({400, 404, 405, 415, 501})
PROTOCOLS = ("auto", "gsp", "update")
PROBE_TIMEOUT = 15.0
_BOOKKEEPING = ox.NamedNode(BOOKKEEPING_IRI)


class RemoteStore:
    """A SPARQL 1.1 Graph Store Protocol (or SPARQL Update) endpoint that article graphs go to."""

    def __init__(self, endpoint: str, *, user: str | None = None, password: str | None = None,
                 protocol: str = "auto", query_url: str | None = None, timeout: float = 120.0) -> None:
        for url in (endpoint, query_url or endpoint):
            if not url.startswith(("http://", "https://")):
                raise StoreError(f"{url}: not an http(s) URL of a SPARQL endpoint")
        if protocol not in PROTOCOLS:
            raise StoreError(f"unknown endpoint protocol {protocol!r}; known: {', '.join(PROTOCOLS)}")
        if query_url and protocol != "update":
            raise StoreError(f"{query_url}: resuming a remote build needs SPARQL Update writes "
                             f"(--endpoint-protocol update), which keep the build records")
        self.endpoint = endpoint
        self.query_url = query_url
        self.path = endpoint  # where the summary says the graph went
        self._credentials = (user, password or "") if user else None
        self._client = httpx.Client(timeout=timeout, follow_redirects=False)
        self._protocol = None if protocol == "auto" else protocol  # "gsp"/"update" once known
        self._auth: httpx.Auth | None = None  # chosen from the server's first 401 challenge

    @classmethod
    def from_env(cls, endpoint: str, *, protocol: str = "auto", query_url: str | None = None,
                 environ: Mapping[str, str] = os.environ) -> RemoteStore:
        """Return a store at `endpoint` with credentials from KG_ENDPOINT_USER / _PASSWORD."""
        return cls(endpoint, user=environ.get("KG_ENDPOINT_USER") or None,
                   password=environ.get("KG_ENDPOINT_PASSWORD"), protocol=protocol,
                   query_url=query_url)

    def write_article(self, graph_iri: str, graph: Graph, record: BuildRecord | None = None) -> int:
        """Replace the remote graph `graph_iri` with `graph`; return the triple count.

        `record` goes along (into the bookkeeping graph, in the same request) with SPARQL Update
        only; see the module docstring.
        """
        ntriples = graph.serialize(format="nt")
        if self._protocol in (None, "gsp"):
            try:
                response = self._send(
                    "PUT", params={"graph": graph_iri}, content=ntriples.encode(),
                    headers={"Content-Type": "text/turtle; charset=utf-8"},
                    timeout=PROBE_TIMEOUT if self._protocol is None else self._client.timeout,
                )
            except _Timeout:
                response = httpx.Response(501)  # no answer to a first PUT: not a GSP endpoint
            if response.is_success:
                self._protocol = "gsp"
                return len(graph)
            if self._protocol is not None or response.status_code not in _NOT_GSP:
                raise self._error(response, f"cannot write graph <{graph_iri}>")
            self._protocol = "update"
        g = ox.NamedNode(graph_iri)
        data = f"GRAPH {g} {{\n{ntriples}\n}}"
        if record is not None:
            data += (f"\nGRAPH {_BOOKKEEPING} {{ {g} {SOURCE} {ox.Literal(record.source)} ; "
                     f"{INPUT_SHA256} {ox.Literal(record.input_sha256)} ; "
                     f"{FINGERPRINT} {ox.Literal(record.fingerprint)} }}")
        update = (f"DROP SILENT GRAPH {g} ;\nDELETE WHERE {{ GRAPH {_BOOKKEEPING} {{ {g} ?p ?o }} }} ;\n"
                  f"INSERT DATA {{ {data} }}")
        response = self._send("POST", content=update.encode(),
                              headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        if not response.is_success:
            raise self._error(response, f"cannot write graph <{graph_iri}> by SPARQL Update")
        return len(graph)

    def ensure_ontology(self, ontology: Graph) -> None:
        """Write the ontology into its own named graph."""
        self.write_article(ONTOLOGY_IRI, ontology)

    def is_current(self, graph_iri: str, record: BuildRecord) -> bool:
        """Ask the query endpoint whether the remote holds the article built from `record`.

        Without a query endpoint, return False: every article is rewritten.
        """
        if self.query_url is None:
            return False
        g = ox.NamedNode(graph_iri)
        # a SELECT, not an ASK: Virtuoso 7 answers ASK in JSON as a one-variable SELECT
        query = (f"SELECT ?s WHERE {{ GRAPH {_BOOKKEEPING} {{ {g} {INPUT_SHA256} "
                 f"{ox.Literal(record.input_sha256)} ; {FINGERPRINT} {ox.Literal(record.fingerprint)} }} "
                 f"GRAPH {g} {{ ?s ?p ?o }} }} LIMIT 1")
        response = self._send("POST", url=self.query_url, data={"query": query},
                              headers={"Accept": "application/sparql-results+json"})
        try:
            bindings = response.json()["results"]["bindings"] if response.is_success else None
        except (ValueError, KeyError, TypeError):
            bindings = None
        if not isinstance(bindings, list):
            raise self._error(response, f"cannot ask whether <{graph_iri}> is current", self.query_url)
        return bool(bindings)

    def flush(self) -> None:
        """Close the connection."""
        self._client.close()

    def _send(self, method: str, url: str | None = None, **kwargs: object) -> httpx.Response:
        url = url or self.endpoint
        try:
            response = self._client.request(method, url, auth=self._auth, **kwargs)  # type: ignore[arg-type]
            if response.status_code == 401 and self._credentials and self._auth is None:
                challenge = response.headers.get("WWW-Authenticate", "").lower()
                scheme = httpx.DigestAuth if challenge.startswith("digest") else httpx.BasicAuth
                self._auth = scheme(*self._credentials)
                response = self._client.request(method, url, auth=self._auth, **kwargs)  # type: ignore[arg-type]
        except httpx.TimeoutException as exc:
            if self._protocol is None:
                raise _Timeout from exc
            raise StoreError(f"{url}: no answer: {exc}") from exc
        except httpx.HTTPError as exc:
            raise StoreError(f"{url}: cannot reach the endpoint: {exc}") from exc
        return response

    def _error(self, response: httpx.Response, what: str, url: str | None = None) -> StoreError:
        url = url or self.endpoint
        if response.status_code == 401:
            hint = "; set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD" if not self._credentials else (
                "; the credentials were refused")
            return StoreError(f"{url}: {what}: 401 Unauthorized{hint}")
        first = next((line.strip() for line in response.text.splitlines() if line.strip()), "")
        return StoreError(f"{url}: {what}: HTTP {response.status_code} {first[:200]}")


class _Timeout(Exception):
    """The first request timed out while the protocol was still being guessed."""
