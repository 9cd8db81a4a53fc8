"""The SPARQL 1.1 service description, answered on `GET /sparql` without a query.

Written in Turtle and converted by pyoxigraph to the negotiated RDF format (Turtle, N-Triples,
JSON-LD or RDF/XML).
"""

from __future__ import annotations

import io

import pyoxigraph as ox
from flask import Response, request

from kg.query import GRAPH_FORMATS
from server.errors import NotAcceptable
from server.negotiation import GRAPH, MEDIA_TYPE, choose, sent_accept

_TEMPLATE = """\
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .
@prefix dct: <http://purl.org/dc/terms/> .

<{endpoint}> a sd:Service ;
    dct:title "newskg SPARQL endpoint" ;
    dct:description "Who said what, who holds which office and who met whom, from news articles. Read-only; SERVICE and LOAD are refused; queries stop after {limit:g} s." ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,
        fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:JSON-LD, fmt:RDF_XML ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; dct:description "the union of all named graphs (one per article, and the ontology)" ]
    ] .
"""


def describe_service() -> Response:
    """Answer the service description of this endpoint in the negotiated RDF format."""
    from flask import current_app

    fmt = choose(request.accept_mimetypes, GRAPH, has_header=sent_accept())
    if fmt is None:
        raise NotAcceptable("the service description is available as Turtle, N-Triples, "
                            "JSON-LD or RDF/XML")
    endpoint = request.base_url
    settings = current_app.extensions["newskg"].settings
    turtle = _TEMPLATE.format(endpoint=endpoint, limit=settings.time_limit)
    if fmt == "turtle":
        body = turtle.encode("utf-8")
    else:
        out = io.BytesIO()
        ox.serialize(ox.parse(turtle, format=ox.RdfFormat.TURTLE), out, GRAPH_FORMATS[fmt])
        body = out.getvalue()
    response = Response(body, mimetype=MEDIA_TYPE[fmt])
    response.vary.add("Accept")
    return response
