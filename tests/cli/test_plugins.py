"""Subcommands other packages add to `kg` through the entry-point group `newskg.commands`
(kg.plugins): how `kg serve` reaches the web app without kg importing it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

import kg.plugins
from kg.cli import cli
from tests.conftest import REPO

PLUGIN = "kg_test_plugin"
PLUGIN_SOURCE = '''
import click

NOT_A_COMMAND = 42


@click.command()
@click.argument("who")
def hello(who):
    """Say hello.

    \\b
    Examples:
      kg hello world
    """
    click.echo(f"hello {who}")
    return 3
'''


def commands() -> list[str]:
    return cli.list_commands(click.Context(cli))


def resolve(name: str) -> click.Command | None:
    return cli.get_command(click.Context(cli), name)


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An importable module with a click command; yields a folder to write a source tree in."""
    (tmp_path / f"{PLUGIN}.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    tree = tmp_path / "tree"
    tree.mkdir()
    yield tree
    sys.modules.pop(PLUGIN, None)


def source_tree(tree: Path, monkeypatch: pytest.MonkeyPatch, project: str = "newskg",
                **commands: str) -> None:
    """Make `tree` the source tree kg runs from, its pyproject.toml registering `commands`."""
    lines = [f'[project]\nname = "{project}"\n\n[project.entry-points."newskg.commands"]']
    lines += [f'{name} = "{value}"' for name, value in commands.items()]
    (tree / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(kg.plugins, "SOURCE_TREE", tree)


def installed(site: Path, distribution: str, **commands: str) -> None:
    """Install the metadata of `distribution` registering `commands` in `site` (on sys.path)."""
    info = site / f"{distribution}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[newskg.commands]\n" + "".join(f"{n} = {v}\n" for n, v in commands.items()), encoding="utf-8")


def test_serve_is_the_web_apps_command_registered_in_pyproject():
    import server.cli

    assert kg.plugins.source_tree_commands(REPO) is not None  # the tests run from the source tree
    assert kg.plugins.registered_commands()["serve"].value == "server.cli:serve"
    assert resolve("serve") is server.cli.serve
    assert "serve" not in cli.commands  # not one of kg's own


def test_a_registered_command_is_listed_and_runs_with_kgs_exit_codes(plugin, monkeypatch, kg):
    source_tree(plugin, monkeypatch, hello=f"{PLUGIN}:hello")
    assert "hello" in commands()
    assert "Say hello." in kg("--help").out
    help_run = kg("hello", "--help")
    assert help_run.code == 0 and "kg hello world" in help_run.out
    run = kg("hello", "world")
    assert (run.code, run.out) == (3, "hello world\n")
    assert kg("hello").code == 2  # a usage error, as for kg's own subcommands


def test_the_source_trees_pyproject_says_what_newskg_registers(plugin, monkeypatch):
    # an installed newskg (an editable install of another checkout) registering other commands
    installed(plugin.parent / "site", "newskg", stale=f"{PLUGIN}:hello")
    monkeypatch.syspath_prepend(str(plugin.parent / "site"))
    source_tree(plugin, monkeypatch, hello=f"{PLUGIN}:hello")
    assert "hello" in commands() and "stale" not in commands() and "serve" not in commands()
    # installed from a wheel, there is no source tree: the metadata says
    (plugin / "pyproject.toml").unlink()
    assert "stale" in commands() and "hello" not in commands()


def test_other_distributions_register_commands_by_their_metadata(plugin, monkeypatch, kg):
    installed(plugin.parent / "site", "newskg-extras", hi=f"{PLUGIN}:hello")
    monkeypatch.syspath_prepend(str(plugin.parent / "site"))
    assert "hi" in commands() and "serve" in commands()
    assert kg("hi", "there").out == "hello there\n"


def test_kgs_own_subcommand_wins_over_a_registered_one(plugin, monkeypatch):
    from kg.cli import build

    source_tree(plugin, monkeypatch, build=f"{PLUGIN}:hello")
    assert resolve("build") is build
    assert commands().count("build") == 1


def test_a_registered_object_that_is_not_a_command_is_one_line_and_exit_2(plugin, monkeypatch, kg):
    source_tree(plugin, monkeypatch, broken=f"{PLUGIN}:NOT_A_COMMAND")
    run = kg("broken")
    assert run.code == 2
    assert run.err == (f"kg: {PLUGIN}:NOT_A_COMMAND is registered as `kg broken` (newskg.commands) "
                       "but is int, not a click command\n")


def test_a_pyproject_of_another_project_is_no_newskg_source_tree(plugin, monkeypatch):
    assert kg.plugins.source_tree_commands(plugin) is None  # no pyproject.toml
    source_tree(plugin, monkeypatch, project="someone-else", hello=f"{PLUGIN}:hello")
    assert kg.plugins.source_tree_commands(plugin) is None
    assert "hello" not in commands()
