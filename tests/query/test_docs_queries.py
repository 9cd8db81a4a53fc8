"""The SPARQL queries of docs/ontology.md's "Querying" section answer on the example store (issue
17, major 5: the first one asked for `nkg:about`, which no build writes, and answered nothing)."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from tests.conftest import REPO
from tests.query.test_named_queries import seed_store

DOC = (REPO / "docs" / "ontology.md").read_text(encoding="utf-8")
QUERYING = DOC.split("## Querying", 1)[1].split("\n## ", 1)[0].split("### With standard vocabularies")[0]
QUERIES = re.findall(r"```sparql\n(.*?)```", QUERYING, re.S)


@pytest.fixture(scope="module")
def seed() -> ox.Store:
    return ox.Store.read_only(str(seed_store()))


def test_the_querying_section_has_its_queries():
    assert len(QUERIES) >= 3 and "nkg:mentions" in QUERIES[0]


@pytest.mark.parametrize("query", QUERIES, ids=[q.split("SELECT", 1)[1][:40] for q in QUERIES])
def test_each_documented_query_answers_on_the_example_store(seed, query):
    rows = list(seed.query(query, use_default_graph_as_union=True))
    assert rows, "answers nothing on the example store"


def test_mentions_joins_what_trump_said_about_putin(seed):
    rows = list(seed.query(QUERIES[0], use_default_graph_as_union=True))
    assert all("Putin" in row["text"].value or "President Putin" in row["text"].value for row in rows)
    assert {row["mode"].value.rsplit("#", 1)[1] for row in rows} >= {"DirectSpeech", "IndirectSpeech"}
