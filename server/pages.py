"""Pages for people: the "who said" search at `/`, a SPARQL editor, and a page per resource.

Every IRI under the instance base (`Settings.base`, by default `https://w3id.org/newskg/id/`)
dereferences at `/id/...`: HTML for browsers, RDF (DESCRIBE) by content negotiation, following
Linked Data conventions. All data is read through the same query workers as /sparql, so pages
obey the same time limit.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from flask import Blueprint, Response, abort, render_template, request, url_for
from markupsafe import Markup, escape

from kg.namespaces import NKG
from server.backends import current_backend as backend
from server.errors import NotAcceptable
from server.negotiation import GRAPH, MEDIA_TYPE, choose, sent_accept

blueprint = Blueprint("pages", __name__, static_folder="static", static_url_path="/static")

_JSON = {"solutions": "json", "boolean": "json", "graph": "turtle"}
_NKG = str(NKG)

# Distinct (property, value) pairs first: a person's triples repeat in every article's graph.
_PROPERTIES = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?s ?p ?o (SAMPLE(?name) AS ?label) WHERE {
  { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 1000 }
  OPTIONAL { ?o nkg:name|nkg:headline ?name }
} GROUP BY ?s ?p ?o ORDER BY ?p ?o
"""
_INCOMING = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?o ?x ?p (SAMPLE(?name) AS ?label) (SAMPLE(?said) AS ?text) WHERE {
  { SELECT DISTINCT ?o ?x ?p WHERE {
      ?x ?p ?o . FILTER (?p IN (nkg:speaker, nkg:participant, nkg:holder, nkg:sourceArticle))
    } LIMIT 500 }
  OPTIONAL { ?x nkg:text ?said }
  OPTIONAL { ?x nkg:name ?name }
} GROUP BY ?o ?x ?p ORDER BY ?p ?x
"""


def _rows(outcome_body: bytes) -> list[dict[str, str]]:
    doc = json.loads(outcome_body)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def local_link(iri: str) -> str:
    """Return the link for an IRI: a page of this site for IRIs under the base, else the IRI."""
    base = backend().settings.base
    if iri.startswith(base):
        return url_for("pages.resource", path=iri[len(base):])
    return iri


@blueprint.app_template_filter("link")
def _link_filter(iri: str) -> str:
    return local_link(iri)


@blueprint.app_template_filter("short")
def _short(iri: str) -> str:
    return iri[len(_NKG):] if iri.startswith(_NKG) else iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


# the words a mixed statement quotes, with their quotation marks (curly or straight)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


@blueprint.app_template_filter("mark_quoted")
def _mark_quoted(text: str) -> Markup:
    """Escape `text` and mark the words it quotes: `<mark class="quoted">“probably”</mark>`."""
    out, last = [], 0
    for match in _QUOTED.finditer(text):
        out += [escape(text[last:match.start()]),
                Markup('<mark class="quoted">%s</mark>') % match.group()]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


@blueprint.route("/")
def index() -> str:
    """The "who said ..." search page (answers rendered on the server; works without script)."""
    claim = request.args.get("q", "").strip()
    answers: list[dict[str, str]] = []
    if claim:
        answers = _rows(backend().named("who-said", {"claim": claim}, _JSON).body)[:10]
    return render_template("index.html", claim=claim, answers=answers)


@blueprint.route("/editor")
def editor() -> str:
    """The SPARQL editor, with the named questions as examples."""
    queries = list(backend().queries.values())
    examples = {
        "base": backend().settings.base,
        "local": url_for("pages.resource", path=""),
        "queries": {q.name: {"text": q.text, "url": url_for("queries.run", name=q.name),
                             "parameters": [{"name": p.name, "type": p.type, "default": p.default}
                                            for p in q.parameters]} for q in queries},
    }
    # "</" must not end the <script> element that holds the examples
    queries_json = json.dumps(examples).replace("</", "<\\/")
    return render_template("editor.html", queries=queries, queries_json=queries_json)


@blueprint.route("/yasgui")
def yasgui() -> str:
    """YASGUI (vendored from npm), on this endpoint, with the named questions in tabs."""
    config = {
        "endpoint": url_for("sparql.sparql", _external=True),
        "queries": [{"name": q.name, "text": q.text} for q in backend().queries.values()],
    }
    return render_template("yasgui.html", config_json=json.dumps(config).replace("</", "<\\/"))


@blueprint.route("/id/<path:path>")
def resource(path: str) -> Response | str:
    """Dereference an instance IRI: HTML for browsers, RDF by content negotiation."""
    iri = backend().settings.base + path
    offers = {"text/html": "html", **GRAPH}
    fmt = choose(request.accept_mimetypes, offers, has_header=sent_accept())
    if fmt is None:
        raise NotAcceptable("this resource is available as HTML, Turtle, N-Triples, JSON-LD or RDF/XML")
    from pyoxigraph import NamedNode

    try:
        node = NamedNode(iri)
    except ValueError:  # not an IRI at all, so certainly none of ours
        abort(404)
    subject = {"s": node}
    if fmt != "html":
        outcome = backend().query("DESCRIBE ?s", {"graph": fmt}, substitutions=subject)
        if not outcome.body.strip():
            abort(404)
        response = Response(outcome.body, mimetype=MEDIA_TYPE[fmt])
        response.vary.add("Accept")
        return response
    props = _rows(backend().query(_PROPERTIES, _JSON, substitutions=subject).body)
    incoming = _rows(backend().query(_INCOMING, _JSON, substitutions={"o": node}).body)
    if not props and not incoming:
        abort(404)
    values: dict[str, list[dict[str, str]]] = {}
    for row in props:
        values.setdefault(row["p"], []).append(row)
    title = next((values[_NKG + k][0]["o"] for k in ("name", "headline", "text")
                  if _NKG + k in values), path)
    kind = next((_short(r["o"]) for r in values.get(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", [])), "Resource")
    statement = None
    if kind == "Statement" and _NKG + "text" in values:
        speaker = values.get(_NKG + "speaker", [{}])[0]
        statement = {"text": values[_NKG + "text"][0]["o"],
                     "mode": values.get(_NKG + "speechMode", [{}])[0].get("o"),
                     "speaker": speaker.get("o"), "speakerName": speaker.get("label")}
        if statement["speakerName"]:
            title = f"Statement by {statement['speakerName']}"
    return render_template("resource.html", iri=iri, title=title, kind=kind, values=values,
                           incoming=incoming, quoted=quote(iri, safe=""), statement=statement)
