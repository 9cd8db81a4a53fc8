"""The vocabulary kg writes, mirrored from `ontology/newskg.ttl`.

`NKG` is a closed namespace: a term that is not listed here raises AttributeError instead of
silently minting an IRI, and `tests/rdf/test_ontology.py` checks that every term listed here is declared
in the ontology. The instance base (`https://w3id.org/newskg/id/` by default) lives in
`kg.identity`.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/newskg/ontology"
SHAPES_NS = Namespace("https://w3id.org/newskg/shapes#")
SCHEMA = Namespace("http://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
WD = Namespace("http://www.wikidata.org/entity/")


class NKG(DefinedNamespace):
    """Terms of the newskg ontology (`https://w3id.org/newskg/ontology#`)."""

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    # classes
    Agent: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Country: URIRef
    Topic: URIRef
    Article: URIRef
    TextSpan: URIRef
    Office: URIRef
    OfficeHolding: URIRef
    Statement: URIRef
    Meeting: URIRef
    # concept schemes and their values
    SpeechModes: URIRef
    DirectSpeech: URIRef
    IndirectSpeech: URIRef
    MixedSpeech: URIRef
    MeetingStatuses: URIRef
    Held: URIRef
    Planned: URIRef
    Proposed: URIRef
    Cancelled: URIRef
    MeetingModes: URIRef
    InPerson: URIRef
    PhoneCall: URIRef
    VideoCall: URIRef
    # shared properties
    name: URIRef
    altName: URIRef
    exactMatch: URIRef
    about: URIRef
    startDate: URIRef
    endDate: URIRef
    timeExpression: URIRef
    evidence: URIRef
    confidence: URIRef
    # offices
    holds: URIRef
    holder: URIRef
    office: URIRef
    postIn: URIRef
    jurisdiction: URIRef
    # statements
    speaker: URIRef
    text: URIRef
    speechMode: URIRef
    reportingVerb: URIRef
    statedOn: URIRef
    statedAt: URIRef
    inCapacityOf: URIRef
    mentions: URIRef
    sourceArticle: URIRef
    # meetings
    participant: URIRef
    unnamedParticipants: URIRef
    location: URIRef
    status: URIRef
    mode: URIRef
    # articles and spans
    headline: URIRef
    url: URIRef
    datePublished: URIRef
    datePublishedInferred: URIRef
    publisher: URIRef
    author: URIRef
    inLanguage: URIRef
    linkedWith: URIRef
    body: URIRef
    textSha256: URIRef
    inArticle: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    sentence: URIRef


PREFIXES: dict[str, str] = {
    "nkg": str(NKG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "wd": str(WD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the prefixes kg writes with, so that Turtle output reads well; return the graph."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph
