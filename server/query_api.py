"""/queries: the catalogue of named questions (JSON), and /queries/NAME?param=... to run one.

Arguments come from the URL (GET) or a form (POST) and are bound as typed RDF terms by
`kg.named_queries`; results are negotiated like /sparql's (SPARQL JSON by default).
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request, url_for

from kg.errors import InvalidArgument
from server.backends import current_backend as backend
from server.negotiation import MEDIA_TYPE, request_formats
from server.sparql_endpoint import check_utf8_request

blueprint = Blueprint("queries", __name__)

_RESERVED = {"format", "output"}


@blueprint.route("/queries", methods=["GET"])
def catalogue() -> Response:
    """List the named queries: name, summary, parameters (name, type, default) and URL."""
    items = [
        {
            "name": q.name,
            "summary": q.summary,
            "parameters": [{"name": p.name, "type": p.type, "default": p.default,
                            "required": p.default is None} for p in q.parameters],
            "url": url_for("queries.run", name=q.name, _external=True),
            "sparql": q.text,
        }
        for q in backend().queries.values()
    ]
    return jsonify({"queries": items})


@blueprint.route("/queries/<name>", methods=["GET", "POST"])
def run(name: str) -> Response:
    """Run one named query with the request's arguments."""
    check_utf8_request()
    source = request.form if request.method == "POST" else request.args
    args: dict[str, str] = {}
    for key in source:
        if key in _RESERVED:
            continue
        values = source.getlist(key)
        if len(values) > 1:
            raise InvalidArgument(f"parameter {key!r} is given {len(values)} times; give it once")
        args[key] = values[0]
    formats = request_formats(request.args.get("format") or request.args.get("output"))
    outcome = backend().named(name, args, formats)
    response = Response(outcome.body, mimetype=MEDIA_TYPE[outcome.fmt])
    response.vary.add("Accept")
    response.headers["Server-Timing"] = f"query;dur={outcome.seconds * 1000:.1f}"
    return response
