"""kg.sparql_text: a query's form, and substitutions written into the text for remote endpoints.

The rewritten query must answer exactly what Oxigraph answers with the same substitutions: checked
for every named question and the pages' queries on the seed store.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QueryError, QuerySyntaxError
from kg.named_queries import load_named_queries
from kg.sparql_text import query_form, substitute
from tests.query.test_named_queries import SEED_CLAIM, searcher, seed_store

A = ox.NamedNode("http://example.org/a")
PERSON = "https://w3id.org/newskg/id/person/pete-hegseth"


@pytest.mark.parametrize("text,form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("base <http://x/> prefix : <http://x/#> PREFIX x: <http://y/>\n# ask?\nconstruct {} where {}", "CONSTRUCT"),
    ("PREFIX : <http://x/> ASK { :a :b :c }", "ASK"),
    ("DESCRIBE <http://x/a>", "DESCRIBE"),
])
def test_query_form(text, form):
    assert query_form(text) == form


@pytest.mark.parametrize("text", ["INSERT DATA { <a:b> <a:c> <a:d> }", "SELEKT ?x", "", "PREFIX x: <y:>"])
def test_not_a_query_is_a_syntax_error(text):
    with pytest.raises(QuerySyntaxError):
        query_form(text)


def test_strings_iris_comments_and_values_headers_are_left_alone():
    # VALUES puts ?s in scope, so the projection keeps ?s as it is
    text = ('SELECT ?s WHERE { ?s <http://x/p?s=1> "?s" . # ?s here\n'
            "?s <http://x/q> '''?s''' VALUES ?s { <http://x/b> } BIND (?s AS ?t) }")
    assert substitute(text, {"s": A}) == (
        'SELECT ?s WHERE { <http://example.org/a> <http://x/p?s=1> "?s" . # ?s here\n'
        "<http://example.org/a> <http://x/q> '''?s''' VALUES ?s { <http://x/b> } BIND (<http://example.org/a> AS ?t) }")


def test_a_variable_a_subquery_projects_stays_a_variable_outside():
    text = "SELECT ?s ?n WHERE { { SELECT ?s ?n WHERE { ?s ?p ?n } LIMIT 5 } } GROUP BY ?s ?n ORDER BY ?s"
    assert substitute(text, {"s": A}) == (
        "SELECT ?s ?n WHERE { { SELECT (<http://example.org/a> AS ?s) ?n WHERE "
        "{ <http://example.org/a> ?p ?n } LIMIT 5 } } GROUP BY ?s ?n ORDER BY ?s")


def test_grouping_by_a_substituted_variable_groups_by_its_term():
    text = "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s ORDER BY DESC(?n) $s"
    assert substitute(text, {"s": A}) == (
        "SELECT (<http://example.org/a> AS ?s) (COUNT(*) AS ?n) WHERE { <http://example.org/a> ?p ?o } "
        "GROUP BY (<http://example.org/a>) ORDER BY DESC(?n) (<http://example.org/a>)")


def test_literals_are_written_escaped():
    hostile = ox.Literal('x" } ; DROP ALL #\n')
    text = substitute("SELECT ?t WHERE { ?s ?p ?t FILTER (?t = ?v) }", {"v": hostile})
    assert text == 'SELECT ?t WHERE { ?s ?p ?t FILTER (?t = "x\\" } ; DROP ALL #\\n") }'
    with pytest.raises(QueryError):
        substitute("SELECT ?s WHERE { ?s ?p ?o }", {"s": ox.BlankNode()})


@pytest.fixture(scope="module")
def seed() -> ox.Store:
    return ox.Store.read_only(str(seed_store()))


def _answers(store: ox.Store, text: str, substitutions: dict | None = None) -> list:
    args = {"substitutions": {ox.Variable(k): v for k, v in substitutions.items()}} if substitutions else {}
    results = store.query(text, use_default_graph_as_union=True, **args)
    if isinstance(results, ox.QueryTriples):
        return sorted(str(t) for t in results)
    names = [v.value for v in results.variables]
    return [tuple(str(s[n]) for n in names) for s in results]


def _article(seed: ox.Store) -> str:
    query = "SELECT ?a WHERE { ?a a <https://w3id.org/newskg/ontology#Article> } LIMIT 1"
    return next(iter(seed.query(query, use_default_graph_as_union=True)))["a"].value


def test_rewritten_named_questions_answer_as_substitutions_do(seed):
    queries = load_named_queries()
    cases = {
        "who-said": {"claim": SEED_CLAIM},
        "statements-by-person": {"person": PERSON},
        "people-holding-office": {"title": "secretary"},
        "meetings-between": {"person1": "trump", "person2": "putin"},
        "what-did-x-say-about-y": {"person": "hegseth", "topic": "NATO"},
        "persons-in-article": {"article": _article(seed)},
    }
    assert set(cases) == set(queries)
    for name, args in cases.items():
        text, bound = queries[name].bind(args, searcher(seed))
        expected = _answers(seed, text, bound)
        assert expected, name
        assert _answers(seed, substitute(text, bound)) == expected, name


def test_rewritten_page_queries_answer_as_substitutions_do(seed):
    from server.pages import _INCOMING, _PROPERTIES

    person = ox.NamedNode(PERSON)
    for text, var in ((_PROPERTIES, "s"), (_INCOMING, "o"), ("DESCRIBE ?s", "s")):
        expected = _answers(seed, text, {var: person})
        assert expected
        assert _answers(seed, substitute(text, {var: person})) == expected
