"""Validate graphs against the newskg SHACL shapes (pyshacl underneath).

`validate_graph` returns a `ValidationReport` of frozen `Violation`s; the renderers in
`kg.reports` turn it into text, Turtle, JSON or JUnit XML. Validation mixes the ontology into the
data graph (pyshacl's `ont_graph`), so that `sh:class nkg:Agent` accepts a `nkg:Person`.

`fast=True` drops the `sh:sparql` constraints (the anchor-equals-body checks, the SHA-256 check):
SHACL Core alone is about 15x cheaper, which is what the per-article gate of `kg build` uses;
`kg validate` and the tests run everything.

`surely_conforms` is the build gate's fast path: the same Core shapes compiled to Python checks
(kg.corecheck), about 50x cheaper than pySHACL, with pySHACL's verdicts; it answers True only
when the graph conforms, and the gate asks pySHACL (for the report) about every other graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kg.corecheck import CoreCheck, Unsupported
from kg.errors import ConfigError, RdfInputError
from kg.paths import ontology_files, shape_files
from kg.rdfio import read_graph


@dataclass(frozen=True, slots=True)
class Violation:
    """One validation result (a violation, warning or info, by `severity`)."""

    focus_node: Node
    path: Node | None
    value: Node | None
    message: str
    severity: URIRef
    component: URIRef
    shape: Node | None

    @property
    def is_violation(self) -> bool:
        return self.severity == SH.Violation


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of validating one data graph: conforms, results, and pyshacl's report graph.

    Warnings and infos never make a graph non-conforming.
    """

    conforms: bool
    results: tuple[Violation, ...]
    graph: Graph

    @property
    def violations(self) -> tuple[Violation, ...]:
        return tuple(r for r in self.results if r.is_violation)

    @property
    def warnings(self) -> tuple[Violation, ...]:
        return tuple(r for r in self.results if not r.is_violation)


def load_ontology() -> Graph:
    """Return the shipped ontology as one graph."""
    graph = Graph()
    for path in ontology_files():
        read_graph(path, into=graph)
    return graph


def load_shapes(directory: Path | None = None) -> Graph:
    """Return the shapes in `directory` (default: the shipped shapes) as one graph."""
    graph = Graph()
    try:
        for path in shape_files(directory):
            read_graph(path, into=graph)
    except RdfInputError as exc:
        raise ConfigError(f"shapes: {exc}") from exc
    return graph


@lru_cache(maxsize=4)
def _shipped(fast: bool) -> tuple[Graph, Graph]:
    shapes = load_shapes()
    return (core_only(shapes) if fast else shapes), load_ontology()


@lru_cache(maxsize=1)
def _hierarchy() -> Graph:
    """The ontology's rdfs:subClassOf triples."""
    graph = Graph()
    for triple in load_ontology().triples((None, RDFS.subClassOf, None)):
        graph.add(triple)
    return graph


@lru_cache(maxsize=1)
def _core_check() -> CoreCheck | None:
    try:
        return CoreCheck.of(_shipped(True)[0], _hierarchy())
    except Unsupported:
        return None  # shapes beyond what kg.corecheck evaluates: pySHACL decides every graph


def surely_conforms(data: Graph) -> bool:
    """Tell whether `data` conforms to the shipped shapes' SHACL Core, without pySHACL.

    True means `validate_graph(data, fast=True).conforms` is True; False means "ask pySHACL":
    the graph does not conform, or kg.corecheck leaves it undecided.
    """
    check = _core_check()
    return check is not None and check.conforms(data) is True


def core_only(shapes: Graph) -> Graph:
    """Return a copy of `shapes` without its SHACL-SPARQL constraints (`sh:sparql`)."""
    copy = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            copy.add(triple)
    for prefix, namespace in shapes.namespaces():
        copy.bind(prefix, namespace)
    return copy


def validate_graph(
    data: Graph,
    *,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    fast: bool = False,
) -> ValidationReport:
    """Validate `data` against the shapes (default: the shipped ones) and return the report.

    The data graph is not modified.
    """
    from pyshacl import validate as pyshacl_validate  # 0.3 s to import: only when validating

    if shapes is None and ontology is None:
        # The shipped shapes use the ontology only through rdfs:subClassOf (sh:class nkg:Agent
        # accepts a nkg:Person): validating a copy of the data with just the class hierarchy,
        # in place, gives the same verdicts as mixing in the whole ontology at half the cost.
        shapes, hierarchy = _shipped(fast)[0], _hierarchy()
        work = Graph()
        for triple in data:
            work.add(triple)
        for triple in hierarchy:
            work.add(triple)
        conforms, report_graph, _text = pyshacl_validate(
            work, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True,
            abort_on_first=False, meta_shacl=False, inplace=True,
        )
    else:
        if shapes is None:
            shapes = _shipped(fast)[0]
        elif fast:
            shapes = core_only(shapes)
        conforms, report_graph, _text = pyshacl_validate(
            data, shacl_graph=shapes, ont_graph=ontology if ontology is not None else _shipped(False)[1],
            inference="none", allow_warnings=True, allow_infos=True, abort_on_first=False,
            meta_shacl=False,
        )
    results = tuple(sorted(_results(report_graph), key=_sort_key))
    return ValidationReport(conforms=bool(conforms), results=results, graph=report_graph)


def _results(report: Graph) -> list[Violation]:
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        message = report.value(result, SH.resultMessage)
        out.append(
            Violation(
                focus_node=report.value(result, SH.focusNode),
                path=report.value(result, SH.resultPath),
                value=report.value(result, SH.value),
                message=str(message) if isinstance(message, Literal) else "",
                severity=report.value(result, SH.resultSeverity) or SH.Violation,
                component=report.value(result, SH.sourceConstraintComponent),
                shape=report.value(result, SH.sourceShape),
            )
        )
    return out


def _sort_key(v: Violation) -> tuple[str, str, str, str]:
    return (str(v.severity != SH.Violation), str(v.focus_node), str(v.path or ""), v.message)
