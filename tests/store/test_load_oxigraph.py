"""The N-Quads and TriG exports load into an Oxigraph server (`oxigraph load`, then `oxigraph
serve`), which answers the same SPARQL queries as newskg's own store; and `kg.remote` writes
article graphs into a running server, by the Graph Store Protocol and by SPARQL Update."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from kg.remote import RemoteStore
from kg.store import GraphStore
from tests.triplestores import (
    ALL_QUADS,
    QUERIES,
    OxigraphServer,
    http_answers,
    local_answers,
    sample_store,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    """The sample store, written, closed and opened read-only: `kg export` opens it too, and a
    read-only open beside a live writer is undefined behaviour in RocksDB (pyoxigraph says so;
    here it failed with a MANIFEST the writer had replaced)."""
    path = tmp_path_factory.mktemp("oxload") / "store"
    written = sample_store(path)
    del written
    gc.collect()  # the writer's RocksDB handle closes when its last reference goes
    return GraphStore(path, read_only=True)


@pytest.mark.parametrize("fmt,suffix", [("nquads", "nq"), ("trig", "trig")])
def test_export_loads_into_an_oxigraph_server_and_answers_alike(kg, store: GraphStore, tmp_path: Path,
                                                                 fmt: str, suffix: str):
    dump = tmp_path / f"newskg.{suffix}"
    assert kg("export", "--store", store.path, "-o", dump).code == 0
    server = OxigraphServer(tmp_path / "oxigraph")
    server.load(dump)
    server.start()
    try:
        endpoint = server.base + "/query"
        for name, query in QUERIES.items():
            expected = local_answers(store.oxigraph, query)
            assert expected, f"{name}: no answers on newskg's store"
            assert http_answers(endpoint, query) == expected, name
        assert http_answers(endpoint, ALL_QUADS) == local_answers(store.oxigraph, ALL_QUADS)
    finally:
        server.stop()


@pytest.mark.parametrize("path,protocol", [("/store", "gsp"), ("/update", "update")])
def test_remote_store_writes_article_graphs_into_a_running_server(store: GraphStore, tmp_path: Path,
                                                                  path: str, protocol: str):
    server = OxigraphServer(tmp_path / "oxigraph").start()
    try:
        remote = RemoteStore(server.base + path)  # protocol guessed: /update refuses a PUT
        for iri in ["https://w3id.org/newskg/ontology", *store.article_graphs()]:
            graph = _graph(store, iri)
            remote.write_article(iri, graph)
            remote.write_article(iri, graph)  # rewriting replaces, never adds
        remote.flush()
        assert remote._protocol == protocol
        assert http_answers(server.base + "/query", ALL_QUADS) == local_answers(store.oxigraph, ALL_QUADS)
    finally:
        server.stop()


def _graph(store: GraphStore, iri: str):
    import pyoxigraph as ox
    from rdflib import Graph

    data = ox.serialize(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(iri)),
                        format=ox.RdfFormat.N_QUADS)
    triples = ox.serialize((q.triple for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)),
                           format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=triples, format="nt")


def test_remote_build_records_let_a_rerun_skip_unchanged_articles(store: GraphStore, tmp_path: Path):
    from kg.store import BuildRecord

    server = OxigraphServer(tmp_path / "oxigraph").start()
    try:
        remote = RemoteStore(server.base + "/update", protocol="update", query_url=server.base + "/query")
        iri = next(store.article_graphs())
        old, new = BuildRecord("a.txt", "sha-1", "fp"), BuildRecord("a.txt", "sha-2", "fp")
        assert not remote.is_current(iri, old)
        remote.write_article(iri, _graph(store, iri), old)
        assert remote.is_current(iri, old) and not remote.is_current(iri, new)
        remote.write_article(iri, _graph(store, iri), new)
        assert remote.is_current(iri, new)
        assert not remote.is_current(iri, old), "the old record was added to, not replaced"
    finally:
        server.stop()


def test_resuming_needs_sparql_update_writes():
    from kg.errors import StoreError

    with pytest.raises(StoreError, match="resuming a remote build needs SPARQL Update writes"):
        RemoteStore("http://127.0.0.1:9/store", query_url="http://127.0.0.1:9/query")
