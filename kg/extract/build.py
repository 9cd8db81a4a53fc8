"""The model's values of one article, constructed here and nowhere else in the extraction:
Agents (persons and organisations), Offices, OfficeHoldings, Statements and Meetings.

`Agents` is the one table of agents: a person's agent is made once from the person, an
organisation's on first use by name (statements first, then meetings), so a statement and a
meeting naming the same body share its agent. `office_table` merges title mentions into offices
and holdings; `build_statements` turns resolved candidates into statements, one per span, and
`build_meetings` the meetings stage's meetings into Meetings of agents.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.extract.attribute import Resolved
from kg.extract.dates import stated_on
from kg.extract.forms.base import Candidate
from kg.extract import lexicon as lx
from kg.extract.lexicon import ADDRESS_FORMS
from kg.extract.meetings import Body, FoundMeeting
from kg.extract.offices import Offices
from kg.extract.titles import display_name
from kg.extract.parse import Parsed
from kg.extract.people import People, Person
from kg.extract.speakers import Who
from kg.identity import slug
from kg.model import Agent, AgentKind, Article, Meeting, Office, OfficeHolding, Span, Statement


class Agents:
    """The agents of one article: every person's, and each organisation's once it is named as a
    speaker or a participant (the first spelling of a name's key gives the agent its name)."""

    def __init__(self, text: str, people: People) -> None:
        self.text = text
        self.of_person: dict[Person, Agent] = {p: person_agent(text, p) for p in people.persons}
        self._by_key: dict[str, Agent] = {a.key: a for a in self.of_person.values()}
        self._named: list[Agent] = []  # organisations, in order of first use
        self._scopes: dict[str, str] = {}  # a body's name as printed -> with its country scope
        self._formals: dict[str, str] = {}  # a body's descriptive name -> its formal name

    def of(self, who: Who) -> Agent | None:
        """The agent a resolved speaker is; None for a title nobody was found to hold."""
        if who.person is not None:
            return self.of_person.get(who.person)
        if who.org:
            return self.organization(who.org)
        return None

    def of_participant(self, who: Person | Body) -> Agent | None:
        """The agent of a meeting's participant: a person's, or a body's by its name."""
        return self.of(Who(org=who.name)) if isinstance(who, Body) else self.of_person.get(who)

    def organization(self, name: str) -> Agent:
        name = self._formal(self._scoped(name))
        key = slug(name)
        if key not in self._by_key:
            self._by_key[key] = Agent(key, name, AgentKind.ORGANIZATION)
            self._named.append(self._by_key[key])
        return self._by_key[key]

    def _formal(self, name: str) -> str:
        """A ministry or department named by a descriptive phrase under the formal name the
        article also prints: "China's foreign ministry" -> "China's Ministry of Foreign Affairs",
        'the Defence Department' -> 'Department of Defense' (the first word after 'of' begins as
        the descriptive word does); the phrase's country scope is kept when the formal name
        prints none."""
        if name in self._formals:
            return self._formals[name]
        self._formals[name] = name
        m = _DESCRIPTIVE_BODY.match(name)
        if m:
            kind, stem = m["kind"].lower(), m["word"].lower()[:5]
            for f in _FORMAL_BODY.finditer(self.text):
                if f["kind"].lower() == kind and f["word"].lower().startswith(stem):
                    formal = f"{f['kind'].capitalize()} of {f['field']}"
                    scope = f["scope"] or m["scope"] or ""
                    self._formals[name] = f"{scope}{formal}"
                    break
        return self._formals[name]

    def _scoped(self, name: str) -> str:
        if name not in self._scopes:
            self._scopes[name] = self._scope(name)
        return self._scopes[name]

    def _scope(self, name: str) -> str:
        """A body's name with the country the article scopes it by where it prints one: 'State
        Department' -> 'US State Department', 'Foreign Affairs Ministry' -> "Ukraine's Foreign
        Affairs Ministry" (the longest such form printed; a name already scoped stays)."""
        if name.split()[0].lower().removesuffix("'s").removesuffix("’s") in lx.COUNTRIES:
            return name
        best = name
        for m in re.finditer(r"\b((?:[A-Z][\w.]*\s+){0,2}[A-Z][\w.]*?)(['’]s)?\s+" + re.escape(name) + r"\b",
                             self.text):
            parts = m.group(1).split()
            for k in range(len(parts)):  # 'Monday. Peru': the words that name a country
                scope = " ".join(parts[k:])
                if scope.lower() in lx.COUNTRIES or scope.lower().removeprefix("the ") in lx.COUNTRIES:
                    found = f"{scope}{m.group(2) or ''} {name}"
                    if len(found) > len(best):
                        best = found
                    break
        return best

    def listed(self, statements, meetings) -> tuple[Agent, ...]:
        """Every person's agent, then the organisations that speak, then those that only meet."""
        persons = [a for a in self._by_key.values() if a.kind is AgentKind.PERSON]
        used = {s.speaker.key for s in statements}
        speaking = [a for a in self._named if a.key in used]
        meeting = [a for m in meetings for a in m.participants if a.kind is AgentKind.ORGANIZATION]
        return tuple(dict.fromkeys([*persons, *speaking, *meeting]))


# "China's foreign ministry", 'the Foreign Affairs Ministry', 'State Department'
_DESCRIPTIVE_BODY = re.compile(
    r"(?P<scope>(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?['’]s\s+|the\s+|[A-Z]{2,}\s+)?"
    r"(?P<word>[A-Za-z]+)(?:\s+[A-Za-z]+)?\s+(?P<kind>ministry|department)$", re.IGNORECASE)
# "China's Ministry of Foreign Affairs", 'the Department of Defense'
_FORMAL_BODY = re.compile(
    r"(?:(?P<scope>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?['’]s\s+))?(?P<kind>Ministry|Department)\s+of\s+"
    r"(?:the\s+)?(?P<field>(?P<word>[A-Z][a-z]+)(?:\s+(?:and\s+)?[A-Z][a-z]+)*)")


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
    first: dict[Person, str]  # the key of the first office printed for each person


def office_table(text: str, offices: Offices, person_agents: dict[Person, Agent]) -> OfficeTable:
    """Merge title mentions into offices (alt names: every printed form) and holdings."""
    forms: dict[str, set[str]] = defaultdict(set)
    meta: dict[str, tuple] = {}
    evidence: dict[tuple[str, str], Span] = {}
    first: dict[Person, str] = {}
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
            evidence.setdefault((person_agents[m.person].key, key), Span(m.begin, m.end))
            first.setdefault(m.person, key)
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
    article: Article, parsed: Parsed, resolved: list[Resolved], agents: Agents, table: OfficeTable
) -> tuple[Statement, ...]:
    """Statements from resolved candidates; the same words by the same speaker count once
    (a photo caption repeating a quote), and one span is one statement: the first candidate's
    speaker and verb (candidates come in the order of precedence), a second reading of the same
    words is not a second statement, but each speaker a coordinated subject names has the
    candidate's statement ('Valdoria and Norland said ...': one each)."""
    text = article.body
    statements: list[tuple[Candidate, Statement]] = []
    seen: set[tuple[str, str]] = set()
    last_date: tuple = (None, None)
    for cand, who, verb in resolved:
        agent = agents.of(who)
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
        if who.person is not None and who.person in table.first:
            capacity = table.offices.get(table.first[who.person])
        if cand.floating:
            when = last_date  # a continuation of the statement before it
        else:
            when = stated_on(text, _time_adjuncts(parsed, cand), article.published)
        last_date = when
        statements.append((cand,
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
        ))
    first: dict[tuple[int, int], Candidate] = {}
    for cand, statement in statements:
        first.setdefault((statement.span.begin, statement.span.end), cand)
    return tuple(st for cand, st in statements if first[(st.span.begin, st.span.end)] is cand)


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


def build_meetings(found: Iterable[FoundMeeting], agents: Agents) -> tuple[Meeting, ...]:
    """Meetings of agents, in the order found: each participant's agent once (two bodies' names
    may be one organisation's), made on first use after the statements' own; a meeting with no
    agent, or with one and neither a place nor a counterpart described, is none."""
    out = []
    for m in found:
        met = tuple(dict.fromkeys(a for a in map(agents.of_participant, m.participants) if a is not None))
        if not met or (len(met) < 2 and not m.place and not m.unnamed):
            continue
        out.append(Meeting(participants=met, status=m.status, evidence=Span(*m.evidence), mode=m.mode,
                           location=m.place, start=m.day, time_expression=m.time_expression,
                           unnamed=m.unnamed))
    return tuple(out)
