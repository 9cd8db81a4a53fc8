"""The memory limit of the query processes (server/runner.py) counts from each process's own
floor (its resident memory at its first query), not from the start of each query: memory a
finished query freed but the allocator kept would otherwise let a process grow past the limit
in steps, and the bound docs/endpoint.md gives for the whole server (workers x KG_QUERY_WORKERS x
KG_MAX_QUERY_MEMORY over what the processes hold at rest) would not hold. Resident memory is
faked here (the parent reads it from /proc), so the tests do not depend on the allocator."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from server import runner
from server.errors import MemoryLimit
from server.runner import Job, QueryRunner

MIB = 2**20
CHEAP = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
# a few seconds of counting on 40 triples, growing nothing: long enough to be watched
LONG = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def opener() -> ox.Store:
    store = ox.Store()
    for i in range(40):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                          ox.Literal(str(i))))
    return store


def job(text: str) -> Job:
    return Job(text=text, base="http://example.org/", formats={"solutions": "json"})


@pytest.fixture()
def held(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The resident bytes every query process reports: set [0] to change it."""
    resident = [100 * MIB]
    monkeypatch.setattr(runner._Worker, "resident", lambda self: resident[0])
    return resident


def test_a_query_process_that_keeps_what_its_query_freed_is_replaced(held: list[int],
                                                                     capsys: pytest.CaptureFixture[str]):
    pool = QueryRunner(opener, workers=1, time_limit=30, max_memory=64 * MIB)
    try:
        pool.start()
        first = pool._idle[0].process.pid
        pool.run(job(CHEAP))  # its floor: 100 MiB
        assert pool._idle[0].process.pid == first
        held[0] = 110 * MIB  # kept 10 MiB: under a quarter of the limit, kept
        pool.run(job(CHEAP))
        assert pool._idle[0].process.pid == first
        held[0] = 120 * MIB  # kept 20 MiB, more than a quarter of 64: replaced after its query
        assert b"example.org" in pool.run(job(CHEAP)).body
        assert not pool._idle
        assert f"query process {first} replaced: it kept 20 MiB after its query" in capsys.readouterr().err
        pool.run(job(CHEAP))
        assert pool._idle[0].process.pid != first
    finally:
        pool.close()


def test_the_memory_limit_counts_from_the_process_floor_not_the_query_start(held: list[int]):
    pool = QueryRunner(opener, workers=1, time_limit=60, max_memory=64 * MIB)
    try:
        pool.start()
        pool.run(job(CHEAP))  # floor 100 MiB
        held[0] = 170 * MIB  # the process already holds more than its floor + the limit
        with pytest.raises(MemoryLimit, match="memory limit of 64 MiB"):
            pool.run(job(LONG))
    finally:
        pool.close()
