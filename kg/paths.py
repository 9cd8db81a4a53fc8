"""Where the ontology, the shapes and the named queries live.

In a source checkout they are the top-level `ontology/` and `shapes/` folders; in an installed
wheel they are shipped inside the package as `kg/_data/ontology` and `kg/_data/shapes` (see
`pyproject.toml`). This module is the one place that knows both layouts.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ConfigError

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"the {name}/ folder is missing from this installation of newskg")


def ontology_dir() -> Path:
    """Return the folder holding the ontology in Turtle."""
    return _data_dir("ontology")


def shapes_dir() -> Path:
    """Return the folder holding the SHACL shapes, one Turtle file per class."""
    return _data_dir("shapes")


def queries_dir() -> Path:
    """Return the folder of named queries (`*.rq`), shipped inside the package."""
    return _PACKAGE / "queries"


def wikidata_table() -> Path:
    """Return the Wikidata linking table (`kg/data/wikidata.tsv`), shipped inside the package."""
    return _PACKAGE / "data" / "wikidata.tsv"


def leaders_tables() -> list[Path]:
    """Return the heads-of-state linking tables (`kg/data/leaders/*.tsv`), shipped in the package."""
    return sorted((_PACKAGE / "data" / "leaders").glob("*.tsv"))


def ontology_files() -> list[Path]:
    """Return the ontology's Turtle files in a stable order."""
    return sorted(ontology_dir().glob("*.ttl"))


def shape_files(directory: Path | None = None) -> list[Path]:
    """Return the shapes' Turtle files in `directory` (default: the shipped shapes), sorted."""
    folder = directory or shapes_dir()
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise ConfigError(f"{folder}: no SHACL shapes (*.ttl) found")
    return files
