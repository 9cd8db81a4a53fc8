"""/sparql: SPARQL 1.1 Protocol queries (GET, POST form, POST application/sparql-query).

Results are negotiated from the Accept header: SPARQL JSON (default), XML, CSV or TSV for SELECT
and ASK; Turtle or N-Triples for CONSTRUCT and DESCRIBE.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request

from kg.errors import QueryError
from kg.query import render_results, run_query

blueprint = Blueprint("sparql", __name__)

_SOLUTION_TYPES = [
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
]
_GRAPH_TYPES = [("text/turtle", "turtle"), ("application/n-triples", "ntriples")]


def _query_text() -> str:
    if request.method == "GET":
        text = request.args.get("query")
    elif request.mimetype == "application/sparql-query":
        text = request.get_data(as_text=True)
    elif request.mimetype == "application/x-www-form-urlencoded":
        text = request.form.get("query")
    else:
        raise QueryError(f"unsupported content type {request.mimetype!r} for a SPARQL query")
    if not text:
        raise QueryError("no query given: pass it as the 'query' parameter")
    return text


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    """Answer one SPARQL query."""
    results = run_query(current_app.config["OXIGRAPH"], _query_text())
    offers = _GRAPH_TYPES if isinstance(results, ox.QueryTriples) else _SOLUTION_TYPES
    mimetype = request.accept_mimetypes.best_match([m for m, _ in offers], default=offers[0][0])
    fmt = dict(offers)[mimetype]
    return Response(render_results(results, fmt), mimetype=mimetype)
