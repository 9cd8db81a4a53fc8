"""Export the store for other triple stores: streaming, in bounded memory, in six formats.

    N-Quads, TriG, JSON-LD     one named graph per article, plus the ontology's graph
    Turtle, N-Triples, RDF/XML the union of the graphs, each triple written once

The bookkeeping graph (`kg.store.BOOKKEEPING_IRI`) is not exported: it describes this store's
builds, not the news.

Triple formats must not repeat a triple that several article graphs share (a person's name). A
set of the triples seen would grow with the store; instead a triple is written from the first
graph that holds it, in the order of Oxigraph's SPOG index, which one index lookup per quad tells.
Memory stays bounded and the output is deterministic.

JSON-LD is written in expanded form (Oxigraph's streaming serializer), which needs no context to
be read; `kg/context.jsonld` is the published context that compacts it to short terms
(docs/store.md shows how).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.errors import StoreError
from kg.namespaces import PREFIXES
from kg.store import BOOKKEEPING_IRI, GraphStore

# output format name -> (pyoxigraph format, keeps named graphs)
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "rdfxml": (ox.RdfFormat.RDF_XML, False),
}
SUFFIXES = {".nq": "nquads", ".trig": "trig", ".jsonld": "jsonld", ".ttl": "turtle",
            ".nt": "ntriples", ".rdf": "rdfxml", ".xml": "rdfxml"}
CONTEXT_FILE = Path(__file__).parent / "context.jsonld"
_BOOKKEEPING = ox.NamedNode(BOOKKEEPING_IRI)


def format_for(path: Path) -> str:
    """Return the export format named by a file's extension (N-Quads when it names none).

    >>> format_for(Path("dump.TRIG")), format_for(Path("out.txt"))
    ('trig', 'nquads')
    """
    return SUFFIXES.get(path.suffix.lower(), "nquads")


def export_store(store: GraphStore, output: IO[bytes], fmt: str) -> None:
    """Write the store's data graphs to `output` in format `fmt` (a key of `FORMATS`)."""
    try:
        rdf_format, keeps_graphs = FORMATS[fmt]
    except KeyError:
        raise StoreError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}") from None
    items: Iterator[ox.Quad] | Iterator[ox.Triple]
    items = data_quads(store.oxigraph) if keeps_graphs else distinct_triples(store.oxigraph)
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    try:
        ox.serialize(items, output, rdf_format, prefixes=prefixes)
    except OSError as exc:
        raise StoreError(f"cannot write the export: {exc.strerror or exc}") from exc


def data_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Yield every quad but the bookkeeping graph's, graph by graph."""
    yield from store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    for graph in store.named_graphs():
        if graph != _BOOKKEEPING:
            yield from store.quads_for_pattern(None, None, None, graph)


def distinct_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Yield each triple of the data graphs once, from the first graph that holds it."""
    for quad in data_quads(store):
        s, p, o = quad.subject, quad.predicate, quad.object
        holders = (q.graph_name for q in store.quads_for_pattern(s, p, o, None))
        if next(g for g in holders if g != _BOOKKEEPING) == quad.graph_name:
            yield ox.Triple(s, p, o)
