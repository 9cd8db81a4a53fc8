"""From candidates, people and titles to the model's values: speakers in document order, Agents,
Offices, OfficeHoldings and Statements.

`resolve_speakers` walks the statement candidates in document order so that pronouns and
floating quotes can look back at the previous speaker; a title with no holder yet ("France's
defence minister warned ...") is handed to the next named speaker (`resolve_cataphora`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from kg.extract.cues import is_cue
from kg.extract.dates import stated_on
from kg.extract.forms.base import ByCue, ByPhrase, Candidate, Continuing, Named
from kg.extract.lexicon import ADDRESS_FORMS
from kg.extract.offices import Offices, TitleMention, display_name
from kg.extract.parse import Parsed
from kg.extract.people import Person
from kg.extract.speakers import Speakers, Who
from kg.identity import slug
from kg.model import Agent, AgentKind, Article, Office, OfficeHolding, Span, SpeechMode, Statement

Resolved = tuple[Candidate, Who, "str | None"]


def resolve_speakers(
    parsed: Parsed, candidates: tuple[Candidate, ...], speakers: Speakers
) -> list[Resolved]:
    """Give each candidate its speaker and reporting verb, in document order."""
    resolved: list[Resolved] = []
    last_who: Who | None = None
    last_verb: str | None = None
    for cand in candidates:
        verb = cand.reporting_verb
        match cand.speaker:
            case Named(person):
                who = Who(person=person)
            case Continuing():
                who, verb = last_who, last_verb
                ahead = _continuation(parsed, candidates, cand)
                if ahead is not None:  # a quote running over paragraphs, attributed at its end
                    peek = speakers.speaker_of_cue(ahead.cue, is_cue)
                    if peek is not None:
                        who, verb = peek, ahead.cue.lemma_.lower()
            case ByPhrase(phrase):
                who = speakers.resolve(phrase)
            case ByCue(cue):
                who = speakers.speaker_of_cue(cue, is_cue)
        if who is None:
            continue
        resolved.append((cand, who, verb))
        if who.person is not None or who.org is not None:
            speakers.spoke(who.person, cand.begin)
            last_who, last_verb = who, verb
    return resolved


def _continuation(parsed: Parsed, candidates: tuple[Candidate, ...], cand: Candidate) -> Candidate | None:
    """The attributed quote that closes a chain of open paragraph quotes starting at `cand`; none
    when something attributed precedes `cand` in its paragraph (it continues that)."""
    if not cand.runs_on:
        return None
    para = parsed.para_index(cand.begin)
    if any(
        c.begin < cand.begin and parsed.para_index(c.begin) == para and not c.floating
        for c in candidates
    ):
        return None
    for later in candidates:
        if later.begin <= cand.begin:
            continue
        lp = parsed.para_index(later.begin)
        if lp != para + 1 or later.begin - parsed.paras[lp][0] > 1:
            return None
        if later.floating and later.runs_on:
            para = lp
            continue
        return (
            later
            if (later.cue is not None and not later.floating and later.mode is SpeechMode.DIRECT)
            else None
        )
    return None


def resolve_cataphora(parsed: Parsed, resolved: list[Resolved], offices: Offices) -> None:
    """'France's defence minister warned ...' then '"...," Sebastien Lecornu told reporters':
    a title with no holder is the next named speaker within two paragraphs who has no title
    printed or one of the same head ('his top adviser said' ... 'X, the security adviser')."""
    for i, (cand, who, verb) in enumerate(resolved):
        if who.title is None:
            continue
        para = parsed.para_index(cand.begin)
        for later, lwho, _ in resolved[i + 1 :]:
            if parsed.para_index(later.begin) > para + 2:
                break
            if lwho.person is not None and _may_hold(offices, lwho.person, who.title):
                resolved[i] = (cand, Who(person=lwho.person), verb)
                if not offices.of(lwho.person):  # else the office printed with the name stands
                    tb, te = who.span or (cand.begin, cand.end)
                    offices.mentions.append(TitleMention(lwho.person, [who.title], tb, te))
                break


def _may_hold(offices: Offices, person: Person, title) -> bool:
    mentions = offices.of(person)
    return not mentions or any(t.head == title.head for m in mentions for t in m.titles)


def person_agent(text: str, person: Person) -> Agent:
    """The Agent of a person: full name, every other printed form (with honorifics) as alt names."""
    alts: list[str] = []
    for b, e in person.mentions:
        surface = text[b:e]
        if surface != person.name and surface not in alts:
            alts.append(surface)
        # 'President Trump', 'Rep. Kim' - but not 'Minister X' out of 'Prime Minister X'
        prev = re.search(r"(?:^|[^\w\s.]\s*|\b[a-z]+\s+)(\b[A-Z][a-z]*\.?)\s+$", text[max(0, b - 30) : b])
        if prev and prev.group(1).lower() in ADDRESS_FORMS:
            titled = f"{prev.group(1)} {surface}"
            if titled not in alts:
                alts.append(titled)
    for form in sorted(person.forms):
        if form != person.name and form not in alts:
            alts.append(form)
    return Agent(
        person.key,
        person.name,
        AgentKind.PERSON,
        tuple(alts),
        tuple(Span(b, e) for b, e in person.mentions),
    )


@dataclass
class OfficeTable:
    """The offices of one article (one per key) and who holds them."""

    offices: dict[str, Office]
    holdings: tuple[OfficeHolding, ...]
    first: dict[int, str]  # id(person) -> key of the first office printed for them


def office_table(text: str, offices: Offices, person_agents: dict[int, Agent]) -> OfficeTable:
    """Merge title mentions into offices (alt names: every printed form) and holdings."""
    forms: dict[str, set[str]] = defaultdict(set)
    meta: dict[str, tuple] = {}
    evidence: dict[tuple[str, str], Span] = {}
    first: dict[int, str] = {}
    for m in offices.mentions:
        surface = text[m.begin : m.end]
        for title in m.titles:
            jur, org = offices.scope(m, title)
            # a title with no country or organisation in sight stays unscoped (kg.rdf keeps such an
            # office per article) rather than being given a guessed country
            key = title.key() or (f"{jur or slug(org)}.{slug(title.role)}" if jur or org
                                  else slug(title.role))
            forms[key].add(title.surface if title.surface in surface else surface)
            meta.setdefault(key, (display_name(title, jur), jur if not org else None, org))
            evidence.setdefault((person_agents[id(m.person)].key, key), Span(m.begin, m.end))
            first.setdefault(id(m.person), key)
    table = {
        key: Office(
            key, name, tuple(sorted(forms[key] - {name})), jurisdiction=jur, organization=org
        )
        for key, (name, jur, org) in meta.items()
    }
    by_key = {a.key: a for a in person_agents.values()}
    holdings = tuple(
        OfficeHolding(by_key[pk], table[ok], span) for (pk, ok), span in evidence.items()
    )
    return OfficeTable(table, holdings, first)


def build_statements(
    article: Article, parsed: Parsed, resolved: list[Resolved], agent_of, table: OfficeTable
) -> list[Statement]:
    """Statements from resolved candidates; the same words by the same speaker count once
    (a photo caption repeating a quote)."""
    text = article.body
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
        if who.person is not None and id(who.person) in table.first:
            capacity = table.offices.get(table.first[id(who.person)])
        if cand.floating:
            when = last_date  # a continuation of the statement before it
        else:
            when = stated_on(text, _time_adjuncts(parsed, cand), article.published)
        last_date = when
        statements.append(
            Statement(
                agent,
                body,
                Span(cand.begin, cand.end),
                cand.mode,
                reporting_verb=verb,
                sentence=sentence,
                stated_on=when[0],
                time_expression=when[1],
                in_capacity_of=capacity,
            )
        )
    return statements


def _time_adjuncts(parsed: Parsed, cand: Candidate) -> list[tuple[int, int]]:
    """Body ranges of the cue's own time adjuncts ('said on Friday', 'told reporters Monday'),
    and those of a participle clause on it ('Speaking in Geneva last Thursday, she said')."""
    if cand.cue is None:
        return []
    out = []
    scene = [g for c in cand.cue.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN")
             for g in c.children]
    for child in [*cand.cue.children, *scene]:
        if (
            child.dep_ in ("npadvmod", "tmod")
            or child.dep_ == "prep"
            and child.lower_ in ("on", "in", "during")
        ):
            toks = list(child.subtree)
            b, e = parsed.begin(toks[0]), parsed.end(toks[-1])
            if e <= cand.begin or b >= cand.end:
                out.append((b, e))
    return out
