"""The SHACL shapes give the verdicts they promise, on golden fixture graphs.

Fixtures live in tests/data/shapes/:

* `conforming/*.ttl` must conform, without warnings.
* `violating/*.ttl` must not conform. Each starts with one or more header lines
  `# violates: sh:<ConstraintComponent> <path>` (the path as a prefixed name or a SPARQL-style
  sequence such as `nkg:evidence/nkg:inArticle`, or `-` when the result has no path, as for
  sh:sparql and sh:or). The file must produce exactly those violations: it breaks one rule and is
  valid otherwise.
* `warning/*.ttl` must conform but produce exactly the warnings named by `# warns:` lines.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, SH, NamespaceManager
from rdflib.term import Node

from kg.namespaces import NKG
from kg.validate import ValidationReport, load_shapes, validate_graph
from tests.conftest import DATA

FIXTURES = DATA / "shapes"
CONFORMING = sorted((FIXTURES / "conforming").glob("*.ttl"))
VIOLATING = sorted((FIXTURES / "violating").glob("*.ttl"))
WARNING = sorted((FIXTURES / "warning").glob("*.ttl"))
assert CONFORMING, f"no conforming fixtures under {FIXTURES / 'conforming'}"
assert VIOLATING, f"no violating fixtures under {FIXTURES / 'violating'}"
assert WARNING, f"no warning fixtures under {FIXTURES / 'warning'}"

HEADER = re.compile(r"^# (violates|warns): sh:(\w+ConstraintComponent) (\S+)$")
Expectation = tuple[str, str]  # ("sh:MinCountConstraintComponent", "nkg:speaker")

# The rules the project promised to enforce, each with its own violating fixture.
REQUIRED_VIOLATING = {
    "statement-without-speaker",
    "statement-without-text",
    "statement-bad-speech-mode",
    "meeting-unknown-status",
    "meeting-one-participant",
    "meeting-without-source-article",
    "textspan-begin-after-end",
    "textspan-begin-equals-end",
    "anchor-text-mismatch",
    "meeting-no-participant",
    "holding-without-holder",
    "person-without-name",
    "article-sha256-mismatch",
    "article-sha256-malformed",
}


# Rules that only warn: an office a title names without scope is kept, per article (kg.rdf).
REQUIRED_WARNING = {"office-without-scope"}


def test_required_warnings_have_warning_fixtures():
    present = {p.stem for p in (FIXTURES / "warning").glob("*.ttl")}
    assert not REQUIRED_WARNING - present


def _nsm() -> NamespaceManager:
    nsm = NamespaceManager(Graph(), bind_namespaces="none")
    nsm.bind("nkg", str(NKG))
    nsm.bind("dct", str(DCTERMS))
    nsm.bind("sh", str(SH))
    return nsm


NSM = _nsm()


def path_text(graph: Graph, path: Node | None) -> str:
    """Render a SHACL path of the report graph the way fixture headers write it."""
    if path is None:
        return "-"
    if isinstance(path, URIRef):
        return path.n3(NSM)
    if (path, RDF.first, None) in graph:
        return "/".join(path_text(graph, step) for step in Collection(graph, path))
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + path_text(graph, inverse)
    raise AssertionError(f"unsupported path in report: {path!r}")


def expectations(path: Path, keyword: str) -> set[Expectation]:
    """Return the (component, path) pairs declared by the file's leading header lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines and HEADER.match(lines[0]) and HEADER.match(lines[0])[1] == keyword, (
        f"{path.name}: the first line must read '# {keyword}: sh:<Component> <path or ->'"
    )
    found = set()
    for line in lines:
        match = HEADER.match(line)
        if not match:
            break
        assert match[1] == keyword, f"{path.name}: mixes '# violates:' and '# warns:' headers"
        found.add((f"sh:{match[2]}", match[3]))
    return found


def observed(report: ValidationReport, *, severity: URIRef) -> set[Expectation]:
    """Return the (component, path) pairs of the report's results of one severity."""
    out = set()
    for result in report.graph.subjects(RDF.type, SH.ValidationResult):
        if report.graph.value(result, SH.resultSeverity) != severity:
            continue
        component = report.graph.value(result, SH.sourceConstraintComponent)
        assert isinstance(component, URIRef)
        out.add(
            (component.n3(NSM), path_text(report.graph, report.graph.value(result, SH.resultPath)))
        )
    return out


@cache
def _shipped_shapes() -> Graph:
    return load_shapes()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _shipped_shapes()


def load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


@cache
def report_of(path: Path, *, fast: bool = False) -> ValidationReport:
    """Validate a fixture file once per mode (several tests look at the same report)."""
    return validate_graph(load(path), shapes=_shipped_shapes(), fast=fast)


def test_required_rules_have_violating_fixtures() -> None:
    missing = REQUIRED_VIOLATING - {p.stem for p in VIOLATING}
    assert not missing, f"violating fixtures missing for required rules: {sorted(missing)}"


@pytest.mark.parametrize("path", CONFORMING, ids=lambda p: p.stem)
def test_conforming_fixture_conforms_without_warnings(path: Path) -> None:
    report = report_of(path)
    assert report.conforms, [r.message for r in report.results]
    assert not report.results, [(r.focus_node, r.message) for r in report.results]


@pytest.mark.parametrize("path", VIOLATING, ids=lambda p: p.stem)
def test_violating_fixture_breaks_exactly_the_declared_rule(path: Path) -> None:
    expected = expectations(path, "violates")
    report = report_of(path)
    assert not report.conforms
    got = observed(report, severity=SH.Violation)
    assert expected <= got, f"declared {sorted(expected)}, reported {sorted(got)}"
    assert got == expected, (
        f"{path.name} breaks more than its declared rule: {sorted(got - expected)}"
    )


