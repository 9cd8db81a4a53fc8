"""The attribution forms table (kg.extract.forms): each row's example sentence is found by that
form alone and survives the whole extraction; the table's order decides which form gets a quote.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.cues import find_cues
from kg.extract.forms import FORMS, Form, find_candidates
from kg.extract.forms.base import ByCue, Candidate, Context, Continuing, Found
from kg.extract.parse import parse
from kg.extract.people import People
from kg.extract.quotes import find_quotes
from kg.model import Article, SpeechMode
from kg.readers.posts import find_posts


def _context(nlp, body: str) -> Context:
    article = Article(body=body, source="example.txt", posts=find_posts(body))
    parsed = parse(body, nlp)
    quotes = [q for q in find_quotes(body)
              if not any(p.span.begin <= q.begin < p.span.end for p in article.posts)]
    people = People(parsed, known=tuple(post.author for post in article.posts))
    authors = {i: people.known_as[post.author] for i, post in enumerate(article.posts)}
    return Context(parsed, tuple(quotes), find_cues(parsed, quotes), article, people, authors)


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_each_forms_example_is_found_by_that_form(nlp, form: Form) -> None:
    body, expected = form.example
    ctx = _context(nlp, body)
    found = form.find(ctx, frozenset())
    assert expected in [body[c.begin : c.end] for c in found.candidates]


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_each_forms_example_is_a_statement_of_the_whole_extraction(nlp, form: Form) -> None:
    body, expected = form.example
    article = Article(body=body, source="example.txt", posts=find_posts(body))
    assert expected in [s.text for s in extract(article, nlp).statements]


def test_a_quote_goes_to_the_first_form_that_claims_it(nlp) -> None:
    """A quote with a cue after it is the cue's, not a floating quote: the table's order decides."""
    ctx = _context(nlp, '"We will rebuild every school," Mayor Ana Diaz said.')
    assert [type(c.speaker) for c in find_candidates(ctx)] == [ByCue]
    floating_first = tuple(sorted(FORMS, key=lambda f: f.name != "floating quote"))
    assert Continuing in [type(c.speaker) for c in find_candidates(ctx, floating_first)]


def test_a_form_that_yields_gives_way_to_an_earlier_candidate(nlp) -> None:
    body, _ = FORMS[-1].example
    ctx = _context(nlp, body)
    headline = FORMS[-1]
    assert headline.yields and find_candidates(ctx, (headline,))  # alone, it reads the headline

    def covering(ctx: Context, claimed: frozenset[int]) -> Found:
        return Found((Candidate(0, 12, SpeechMode.INDIRECT, Continuing()),))

    earlier = Form("covering", covering, ("", ""))
    assert [c.begin for c in find_candidates(ctx, (earlier, headline))] == [0]
