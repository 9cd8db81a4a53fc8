"""A built wheel ships the ontology, shapes and Wikidata table; an installed `kg` finds them, and
finds `kg serve` by its entry point."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True, capture_output=True, text=True,
    )
    (built,) = out.glob("newskg-*.whl")
    return built


def test_wheel_contains_ontology_shapes_and_entry_point(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    assert "kg/_data/ontology/newskg.ttl" in names
    shapes = [n for n in names if n.startswith("kg/_data/shapes/") and n.endswith(".ttl")]
    assert len(shapes) == len(list((REPO / "shapes").glob("*.ttl"))) > 0
    assert any(n.startswith("server/") for n in names)
    assert "kg/data/wikidata.tsv" in names  # the Wikidata linking table
    assert {"kg/data/leaders/wikidata-world-leaders.tsv",  # heads of state and government
            "kg/data/leaders/world-leaders-current.tsv"} <= set(names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    declared = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "kg = kg.cli:main" in declared
    assert "[newskg.commands]\nserve = server.cli:serve" in declared


@pytest.fixture(scope="module")
def site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel installed in a folder of its own (no source tree above its `kg`)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                    str(target), str(wheel)], check=True)
    return target


def test_installed_kg_validates_outside_the_source_tree(site: Path, tmp_path: Path):
    probe = (
        "import sys, kg, kg.paths; from kg.cli import main; "
        "assert kg.__file__.startswith(sys.argv[1]), kg.__file__; "
        "import kg.wikidata; assert kg.wikidata.by_code('ru').qid == 'Q159'; "
        "import kg.leaders; assert kg.leaders.position_qid('us.president').qid == 'Q11696'; "
        "print(kg.paths.shapes_dir()); sys.exit(main(['validate', sys.argv[2]]))"
    )
    for name, expected in (("conforming.ttl", 0), ("violating.ttl", 1)):
        run = subprocess.run(
            [sys.executable, "-c", probe, str(site), str(DATA / "cli" / name)],
            cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
            capture_output=True, text=True, check=False,
        )
        assert run.returncode == expected, run.stdout + run.stderr
        assert str(site / "kg" / "_data" / "shapes") in run.stdout


def test_installed_kg_serve_is_found_by_its_entry_point(site: Path, tmp_path: Path):
    probe = (
        "import sys, kg.plugins, server; from kg.cli import main; "
        "assert kg.plugins.source_tree_commands(kg.plugins.SOURCE_TREE) is None; "
        "assert server.__file__.startswith(sys.argv[1]), server.__file__; "
        "sys.exit(main(['serve', '--help']))"
    )
    run = subprocess.run([sys.executable, "-c", probe, str(site)], cwd=tmp_path,
                         env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Usage: kg serve" in run.stdout and "kg serve --endpoint" in run.stdout
