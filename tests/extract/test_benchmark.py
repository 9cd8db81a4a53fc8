"""The dev-set benchmark end to end (slow; needs ../shared/corpus/dev and the shared scorer)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

CORPUS = REPO.parent / "shared" / "corpus" / "dev"
DEV2 = REPO.parent / "shared" / "corpus" / "dev2"
SCORER = REPO.parent / "shared" / "tools" / "score_extraction.py"


def _benchmark(corpus: Path, seeds: int = 10) -> str:
    return subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "extraction_quality.py"), str(corpus),
         "--scorer", str(SCORER), "--seeds", str(seeds)],
        capture_output=True, text=True, timeout=600, check=True,
    ).stdout


def _micro(out: str) -> tuple[float, float, float, int, int]:
    micro = next(line for line in out.splitlines() if line.startswith("MICRO"))
    _, _, f1, persons, office = (float(x) for x in micro.split()[1:6])
    ok, total = map(int, re.search(r"(\d+)/(\d+)\s*$", micro).groups())
    return f1, persons, office, ok, total


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.is_file()), reason="dev corpus not present")
def test_dev_set_meets_the_targets() -> None:
    """Persons, offices, who-said and meetings meet the targets. Statements stay above 0.89
    (0.904 measured on 2026-12-05): dev's gold lists quoted words inside a reported clause once,
    inside the clause (15 of 18 such quotes), while dev2's newer gold lists them again as direct
    statements (83 of 85), which the extraction follows (docs/performance.md)."""
    out = _benchmark(CORPUS)
    f1, persons, office, ok, total = _micro(out)
    assert f1 >= 0.89 and persons >= 0.95 and office >= 0.90, out
    assert ok == total, out
    # meetings: F1, and status and date accuracy with the scorer's ties broken by agreement
    targets = next(line for line in out.splitlines() if line.startswith("meeting targets:"))
    assert "MISSED" not in targets, out


@pytest.mark.slow
@pytest.mark.skipif(not (DEV2.is_dir() and SCORER.is_file()), reason="dev2 corpus not present")
def test_dev2_stays_above_its_floor() -> None:
    """dev2 (16 real articles chosen for hard forms): statements F1 0.941, persons 0.974, office
    recall 0.905 measured on 2026-12-05 after the sixth attribution pass; meetings F1 0.846
    after its fifth pass the same day and 0.864 after its sixth; a change that loses ground
    fails."""
    out = _benchmark(DEV2, seeds=1)
    f1, persons, office, _, _ = _micro(out)
    assert f1 >= 0.92 and persons >= 0.96 and office >= 0.89, out
    meetings = re.search(r"^meetings: P [\d.]+ R [\d.]+ F1 ([\d.]+)", out, re.MULTILINE)
    assert float(meetings.group(1)) >= 0.84, out


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.is_file(), reason="shared scorer not present")
def test_our_synthetic_articles_stay_above_the_floor() -> None:
    """benchmarks/synthetic: twenty articles of our own writing (README there). Statements,
    persons, offices and who-said meet the dev targets; meetings F1 stays above 0.77 (0.76
    measured on 2026-11-28, 0.811 after the sixth meetings pass on 2026-12-05; their gold lists
    committee members and funeral guests, which the dev gold does not)."""
    out = _benchmark(REPO / "benchmarks" / "synthetic", seeds=1)
    f1, persons, office, ok, total = _micro(out)
    assert f1 >= 0.90 and persons >= 0.95 and office >= 0.90, out
    assert ok >= total - 1, out
    meetings = re.search(r"^meetings: P [\d.]+ R [\d.]+ F1 ([\d.]+)", out, re.MULTILINE)
    assert float(meetings.group(1)) >= 0.77, out
