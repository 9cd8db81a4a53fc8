"""Render a `ValidationReport` for people (text) and for machines (Turtle, JSON, JUnit XML).

Terms are shown as prefixed names where a known prefix applies (`nkg:speaker`), else as `<IRI>`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from rdflib import BNode, Literal, URIRef  # noqa: F401 - Literal is used by the doctests
from rdflib.namespace import SH
from rdflib.term import Node

from kg.namespaces import PREFIXES, bind_prefixes
from kg.validate import ValidationReport, Violation

FORMATS = ("text", "turtle", "json", "junit")
_PREFIXES = sorted(((ns, p) for p, ns in {**PREFIXES, "sh": str(SH)}.items()), key=lambda x: -len(x[0]))


def term(node: Node | None) -> str:
    """Show an RDF term compactly.

    >>> term(URIRef("https://w3id.org/newskg/ontology#speaker"))
    'nkg:speaker'
    >>> term(Literal("x"))
    '"x"'
    """
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        for namespace, prefix in _PREFIXES:
            local = str(node)[len(namespace):]
            if str(node).startswith(namespace) and local and all(c.isalnum() or c in "_-." for c in local):
                return f"{prefix}:{local}"
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    return node.n3()


def _severity(v: Violation) -> str:
    return term(v.severity).removeprefix("sh:")


def render_text(report: ValidationReport, sources: Sequence[str] = ()) -> str:
    """One line per result (severity, focus node, path, value, message), then a count."""
    lines = [
        f"{_severity(v)}: {term(v.focus_node)} {term(v.path)}"
        + (f" = {_short(term(v.value))}" if v.value is not None else "")
        + f": {v.message}"
        for v in report.results
    ]
    n_v, n_w = len(report.violations), len(report.warnings)
    verdict = "conforms" if report.conforms else "does not conform"
    what = ", ".join(sources) if sources else "data"
    lines.append(f"{what}: {verdict} ({n_v} violation{'s' * (n_v != 1)}, {n_w} warning{'s' * (n_w != 1)})")
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_turtle(report: ValidationReport) -> str:
    """The W3C SHACL validation report graph, in Turtle."""
    return bind_prefixes(report.graph).serialize(format="turtle")


def render_json(report: ValidationReport, sources: Sequence[str] = ()) -> str:
    """A JSON object: conforms, counts, and one object per result."""
    doc = {
        "conforms": report.conforms,
        "sources": list(sources),
        "violations": len(report.violations),
        "warnings": len(report.warnings),
        "results": [
            {
                "severity": _severity(v),
                "focusNode": _plain(v.focus_node),
                "path": _plain(v.path),
                "value": _plain(v.value),
                "message": v.message,
                "constraint": _plain(v.component),
                "shape": _plain(v.shape),
            }
            for v in report.results
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _plain(node: Node | None) -> str | None:
    if node is None:
        return None
    return str(node) if not isinstance(node, BNode) else f"_:{node}"


def render_junit(report: ValidationReport, sources: Sequence[str] = ()) -> str:
    """JUnit XML: one failed test case per violation, so that CI systems list each one.

    A conforming graph gives one passing test case per source; warnings go to system-out.
    """
    suite = ET.Element(
        "testsuite",
        name="kg validate",
        tests="0",
        failures=str(len(report.violations)),
        errors="0",
        skipped="0",
    )
    what = ", ".join(sources) if sources else "data"
    cases = 0
    for v in report.violations:
        case = ET.SubElement(
            suite, "testcase", classname=f"shacl.{term(v.component).removeprefix('sh:')}",
            name=f"{term(v.focus_node)} {term(v.path)}",
        )
        failure = ET.SubElement(case, "failure", message=v.message, type=term(v.component))
        failure.text = (
            f"focus node: {term(v.focus_node)}\npath: {term(v.path)}\nvalue: {term(v.value)}\n"
            f"shape: {term(v.shape)}\nmessage: {v.message}\nsource: {what}"
        )
        cases += 1
    if not report.violations:
        for source in sources or ("data",):
            ET.SubElement(suite, "testcase", classname="shacl", name=f"{source} conforms")
            cases += 1
    if report.warnings:
        out = ET.SubElement(suite, "system-out")
        out.text = render_text(ValidationReport(True, report.warnings, report.graph), sources)
    suite.set("tests", str(cases))
    root = ET.Element("testsuites", name="kg validate", tests=str(cases), failures=str(len(report.violations)))
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def render(report: ValidationReport, fmt: str, sources: Sequence[str] = ()) -> str:
    """Render the report in one of `FORMATS`."""
    if fmt == "text":
        return render_text(report, sources)
    if fmt == "turtle":
        return render_turtle(report)
    if fmt == "json":
        return render_json(report, sources)
    if fmt == "junit":
        return render_junit(report, sources)
    raise ValueError(f"unknown report format {fmt!r}; known: {', '.join(FORMATS)}")
