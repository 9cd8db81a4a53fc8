"""Golden graphs pin the end-to-end result: article file in, graph out, compared triple by triple.

A change in extraction that alters the graph of a golden article fails here with the triples
added and removed; when the change is intended, rerun with `--update-golden` and review the diff
of tests/data/golden/*.ttl like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from tests.conftest import DATA, REPO

GOLDEN = DATA / "golden"
ARTICLES = {
    "seed": REPO / "examples" / "articles" / "seed-aljazeera-trump-putin-call.txt",
    **{p.stem: p for p in sorted((DATA / "corpus").glob("*.txt"))},
}
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_article_builds_its_golden_graph(name: str, tmp_path: Path, kg, update_golden: bool):
    out = tmp_path / f"{name}.ttl"
    run = kg("build", ARTICLES[name], "-o", out)
    assert run.code == 0, run.err
    golden = GOLDEN / f"{name}.ttl"
    if update_golden:
        golden.write_bytes(out.read_bytes())
    assert golden.exists(), f"{golden} is missing: run pytest {__file__} --update-golden"
    got, want = Graph().parse(out), Graph().parse(golden)
    if to_isomorphic(got) != to_isomorphic(want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        added = sorted(line for line in only_got.serialize(format="nt").splitlines() if line)
        removed = sorted(line for line in only_want.serialize(format="nt").splitlines() if line)
        pytest.fail(f"{name}: {len(added)} triples added, {len(removed)} removed\n+ "
                    + "\n+ ".join(added[:20]) + "\n- " + "\n- ".join(removed[:20]))
