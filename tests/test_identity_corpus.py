"""One identity per real person across articles, and builds that do not depend on order.

The articles under tests/data/corpus are written for these tests: the same people appear under
several name forms and titles; a father and son share a surname; one person is named only as
"Mr Li".
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.namespace import RDF

from kg.namespaces import NKG
from tests.conftest import DATA

CORPUS = DATA / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt"))
pytestmark = pytest.mark.slow


def build(kg, paths: list[Path], out: Path) -> Dataset:
    run = kg("build", *paths, "-o", out)
    assert run.code == 0, run.err
    ds = Dataset(default_union=True)
    ds.parse(out, format="nquads")
    return ds


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory):
    from kg.cli import main

    out = tmp_path_factory.mktemp("corpus") / "all.nq"
    assert main(["build", *map(str, ARTICLES), "-o", str(out)]) == 0
    ds = Dataset(default_union=True)
    ds.parse(out, format="nquads")
    return ds


def test_corpus_is_there():
    assert len(ARTICLES) == 3


def test_the_same_person_in_every_article_has_one_iri(corpus_graph):
    persons = defaultdict(set)
    for person in set(corpus_graph.subjects(RDF.type, NKG.Person)):
        persons[str(corpus_graph.value(person, NKG.name))].add(str(person))
    doubles = {name: iris for name, iris in persons.items() if len(iris) > 1}
    assert not doubles, f"persons with more than one IRI: {doubles}"
    virtanen = [n for n in persons if n.endswith("Virtanen")]
    assert virtanen == ["Anna Virtanen"], virtanen  # "President Virtanen", "Virtanen" -> one person


def _first(ds, name):
    return next(s for s, _, o in ds.triples((None, NKG.name, None)) if str(o) == name)


def test_people_sharing_a_surname_stay_apart(corpus_graph):
    names = {str(o) for o in corpus_graph.objects(None, NKG.name)}
    assert {"Karl Berger", "Eric Berger"} <= names
    assert _first(corpus_graph, "Karl Berger") != _first(corpus_graph, "Eric Berger")


def test_a_lone_surname_is_not_linked_across_articles(corpus_graph):
    li = [s for s in set(corpus_graph.subjects(RDF.type, NKG.Person))
          if str(corpus_graph.value(s, NKG.name)) == "Li"]
    assert len(li) == 1
    assert str(li[0]).rsplit("/", 1)[1].startswith("li_")  # scoped to its article


def test_building_in_any_order_gives_the_same_graph(kg, tmp_path: Path):
    forward = build(kg, ARTICLES, tmp_path / "forward.nq")
    backward = build(kg, list(reversed(ARTICLES)), tmp_path / "backward.nq")
    assert set(forward.quads((None, None, None, None))) == set(backward.quads((None, None, None, None)))


def test_separate_runs_into_one_store_equal_one_run(kg, tmp_path: Path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert kg("build", *ARTICLES, "--store", one).code == 0
    for path in reversed(ARTICLES):
        assert kg("build", path, "--store", two).code == 0
    dump = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/newskg/ontology>) }"
    a = kg("query", dump, "--store", one, "--format", "ntriples").out
    b = kg("query", dump, "--store", two, "--format", "ntriples").out
    assert a and sorted(a.splitlines()) == sorted(b.splitlines())


# --- the same on the dev set (../shared/corpus/dev), when it is there ------------------------

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
DEV_ARTICLES = sorted(DEV.glob("*.txt"))
needs_dev = pytest.mark.skipif(not DEV_ARTICLES, reason=f"dev corpus not found at {DEV}")


def _doubles(ds: Dataset) -> dict[str, set[str]]:
    """Full names (a space in them) that name more than one person IRI, as name or alt name."""
    iris = defaultdict(set)
    for person in set(ds.subjects(RDF.type, NKG.Person)):
        for form in [*ds.objects(person, NKG.name), *ds.objects(person, NKG.altName)]:
            if " " in str(form):
                iris[str(form)].add(str(person))
    return {name: found for name, found in iris.items() if len(found) > 1}


@needs_dev
def test_dev_set_built_together_has_no_person_with_two_iris(kg, tmp_path: Path):
    ds = build(kg, DEV_ARTICLES, tmp_path / "dev.nq")
    assert len(set(ds.subjects(RDF.type, NKG.Person))) > 30
    assert not _doubles(ds), f"persons with more than one IRI: {_doubles(ds)}"


@needs_dev
def test_dev_set_builds_the_same_graph_in_two_orders(kg, tmp_path: Path):
    forward = build(kg, DEV_ARTICLES, tmp_path / "forward.nq")
    shuffled = DEV_ARTICLES[1::2] + DEV_ARTICLES[::2][::-1]
    backward = build(kg, shuffled, tmp_path / "shuffled.nq")
    assert set(forward.quads((None, None, None, None))) == set(backward.quads((None, None, None, None)))
