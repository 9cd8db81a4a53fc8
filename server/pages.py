"""Pages for people: the "who said" search at `/`, a SPARQL editor, and a page per resource.

Every IRI under the instance base (`Settings.base`, by default `https://w3id.org/newskg/id/`)
dereferences at `/id/...`: HTML for browsers, RDF (DESCRIBE) by content negotiation, following
Linked Data conventions. All data is read through the same query workers as /sparql, so pages
obey the same time limit.
"""

from __future__ import annotations

import functools
import json
import re
import time
from datetime import date
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from markupsafe import Markup, escape

from kg.errors import KgError
from kg.namespaces import NKG
from server.backends import current_backend as backend
from server import evidence
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
SELECT ?o ?x ?p (SAMPLE(?name) AS ?label) (SAMPLE(?said) AS ?text) (SAMPLE(?how) AS ?mode) WHERE {
  { SELECT DISTINCT ?o ?x ?p WHERE {
      ?x ?p ?o . FILTER (?p IN (nkg:speaker, nkg:participant, nkg:holder, nkg:sourceArticle))
    } LIMIT 500 }
  OPTIONAL { ?x nkg:text ?said }
  OPTIONAL { ?x nkg:speechMode ?how }
  OPTIONAL { ?x nkg:name ?name }
} GROUP BY ?o ?x ?p ORDER BY ?p ?x
"""


def _rows(outcome_body: bytes) -> list[dict[str, str]]:
    doc = json.loads(outcome_body)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def local_link(iri: str) -> str:
    """Return the link for an IRI: a page of this site for IRIs under the base (with the fragment
    of a hash IRI), else the IRI."""
    base = backend().settings.base
    if iri.startswith(base):  # a hash IRI (a span, `<article>#char=b,e`): its place in the page
        path, hashed, fragment = iri[len(base):].partition("#")
        return url_for("pages.resource", path=path) + hashed + quote(fragment, safe="=,;:@!$&'()*+/?-._~")
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
    """The home page: the "who said ..." search (answers rendered on the server; works without
    script) and, before a search, what the endpoint holds and where to query it."""
    claim = request.args.get("q", "").strip()
    answers: list[dict[str, str]] = []
    if claim:
        answers = _rows(backend().named("who-said", {"claim": claim}, _JSON).body)[:10]
    overview = None if claim else _overview()
    queries = [] if claim else list(backend().queries.values())
    return render_template("index.html", claim=claim, answers=answers, overview=overview,
                           queries=queries)


# What the home page counts, in this order, and how it names them.
_COUNTED = (("Article", "article", "articles"), ("Statement", "statement", "statements"),
            ("Person", "person", "persons"), ("Organization", "organisation", "organisations"),
            ("Meeting", "meeting", "meetings"))
_COUNTS = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES ?c { %s }
  ?s a ?c
} GROUP BY ?c
""" % " ".join(f"nkg:{cls}" for cls, _, _ in _COUNTED)
_LATEST = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?a (SAMPLE(?h) AS ?headline) (MAX(?d) AS ?date) WHERE {
  ?a a nkg:Article ; nkg:headline ?h . OPTIONAL { ?a nkg:datePublished ?d }
} GROUP BY ?a ORDER BY DESC(?date) ?headline LIMIT 5
"""
OVERVIEW_SECONDS = 30.0  # how long the home page's counts are reused before being counted again


def _overview() -> dict[str, object] | None:
    """The counts and latest articles the home page shows, counted at most every
    OVERVIEW_SECONDS per process (a count scans the store); None when the store could not be
    counted in time (the page then shows the search alone)."""
    cache = current_app.extensions.setdefault("newskg.overview", {})
    if cache and time.monotonic() - cache["at"] < OVERVIEW_SECONDS:
        return cache["value"]
    try:
        counted = {r["c"]: int(r["n"]) for r in _rows(backend().query(_COUNTS, _JSON).body)}
        latest = _rows(backend().query(_LATEST, _JSON).body)
    except KgError:  # over the time limit, or the remote store failed: no overview this time
        return None
    try:
        examples = _examples()
    except KgError:  # the counts without the examples, rather than neither
        examples = []
    value: dict[str, object] = {
        "counts": [{"kind": cls, "n": (n := counted.get(_NKG + cls, 0)), "label": one if n == 1 else many}
                   for cls, one, many in _COUNTED],
        "latest": [{"href": local_link(r["a"]), "headline": r["headline"], "date": r.get("date")}
                   for r in latest],
        "examples": examples,
    }
    cache.update(at=time.monotonic(), value=value)
    return value


# The example questions of the home page come from what the store holds: a few statements (their
# speakers, their words, what they mention) and a meeting, found without sorting the store.
_EXAMPLE_STATEMENTS = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?statement ?name ?text ?topic WHERE {
  ?statement a nkg:Statement ; nkg:speaker/nkg:name ?name ; nkg:text ?text .
  OPTIONAL { ?statement nkg:mentions/nkg:name ?topic }
} LIMIT 400
"""
_EXAMPLE_MEETING = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?a ?b WHERE {
  ?m a nkg:Meeting ; nkg:participant ?x, ?y . ?x nkg:name ?a . ?y nkg:name ?b FILTER (STR(?a) < STR(?b))
} LIMIT 1
"""
_CLAIM_WORDS = (4, 12)  # a statement short enough to read as a question, long enough to find


def _examples(most: int = 3) -> list[dict[str, str]]:
    """Example questions, each `{"text", "href"}`: who said a few of the statements held (each
    checked to find its statement), what a speaker said about something they mentioned, and who
    met whom. Raises KgError when the store cannot be read in time (as the counts do)."""
    rows = _rows(backend().query(_EXAMPLE_STATEMENTS, _JSON).body)
    out: list[dict[str, str]] = []
    speakers: set[str] = set()
    tries = 10 * most  # searches are quick, but a page is no place for hundreds of them
    for row in rows:
        claim = row["text"].strip(" \"“”‘’'.,;:")
        if len(speakers) == most or not tries or row["name"] in speakers \
                or not _CLAIM_WORDS[0] <= len(claim.split()) <= _CLAIM_WORDS[1]:
            continue
        tries -= 1
        if row["statement"] in (hit for hit, _ in backend().search(claim, 3)):
            speakers.add(row["name"])
            out.append({"text": f"Who said “{claim}”?", "href": url_for("pages.index", q=claim)})
    about = next((r for r in rows if r.get("topic") and r["topic"] != r["name"]
                  and r["topic"] not in r["name"] and r["name"] not in r["topic"]), None)
    if about:
        out.append({"text": f"What did {about['name']} say about {about['topic']}?",
                    "href": url_for("pages.editor", example="what-did-x-say-about-y",
                                    person=about["name"], topic=about["topic"], run=1)})
    for met in _rows(backend().query(_EXAMPLE_MEETING, _JSON).body):
        out.append({"text": f"When did {met['a']} and {met['b']} meet or talk?",
                    "href": url_for("pages.editor", example="meetings-between",
                                    person1=met["a"], person2=met["b"], run=1)})
    return out


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


def _nothing_called(iri: str) -> str:
    """The one line of a resource page's 404: what was looked for and not found."""
    return f"This store holds nothing about {iri}."


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
        abort(404, _nothing_called(iri))
    subject = {"s": node}
    if fmt != "html":
        outcome = backend().query("DESCRIBE ?s", {"graph": fmt}, substitutions=subject)
        if not outcome.body.strip():
            abort(404, _nothing_called(iri))
        response = Response(outcome.body, mimetype=MEDIA_TYPE[fmt])
        response.vary.add("Accept")
        return response
    props = _rows(backend().query(_PROPERTIES, _JSON, substitutions=subject).body)
    incoming = _rows(backend().query(_INCOMING, _JSON, substitutions={"o": node}).body)
    if not props and not incoming:
        abort(404, _nothing_called(iri))
    values: dict[str, list[dict[str, str]]] = {}
    for row in props:
        values.setdefault(row["p"], []).append(row)
    labels = _labels([iri] + [r["o"] for r in props if r["o"].startswith(("http:", "https:"))]
                     + [r["x"] for r in incoming])
    title = next((values[_NKG + k][0]["o"] for k in ("name", "headline", "text")
                  if _NKG + k in values), None) or labels.get(iri) or path
    kind = next((_short(r["o"]) for r in values.get(_RDF_TYPE, [])), "Resource")
    statement = None
    if kind == "Statement" and _NKG + "text" in values:
        speaker = values.get(_NKG + "speaker", [{}])[0]
        statement = {"text": values[_NKG + "text"][0]["o"],
                     "mode": values.get(_NKG + "speechMode", [{}])[0].get("o"),
                     "speaker": speaker.get("o"), "speakerName": speaker.get("label"),
                     **_when_and_where(node, values)}
        if statement["speakerName"]:
            title = f"Statement by {statement['speakerName']}"
        values.pop(_NKG + "text")  # shown above, as what it is
    elif kind == "OfficeHolding" and (holder := values.get(_NKG + "holder", [{}])[0].get("label")):
        title = f"{holder} as {title}"
    body = values.pop(_NKG + "body", [{}])[0].get("o")
    paragraphs = evidence.paragraphs(body, _spans_of(node)) if body else []
    rows = [{"iri": p, "label": _property_label(p),
             "values": [_value(r, labels) for r in rs]}
            for p, rs in sorted(values.items(), key=lambda item: _property_order(item[0]))
            if p not in _HIDDEN]
    groups: dict[str, list[dict[str, str]]] = {}
    for r in incoming:
        groups.setdefault(r["p"], []).append(
            {"href": local_link(r["x"]), "text": r.get("text") or labels.get(r["x"]) or _short(r["x"]),
             "mode": _MODE_WORDS.get(r.get("mode", ""), "")})
    linked = [{"heading": _INCOMING_HEADINGS.get(p, _property_label(p) + " of"), "role": _short(p),
               "items": items} for p, items in groups.items()]
    return render_template("resource.html", iri=iri, title=title, kind=kind, rows=rows,
                           linked=linked, quoted=quote(iri, safe=""), statement=statement,
                           paragraphs=paragraphs)


