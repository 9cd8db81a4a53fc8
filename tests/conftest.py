"""Shared fixtures: run the `kg` command in-process and capture what it prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.cli import main

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def kg(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run `kg ARGS...` in this process and return its exit code, stdout and stderr."""

    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the golden graphs under tests/data/golden from the current build.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline, loaded once per test process."""
    from kg.extract import load_nlp

    return load_nlp()
