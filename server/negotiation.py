"""Content negotiation: from an Accept header (with q-values) to a result format.

Each result kind has its offers, best first; the first offer is the default when the client
sends no Accept header. A client whose Accept header matches none of the offers gets None, which
the endpoint turns into a 406.
"""

from __future__ import annotations

import functools

from flask import request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

# media type -> format name (kg.query's names), per result kind; the first is the default
SOLUTIONS = {
    "application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "application/json": "json",
    "application/xml": "xml", "text/xml": "xml",
}
BOOLEAN = {
    "application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
    "application/json": "json", "application/xml": "xml", "text/xml": "xml",
}
GRAPH = {
    "text/turtle": "turtle", "application/n-triples": "ntriples", "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml", "application/x-turtle": "turtle", "text/plain": "ntriples",
    "application/json": "jsonld",
}
MEDIA_TYPE = {  # format name -> the media type we answer with
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "ntriples": "application/n-triples", "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
KINDS = {"solutions": SOLUTIONS, "boolean": BOOLEAN, "graph": GRAPH}
# short names that clients such as SPARQLWrapper send as ?format= / ?output=
SHORT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle",
               "ttl": "turtle", "n3": "turtle", "nt": "ntriples", "ntriples": "ntriples",
               "json-ld": "jsonld", "jsonld": "jsonld", "rdf": "rdfxml", "rdfxml": "rdfxml",
               "rdf+xml": "rdfxml"}


def sent_accept() -> bool:
    """Whether the current request has a non-empty Accept header (else the defaults apply)."""
    return bool(request.headers.get("Accept", "").strip())


def choose(accept: MIMEAccept, offers: dict[str, str], *, has_header: bool) -> str | None:
    """Return the format name of the best offer for `accept`, or None when none is acceptable.

    >>> from werkzeug.datastructures import MIMEAccept
    >>> choose(MIMEAccept([("text/csv", 0.5), ("application/sparql-results+xml", 1)]), SOLUTIONS, has_header=True)
    'xml'
    >>> choose(MIMEAccept([("image/png", 1)]), GRAPH, has_header=True) is None
    True
    """
    if not has_header:
        return next(iter(offers.values()))
    best = accept.best_match(list(offers))
    return offers[best] if best else None


def formats_for(accept: MIMEAccept, *, has_header: bool, override: str | None = None,
                ) -> dict[str, str | None]:
    """Return the format per result kind; `override` (a short name) wins where it applies."""
    forced = SHORT_NAMES.get((override or "").lower())
    chosen = {}
    for kind, offers in KINDS.items():
        if forced and forced in offers.values():
            chosen[kind] = forced
        else:
            chosen[kind] = choose(accept, offers, has_header=has_header)
    return chosen


def request_formats(override: str | None = None) -> dict[str, str | None]:
    """`formats_for` the current request's Accept header, remembered per header (clients send the
    same one again and again; matching q-values costs a tenth of a cheap query's time)."""
    return dict(formats_for_header(request.headers.get("Accept", ""), override or ""))


@functools.lru_cache(maxsize=512)
def formats_for_header(header: str, override: str = "") -> dict[str, str | None]:
    """`formats_for` an Accept header (and a short name, or ""), remembered: do not change it."""
    return formats_for(parse_accept_header(header, MIMEAccept), has_header=bool(header.strip()),
                       override=override or None)