# -- a statement's date and its words in the article ---------------------------------------------

_PUBLISHED = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?s ?article (SAMPLE(?d) AS ?published) WHERE {
  ?s nkg:sourceArticle ?article . OPTIONAL { ?article nkg:datePublished ?d }
} GROUP BY ?s ?article LIMIT 1
"""


def _when_and_where(node: object, values: dict[str, list[dict[str, str]]]) -> dict[str, str | None]:
    """A statement's date (`stated`, with the article's words for it) and its article's
    publication date (`published`), and the link to its words in the article (`evidence`)."""
    article = next(iter(_rows(backend().query(_PUBLISHED, _JSON, substitutions={"s": node}).body)), {})
    spans = [r["o"] for r in values.get(_NKG + "evidence", []) if "#char=" in r["o"]]
    return {"stated": values.get(_NKG + "statedOn", [{}])[0].get("o"),
            "timeExpression": values.get(_NKG + "timeExpression", [{}])[0].get("o"),
            "published": article.get("published"),
            "evidence": local_link(spans[0]) if spans else None}


@blueprint.app_template_filter("human_date")
def human_date(value: str) -> str:
    """An xsd:date as people write it: "Wednesday 12 February 2025"; anything else as it is."""
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

# The article's spans, a statement's words among them (ORDER BY: the same marks every time).
_SPANS = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?a ?span ?b ?e (SAMPLE(?st) AS ?statement) WHERE {
  ?span nkg:inArticle ?a ; nkg:beginIndex ?b ; nkg:endIndex ?e .
  OPTIONAL { ?st nkg:evidence ?span ; a nkg:Statement }
} GROUP BY ?a ?span ?b ?e ORDER BY ?b ?e LIMIT 5000
"""


