"""A real `kg build` killed with SIGKILL mid-build leaves whole articles only; the store opens, and
rerunning the same command skips what was done and ends with the store of a clean build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import BOOKKEEPING_IRI, GraphStore
from tests.conftest import REPO

pytestmark = pytest.mark.slow

FIRST = ["Anna", "Li", "Ola", "Maria", "Jonas", "Petra", "Karim", "Sofia", "Tomas", "Elena"]
LAST = ["Berg", "Wen", "Dahl", "Costa", "Meyer", "Novak", "Haddad", "Rossi", "Lind", "Popescu"]
TOPICS = ["budget", "harbour", "railway", "energy", "water", "school", "border", "tax"]
ARTICLES = 40


def write_corpus(folder: Path, count: int) -> Path:
    """Write `count` small articles in which ministers and opposition leaders talk about plans."""
    folder.mkdir()
    for i in range(count):
        a = f"{FIRST[i % 10]} {LAST[(i * 3) % 10]}"
        b = f"{FIRST[(i + 4) % 10]} {LAST[(i * 7 + 1) % 10]}"
        topic = TOPICS[i % len(TOPICS)]
        (folder / f"article-{i:03d}.txt").write_text(
            f"City council debates the {topic} plan, part {i}\n\n"
            f"Finance Minister {a} said on Monday that the {topic} plan would be presented to "
            f"parliament next week. \u201cWe have worked on this for months and the numbers are "
            f"sound,\u201d {a.split()[1]} told reporters in the capital.\n\n"
            f"Opposition leader {b} said the {topic} plan was too expensive and would hurt small "
            f"businesses in the region. The council will vote on the proposal in the spring, "
            f"officials said.\n"
        )
    return folder


def graph_quads(store: ox.Store) -> dict[str, set[ox.Quad]]:
    out: dict[str, set[ox.Quad]] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        out.setdefault(quad.graph_name.value, set()).add(quad)
    return out


def signal_after_first_article(corpus: Path, store: Path, sig: int, *options: str) -> tuple[int, str]:
    """Run `kg build` in a subprocess of its own process group and send `sig` to the group (as
    a terminal's Ctrl-C does) once the build reports a written article.

    Return the exit status and what it printed on stderr.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store), "--verbose", *options],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)}, start_new_session=True,
    )
    watchdog = threading.Timer(180, proc.kill)  # bounded even if the build never reports
    watchdog.start()
    try:
        assert proc.stderr is not None
        printed = []
        for line in proc.stderr:
            printed.append(line)
            if "written as" in line:
                os.killpg(proc.pid, sig)
                break
        printed.append(proc.stderr.read())
        return proc.wait(timeout=60), "".join(printed)
    finally:
        watchdog.cancel()
        proc.kill()


def whole_articles(store: GraphStore, expected: dict[str, set[ox.Quad]], why: str) -> list[str]:
    """The article graphs of a stopped build's store, each checked whole against `expected`."""
    found = graph_quads(store.oxigraph)
    articles = [g for g in found if g not in (BOOKKEEPING_IRI, "https://w3id.org/newskg/ontology")]
    assert 1 <= len(articles) < ARTICLES, why
    for iri in articles:
        assert found[iri] == expected[iri], f"{iri} is not whole"
    return articles


def test_kill_9_then_rerun_gives_the_store_of_a_clean_build(kg, tmp_path: Path):
    corpus = write_corpus(tmp_path / "news", ARTICLES)
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    status, printed = signal_after_first_article(corpus, killed, signal.SIGKILL)
    assert status == -signal.SIGKILL, printed

    run = kg("build", corpus, "--store", clean)
    assert run.code == 0, run.err
    expected = graph_quads(GraphStore(clean, read_only=True).oxigraph)

    # the killed store opens for writing, and every article in it is whole; its record follows
    # the graph (kg/store.py), so the kill may have left the last one written without it
    partial = GraphStore(killed)
    articles = whole_articles(partial, expected, "the kill did not land in the middle of the build")
    recorded = {iri for iri in articles if partial.record(iri) is not None}
    assert len(recorded) >= len(articles) - 1
    assert BOOKKEEPING_IRI not in graph_quads(partial.oxigraph)
    del partial

    run = kg("build", corpus, "--store", killed)
    assert run.code == 0, run.err
    assert f"{ARTICLES - len(recorded)} written, {len(recorded)} unchanged" in run.err
    assert graph_quads(GraphStore(killed, read_only=True).oxigraph) == expected


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_stops_after_the_article_in_hand_and_a_rerun_resumes(kg, tmp_path: Path, workers: int):
    """Ctrl-C (SIGINT to the build's whole process group, as a terminal sends it): exit 130, a
    summary that says so, only whole articles in the store; the rerun finishes the rest."""
    corpus = write_corpus(tmp_path / "news", ARTICLES)
    store = tmp_path / "store"
    status, err = signal_after_first_article(corpus, store, signal.SIGINT, "--workers", str(workers))
    assert status == 130, err
    assert "interrupted" in err and "Traceback" not in err, err

    clean = tmp_path / "clean"
    assert kg("build", corpus, "--store", clean).code == 0
    expected = graph_quads(GraphStore(clean, read_only=True).oxigraph)
    articles = whole_articles(GraphStore(store), expected, "Ctrl-C did not land in the middle of the build")

    run = kg("build", corpus, "--store", store)
    assert run.code == 0, run.err
    assert f"{ARTICLES - len(articles)} written, {len(articles)} unchanged" in run.err
    assert graph_quads(GraphStore(store, read_only=True).oxigraph) == expected


def test_the_same_article_in_two_inputs_is_written_once_and_then_unchanged(kg, tmp_path: Path):
    text = (REPO / "tests/data/corpus/energy-talks.txt").read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(text.replace("\n\n", "\n\n\n", 1), encoding="utf-8")
    store = tmp_path / "store"
    first = kg("build", tmp_path / "in", "--store", store)
    assert first.code == 0, first.err
    assert "2 article(s) read, 1 written, 0 unchanged, 1 duplicate(s)" in first.err
    assert "b.txt: the same article as" in first.err
    again = kg("build", tmp_path / "in", "--store", store)
    assert "2 article(s) read, 0 written, 1 unchanged, 1 duplicate(s)" in again.err, again.err
