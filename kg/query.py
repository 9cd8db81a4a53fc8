"""Run read-only SPARQL queries on Oxigraph and render their results.

Queries run on pyoxigraph directly (no conversion to rdflib terms, the fast path), with a base IRI
so that relative IRIs resolve. Oxigraph's `SyntaxError` becomes `QuerySyntaxError` here, once.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QuerySyntaxError, RdfInputError
from kg.identity import DEFAULT_BASE

Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES}
_FILE_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}


def load_files(paths: Sequence[Path]) -> ox.Store:
    """Load RDF files into an in-memory Oxigraph store (quads keep their graphs)."""
    store = ox.Store()
    for path in paths:
        fmt = _FILE_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise RdfInputError(f"{path}: unknown RDF file extension; expected one of {', '.join(_FILE_FORMATS)}")
        try:
            store.bulk_load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
        except (OSError, SyntaxError, ValueError) as exc:
            raise RdfInputError(f"{path}: {exc}") from exc
    return store


def run_query(store: ox.Store, text: str, *, base: str = DEFAULT_BASE,
              union_default_graph: bool = True) -> Results:
    """Run a SPARQL query; by default the default graph is the union of all graphs."""
    try:
        return store.query(text, base_iri=base, use_default_graph_as_union=union_default_graph)
    except SyntaxError as exc:
        raise QuerySyntaxError(f"invalid SPARQL: {exc}") from exc


def render_results(results: Results, fmt: str) -> bytes:
    """Serialize results: SPARQL JSON/XML/CSV/TSV, Turtle/N-Triples, or an aligned text table."""
    if isinstance(results, ox.QueryTriples):
        graph_fmt = _GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
        return results.serialize(format=graph_fmt) or b""
    if fmt == "table":
        return _table(results).encode("utf-8")
    if fmt not in _RESULT_FORMATS:
        raise QuerySyntaxError(f"format {fmt!r} is for CONSTRUCT/DESCRIBE results")
    return results.serialize(format=_RESULT_FORMATS[fmt]) or b""


def _table(results: ox.QuerySolutions | ox.QueryBoolean) -> str:
    if isinstance(results, ox.QueryBoolean):
        return ("yes" if bool(results) else "no") + "\n"
    names = [v.value for v in results.variables]
    rows = [[_cell(solution[name]) for name in names] for solution in results]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    out = io.StringIO()
    out.write("  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip() + "\n")
    for row in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' * (len(rows) != 1)})\n")
    return out.getvalue()


def _cell(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)
