"""The embedded graph store: an on-disk Oxigraph database, one named graph per article.

This is the only module that writes to the embedded store. Its layout:

    <article IRI>                       the article's triples, and nothing else
    https://w3id.org/newskg/ontology    the ontology
    https://w3id.org/newskg/build       bookkeeping: for each article graph, the input's hash,
                                        the build fingerprint and the source it was read from

Shared entities (a person quoted in two articles) have their triples (`a nkg:Person`, `nkg:name`)
repeated in every article graph that supports them, so dropping one article's graph never takes
away what another article still says. The union of the graphs is the knowledge graph.

Guarantees: `write_article` drops the article's graph, writes the new one and updates its
bookkeeping in one SPARQL update, which Oxigraph applies as one transaction; a process killed at
any moment leaves each article wholly in the store or not at all (RocksDB replays its log when the
store is opened again). `remove_articles` retracts several articles in one transaction.
`is_current` lets a rerun skip articles whose input and build fingerprint have not changed.

The default location is `./newskg-store`, or the folder named by the environment variable
`KG_STORE` (read in `kg.cli`, not here). Export lives in `kg.export`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError
from kg.namespaces import ONTOLOGY_IRI

DEFAULT_STORE = Path("newskg-store")
FLUSH_BYTES = 16 * 2**20  # flush RocksDB's write buffers after this much written (see write_article)

BOOKKEEPING_IRI = "https://w3id.org/newskg/build"
_BUILD = "https://w3id.org/newskg/build#"
INPUT_SHA256 = ox.NamedNode(_BUILD + "inputSha256")
FINGERPRINT = ox.NamedNode(_BUILD + "fingerprint")
SOURCE = ox.NamedNode(_BUILD + "source")
_BOOKKEEPING = ox.NamedNode(BOOKKEEPING_IRI)
_DCT_IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """What the bookkeeping graph remembers about one written article.

    `input_sha256` hashes the article as read (body and metadata); `fingerprint` hashes what
    else decides the graph (kg's extraction code, the spaCy model, the IRI base). An article
    whose record matches is not extracted again.
    """

    source: str
    input_sha256: str
    fingerprint: str


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
        self._unflushed = 0

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for queries."""
        return self._store

    # -- writing ---------------------------------------------------------------------------------

    def write_article(self, graph_iri: str, graph: Graph, record: BuildRecord | None = None) -> int:
        """Replace the article graph `graph_iri` with `graph` and record `record`, atomically.

        A new graph goes in with one transactional `Store.load` of N-Quads (graph and record
        together), about twice as fast as SPARQL's INSERT DATA; replacing a graph that is there
        takes one SPARQL update (drop, insert, record). Return the number of triples written.
        """
        g = ox.NamedNode(graph_iri)
        ntriples = graph.serialize(format="nt")
        record_quads = [] if record is None else [
            ox.Quad(g, SOURCE, ox.Literal(record.source), _BOOKKEEPING),
            ox.Quad(g, INPUT_SHA256, ox.Literal(record.input_sha256), _BOOKKEEPING),
            ox.Quad(g, FINGERPRINT, ox.Literal(record.fingerprint), _BOOKKEEPING),
        ]
        stale = next(iter(self._store.quads_for_pattern(g, None, None, _BOOKKEEPING)), None)
        if stale is None and not self._store.contains_named_graph(g):
            tail = f" {g} .\n"
            lines = [line.rstrip().removesuffix(".") + tail for line in ntriples.splitlines() if line]
            lines += [f"{q} .\n" for q in record_quads]
            data = "".join(lines).encode()
            try:
                self._store.load(data, format=ox.RdfFormat.N_QUADS)
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"{self.path or 'memory'}: cannot write graph {g}: {exc}") from exc
            self._written(len(data))
            return len(graph)
        data = f"GRAPH {g} {{\n{ntriples}\n}}"
        data += "".join(f"\nGRAPH {_BOOKKEEPING} {{ {q.triple} }}" for q in record_quads)
        update = (f"DROP SILENT GRAPH {g} ;\nDELETE WHERE {{ GRAPH {_BOOKKEEPING} {{ {g} ?p ?o }} }} ;\n"
                  f"INSERT DATA {{ {data} }}")
        self._update(update, f"cannot write graph {g}")
        self._written(len(update))
        return len(graph)

    def _written(self, size: int) -> None:
        """Flush RocksDB's write buffers now and then. Left alone, an on-disk store's buffers (one
        set per index) fill to their maximum before RocksDB flushes them, about 2 GB of memory on
        a long build; flushing every FLUSH_BYTES keeps a build's memory flat at a small size."""
        self._unflushed += size
        if self.path is not None and self._unflushed >= FLUSH_BYTES:
            self._store.flush()
            self._unflushed = 0

    def replace_graph(self, graph_iri: str, graph: Graph) -> int:
        """Replace the named graph `graph_iri` with `graph`, atomically; return the triple count."""
        return self.write_article(graph_iri, graph)

    def ensure_ontology(self, ontology: Graph) -> None:
        """Write the ontology into its own named graph (replacing an older version)."""
        self.write_article(ONTOLOGY_IRI, ontology)

    def remove_articles(self, graph_iris: Iterable[str]) -> int:
        """Drop article graphs and their bookkeeping in one transaction; return how many."""
        parts = []
        for iri in graph_iris:
            g = ox.NamedNode(iri)
            parts += [f"DROP SILENT GRAPH {g}", f"DELETE WHERE {{ GRAPH {_BOOKKEEPING} {{ {g} ?p ?o }} }}"]
        if parts:
            self._update(" ;\n".join(parts), "cannot remove articles")
        return len(parts) // 2

    def remove_graph(self, graph_iri: str) -> bool:
        """Remove one named graph (and its bookkeeping); return whether it was there."""
        there = self._store.contains_named_graph(ox.NamedNode(graph_iri))
        self.remove_articles([graph_iri])
        return there

    def _update(self, update: str, what: str) -> None:
        try:
            self._store.update(update)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{self.path or 'memory'}: {what}: {exc}") from exc

    def flush(self) -> None:
        """Make sure everything written is on disk."""
        self._store.flush()

    # -- reading ---------------------------------------------------------------------------------

    def graphs(self) -> Iterator[str]:
        """Yield the IRIs of the named graphs, the ontology's and the bookkeeping one included."""
        for node in self._store.named_graphs():
            if isinstance(node, ox.NamedNode):
                yield node.value

    def article_graphs(self) -> Iterator[str]:
        """Yield the IRIs of the article graphs (every named graph but ontology and bookkeeping)."""
        for iri in self.graphs():
            if iri not in (ONTOLOGY_IRI, BOOKKEEPING_IRI):
                yield iri

    def record(self, graph_iri: str) -> BuildRecord | None:
        """Return the bookkeeping record of an article graph, or None."""
        values: dict[str, str] = {}
        for quad in self._store.quads_for_pattern(ox.NamedNode(graph_iri), None, None, _BOOKKEEPING):
            if isinstance(quad.object, ox.Literal):
                values[quad.predicate.value] = quad.object.value
        try:
            return BuildRecord(values[SOURCE.value], values[INPUT_SHA256.value], values[FINGERPRINT.value])
        except KeyError:
            return None

    def is_current(self, graph_iri: str, record: BuildRecord) -> bool:
        """Tell whether the article is in the store, built from the same input the same way."""
        old = self.record(graph_iri)
        return (
            old is not None
            and (old.input_sha256, old.fingerprint) == (record.input_sha256, record.fingerprint)
            and self._store.contains_named_graph(ox.NamedNode(graph_iri))
        )

    def resolve(self, ref: str) -> list[str]:
        """Return the article graphs `ref` names: an article IRI, a dct:identifier or a source.

        A source matches the path an article was read from (as given or absolute), a folder
        above it, or a JSON Lines file whose records were read as `path:line`.
        """
        try:
            node = ox.NamedNode(ref)
        except ValueError:
            node = None
        internal = ref in (ONTOLOGY_IRI, BOOKKEEPING_IRI)
        if node is not None and not internal and self._store.contains_named_graph(node):
            return [ref]
        found = {
            q.graph_name.value
            for q in self._store.quads_for_pattern(None, _DCT_IDENTIFIER, ox.Literal(ref), None)
            if isinstance(q.graph_name, ox.NamedNode)
        }
        if found:
            return sorted(found)
        wanted = {ref.rstrip("/"), os.path.abspath(ref)}
        for quad in self._store.quads_for_pattern(None, SOURCE, None, _BOOKKEEPING):
            source, article = quad.object, quad.subject
            if not isinstance(source, ox.Literal) or not isinstance(article, ox.NamedNode):
                continue
            if any(source.value == w or source.value.startswith((w + os.sep, w + ":")) for w in wanted):
                found.add(article.value)
        return sorted(found)


def source_key(source: str) -> str:
    """Return how a source is recorded: the absolute path of a file read from disk, else as is.

    A record of a JSON Lines file keeps its `:line` suffix.
    """
    path, sep, line = source.rpartition(":")
    if sep and line.isdigit() and Path(path).is_file():
        return f"{os.path.abspath(path)}:{line}"
    if Path(source).is_file():
        return os.path.abspath(source)
    return source
