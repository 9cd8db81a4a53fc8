"""The embedded graph store: an on-disk Oxigraph database, one named graph per article.

This is the only module that writes to the store. Each article's triples live in the named graph
whose IRI is the article's IRI; `replace_article` drops and rewrites that graph in one SPARQL
update, which Oxigraph applies as one transaction, so an article is either wholly in the store or
not at all. The ontology lives in the graph `https://w3id.org/newskg/ontology`.

The default location is `./newskg-store`, or the folder named by the environment variable
`KG_STORE` (read in `kg.cli`, not here).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError
from kg.namespaces import ONTOLOGY_IRI

DEFAULT_STORE = Path("newskg-store")

# output format name -> pyoxigraph format
EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
QUAD_EXPORTS = frozenset({"nquads", "trig", "jsonld"})


class GraphStore:
    """An Oxigraph store holding articles' graphs; `path=None` keeps it in memory."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                if not path.is_dir():
                    raise StoreError(f"{path}: no store here; build one with `kg build ... --store {path}`")
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store: {exc}") from exc

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for queries."""
        return self._store

    def replace_graph(self, graph_iri: str, graph: Graph) -> int:
        """Replace the named graph `graph_iri` with `graph`, atomically; return the triple count."""
        ntriples = graph.serialize(format="nt")
        update = f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}\n}} }}"
        try:
            self._store.update(update)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{self.path or 'memory'}: cannot write graph <{graph_iri}>: {exc}") from exc
        return len(graph)

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove a named graph; return whether it was there."""
        node = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        return True

    def ensure_ontology(self, ontology: Graph) -> None:
        """Write the ontology into its own named graph (replacing an older version)."""
        self.replace_graph(ONTOLOGY_IRI, ontology)

    def graphs(self) -> Iterator[str]:
        """Yield the IRIs of the named graphs."""
        for node in self._store.named_graphs():
            if isinstance(node, ox.NamedNode):
                yield node.value

    def export(self, output: IO[bytes], fmt: str) -> None:
        """Write the whole store to `output` in one of `EXPORT_FORMATS`, streaming.

        Triple formats (Turtle, N-Triples, RDF/XML) get the union of all graphs.
        """
        try:
            rdf_format = EXPORT_FORMATS[fmt]
        except KeyError:
            raise StoreError(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}") from None
        if fmt in QUAD_EXPORTS:
            self._store.dump(output, rdf_format)
        else:
            quads = self._store.quads_for_pattern(None, None, None, None)
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), output, rdf_format)

    def flush(self) -> None:
        """Make sure everything written is on disk."""
        self._store.flush()
