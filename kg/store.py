"""The embedded graph store: an on-disk Oxigraph database, one named graph per article.

This is the only module that writes to the embedded store. Its layout:

    <article IRI>                       the article's triples, and nothing else
    https://w3id.org/newskg/ontology    the ontology

Bookkeeping (for each article graph, the input's hash, the build fingerprint and the source it
was read from, an absolute local path) is not RDF data of the store: it lives beside it, in the
SQLite file `newskg-build.sqlite` inside the store folder (RocksDB leaves files it does not know
alone), so that whatever reads or serves the store's graphs never sees the builder's file system.
Stores written before kept it in the graph https://w3id.org/newskg/build; opening such a store
for writing (`kg build`, `kg remove`) moves it out (`_migrate`).

Shared entities (a person quoted in two articles) have their triples (`a nkg:Person`, `nkg:name`)
repeated in every article graph that supports them, so dropping one article's graph never takes
away what another article still says. The union of the graphs is the knowledge graph.

Guarantees: `write_article` replaces the article's graph in one Oxigraph transaction, then
records its bookkeeping; a process killed at any moment leaves each article wholly in the store or
not at all (RocksDB replays its log when the store is opened again), and at worst an article
written without its new record, which a rerun writes again. `remove_articles` retracts several
articles in one transaction, then their records. `is_current` lets a rerun skip articles whose
input and build fingerprint have not changed (and whose graph is there).

The default location is `./newskg-store`, or the folder named by the environment variable
`KG_STORE` (read in `kg.cli`, not here). Export lives in `kg.export`.
"""

from __future__ import annotations

import contextlib
import os
import struct
import sys
import signal
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError
from kg.namespaces import ONTOLOGY_IRI

DEFAULT_STORE = Path("newskg-store")
FLUSH_BYTES = 16 * 2**20  # flush RocksDB's write buffers after this much written (see write_article)

RECORDS_FILE = "newskg-build.sqlite"  # the bookkeeping, inside the store folder
BOOKKEEPING_IRI = "https://w3id.org/newskg/build"  # where stores written before kept it
_BUILD = "https://w3id.org/newskg/build#"
INPUT_SHA256 = ox.NamedNode(_BUILD + "inputSha256")
FINGERPRINT = ox.NamedNode(_BUILD + "fingerprint")
SOURCE = ox.NamedNode(_BUILD + "source")
_BOOKKEEPING = ox.NamedNode(BOOKKEEPING_IRI)
_DCT_IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) and SIGTERM back while a graph and its record are written, so that an
    interrupted build never leaves the one without the other; a signal that came meanwhile is
    raised again right after, to the handler it would have met. (Python runs signal handlers in
    the main thread whichever thread the signal reached, so this holds with worker threads too.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    before = {sig: signal.signal(sig, lambda signum, _frame: caught.append(signum)) for sig in held}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(caught):
            signal.raise_signal(sig)


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
        except (OSError, RuntimeError) as exc:
            if read_only and path is not None:
                raise read_failure(path, exc) from exc
            raise StoreError(f"{path}: cannot open the store: {exc}") from exc
        self._unflushed = 0
        self._read_only = read_only
        self._records: sqlite3.Connection | None = None
        if not read_only:
            self._migrate()

    # -- bookkeeping -----------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection | None:
        """The bookkeeping database; None for a read-only store that has none."""
        if self._records is None:
            try:
                if self.path is None:
                    self._records = sqlite3.connect(":memory:", check_same_thread=False)
                elif self._read_only:
                    file = self.path / RECORDS_FILE
                    if not file.is_file():
                        return None
                    self._records = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True,
                                                    check_same_thread=False)
                else:
                    self._records = sqlite3.connect(self.path / RECORDS_FILE, check_same_thread=False)
                if not self._read_only:
                    self._records.execute("CREATE TABLE IF NOT EXISTS record (graph TEXT PRIMARY KEY, "
                                          "source TEXT NOT NULL, input_sha256 TEXT NOT NULL, "
                                          "fingerprint TEXT NOT NULL)")
                    self._records.commit()
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot open the build records "
                                 f"({RECORDS_FILE}): {exc}") from exc
        return self._records

    def _put_records(self, rows: Iterable[tuple[str, BuildRecord]]) -> None:
        db = self._db()
        assert db is not None
        with db:
            db.executemany("INSERT OR REPLACE INTO record VALUES (?, ?, ?, ?)",
                           [(g, r.source, r.input_sha256, r.fingerprint) for g, r in rows])

    def _migrate(self) -> None:
        """Move the bookkeeping of a store written before out of its public graph."""
        if not self._store.contains_named_graph(_BOOKKEEPING):
            return
        self._put_records((g, r) for g, r in self._graph_records().items())
        self._update(f"DROP SILENT GRAPH {_BOOKKEEPING}", "cannot move the build records out")

    def _graph_records(self) -> dict[str, BuildRecord]:
        """The records of a store written before, from its bookkeeping graph."""
        values: dict[str, dict[str, str]] = {}
        for quad in self._store.quads_for_pattern(None, None, None, _BOOKKEEPING):
            if isinstance(quad.object, ox.Literal) and isinstance(quad.subject, ox.NamedNode):
                values.setdefault(quad.subject.value, {})[quad.predicate.value] = quad.object.value
        return {g: BuildRecord(v[SOURCE.value], v[INPUT_SHA256.value], v[FINGERPRINT.value])
                for g, v in values.items() if {SOURCE.value, INPUT_SHA256.value, FINGERPRINT.value} <= set(v)}

    @property
    def bookkeeping_public(self) -> bool:
        """Whether the store's graphs hold its bookkeeping (a store written before, unmigrated)."""
        return self._store.contains_named_graph(_BOOKKEEPING)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for queries."""
        return self._store

    # -- writing ---------------------------------------------------------------------------------

    def write_article(self, graph_iri: str, graph: Graph, record: BuildRecord | None = None) -> int:
        """Replace the article graph `graph_iri` with `graph` atomically, then record `record`.

        A new graph goes in with one transactional `Store.load` of N-Quads, about twice as fast
        as SPARQL's INSERT DATA; replacing a graph that is there takes one SPARQL update (drop,
        insert). The record goes into the bookkeeping file after the graph: a build killed in
        between leaves the article without its new record, so a rerun writes it again. Return
        the number of triples written.
        """
        g = ox.NamedNode(graph_iri)
        ntriples = graph.serialize(format="nt")
        with _uninterrupted():
            self._write_graph(g, ntriples, graph_iri, record)
        return len(graph)

    def _write_graph(self, g: ox.NamedNode, ntriples: str, graph_iri: str,
                     record: BuildRecord | None) -> None:
        if not self._store.contains_named_graph(g):
            tail = f" {g} .\n"
            data = "".join(line.rstrip().removesuffix(".") + tail
                           for line in ntriples.splitlines() if line).encode()
            try:
                self._store.load(data, format=ox.RdfFormat.N_QUADS)
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"{self.path or 'memory'}: cannot write graph {g}: {exc}") from exc
            self._written(len(data))
        else:
            update = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{ntriples}\n}} }}"
            self._update(update, f"cannot write graph {g}")
            self._written(len(update))
        if record is not None:
            self._put_records([(graph_iri, record)])

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
        """Drop article graphs in one transaction, then their records; return how many."""
        iris = list(graph_iris)
        if iris:
            with _uninterrupted():
                self._remove(iris)
        return len(iris)

    def _remove(self, iris: list[str]) -> None:
        if iris:
            self._update(" ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(i)}" for i in iris),
                         "cannot remove articles")
            db = self._db()
            assert db is not None
            with db:
                db.executemany("DELETE FROM record WHERE graph = ?", [(i,) for i in iris])

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
        """Yield the IRIs of the named graphs, the ontology's included."""
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
        db = self._db()
        row = None if db is None else db.execute(
            "SELECT source, input_sha256, fingerprint FROM record WHERE graph = ?", (graph_iri,)).fetchone()
        if row is None and self.bookkeeping_public:  # a read-only store written before
            return self._graph_records().get(graph_iri)
        return None if row is None else BuildRecord(*row)

    def _sources(self) -> Iterator[tuple[str, str]]:
        """Yield (article graph, source) for every record."""
        db = self._db()
        if db is not None:
            yield from db.execute("SELECT graph, source FROM record")
        if self.bookkeeping_public:
            yield from ((g, r.source) for g, r in self._graph_records().items())

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
        for article, source in self._sources():
            if any(source == w or source.startswith((w + os.sep, w + ":")) for w in wanted):
                found.add(article)
        return sorted(found)