def _spans_of(article: object) -> list[evidence.Span]:
    """The spans of `article` to mark on its page: a statement's words as a quote, the rest
    (mentions, the evidence of offices and meetings) as places to link to."""
    out = []
    for row in _rows(backend().query(_SPANS, _JSON, substitutions={"a": article}).body):
        anchor = row["span"].partition("#")[2]
        if anchor.startswith("char="):
            out.append(evidence.Span(int(row["b"]), int(row["e"]), anchor,
                                     "quote" if row.get("statement") else "span"))
    return out


# -- human labels for the resource page ----------------------------------------------------------

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
# shown otherwise (the kind above the title, the article's text as paragraphs), or not at all
_HIDDEN = {_RDF_TYPE}
# what a reader looks for first; the rest follow by label
_FIRST = [_NKG + k for k in ("name", "altName", "headline", "holds", "office", "holder", "speaker",
                               "inCapacityOf", "text", "speechMode", "reportingVerb", "statedOn",
                               "startDate", "endDate", "status", "mode", "participant", "location",
                               "datePublished", "publisher", "url", "sourceArticle")]
_INCOMING_HEADINGS = {_NKG + "speaker": "Statements", _NKG + "participant": "Meetings",
                      _NKG + "holder": "Offices held", _NKG + "sourceArticle": "Found in this article"}
