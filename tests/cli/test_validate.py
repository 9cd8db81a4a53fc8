"""`kg validate`: exit codes 0/1/2 and every report format."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from tests.conftest import DATA

CLI = DATA / "cli"
GOOD, BAD, NOT_RDF = CLI / "conforming.ttl", CLI / "violating.ttl", CLI / "not-rdf.ttl"


def test_conforming_graph_exits_0(kg):
    run = kg("validate", GOOD)
    assert run.code == 0, run.out + run.err
    assert "conforms (0 violations" in run.out


def test_violating_graph_exits_1_with_one_line_per_violation(kg):
    run = kg("validate", BAD)
    assert run.code == 1
    lines = run.out.strip().splitlines()
    violations = [line for line in lines if line.startswith("Violation:")]
    assert len(violations) == 2
    assert any("nkg:speaker" in line and "statement/0000000000000002_11-16" in line for line in violations)
    assert any("nkg:status" in line and "Rumoured" in line for line in violations)
    assert lines[-1].endswith("does not conform (2 violations, 0 warnings)")


def test_file_that_is_not_rdf_exits_2_with_one_line(kg):
    run = kg("validate", NOT_RDF)
    assert run.code == 2
    assert run.err.count("\n") == 1 and str(NOT_RDF) in run.err and "not valid turtle" in run.err
    assert "Traceback" not in run.err


def test_a_syntax_error_names_the_text_it_points_at(kg, tmp_path: Path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not rdf at all {\n")
    run = kg("validate", bad)
    assert run.code == 2 and run.err.rstrip().endswith('at ^ in: "^this is not rdf at all {"')


def test_an_empty_file_is_no_verdict_but_an_error(kg, tmp_path: Path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("")
    run = kg("validate", empty)
    assert run.code == 2 and "no triples to validate" in run.err and "conforms" not in run.out


def test_missing_file_and_unknown_extension_exit_2(kg, tmp_path: Path):
    assert kg("validate", tmp_path / "nope.ttl").code == 2
    odd = tmp_path / "graph.txt"
    odd.write_text("<a:b> <a:c> <a:d> .")
    run = kg("validate", odd)
    assert run.code == 2 and "unknown RDF file extension" in run.err


def test_usage_error_exits_2(kg):
    assert kg("validate").code == 2
    assert kg("validate", GOOD, "--format", "yaml").code == 2


def test_several_files_are_validated_together(kg, tmp_path: Path):
    # the speaker's type lives in a second file: alone the first does not conform, together they do
    text = GOOD.read_text(encoding="utf-8")
    person_block = text[text.index("<https://w3id.org/newskg/id/person/jane-roe> a"):
                        text.index("<https://w3id.org/newskg/id/statement/")]
    prefixes = text[: text.index("# A small")]
    rest, person = tmp_path / "rest.ttl", tmp_path / "person.ttl"
    rest.write_text(text.replace(person_block, ""), encoding="utf-8")
    person.write_text(prefixes + person_block, encoding="utf-8")
    assert kg("validate", rest).code == 1
    assert kg("validate", rest, person).code == 0


def test_json_report(kg):
    run = kg("validate", BAD, "--format", "json")
    doc = json.loads(run.out)
    assert run.code == 1 and doc["conforms"] is False and doc["violations"] == 2
    speaker = next(r for r in doc["results"] if r["path"].endswith("#speaker"))
    assert speaker["constraint"] == str(SH.MinCountConstraintComponent)
    assert speaker["message"] and speaker["severity"] == "Violation"


def test_turtle_report_is_a_shacl_validation_report(kg):
    run = kg("validate", BAD, "--format", "turtle")
    report = Graph().parse(data=run.out, format="turtle")
    assert (None, SH.conforms, None) in report
    assert len(list(report.subjects(SH.resultSeverity, SH.Violation))) == 2


def test_junit_report_has_one_failure_per_violation(kg, tmp_path: Path):
    out = tmp_path / "report.xml"
    run = kg("validate", BAD, "--format", "junit", "--output", out)
    assert run.code == 1
    root = ET.parse(out).getroot()  # valid XML
    failures = root.findall(".//testcase/failure")
    assert len(failures) == 2
    assert root.find("testsuite").get("failures") == "2"
    assert all(f.get("message") for f in failures)


def test_junit_report_for_conforming_graph_passes(kg):
    run = kg("validate", GOOD, "--format", "junit")
    root = ET.fromstring(run.out.split("?>", 1)[1])
    assert run.code == 0 and not root.findall(".//failure") and root.findall(".//testcase")


def test_custom_shapes_folder(kg, tmp_path: Path):
    shapes = tmp_path / "shapes"
    shapes.mkdir()
    (shapes / "headline.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix nkg: <https://w3id.org/newskg/ontology#> .\n"
        "<#S> a sh:NodeShape ; sh:targetClass nkg:Article ; sh:property [ sh:path nkg:url ; "
        'sh:minCount 1 ; sh:message "needs a url" ] .\n'
    )
    run = kg("validate", GOOD, "--shapes", shapes)
    assert run.code == 1 and "needs a url" in run.out
    empty = tmp_path / "empty"
    empty.mkdir()
    run = kg("validate", GOOD, "--shapes", empty)
    assert run.code == 2 and "no SHACL shapes" in run.err


@pytest.mark.parametrize("fast", [False, True], ids=["all", "fast"])
def test_fast_mode_keeps_core_verdicts(kg, fast):
    args = ["validate", BAD] + (["--fast"] if fast else [])
    assert kg(*args).code == 1
