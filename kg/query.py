"""Run read-only SPARQL queries on Oxigraph and render their results.

Queries run on pyoxigraph directly (no conversion to rdflib terms, the fast path), with a base IRI
so that relative IRIs resolve. Oxigraph's `SyntaxError` becomes `QuerySyntaxError` here, once.
Results are serialized by pyoxigraph itself, straight from its own terms.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.errors import QueryError, QuerySyntaxError, RdfInputError
from kg.identity import DEFAULT_BASE
from kg.sparql_text import query_dataset

Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
_FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}


@dataclass(frozen=True, slots=True)
class Dataset:
    """The RDF dataset of a query (SPARQL 1.1 Protocol `default-graph-uri`/`named-graph-uri`).

    Both empty: the query's own FROM / FROM NAMED is its dataset (SPARQL 1.1 Query §13.2), and a
    query without them has the store's union of all graphs as default graph and every named graph
    visible. Otherwise the listed graphs replace whatever the query names, as the protocol
    requires (SPARQL 1.1 Protocol §2.1.4).
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for label, iris in (("default-graph-uri", self.default_graphs),
                            ("named-graph-uri", self.named_graphs)):
            for iri in iris:
                try:
                    ox.NamedNode(iri)
                except ValueError:
                    raise QueryError(f"{label} {iri!r} is not a valid IRI") from None
                if ":" not in iri.split("/", 1)[0]:
                    raise QueryError(f"{label} {iri!r} is not an absolute IRI")

    def query_args(self, text: str) -> dict[str, object]:
        """Return the keyword arguments of `pyoxigraph.Store.query` for this dataset and query."""
        if not self.default_graphs and not self.named_graphs:
            if query_dataset(text) is not None:
                return {}  # the query's FROM / FROM NAMED (the union would override them)
            return {"use_default_graph_as_union": True}
        return {
            # Only named graphs given: the protocol says the default graph is then empty.
            "default_graph": [ox.NamedNode(g) for g in self.default_graphs] or [ox.DefaultGraph()],
            "named_graphs": [ox.NamedNode(g) for g in self.named_graphs],
        }


def load_files(paths: Sequence[Path]) -> ox.Store:
    """Load RDF files into an in-memory Oxigraph store (quads keep their graphs).

    Articles whose triples are in the default graph (a Turtle or N-Triples file: the union of
    the store's graphs) get their graphs back (`recover_article_graphs`), so that the named
    questions, which read each article in its own graph, answer as over the store.
    """
    store = ox.Store()
    for path in paths:
        fmt = _FILE_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise RdfInputError(f"{path}: unknown RDF file extension; expected one of {', '.join(_FILE_FORMATS)}")
        try:
            store.bulk_load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
        except (OSError, SyntaxError, ValueError) as exc:
            raise RdfInputError(f"{path}: {exc}") from exc
    recover_article_graphs(store)
    return store


_NKG = "PREFIX nkg: <https://w3id.org/newskg/ontology#>\n"
# What an article's graph holds of its own: the article, and the nodes that name it as their
# source (statements, meetings, office holdings) or their article (text spans), but not what
# ties them to another article (an office holding that two articles report is one node).
_RECOVER_OWN = _NKG + """INSERT { GRAPH ?article { ?s ?p ?o } } WHERE {
  { ?article a nkg:Article . BIND (?article AS ?s) }
  UNION { ?article a nkg:Article . ?s nkg:sourceArticle ?article }
  UNION { ?article a nkg:Article . ?s nkg:inArticle ?article }
  ?s ?p ?o .
  FILTER NOT EXISTS { ?s nkg:sourceArticle ?o FILTER (?o != ?article) }
  FILTER NOT EXISTS { ?o nkg:sourceArticle|nkg:inArticle ?other FILTER (?other != ?article) }
}"""
# Then the shared nodes they point to (persons, offices, places, countries, publishers), with
# their triples but those that point into another article (a person's evidence elsewhere) and
# the offices a person holds by another article's office holding (kg.rdf writes `nkg:holds`
# beside the holding); not the classes and concepts of the ontology (nkg:Statement, nkg:DirectSpeech), which stay where
# the file has them.
_RECOVER_SHARED = _NKG + """INSERT { GRAPH ?article { ?x ?p ?o } } WHERE {
  ?article a nkg:Article .
  GRAPH ?article { ?s ?q ?x }
  FILTER (!isLiteral(?x) && !STRSTARTS(STR(?x), "https://w3id.org/newskg/ontology"))
  FILTER (?q != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>)
  ?x ?p ?o .
  FILTER (?p != nkg:holds || EXISTS { GRAPH ?article { ?holding nkg:holder ?x ; nkg:office ?o } })
  FILTER NOT EXISTS { ?x a nkg:Article }
  FILTER NOT EXISTS { ?x nkg:sourceArticle|nkg:inArticle ?home }
  FILTER NOT EXISTS { ?o nkg:sourceArticle|nkg:inArticle ?other FILTER (?other != ?article) }
}"""
# Last, what went into an article's graph leaves the default graph, so that the union of the
# graphs holds each triple as often as the store does.
_RECOVER_MOVE = "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER EXISTS { GRAPH ?g { ?s ?p ?o } } }"
_RECOVER_ROUNDS = 8  # article -> statement -> person -> office -> country is three hops


