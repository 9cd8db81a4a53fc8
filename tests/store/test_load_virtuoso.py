"""Virtuoso, for real: the N-Quads and TriG exports bulk-load (ld_dir + rdf_loader_run) and the
server answers the same SPARQL queries as newskg's own store; `kg build --endpoint` writes into it
through the Graph Store Protocol and through SPARQL Update, with Digest credentials.

One Virtuoso (apt-get install virtuoso-opensource) serves the module: 127.0.0.1, unused ports, a
temporary database; it starts in about 10 s and is stopped at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import GraphStore
from tests.store.test_resume import write_corpus
from tests.triplestores import (
    ALL_QUADS,
    QUERIES,
    Virtuoso,
    http_answers,
    local_answers,
    sample_store,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    root = tmp_path_factory.mktemp("virtuoso")
    (root / "db").mkdir()
    (root / "load").mkdir()
    server = Virtuoso(root / "db", root / "load").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    return sample_store(tmp_path_factory.mktemp("virtuoso-data") / "store")


@pytest.mark.parametrize("suffix", ["nq", "trig"])
def test_export_bulk_loads_into_virtuoso_and_answers_alike(kg, virtuoso: Virtuoso, store: GraphStore,
                                                           suffix: str):
    folder = virtuoso.load_dir / suffix
    folder.mkdir()
    assert kg("export", "--store", store.path, "-o", folder / f"newskg.{suffix}").code == 0
    virtuoso.drop_newskg_graphs()
    virtuoso.bulk_load(folder, f"*.{suffix}")
    for name, query in QUERIES.items():
        expected = local_answers(store.oxigraph, query)
        assert expected, f"{name}: no answers on newskg's store"
        assert http_answers(virtuoso.sparql, query) == expected, name
    assert http_answers(virtuoso.sparql, ALL_QUADS) == local_answers(store.oxigraph, ALL_QUADS)


@pytest.fixture(scope="module")
def corpus_and_clean_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GraphStore]:
    from kg.cli import main

    root = tmp_path_factory.mktemp("remote")
    corpus = write_corpus(root / "news", 5)
    assert main(["build", str(corpus), "--store", str(root / "clean")]) == 0
    return corpus, GraphStore(root / "clean", read_only=True)


@pytest.mark.parametrize("path,protocol", [("sparql-graph-crud-auth", "auto"), ("sparql-auth", "update")])
def test_build_into_virtuoso_over_http(kg, virtuoso: Virtuoso, corpus_and_clean_store, monkeypatch,
                                       path: str, protocol: str):
    corpus, clean = corpus_and_clean_store
    virtuoso.drop_newskg_graphs()
    endpoint = f"http://127.0.0.1:{virtuoso.http_port}/{path}"
    monkeypatch.setenv("KG_ENDPOINT_USER", "dba")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "dba")
    for _ in range(2):  # a rebuild replaces each graph: same answers
        run = kg("build", corpus, "--endpoint", endpoint, "--endpoint-protocol", protocol)
        assert run.code == 0, run.err
        assert "5 written, 0 unchanged, 0 skipped" in run.err and endpoint in run.err
        assert http_answers(virtuoso.sparql, ALL_QUADS) == local_answers(clean.oxigraph, ALL_QUADS)
    for name, query in QUERIES.items():
        assert http_answers(virtuoso.sparql, query) == local_answers(clean.oxigraph, query), name


def test_refused_credentials_are_one_line(kg, virtuoso: Virtuoso, corpus_and_clean_store, monkeypatch):
    corpus, _ = corpus_and_clean_store
    monkeypatch.setenv("KG_ENDPOINT_USER", "dba")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "wrong")
    endpoint = f"http://127.0.0.1:{virtuoso.http_port}/sparql-graph-crud-auth"
    run = kg("build", corpus, "--endpoint", endpoint)
    assert run.code == 2
    assert run.err == f"kg: {endpoint}: cannot write graph <https://w3id.org/newskg/ontology>: 401 Unauthorized; the credentials were refused\n"


def test_remote_build_resumes_with_a_query_endpoint(kg, virtuoso: Virtuoso, corpus_and_clean_store,
                                                    monkeypatch):
    corpus, clean = corpus_and_clean_store
    virtuoso.drop_newskg_graphs()
    endpoint = f"http://127.0.0.1:{virtuoso.http_port}/sparql-auth"
    monkeypatch.setenv("KG_ENDPOINT_USER", "dba")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "dba")
    args = ("build", corpus, "--endpoint", endpoint, "--endpoint-protocol", "update",
            "--endpoint-query", endpoint)
    run = kg(*args)
    assert run.code == 0 and "5 written, 0 unchanged" in run.err, run.err
    run = kg(*args)
    assert run.code == 0 and "0 written, 5 unchanged" in run.err, run.err
    assert http_answers(virtuoso.sparql, ALL_QUADS) == local_answers(clean.oxigraph, ALL_QUADS)
