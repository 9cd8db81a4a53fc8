"""The layout rules: kg never imports Flask or server; every subcommand explains itself."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

from kg.cli import cli

SUBCOMMANDS = sorted(cli.commands)


def test_the_foundation_subcommands_are_there():
    assert {"build", "validate", "query", "serve", "export"} <= set(SUBCOMMANDS)


def test_kg_never_imports_flask_or_server():
    probe = (
        "import sys, kg, kg.cli, kg.pipeline, kg.store, kg.query, kg.validate, kg.reports, kg.rdf; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'server', 'werkzeug'}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=REPO).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_help_with_an_example(kg, name):
    run = kg(name, "--help")
    assert run.code == 0
    assert "Examples:" in run.out and f"kg {name}" in run.out


def test_top_level_help_lists_every_subcommand(kg):
    run = kg("--help")
    assert run.code == 0 and all(name in run.out for name in SUBCOMMANDS)


def test_unknown_subcommand_is_one_line_and_exit_2(kg):
    run = kg("frobnicate")
    assert run.code == 2 and "No such command" in run.err and "Traceback" not in run.err


def test_exit_codes_are_documented_in_the_module():
    import kg.cli

    for code in ("0 ", "1 ", "2 ", "3 ", "70 "):
        assert f"\n    {code}" in kg.cli.__doc__
