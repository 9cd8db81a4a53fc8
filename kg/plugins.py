"""Subcommands of `kg` that other packages add, through the entry-point group `newskg.commands`.

A package adds `kg NAME` by naming a click command in its metadata (pyproject.toml):

    [project.entry-points."newskg.commands"]
    serve = "server.cli:serve"

This is how the web app adds `kg serve`, so that kg never imports it. `CommandGroup` lists the
registered names beside kg's own subcommands and imports a registered command only when it is
named (run, or listed by `kg --help`): `kg build` loads no other package. kg's own subcommand wins
over a registered one of the same name.

Where kg runs from a newskg source tree (a checkout, as pytest runs it), that tree's
pyproject.toml says which commands newskg itself registers, not the installed metadata, which
may be missing or another checkout's (an editable install elsewhere); other distributions'
commands come from their metadata as always.
"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import click

from kg.errors import ConfigError

GROUP = "newskg.commands"
DISTRIBUTION = "newskg"
#: The folder above the `kg` package: a source tree when it holds newskg's pyproject.toml.
SOURCE_TREE = Path(__file__).resolve().parent.parent


def source_tree_commands(root: Path) -> list[EntryPoint] | None:
    """The commands the newskg pyproject.toml in `root` registers; None when `root` is no newskg
    source tree (kg installed from a wheel or an sdist)."""
    try:
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    project = tomllib.loads(text).get("project", {})
    if project.get("name") != DISTRIBUTION:
        return None
    declared = project.get("entry-points", {}).get(GROUP, {})
    return [EntryPoint(name, value, GROUP) for name, value in declared.items()]


def registered_commands(root: Path | None = None) -> dict[str, EntryPoint]:
    """Each registered subcommand's entry point, by name: newskg's own from the source tree at
    `root` (default SOURCE_TREE) when kg runs from one, the rest from the installed metadata."""
    own = source_tree_commands(root or SOURCE_TREE)
    found: dict[str, EntryPoint] = {}
    for entry in entry_points(group=GROUP):
        if own is not None and entry.dist is not None and _normalized(entry.dist.name) == DISTRIBUTION:
            continue  # this checkout's pyproject.toml says what newskg registers
        found.setdefault(entry.name, entry)
    found.update((entry.name, entry) for entry in own or ())
    return found


def load_command(entry: EntryPoint) -> click.Command:
    """Import the command `entry` names; a ConfigError when it is not a click command."""
    command = entry.load()
    if not isinstance(command, click.Command):
        raise ConfigError(f"{entry.value} is registered as `kg {entry.name}` ({GROUP}) but is "
                          f"{type(command).__name__}, not a click command")
    return command


class CommandGroup(click.Group):
    """A click group of kg's own subcommands and those registered in `newskg.commands`."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *registered_commands()})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and (entry := registered_commands().get(cmd_name)) is not None:
            command = load_command(entry)
        return command


def _normalized(name: str) -> str:
    """A distribution name as PEP 503 compares it."""
    return re.sub(r"[-_.]+", "-", name).lower()