def writer_pid(path: Path) -> int | None:
    """Return the id of another process that has the store at `path` open for writing, if one is
    seen: RocksDB holds a POSIX lock on the store's LOCK file while it writes (`ox.Store(path)`).

    Asks with F_GETLK, which takes no lock (taking and dropping one could release this process's
    own). Linux only (the layout of `struct flock` differs elsewhere); None elsewhere or when the
    lock cannot be examined.
    """
    if not sys.platform.startswith("linux"):
        return None
    import fcntl

    layout = "hhqqi"  # struct flock: l_type, l_whence, l_start, l_len, l_pid
    try:
        fd = os.open(path / "LOCK", os.O_RDONLY)
    except OSError:
        return None
    try:
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, struct.pack(layout, fcntl.F_WRLCK, 0, 0, 0, 0))
        kind, _, _, _, pid = struct.unpack(layout, answer[:struct.calcsize(layout)])
    except OSError:
        return None
    finally:
        os.close(fd)
    return pid if kind != fcntl.F_UNLCK and pid > 0 else None


def read_failure(path: Path, exc: BaseException) -> StoreError:
    """The one-line error for a store whose files vanished or changed while it was read.

    A read-only open (`kg export`, `kg query`, `kg serve`) sees the store as it was when opened;
    a process writing it meanwhile (`kg build`, `kg remove`) compacts it and deletes files that
    the reader still counts on, and RocksDB calls that "Corruption" or "No such file". Usually
    the store is fine: say so, and name the writer when one is seen.
    """
    pid = writer_pid(path)
    if pid is not None:
        return StoreError(f"{path}: cannot read the store while process {pid} writes it (a `kg build` "
                          "or `kg remove`?): its files changed under this read; run again when the "
                          "writer has finished, or stop it")
    detail = " ".join(str(exc).split())
    return StoreError(f"{path}: cannot read the store: its files changed or vanished while it was "
                      "read, most likely because another process (`kg build`, `kg remove`) was "
                      "writing it: run again when no writer is running; if this repeats with none, "
                      f"the store is damaged ({detail[:160]})")


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
