"""Real triple stores for the loading tests: Virtuoso and the Oxigraph server, each started on
127.0.0.1 with a temporary database and unused ports, bounded in time, stopped afterwards.

Also the comparison: the same SPARQL SELECT queries, run on newskg's own store and on a server,
with results normalised (a plain literal is an xsd:string literal) and sorted; and the check that
the app over a stopped endpoint (kg serve --endpoint) answers a one-line 502.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kg.namespaces import NKG
from kg.rdf import article_iri, to_graph
from kg.store import BuildRecord, GraphStore
from kg.validate import load_ontology

Row = tuple[tuple[str, str, str], ...]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
PREFIXES = ("PREFIX nkg: <https://w3id.org/newskg/ontology#>\n"
            "PREFIX dct: <http://purl.org/dc/terms/>\n")

# Queries whose answers must agree between stores; every one is scoped to newskg's graphs, since
# servers keep graphs of their own (Virtuoso's system graphs).
QUERIES = {
    "quads per graph": """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
        FILTER(STRSTARTS(STR(?g), "https://w3id.org/newskg/") && ?g != <https://w3id.org/newskg/build>)
        } GROUP BY ?g""",
    "persons": "SELECT DISTINCT ?p ?name WHERE { GRAPH ?g { ?p a nkg:Person ; nkg:name ?name } }",
    "who said what": """SELECT ?g ?st ?name ?text ?verb WHERE { GRAPH ?g { ?st a nkg:Statement ;
        nkg:speaker ?sp ; nkg:text ?text . ?sp nkg:name ?name OPTIONAL { ?st nkg:reportingVerb ?verb } } }""",
    "spans after offset 40": """SELECT ?span ?b ?e ?anchor WHERE { GRAPH ?g { ?span nkg:beginIndex ?b ;
        nkg:endIndex ?e ; nkg:anchorOf ?anchor FILTER(?b > 40) } }""",
    "office holders": "SELECT DISTINCT ?person ?office WHERE { GRAPH ?g { ?person nkg:holds ?office } }",
    "articles": """SELECT ?a ?date ?id ?sha WHERE { GRAPH ?a { ?a a nkg:Article ; nkg:textSha256 ?sha
        OPTIONAL { ?a nkg:datePublished ?date } OPTIONAL { ?a dct:identifier ?id } } }""",
    "statements per person": """SELECT ?name (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g {
        ?st nkg:speaker ?sp . ?sp nkg:name ?name } } GROUP BY ?name""",
}
ALL_QUADS = """SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o }
    FILTER(STRSTARTS(STR(?g), "https://w3id.org/newskg/") && ?g != <https://w3id.org/newskg/build>) }"""


def sample_store(path: Path) -> GraphStore:
    """Write a store of three articles that share persons and offices, one with awkward literals."""
    from dataclasses import replace

    from tests.rdf.test_rdf import extraction

    store = GraphStore(path)
    store.ensure_ontology(load_ontology())
    first = extraction()
    for i, url in enumerate(["https://example.org/a", "https://example.org/b"]):
        ex = replace(first, article=replace(first.article, url=url, identifier=f"id-{i}"))
        store.write_article(str(article_iri(ex.article)), to_graph(ex), BuildRecord(url, "h", "f"))
    odd = URIRef("https://w3id.org/newskg/id/article/0dd0dd0dd0dd0dd0")
    graph = Graph()
    graph.add((odd, RDF.type, NKG.Article))
    graph.add((odd, NKG.textSha256, Literal("0" * 64)))
    graph.add((odd, NKG.headline, Literal('Line one\nline "two" \\ caf\u00e9 \u2013 \U0001f600 \u65b0\u95fb')))
    graph.add((odd, NKG.headline, Literal("Nachrichten", lang="de")))
    graph.add((odd, DCTERMS.identifier, Literal("odd-1")))
    graph.add((odd, NKG.datePublished, Literal("2024-02-29", datatype=XSD.date)))
    store.write_article(str(odd), graph, BuildRecord("odd", "h", "f"))
    store.flush()
    return store


def require(binary: str) -> str:
    """Return the path of `binary`; skip the test without it (fail when KG_REQUIRE_TRIPLESTORES)."""
    found = shutil.which(binary) or shutil.which(binary, path=str(Path(sys.executable).parent))
    if found:
        return found
    message = f"{binary} is not installed (apt-get install virtuoso-opensource / pip install oxigraph)"
    if os.environ.get("KG_REQUIRE_TRIPLESTORES"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def local_answers(store: ox.Store, query: str) -> list[Row]:
    """Run a SELECT on a pyoxigraph store; return normalised, sorted rows."""
    results = store.query(PREFIXES + query)
    names = [v.value for v in results.variables]
    return sorted(tuple(_ox_term(s[name]) for name in names) for s in results)


def http_answers(url: str, query: str, *, timeout: float = 60) -> list[Row]:
    """Run a SELECT through the SPARQL 1.1 Protocol; return normalised, sorted rows."""
    body = urllib.parse.urlencode({"query": PREFIXES + query}).encode()
    request = urllib.request.Request(url, data=body, headers={
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        doc = json.load(response)
    names = doc["head"]["vars"]
    return sorted(tuple(_json_term(b.get(n)) for n in names) for b in doc["results"]["bindings"])


def _ox_term(term: object) -> tuple[str, str, str]:
    if term is None:
        return ("", "", "")
    if isinstance(term, ox.Literal):
        kind = f"@{term.language}" if term.language else term.datatype.value
        return ("literal", term.value, "" if kind == XSD_STRING else kind)
    return ("iri" if isinstance(term, ox.NamedNode) else "bnode", term.value, "")


def _json_term(term: dict[str, str] | None) -> tuple[str, str, str]:
    if term is None:
        return ("", "", "")
    if term["type"] in ("literal", "typed-literal"):
        kind = f"@{term['xml:lang']}" if "xml:lang" in term else term.get("datatype", "")
        return ("literal", term["value"], "" if kind == XSD_STRING else kind)
    return ("iri" if term["type"] == "uri" else "bnode", term["value"], "")


def assert_endpoint_down(client, url: str) -> None:  # type: ignore[no-untyped-def]
    """Check that the app (a Flask test client) over the stopped endpoint `url` answers a query, a
    named question and a page's RDF with a one-line 502 naming the endpoint, and the page itself
    with that line in the site's error page."""
    for path, accept in (("/sparql?query=ASK%20%7B%7D", None), ("/queries/who-said?claim=NATO", None),
                         ("/id/person/pete-hegseth", "text/turtle"), ("/id/person/pete-hegseth", "text/html")):
        r = client.get(path, headers={"Accept": accept} if accept else {})
        text = r.get_data(as_text=True)
        assert r.status_code == 502, (path, text)
        if accept == "text/html":
            assert r.mimetype == "text/html" and f'<p class="message">{url}: cannot reach the endpoint' in text
            continue
        assert r.mimetype == "text/plain", (path, text)
        assert text.startswith(f"{url}: cannot reach the endpoint") and text.count("\n") == 1


def wait_for(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Wait until `url` answers a SPARQL ASK; fail with the server's log if it dies or stalls."""
    deadline = time.monotonic() + timeout
    ask = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(ask, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    proc.kill()
    pytest.fail(f"server did not answer within {timeout} s: {log.read_text()[-2000:]}")


class Virtuoso:
    """A Virtuoso 7 server on a temporary database; `DirsAllowed` is the one folder it loads from."""

    def __init__(self, workdir: Path, load_dir: Path) -> None:
        self.binary = require("virtuoso-t")
        self.isql_binary = require("isql-vt")
        self.workdir, self.load_dir = workdir, load_dir
        self.sql_port, self.http_port = free_port(), free_port()
        self.sparql = f"http://127.0.0.1:{self.http_port}/sparql"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 90) -> Virtuoso:
        db = self.workdir
        (db / "virtuoso.ini").write_text(f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{self.sql_port}
DisableUnixSocket = 1
DirsAllowed = {self.load_dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{self.http_port}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
""")
        log = db / "stdout.log"
        with log.open("wb") as out:
            self.proc = subprocess.Popen([self.binary, "-f", "-c", str(db / "virtuoso.ini")], cwd=db,
                                         stdout=out, stderr=subprocess.STDOUT)
        wait_for(self.sparql, self.proc, log, timeout)
        return self

    def isql(self, sql: str, timeout: float = 120) -> str:
        """Run SQL statements as dba; return the output."""
        run = subprocess.run([self.isql_binary, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={sql}"],
                             capture_output=True, text=True, timeout=timeout, check=False)
        if run.returncode != 0 or "*** Error" in run.stdout + run.stderr:
            pytest.fail(f"isql failed: {run.stdout[-1500:]} {run.stderr[-1500:]}")
        return run.stdout

    def bulk_load(self, folder: Path, pattern: str) -> None:
        """Load the files of `folder` matching `pattern` with Virtuoso's bulk loader."""
        self.isql(f"ld_dir('{folder}', '{pattern}', 'urn:newskg:unused'); rdf_loader_run(); checkpoint;")
        errors = self.isql("SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;")
        assert "0 Rows." in errors, errors

    def drop_newskg_graphs(self) -> None:
        self.isql("DELETE FROM DB.DBA.RDF_QUAD WHERE id_to_iri(G) LIKE 'https://w3id.org/newskg/%';")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


class OxigraphServer:
    """`oxigraph serve` on a database folder (fill it first with `load`)."""

    def __init__(self, location: Path) -> None:
        self.binary = require("oxigraph")
        self.location = location
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def load(self, file: Path, timeout: float = 120) -> None:
        run = subprocess.run([self.binary, "load", "--location", str(self.location), "--file", str(file)],
                             capture_output=True, text=True, timeout=timeout, check=False)
        assert run.returncode == 0, run.stderr

    def start(self, *options: str, timeout: float = 60) -> OxigraphServer:
        """Start `oxigraph serve` with extra `options` (e.g. --union-default-graph)."""
        log = self.location.parent / f"oxigraph-{self.port}.log"
        with log.open("wb") as out:
            self.proc = subprocess.Popen(
                [self.binary, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}",
                 *options],
                stdout=out, stderr=subprocess.STDOUT)
        wait_for(self.base + "/query", self.proc, log, timeout)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