def recover_article_graphs(store: ox.Store) -> int:
    """Put each article found in the default graph into its own named graph, as `kg build`
    writes it: the article, its statements, meetings, holdings and spans, and the shared
    entities they reach (their triples repeated in every article that reaches them). Return how
    many articles were recovered.

    A triple file (Turtle, N-Triples, RDF/XML, ...) holds the union of the article graphs, so
    what can be recovered is what the union keeps: where articles describe one shared entity
    differently (another name, another office), each recovered graph holds all of it.
    """
    articles = ox.NamedNode("https://w3id.org/newskg/ontology#Article")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    count = sum(1 for _ in store.quads_for_pattern(None, rdf_type, articles, ox.DefaultGraph()))
    if not count:
        return 0
    store.update(_RECOVER_OWN)
    for _ in range(_RECOVER_ROUNDS):
        before = len(store)
        store.update(_RECOVER_SHARED)
        if len(store) == before:
            break
    store.update(_RECOVER_MOVE)
    return count


def run_query(store: ox.Store, text: str, *, base: str = DEFAULT_BASE,
              dataset: Dataset | None = None,
              substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Results:
    """Run a SPARQL query on `dataset`, else on its own FROM / FROM NAMED, else with the union
    of all graphs as the default graph.

    `substitutions` bind variables to RDF terms before evaluation (never spliced into the text).
    """
    args = (dataset or Dataset()).query_args(text)
    if substitutions:
        args["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
    try:
        return store.query(text, base_iri=base, **args)  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise QuerySyntaxError(f"invalid SPARQL: {_one_line(exc)}") from exc
    except ValueError as exc:  # e.g. an invalid graph IRI in the dataset
        raise QuerySyntaxError(f"invalid query request: {_one_line(exc)}") from exc


def run_update(store: ox.Store, text: str, *, base: str = DEFAULT_BASE) -> None:
    """Run a SPARQL Update on the store (callers decide whether updates are allowed)."""
    try:
        store.update(text, base_iri=base)
    except SyntaxError as exc:
        raise QuerySyntaxError(f"invalid SPARQL Update: {_one_line(exc)}") from exc
    except RuntimeError as exc:  # Oxigraph's evaluation errors, e.g. CLEAR of a missing graph
        raise QueryError(f"the update failed: {_one_line(exc)}") from exc


def write_results(results: Results, fmt: str, output: IO[bytes]) -> None:
    """Serialize results into `output` in one of `RESULT_FORMATS` or `GRAPH_FORMATS`."""
    if isinstance(results, ox.QueryTriples):
        results.serialize(output, GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE))
        return
    if fmt not in RESULT_FORMATS:
        raise QuerySyntaxError(f"format {fmt!r} is for CONSTRUCT/DESCRIBE results")
    results.serialize(output, RESULT_FORMATS[fmt])


CELL_WIDTH = 80  # characters of a cell the text table shows, unless asked to show them whole


def render_results(results: Results, fmt: str, *, wide: bool = False) -> bytes:
    """Serialize results: SPARQL JSON/XML/CSV/TSV, an RDF format, or an aligned text table,
    whose cells are cut at CELL_WIDTH characters unless `wide`."""
    if fmt == "table" and not isinstance(results, ox.QueryTriples):
        return _table(results, None if wide else CELL_WIDTH).encode("utf-8")
    buffer = io.BytesIO()
    write_results(results, fmt, buffer)
    return buffer.getvalue()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _table(results: ox.QuerySolutions | ox.QueryBoolean, width: int | None) -> str:
    """An aligned text table; a cell longer than `width` is cut, ending in "…", and the last
    line says how many were and how to see them whole.

    >>> print(_table(ox.Store().query('SELECT ?a ?b WHERE { BIND("xxxxxxxxxx" AS ?a) }'), 6), end="")
    a       b
    xxxxx…
    (1 row; 1 cell cut at 6 characters: --wide shows them whole)
    """
    if isinstance(results, ox.QueryBoolean):
        return ("yes" if bool(results) else "no") + "\n"
    names = [v.value for v in results.variables]
    rows = [[_cell(solution[name]) for name in names] for solution in results]
    cut = 0
    if width is not None:
        cut = sum(len(cell) > width for row in rows for cell in row)
        rows = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    out = io.StringIO()
    out.write("  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip() + "\n")
    for row in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")
    note = f"; {cut} cell{'s' * (cut != 1)} cut at {width} characters: --wide shows them whole"
    out.write(f"({len(rows)} row{'s' * (len(rows) != 1)}{note if cut else ''})\n")
    return out.getvalue()


def _cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)
