"""Export the store for other triple stores: streaming, in bounded memory, in six formats.

    N-Quads, TriG, JSON-LD     one named graph per article, plus the ontology's graph
    Turtle, N-Triples, RDF/XML the union of the graphs, each triple written once

The bookkeeping graph (`kg.store.BOOKKEEPING_IRI`) is not exported: it describes this store's
builds, not the news.

Triple formats must not repeat a triple that several article graphs share (a person's name). A
set of the triples seen would grow with the store; instead the triples are written subject by
subject from Oxigraph's SPOG index, where the copies of a triple in several graphs are neighbours
(see `distinct_triples`). Memory stays bounded and the output is deterministic.

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
from kg.store import BOOKKEEPING_IRI, GraphStore, read_failure

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
    items: Iterator[ox.Quad | ox.Triple]
    items = data_quads(store.oxigraph) if keeps_graphs else distinct_triples(store.oxigraph)
    if store.path is not None:
        items = _reading(store.path, items)
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    try:
        ox.serialize(items, output, rdf_format, prefixes=prefixes)
    except OSError as exc:
        raise StoreError(f"cannot write the export: {exc.strerror or exc}") from exc


def _reading(path: Path, items: Iterator[ox.Quad | ox.Triple]) -> Iterator[ox.Quad | ox.Triple]:
    """Pass `items` on; a failure to read the store (its files changed under a running export,
    see `kg.store.read_failure`) becomes a StoreError naming it, not a failure to write."""
    try:
        yield from items
    except (OSError, RuntimeError) as exc:
        raise read_failure(path, exc) from exc


def data_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Yield every quad but the bookkeeping graph's, graph by graph."""
    yield from store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    for graph in store.named_graphs():
        if graph != _BOOKKEEPING:
            yield from store.quads_for_pattern(None, None, None, graph)


def distinct_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Yield each triple of the data graphs once, subject by subject.

    Walking each named graph, a subject's quads are read in SPOG order, where the copies of a
    triple held by several graphs are neighbours; its triples are written, each once, when the
    graph walked is the one of its first quad, and otherwise the read stops at that first quad.
    Nothing is held but the previous triple. (The default graph, empty in a newskg store, costs
    one lookup per quad.)
    """
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        s, p, o = quad.subject, quad.predicate, quad.object
        if not any(_is_data(q.graph_name) for q in store.quads_for_pattern(s, p, o, None)):
            yield quad.triple
    for graph in store.named_graphs():
        if graph == _BOOKKEEPING:
            continue
        previous = None
        for quad in store.quads_for_pattern(None, None, None, graph):
            if quad.subject != previous:
                previous = quad.subject
                yield from _triples_if_first(store, quad.subject, graph)


def _is_data(graph: object) -> bool:
    """Tell whether `graph` is a named graph that is exported (not the bookkeeping one)."""
    return isinstance(graph, ox.NamedNode | ox.BlankNode) and graph != _BOOKKEEPING


def _triples_if_first(store: ox.Store, subject: ox.NamedNode | ox.BlankNode | ox.Triple,
                      graph: ox.NamedNode | ox.BlankNode) -> Iterator[ox.Triple]:
    """Yield the subject's triples once each, if `graph` holds its first quad in SPOG order."""
    last = None
    for quad in store.quads_for_pattern(subject, None, None, None):
        if not _is_data(quad.graph_name):
            continue
        if last is None and quad.graph_name != graph:
            return  # another graph comes first: the subject is written when that one is walked
        if (triple := quad.triple) != last:
            last = triple
            yield triple
