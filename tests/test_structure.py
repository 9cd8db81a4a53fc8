"""The layout rules: kg never imports Flask or server; server has no import cycle; every
subcommand explains itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import click
import pytest

from kg.cli import cli
from tests.conftest import REPO

# kg's own subcommands and those other packages register (kg.plugins), such as server's `serve`
SUBCOMMANDS = cli.list_commands(click.Context(cli))
NOT_IN_KG = {"flask", "server", "werkzeug"}


def test_the_foundation_subcommands_are_there():
    assert {"build", "validate", "query", "serve", "export"} <= set(SUBCOMMANDS)


def test_kg_never_imports_flask_or_server_when_it_runs():
    probe = f"""
import contextlib, io, sys
import kg, kg.cli, kg.pipeline, kg.store, kg.query, kg.validate, kg.reports, kg.rdf
with contextlib.redirect_stdout(io.StringIO()):  # a subcommand of kg's own loads no other package
    assert kg.cli.main(["build", "--help"]) == 0
print(sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(NOT_IN_KG)!r})))
"""
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=REPO).stdout
    assert out.strip() == "[]"


def test_no_kg_source_imports_flask_or_server():
    assert imports_of(REPO / "kg", NOT_IN_KG) == []
    # the walk reads imports inside functions too: kg.cli imports its commands' modules there
    assert ("kg.pipeline", ("build",)) in imports(REPO / "kg" / "cli.py", "kg.cli")


def test_the_kg_check_finds_an_import_anywhere_in_a_module(tmp_path):
    (tmp_path / "kg").mkdir()
    (tmp_path / "kg" / "__init__.py").write_text("")
    (tmp_path / "kg" / "cli.py").write_text(
        "import importlib\n"
        "def serve():\n    from server import serve\n"
        "def plugin():\n    return importlib.import_module('flask.cli')\n"
        "from ..werkzeug import http\n")
    assert sorted(imports_of(tmp_path / "kg", NOT_IN_KG)) == [
        "kg/cli.py imports flask.cli", "kg/cli.py imports server", "kg/cli.py imports werkzeug"]


# ------------------------------------------------------------------------------ import graph


def module_names(root: Path) -> dict[str, Path]:
    """The modules of the package folder `root`, by dotted name (a package by its own name)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def imports(path: Path, module: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each import in the file at `path` (the module `module`), wherever it is (inside functions
    too): the module it names, absolute, with the names a `from` import takes from it;
    `importlib.import_module` and `__import__` of a literal name count as imports."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            yield base, tuple(alias.name for alias in node.names)
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and isinstance(node.args[0].value, str)
              and (getattr(node.func, "attr", None) == "import_module"
                   or getattr(node.func, "id", None) in ("import_module", "__import__"))):
            yield node.args[0].value, ()


def imports_of(root: Path, packages: set[str]) -> list[str]:
    """Where the modules of the package folder `root` import one of `packages` (or a module in
    one), as "path imports module" lines."""
    return [f"{path.relative_to(root.parent).as_posix()} imports {base}"
            for name, path in module_names(root).items()
            for base, _ in imports(path, name) if base.split(".")[0] in packages]


def import_graph(root: Path) -> dict[str, set[str]]:
    """Which modules of the package folder `root` each of its modules imports: the module an import
    names (`from p import m` names the module p.m when there is one), not the parent packages
    Python runs on the way, which would make every package that imports its own modules a cycle."""
    modules = module_names(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for base, names in imports(path, name):
            for target in [f"{base}.{n}" if f"{base}.{n}" in modules else base for n in names] or [base]:
                if target in modules and target != name:
                    targets.add(target)
        graph[name] = targets
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph` (its first module repeated at the end), or None."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        return list(exc.args[1])
    return None


def test_server_has_no_import_cycle():
    graph = import_graph(REPO / "server")
    # the walk sees the imports that matter: inside functions, and of a package's own modules
    assert "server.backends" in graph["server"]
    assert {"server.backends.local", "server.backends.remote"} <= graph["server.backends"]
    assert cycle(graph) is None, " -> ".join(cycle(graph) or [])


def test_an_import_inside_a_function_makes_a_cycle_too(tmp_path):
    # the shape server/ had: a factory imports its subclass late, the subclass imports the factory
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "base.py").write_text("def make():\n    from pkg.remote import Remote\n")
    (tmp_path / "pkg" / "remote.py").write_text("from . import base\n")
    assert sorted(cycle(import_graph(tmp_path / "pkg")) or []) == ["pkg.base", "pkg.base", "pkg.remote"]


# ------------------------------------------------------------------------------- subcommands


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