@pytest.mark.parametrize("path", WARNING, ids=lambda p: p.stem)
def test_warning_fixture_conforms_with_the_declared_warnings(path: Path) -> None:
    expected = expectations(path, "warns")
    report = report_of(path)
    assert report.conforms, [r.message for r in report.violations]
    assert observed(report, severity=SH.Warning) == expected
    assert not report.violations


@pytest.mark.parametrize("path", VIOLATING + WARNING, ids=lambda p: p.stem)
def test_every_result_has_a_message(path: Path) -> None:
    report = report_of(path)
    assert report.results
    for result in report.graph.subjects(RDF.type, SH.ValidationResult):
        messages = [m for m in report.graph.objects(result, SH.resultMessage) if str(m).strip()]
        assert messages, (
            f"{path.name}: result without sh:resultMessage from {report.graph.value(result, SH.sourceShape)}"
        )
    assert all(r.message.strip() for r in report.results)


@pytest.mark.parametrize("path", VIOLATING, ids=lambda p: p.stem)
def test_fast_mode_keeps_every_core_rule(path: Path) -> None:
    """fast=True drops sh:sparql only: Core violations are still found, SPARQL-only ones are not."""
    expected = expectations(path, "violates")
    core = {e for e in expected if e[0] != "sh:SPARQLConstraintComponent"}
    report = report_of(path, fast=True)
    assert observed(report, severity=SH.Violation) == core
    assert report.conforms == (not core)


def test_required_core_verdicts_hold_in_fast_mode(shapes: Graph) -> None:
    for stem in (
        "statement-without-speaker",
        "statement-without-text",
        "meeting-unknown-status",
        "textspan-begin-after-end",
        "meeting-without-source-article",
    ):
        report = validate_graph(
            load(FIXTURES / "violating" / f"{stem}.ttl"), shapes=shapes, fast=True
        )
        assert not report.conforms, stem


def _full_example() -> Graph:
    return load(FIXTURES / "conforming" / "full-example.ttl")


def test_editing_the_body_breaks_hash_and_anchors(shapes: Graph) -> None:
    graph = _full_example()
    ((article, body),) = graph.subject_objects(NKG.body)
    graph.set((article, NKG.body, Literal("X" + str(body))))  # shifts every offset by one
    report = validate_graph(graph, shapes=shapes)
    sparql = [r for r in report.violations if r.component == SH.SPARQLConstraintComponent]
    spans = set(graph.subjects(RDF.type, NKG.TextSpan))
    assert {r.focus_node for r in sparql} == spans | {article}
    assert validate_graph(graph, shapes=shapes, fast=True).conforms


def test_removing_a_meetings_source_article_is_rejected(shapes: Graph) -> None:
    graph = _full_example()
    meeting = next(graph.subjects(RDF.type, NKG.Meeting))
    graph.remove((meeting, NKG.sourceArticle, None))
    report = validate_graph(graph, shapes=shapes, fast=True)
    assert any(
        r.focus_node == meeting
        and r.path == NKG.sourceArticle
        and r.component == SH.MinCountConstraintComponent
        for r in report.violations
    )


def test_sh_class_follows_the_ontology(shapes: Graph) -> None:
    """A nkg:Person is accepted where a nkg:Agent is required only because the ontology says so."""
    graph = load(FIXTURES / "conforming" / "minimal-statement.ttl")
    assert validate_graph(graph, shapes=shapes).conforms
    report = validate_graph(graph, shapes=shapes, ontology=Graph())
    assert {(r.component, r.path) for r in report.violations} == {
        (SH.ClassConstraintComponent, NKG.speaker)
    }


# -- static checks on the shapes graph ---------------------------------------------------------

NODE_LEVEL_PARAMETERS = (
    SH["or"],
    SH["and"],
    SH["not"],
    SH.xone,
    SH.nodeKind,
    SH.pattern,
    SH["class"],
    SH.datatype,
    SH["in"],
    SH.hasValue,
    SH.minLength,
    SH.maxLength,
    SH.minInclusive,
    SH.maxInclusive,
    SH.closed,
    SH.node,
)


def test_every_constraint_carries_a_message(shapes: Graph) -> None:
    missing = []
    # Property shapes, including those nested in sh:or.
    for shape in set(shapes.subjects(SH.path, None)):
        if not any(str(m).strip() for m in shapes.objects(shape, SH.message)):
            missing.append(f"property shape on {shapes.value(shape, SH.path)}")
    for constraint in set(shapes.objects(None, SH.sparql)):
        if not any(str(m).strip() for m in shapes.objects(constraint, SH.message)):
            missing.append(f"sh:sparql constraint {constraint}")
    # Node shapes with node-level constraints (not just sh:property).
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        node_level = any((shape, p, None) in shapes for p in NODE_LEVEL_PARAMETERS)
        if node_level and not any(str(m).strip() for m in shapes.objects(shape, SH.message)):
            missing.append(f"node shape {shape}")
    assert not missing, missing


def test_messages_are_sentences(shapes: Graph) -> None:
    for message in shapes.objects(None, SH.message):
        text = str(message)
        assert len(text) >= 20 and text.rstrip().endswith((".", ")")), text


def test_severities_are_violation_or_warning(shapes: Graph) -> None:
    assert set(shapes.objects(None, SH.severity)) <= {SH.Warning, SH.Violation}


def test_sparql_constraints_avoid_not_exists_and_minus(shapes: Graph) -> None:
    for constraint in set(shapes.objects(None, SH.sparql)):
        query = " ".join(str(shapes.value(constraint, SH.select)).split()).upper()
        assert "NOT EXISTS" not in query and "MINUS" not in query, query
        assert shapes.value(constraint, SH.prefixes) is not None
