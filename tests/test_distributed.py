"""examples/dask_extract.py, the recipe of docs/distributed.md: JSON Lines split into partitions,
each piped through `kg extract` by Dask's local scheduler, gives the graph one `kg extract` and
`kg build` give over the whole input; its load step fills an embedded and a remote store alike."""

from __future__ import annotations

import doctest
import importlib.util
import json
import shlex
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import httpx
import pyoxigraph as ox
import pytest

from kg.namespaces import ONTOLOGY_IRI
from kg.store import GraphStore
from tests.conftest import DATA, REPO
from tests.triplestores import ALL_QUADS, OxigraphServer, http_answers, local_answers

pytestmark = pytest.mark.slow

SCRIPT = REPO / "examples" / "dask_extract.py"
KG = [sys.executable, "-m", "kg"]


def load_recipe() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dask_extract", SCRIPT)
    assert spec and spec.loader
    recipe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(recipe)
    return recipe


def quads(*paths: Path) -> set[ox.Quad]:
    return {q for path in paths for q in ox.parse(path=path, format=ox.RdfFormat.N_QUADS)}


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus and the example articles as JSON Lines; the recipe run on them with two
    partitions, loading a store."""
    work = tmp_path_factory.mktemp("dask")
    texts = sorted((DATA / "corpus").glob("*.txt")) + sorted((REPO / "examples" / "articles").glob("*.txt"))
    with (work / "articles.jsonl").open("w", encoding="utf-8") as out:
        for text in texts:
            meta = json.loads(text.with_suffix(".meta.json").read_text(encoding="utf-8"))
            headline, _, body = text.read_text(encoding="utf-8").partition("\n")
            out.write(json.dumps({"id": meta["id"], "title": headline, "text": body.strip(),
                                  "url": meta["url"], "published": meta["published"],
                                  "source": meta["publisher"]}) + "\n")
    command = shlex.join([*KG, "extract", "--workers", "1"])
    run = subprocess.run([sys.executable, str(SCRIPT), str(work / "articles.jsonl"), str(work / "out"),
                          "--partitions", "2", "--command", command, "--store", str(work / "store")],
                         check=False, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "2 part(s) written" in run.stderr and f"{len(texts)} article graph(s) loaded" in run.stderr
    return work


@pytest.fixture(scope="module")
def built(work: Path) -> Path:
    """`kg build` over the same input, exported as N-Quads."""
    for args in (["build", str(work / "articles.jsonl"), "--store", str(work / "built")],
                 ["export", "--store", str(work / "built"), "--format", "nquads", "-o", str(work / "built.nq")]):
        run = subprocess.run([*KG, *args], check=False, capture_output=True, text=True, cwd=REPO, timeout=300)
        assert run.returncode == 0, run.stderr
    return work / "built.nq"


def parts(work: Path) -> list[Path]:
    return sorted((work / "out").glob("part-*.nq"))


def test_partitions_give_what_one_kg_extract_gives(work: Path):
    split = parts(work)
    assert [p.name for p in split] == ["part-0.nq", "part-1.nq"]
    graphs = [{q.graph_name for q in quads(p)} for p in split]
    assert all(graphs) and not graphs[0] & graphs[1]  # each article in exactly one partition
    whole = subprocess.run([*KG, "extract", "--workers", "1"], input=(work / "articles.jsonl").read_bytes(),
                           check=False, capture_output=True, cwd=REPO, timeout=300)
    assert whole.returncode == 0, whole.stderr
    (work / "whole.nq").write_bytes(whole.stdout)
    expected = quads(work / "whole.nq")
    articles = len((work / "articles.jsonl").read_text(encoding="utf-8").splitlines())
    assert len({q.graph_name for q in expected}) == articles and len(expected) > 500
    assert quads(*split) == expected


def test_partitions_give_what_kg_build_and_export_give(work: Path, built: Path):
    ontology = ox.NamedNode(ONTOLOGY_IRI)
    exported = quads(built)
    assert {q for q in exported if q.graph_name != ontology} == quads(*parts(work))
    # the recipe's load step: the same store `kg build` writes, but for the build records
    loaded = work / "loaded.nq"
    run = subprocess.run([*KG, "export", "--store", str(work / "store"), "-o", str(loaded)],
                         check=False, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr
    assert quads(loaded) == exported


def test_parts_load_into_a_remote_store(work: Path, built: Path, tmp_path: Path):
    recipe = load_recipe()
    expected = local_answers(GraphStore(work / "built", read_only=True).oxigraph, ALL_QUADS)
    server = OxigraphServer(tmp_path / "oxigraph").start()
    try:
        # docs/distributed.md, the plain way: POST each part to the server's dataset (GSP)
        for part in parts(work):
            response = httpx.post(server.base + "/store", content=part.read_bytes(),
                                  headers={"Content-Type": "application/n-quads"}, timeout=60)
            assert response.is_success, response.text
        articles_only = [row for row in expected if row[0] != ("iri", ONTOLOGY_IRI, "")]
        assert http_answers(server.base + "/query", ALL_QUADS) == articles_only
        # the recipe's --endpoint: kg.remote replaces each article graph, adds the ontology's
        articles = len((work / "articles.jsonl").read_text(encoding="utf-8").splitlines())
        assert recipe.load(parts(work), endpoint=server.base + "/store") == articles
        assert http_answers(server.base + "/query", ALL_QUADS) == expected
    finally:
        server.stop()


def test_line_numbering_examples():
    assert doctest.testmod(load_recipe()).failed == 0


@pytest.mark.parametrize("split", [["--partitions", "3"], ["--blocksize", "150", "--partitions", "4"]],
                         ids=["partitions", "blocksize"])
def test_skipped_records_are_named_by_their_file_and_line(tmp_path: Path, split: list[str]):
    """Not `<stdin>:N`, the line of the partition piped to `kg extract`: the input file's line."""
    def record(n: int) -> str:
        return json.dumps({"id": f"r{n}", "title": f"Report {n}", "published": "2025-03-01",
                           "text": f"The mayor of Town {n} said the bridge would reopen on Monday."})

    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(record(n) + "\n" for n in range(1, 6)), encoding="utf-8")
    second.write_text("\n".join([record(6), '{"id": "no-text"}', record(7), record(8), "not json",
                                 record(9)]) + "\n", encoding="utf-8")
    command = shlex.join([*KG, "extract", "--workers", "1"])
    run = subprocess.run([sys.executable, str(SCRIPT), str(first), str(second), str(tmp_path / "out"),
                          *split, "--command", command],
                         check=False, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr
    reports = sorted(line for line in run.stderr.splitlines() if line.startswith("kg: "))
    assert reports == [f"kg: {second}:2: record has no article text (looked for text/body/content/articleBody)",
                       f"kg: {second}:5: line is not valid JSON: Expecting value (line 1, column 1)"]
    assert len(parts(tmp_path)) > 1
