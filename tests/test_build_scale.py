"""Parallel builds give the same graph as serial ones; progress is shown on and off a terminal."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from rdflib import Dataset

from kg.progress import Progress
from tests.conftest import DATA, REPO

CORPUS = sorted((DATA / "corpus").glob("*.txt")) + [REPO / "examples" / "articles"]
ARTICLES = len(CORPUS) - 1 + len(list((REPO / "examples" / "articles").glob("*.txt")))


def quads(path: Path) -> set:
    ds = Dataset()
    ds.parse(path, format="nquads")
    return set(ds.quads((None, None, None, None)))


@pytest.mark.slow
def test_two_workers_build_the_same_graph_as_one(kg, tmp_path: Path):
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    assert kg("build", *CORPUS, "-o", one, "--workers", "1").code == 0
    run = kg("build", *CORPUS, "-o", two, "--workers", "2")
    assert run.code == 0, run.err
    assert f"{ARTICLES} article(s) read, {ARTICLES} written" in run.err and "articles/s" in run.err
    assert quads(one) == quads(two) and len(quads(one)) > 500
    assert not (tmp_path / "two.nq.partial").exists()


@pytest.mark.slow
def test_parallel_build_reports_bad_inputs_in_order(kg, tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    run = kg("build", tmp_path / "empty.txt", *CORPUS, "-o", tmp_path / "g.nq", "-j", "2")
    assert run.code == 3 and "empty.txt" in run.err and ", 1 skipped;" in run.err


def summary(written: int) -> SimpleNamespace:
    return SimpleNamespace(read=written, written=written, skipped=0, unchanged=0)


def test_progress_off_a_terminal_is_a_plain_line_now_and_then():
    out = io.StringIO()
    progress = Progress(out, every=0.0, interactive=False)
    progress(summary(3))
    progress.write("kg: a problem")
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("kg: 3 read, 3 written, 0 skipped,") and "articles/s" in lines[0]
    assert lines[1] == "kg: a problem"
    quiet = io.StringIO()
    Progress(quiet, every=3600.0, interactive=False)(summary(1))
    assert quiet.getvalue() == ""  # not before `every` seconds


def test_progress_on_a_terminal_draws_a_bar():
    out = io.StringIO()
    progress = Progress(out, interactive=True)
    for n in range(1, 4):
        progress(summary(n))
    progress.close()
    assert "kg build" in out.getvalue() and "3 articles" in out.getvalue()


def test_progress_with_a_known_total_shows_it_with_a_percentage():
    out = io.StringIO()
    progress = Progress(out, interactive=True, total=4)
    for n in range(1, 3):
        progress(summary(n))
    progress.close()
    assert "2/4" in out.getvalue() and "50%" in out.getvalue()
    plain = io.StringIO()
    Progress(plain, every=0.0, interactive=False, total=4)(summary(3))
    assert plain.getvalue().startswith("kg: 3 of 4 read, 3 written")


def test_a_folder_of_articles_and_json_lines_is_counted_without_building(tmp_path: Path):
    from kg.readers.sources import count_articles

    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / "feed.jsonl").write_text('{"body": "x"}\n\n{"body": "y"}\n')
    assert count_articles([str(tmp_path)]) == 3
    (tmp_path / "export.json").write_text("[]")
    assert count_articles([str(tmp_path)]) is None  # a JSON document: only reading it tells
    assert count_articles(["-"]) is None
