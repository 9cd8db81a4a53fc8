"""Repair, then degrade: an article graph that breaks a shape loses its bad nodes, not the article.

The build gate (kg.pipeline) refuses to write a graph that breaks a SHACL Core constraint. Losing
a whole article to one malformed node is the wrong answer, so `repair` drops each node that a
violation is about (its triples, and every triple that points at it), validates again, and so on:
a statement whose speaker was dropped now breaks its own shape and goes in the next round, and so
does a meeting left with one participant. What is dropped is returned, node by node, with the
constraint it broke, for the build to report. A graph whose article node itself breaks a shape,
or that still does not conform after a few rounds, cannot be repaired: the article is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.namespaces import NKG
from kg.reports import term
from kg.validate import ValidationReport, surely_conforms, validate_graph

#: Rounds of drop-and-revalidate before a graph counts as beyond repair: one for the bad nodes,
#: then one for each level of what depended on them (statement -> meeting stated at, ...).
MAX_ROUNDS = 4


@dataclass(frozen=True, slots=True)
class Dropped:
    """A node left out of an article's graph, and the first constraint it broke."""

    node: str
    path: str | None
    constraint: str

    def line(self) -> str:
        return f"{self.node}{' ' + self.path if self.path else ''}: {self.constraint}"


@dataclass(frozen=True, slots=True)
class Repaired:
    """An article graph that conforms, and the nodes dropped to get there (none if it did)."""

    graph: Graph
    dropped: tuple[Dropped, ...] = ()


class BeyondRepair(Exception):
    """The graph cannot be made to conform by dropping nodes; `report` says why."""

    def __init__(self, report: ValidationReport, dropped: tuple[Dropped, ...]) -> None:
        super().__init__("beyond repair")
        self.report, self.dropped = report, dropped


def repair(graph: Graph, article: URIRef) -> Repaired:
    """Return `graph` made to conform by dropping the nodes that break shapes (SHACL Core).

    Raises BeyondRepair when the article node itself breaks a shape or rounds run out.
    """
    if surely_conforms(graph):
        return Repaired(graph)
    dropped: list[Dropped] = []
    current = graph
    for _ in range(MAX_ROUNDS):
        report = validate_graph(current, fast=True)
        if report.conforms:
            return Repaired(_without_orphan_spans(current), tuple(dropped))
        bad: dict[Node, Dropped] = {}
        for v in report.violations:
            bad.setdefault(v.focus_node, Dropped(term(v.focus_node),
                                                 term(v.path) if v.path is not None else None,
                                                 v.message))
        if article in bad:
            raise BeyondRepair(report, tuple(dropped))
        if current is graph:
            current = _copy(graph)
        for node, why in bad.items():
            current.remove((node, None, None))
            current.remove((None, None, node))
            dropped.append(why)
    raise BeyondRepair(validate_graph(current, fast=True), tuple(dropped))


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True)
    for triple in graph:
        copy.add(triple)
    return copy


def _without_orphan_spans(graph: Graph) -> Graph:
    """Drop the text spans nothing points at any more (the evidence of dropped nodes)."""
    for span in set(graph.subjects(RDF.type, NKG.TextSpan)):
        if next(graph.subjects(None, span), None) is None:
            graph.remove((span, None, None))
    return graph
