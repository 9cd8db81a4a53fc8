"""`kg extract`: JSON Lines in, N-Quads out, the same triples `kg build` writes for those articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

from tests.conftest import DATA, REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("jsonl") / "part-0001.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for text in sorted((DATA / "corpus").glob("*.txt")):
            meta = json.loads(text.with_suffix(".meta.json").read_text(encoding="utf-8"))
            headline, _, body = text.read_text(encoding="utf-8").partition("\n")
            out.write(json.dumps({"id": meta["id"], "title": headline, "text": body.strip(),
                                  "url": meta["url"], "published": meta["published"],
                                  "source": meta["publisher"]}) + "\n")
        out.write("this line is not JSON\n")
    return path


def quads(data: bytes) -> set[tuple]:
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    return set(ds.quads((None, None, None, None)))


def test_extract_equals_build(records: Path, tmp_path: Path):
    run = subprocess.run([sys.executable, "-m", "kg", "extract"], input=records.read_bytes(),
                         capture_output=True, cwd=REPO)
    assert run.returncode == 3, run.stderr  # the bad line was skipped and reported
    assert b"<stdin>:4: line is not valid JSON" in run.stderr
    built = tmp_path / "built.nq"
    b = subprocess.run([sys.executable, "-m", "kg", "build", str(records), "-o", str(built)],
                       capture_output=True, cwd=REPO)
    assert b.returncode == 3, b.stderr
    extracted, expected = quads(run.stdout), quads(built.read_bytes())
    assert len(expected) > 100 and extracted == expected


def test_each_article_is_in_its_own_named_graph(records: Path):
    run = subprocess.run([sys.executable, "-m", "kg", "extract"], input=records.read_bytes(),
                         capture_output=True, cwd=REPO)
    graphs = {str(g) for *_, g in quads(run.stdout)}
    assert len(graphs) == 3 and all(g.startswith("https://w3id.org/newskg/id/article/") for g in graphs)