_MODE_WORDS = {_NKG + "DirectSpeech": "quote", _NKG + "IndirectSpeech": "paraphrase",
               _NKG + "MixedSpeech": "partly quoted"}
_OTHER_LABELS = {_RDF_TYPE: "type", "http://purl.org/dc/terms/identifier": "identifier",
                 _RDFS_LABEL: "label"}


@functools.lru_cache(maxsize=1)
def ontology_labels() -> dict[str, str]:
    """The English `rdfs:label` of every term of the shipped ontology, by IRI."""
    import pyoxigraph as ox

    from kg.paths import ontology_files

    labels: dict[str, str] = {}
    for path in ontology_files():
        for quad in ox.parse(path=path):
            if quad.predicate.value == _RDFS_LABEL and isinstance(quad.object, ox.Literal) \
                    and quad.object.language in (None, "en"):
                labels[quad.subject.value] = quad.object.value
    return labels


def _property_label(iri: str) -> str:
    return ontology_labels().get(iri) or _OTHER_LABELS.get(iri) or _short(iri)


def _property_order(iri: str) -> tuple[int, str]:
    return (_FIRST.index(iri) if iri in _FIRST else len(_FIRST), _property_label(iri))


def _value(row: dict[str, str], labels: dict[str, str]) -> dict[str, str | None]:
    """How one value of a property is shown: its text, and its link for an IRI."""
    o = row["o"]
    if not o.startswith(("http:", "https:")):
        return {"text": o, "href": None}
    text = row.get("label") or labels.get(o) or ontology_labels().get(o)
    if not text:  # a local IRI by its last segment; another site's (Wikidata's) in full
        text = _short(o) if o.startswith(backend().settings.base) else o
    return {"text": text, "href": local_link(o)}


# What names a resource that has no nkg:name: a holding by its office, a meeting by its kind,
# status, date and place, a span of text by its words.
_LABELS = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?x (SAMPLE(?n) AS ?name) (SAMPLE(?office) AS ?officeName) (SAMPLE(?d) AS ?date)
       (SAMPLE(?place) AS ?placeName) (SAMPLE(?anchor) AS ?words) (SAMPLE(?b) AS ?begin)
       (SAMPLE(?c) AS ?class) (SAMPLE(?e) AS ?end) (SAMPLE(?m) AS ?mode) (SAMPLE(?st) AS ?status)
WHERE {
  VALUES ?x { %s }
  OPTIONAL { ?x a ?c }
  OPTIONAL { ?x nkg:name|nkg:headline ?n }
  OPTIONAL { ?x nkg:office/nkg:name ?office }
  OPTIONAL { ?x nkg:startDate ?d }
  OPTIONAL { ?x nkg:location/nkg:name ?place }
  OPTIONAL { ?x nkg:mode ?m }
  OPTIONAL { ?x nkg:status ?st }
  OPTIONAL { ?x nkg:anchorOf ?anchor ; nkg:beginIndex ?b ; nkg:endIndex ?e }
} GROUP BY ?x
"""


def _labels(iris: list[str]) -> dict[str, str]:
    """Human labels for the resources among `iris` that have none of their own to show."""
    from pyoxigraph import NamedNode

    base = backend().settings.base
    wanted = list(dict.fromkeys(i for i in iris if i.startswith(base)))[:300]
    if not wanted:
        return {}
    terms = " ".join(str(NamedNode(i)) for i in wanted)
    out: dict[str, str] = {}
    for row in _rows(backend().query(_LABELS % terms, _JSON).body):
        if label := _label_of(row):
            out[row["x"]] = label
    return out


def _label_of(row: dict[str, str]) -> str | None:
    if row.get("name"):
        return row["name"]
    if row.get("officeName"):
        return row["officeName"]
    if row.get("words") is not None:
        return f"“{row['words']}” (characters {row['begin']}–{row['end']})"
    if row.get("class") == _NKG + "Meeting":
        kind = _MEETING_KINDS.get(row.get("mode", ""), "Meeting")
        status = row.get("status", "")  # said unless held
        if status and status != _NKG + "Held":
            status = f" ({ontology_labels().get(status) or _short(status)})"
        else:
            status = ""
        where = f" in {row['placeName']}" if row.get("placeName") else ""
        when = f" on {row['date']}" if row.get("date") else ""
        return f"{kind}{status}{when}{where}"
    return None


_MEETING_KINDS = {_NKG + "PhoneCall": "Phone call", _NKG + "VideoCall": "Video call"}
