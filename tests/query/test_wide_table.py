"""`kg query`'s text table stays readable with long values (issue 17): a cell is cut at 80
characters, the last line says so, and `--wide` (or any other format) gives the values whole."""

from __future__ import annotations

from tests.conftest import DATA

LONG = "word " * 120  # 600 characters
QUERY = f'SELECT ?short ?long WHERE {{ BIND("a" AS ?short) BIND("{LONG.strip()}" AS ?long) }}'
DATA_FILE = DATA / "cli" / "conforming.ttl"


def test_long_cells_are_cut_and_the_table_says_how_to_see_them(kg) -> None:
    run = kg("query", QUERY, "--data", DATA_FILE)
    assert run.code == 0, run.err
    header, row, footer = run.out.splitlines()
    assert len(header) < len(row) == len("short  ") + 80
    assert row.endswith("…") and row[len("short  "):-1] == LONG[:79]
    assert footer == "(1 row; 1 cell cut at 80 characters: --wide shows them whole)"


def test_wide_and_the_data_formats_give_the_whole_value(kg) -> None:
    run = kg("query", QUERY, "--data", DATA_FILE, "--wide")
    assert run.code == 0 and LONG.strip() in run.out and "…" not in run.out
    assert run.out.splitlines()[-1] == "(1 row)"
    run = kg("query", QUERY, "--data", DATA_FILE, "--format", "csv")
    assert run.code == 0 and LONG.strip() in run.out


def test_wide_is_only_for_the_table(kg) -> None:
    run = kg("query", QUERY, "--data", DATA_FILE, "--format", "json", "--wide")
    assert run.code == 2 and "--wide is for --format table" in run.err
