"""Meetings, calls and visits, with their participants, status, mode, place and date (issue 5).

A meeting is found from a trigger in the parse: a verb of meeting ("met", "hosted", "spoke with",
"visited", "called"), or a noun that names one ("talks", "summit", "phone call", "state visit",
"banquet"), including the idiom "on the phone with". Its participants are the people the syntax
ties to the trigger: the subject of the clause (through control verbs: "Lee is scheduled to have a
meeting"), objects and "with"/"between" phrases, possessors ("Lee's summit"), and the invitee of
"invited X to visit". Status comes from the clause's modality: cancellation verbs, then proposal
cues ("would probably meet", "invited ... to visit", "could take place"), then plans ("will",
"scheduled to", "agreed to"), else held. Dates come from the clause's date expressions, resolved by
`kg.temporal` against the publication date and the tense.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Token

from kg.model import MeetingMode, MeetingStatus
from kg.temporal import resolve_date

MEET_VERBS = frozenset("meet host welcome receive visit confer phone telephone accompany".split())
WITH_VERBS = frozenset("talk speak chat confer negotiate dine".split())  # need "with" (or a phone cue)
TRAVEL_VERBS = frozenset("travel fly arrive head leave depart".split())
MEETING_NOUNS = frozenset(
    "meeting summit talks talk call conversation visit trip banquet luncheon lunch dinner "
    "breakfast tea hearing tete-a-tete sit-down".split()
)
MEAL_NOUNS = frozenset("banquet luncheon lunch dinner breakfast tea".split())
VISIT_WORDS = frozenset("visit trip travel fly arrive head leave depart".split())
PHONE_WORDS = frozenset("phone telephone call phoned telephoned".split())
VIDEO_WORDS = frozenset("video videoconference virtual virtually online remote".split())
CANCEL_VERBS = frozenset("cancel scrap postpone".split())
PROPOSE_VERBS = frozenset(
    "invite propose suggest offer hope want seek consider urge push ask request".split()
)
PROPOSE_WORDS = frozenset("possible potential possibly probably perhaps maybe likely".split())
PLAN_VERBS = frozenset("schedule plan set expect agree prepare arrange due intend".split())
UNCERTAIN_MODALS = frozenset("would could may might".split())
FUTURE_MODALS = frozenset("will shall 'll".split())
PERSON_GROUP_HEADS = frozenset("minister ministers secretary secretaries leader leaders".split())


@dataclass
class Found:
    """A meeting as found in one sentence; participants are the extractor's person objects."""

    participants: list[object]
    status: MeetingStatus
    mode: MeetingMode | None
    place: str | None
    day: date | None
    time_expression: str | None
    evidence: tuple[int, int]
    visit: bool = False
    anaphoric: bool = False  # "the same meeting", "the talks": refers back to one already named
    kind: str = "meeting"    # meeting, call, visit or meal: mentions of one event share it


Resolve = Callable[[Token], object | None]   # token -> person object (or None)
Offsets = Callable[[Token], int]


def find_meetings(sentences, *, resolve: Resolve, begin: Offsets, end: Offsets,
                  published: date | None) -> list[Found]:
    """Find the meetings in parsed sentences (spaCy spans), one per event and sentence."""
    found: list[Found] = []
    for sent in sentences:
        for tok in sent:
            trigger = _trigger(tok)
            if trigger is None:
                continue
            meeting = _read(tok, trigger, sent, resolve, begin, end, published)
            if meeting is not None:
                found.append(meeting)
    return _merge(found)


def _trigger(tok: Token) -> str | None:
    """'verb', 'noun', 'phone' (on the phone) or 'travel', when the token can start a meeting."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        if lemma in MEET_VERBS:
            return "verb"
        if lemma in WITH_VERBS and any(c.lower_ == "with" for c in tok.children):
            return "verb"
        if lemma == "call" and any(c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON") for c in tok.children) \
                and not _called_name(tok):
            return "verb"
        if lemma in TRAVEL_VERBS and any(c.lower_ in ("to", "for") for c in tok.children):
            return "travel"
        if lemma == "address" and _addresses_a_body(tok):
            return "verb"
        return None
    if tok.pos_ in ("NOUN", "PROPN") and lemma in MEETING_NOUNS:
        if lemma in ("call", "conversation", "talk") and not _phone_context(tok) and lemma != "talk":
            return "noun" if any(c.lower_ in ("with", "between") for c in tok.children) else None
        return "noun"
    if lemma == "phone" and tok.dep_ == "pobj" and tok.head.lower_ in ("on", "by", "over"):
        return "phone"
    return None


ASSEMBLY_NOUNS = frozenset("assembly parliament congress conference summit rally forum session "
                           "convention council senate".split())


def _addresses_a_body(verb: Token) -> bool:
    """'addressed the General Assembly', 'addressing ... at the UN': a speech to a gathering."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [_pobj(t) for t in _local(verb) if t.dep_ == "prep" and t.lower_ == "at"]
    return any(o is not None and (o.ent_type_ in ("ORG", "FAC", "EVENT") or o.lemma_.lower() in ASSEMBLY_NOUNS)
               for o in objects)


def _called_name(verb: Token) -> bool:
    """'called him a liar', 'called for talks', 'called off a trip': not a phone call."""
    for c in verb.children:
        if c.dep_ in ("oprd", "ccomp", "prt"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("for", "on") and not any(
                g.ent_type_ in ("DATE", "TIME") for g in c.children):  # 'called on Friday' is a date
            return True
        if c.dep_ == "xcomp" and c.pos_ not in ("VERB", "AUX"):
            return True
    return False


def _phone_context(tok: Token) -> bool:
    return any(t.lower_ in PHONE_WORDS | VIDEO_WORDS for t in tok.subtree) or \
        any(t.lower_ in ("phone", "telephone") for t in tok.children)


SUPPORT_VERBS = frozenset(
    "have hold attend pay make host join begin open conclude end wrap spend chair lead "
    "accompany start resume continue arrange cancel postpone scrap skip call".split()
)
ADJUNCT_PREPS = frozenset("during at after before on in following ahead amid over".split())
CLAUSAL = frozenset("ccomp advcl relcl conj xcomp csubj parataxis acl pcomp".split())


def _support(noun: Token) -> tuple[Token | None, str]:
    """The verb a meeting noun hangs from, and how: 'arg' (its object or subject) or 'adjunct'
    (a time or place phrase: 'during a call', 'ahead of a meeting'); None when it lies deeper."""
    node = noun
    while node.dep_ in ("compound", "conj", "appos") and node.head.i != node.i:
        node = node.head
    head = node.head
    if node.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head, "arg"
    if node.dep_ == "pobj" and head.dep_ == "prep":
        prep, verb = head, head.head
        if prep.lower_ == "of" and verb.lower_ == "ahead":  # 'ahead of'
            prep, verb = verb, verb.head
        if verb.pos_ in ("VERB", "AUX") and prep.lower_ in ADJUNCT_PREPS:
            return verb, "adjunct"
    return None, "deep"


def _local(node: Token) -> list[Token]:
    """The node and what hangs from it inside its own clause."""
    out = [node]
    for child in node.children:
        if child.dep_ not in CLAUSAL:
            out.extend(_local(child))
    return out


def _read(tok, trigger, sent, resolve, begin, end, published) -> Found | None:
    people: list[object] = []

    def add(t: Token | None) -> None:
        for member in _conjuncts(t):
            who = resolve(member)
            for person in who if isinstance(who, list) else [who]:
                if person is not None and person not in people:
                    people.append(person)

    def add_subject(verb: Token) -> None:
        subject = _subject(verb)
        add(subject)
        for acl in subject.children if subject is not None else ():
            # "The two presidents, accompanied by their wives, attended ...": the companions too
            if acl.dep_ == "acl" and acl.lemma_.lower() in ("accompany", "join"):
                for by in acl.children:
                    if by.dep_ == "agent" or (by.dep_ == "prep" and by.lower_ == "by"):
                        add(_pobj(by))

    def add_with(node: Token) -> None:
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "between"):
                add(_pobj(child))

    lemma = tok.lemma_.lower()
    if trigger in ("verb", "travel"):
        support, how = tok, "self"
        add_subject(tok)
        for child in tok.children:
            if child.dep_ in ("dobj", "nsubjpass") and lemma not in VISIT_WORDS:
                add(child)
        add_with(tok)
        for t in _local(tok):  # 'visit Japan for summit talks with X'
            if t is not tok and t.lemma_.lower() in MEETING_NOUNS:
                add_with(t)
        _invitee(tok, add)
    else:
        support, how = (tok.head.head, "adjunct") if trigger == "phone" else _support(tok)
        for child in tok.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                add(child)
            if child.dep_ == "prep" and child.lower_ in ("by", "of"):
                add(_pobj(child))
        add_with(tok)
        between = any(c.lower_ == "between" for c in tok.children)
        if support is not None and not between and (
                how == "adjunct" or support.lemma_.lower() in SUPPORT_VERBS):
            add_subject(support)
            add_with(support)
            _invitee(support, add)
    visit = lemma in VISIT_WORDS or (trigger == "travel")
    scope = _local(tok) + (_local(support) if support is not None and support is not tok else [])
    place = _place(scope, tok if visit else None, resolve)
    if not people or (len(people) < 2 and not place):
        return None
    chain = _chain(tok, support, how)
    if any(t.dep_ == "neg" for t in chain):
        return None  # "did not meet": no meeting
    status = _status(chain)
    outer = [t for v in chain if v.pos_ in ("VERB", "AUX") and v is not support for t in _local(v)]
    future = status in (MeetingStatus.PLANNED, MeetingStatus.PROPOSED)
    expression, day = _date(tok, (scope, outer), sent, published, future)
    mode = _mode(tok, support, visit)
    kind = ("call" if mode in (MeetingMode.PHONE_CALL, MeetingMode.VIDEO_CALL) else "visit" if visit
            else "meal" if lemma in MEAL_NOUNS else "meeting")
    return Found(participants=people, status=status, mode=mode, place=place, kind=kind,
                 day=day, time_expression=expression,
                 evidence=(begin(sent[0]), end(sent[-1])), visit=visit,
                 anaphoric=tok.pos_ == "NOUN" and any(
                     c.lower_ in ("this", "that", "same") for c in tok.children))


def _conjuncts(tok: Token | None) -> list[Token]:
    if tok is None:
        return []
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    for child in tok.children:
        if child.dep_ == "appos":
            out.append(child)
    return out


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _subject(verb: Token) -> Token | None:
    """The subject of the verb, through control and raising ("is scheduled to have", "agreed to
    meet") and conjoined verbs."""
    node = verb
    for _ in range(5):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            if subj.lower_ in ("who", "that") and node.dep_ == "relcl":
                return node.head
            return subj
        if node.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl", "acomp") or node.head.i == node.i:
            return None
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in PROPOSE_VERBS:
            obj = next((c for c in node.head.children if c.dep_ == "dobj"), None)
            if obj is not None:  # object control: "invited X to visit"
                return obj
        node = node.head
    return None


def _invitee(verb: Token, add: Callable[[Token | None], None]) -> None:
    """'X invited Y to visit': both X and Y take part."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("invite", "ask", "urge"):
        add(next((c for c in verb.head.children if c.dep_ == "nsubj"), None))
        add(next((c for c in verb.head.children if c.dep_ == "dobj"), None))


def _chain(tok: Token, support: Token | None, how: str) -> list[Token]:
    """The words whose modality is the meeting's: the trigger and its modifiers, then the verb
    it is the argument of and the control verbs above ('is scheduled to', 'agreed to', 'invited
    ... to'), through coordination ('is to have lunch and meet'). A meeting named in a time
    phrase ('during a call') takes only the verb's auxiliaries."""
    words = [tok, *tok.children]
    if support is None or (support is tok and how != "self"):
        return words
    if how == "adjunct":
        return words + [c for c in support.children if c.dep_ in ("aux", "neg")]
    node = support
    for _ in range(6):
        words += [node, *(c for c in node.children
                          if c.dep_ in ("aux", "auxpass", "advmod", "neg", "acomp", "prt"))]
        if node.dep_ not in ("xcomp", "conj", "acomp") or node.head.i == node.i:
            break
        node = node.head
    return words


def _forms(t: Token) -> set[str]:
    """The token's lemma, and its plain forms without -s/-d/-ed (the small model's lemmatizer
    misses some: 'hoped' -> 'hop')."""
    low = t.lower_
    return {t.lemma_.lower(), low, low[:-1], low[:-2]}


def _status(words: list[Token]) -> MeetingStatus:
    lemmas = {form for t in words for form in _forms(t)}
    lowers = {t.lower_ for t in words}
    if lemmas & CANCEL_VERBS or ("call" in lemmas and "off" in lowers):
        return MeetingStatus.CANCELLED
    if lemmas & PROPOSE_VERBS or lowers & PROPOSE_WORDS or \
            any(t.lower_ in UNCERTAIN_MODALS and t.dep_ == "aux" for t in words):
        return MeetingStatus.PROPOSED
    if lemmas & PLAN_VERBS or lowers & FUTURE_MODALS or lowers & {"upcoming", "planned", "scheduled"}:
        return MeetingStatus.PLANNED
    return MeetingStatus.HELD


def _mode(tok: Token, verb: Token | None, visit: bool) -> MeetingMode | None:
    heads = [tok, *tok.children, *(verb.children if verb is not None else [])]
    near = {t.lower_ for t in heads} | {g.lower_ for t in heads if t.dep_ == "prep" for g in t.children}
    near |= {t.lower_ for t in tok.subtree} if tok.pos_ == "NOUN" else set()
    if near & VIDEO_WORDS:
        return MeetingMode.VIDEO_CALL
    if near & PHONE_WORDS or tok.lemma_.lower() in ("phone", "telephone", "call"):
        return MeetingMode.PHONE_CALL
    if visit or tok.lemma_.lower() in ("meet", "summit", "banquet", "luncheon", "lunch", "dinner", "host", "welcome"):
        return MeetingMode.IN_PERSON
    return None


def _place(scope: list[Token], visit_verb: Token | None, resolve: Resolve) -> str | None:
    """A named place in the meeting's clause: 'in Beijing', 'at the National Assembly', 'visit
    Moscow'. spaCy's small model leaves some cities untyped, so an untyped proper noun after
    'in', 'at' or 'to' counts too; an organisation counts after 'at' ('at the UN')."""
    if visit_verb is not None and visit_verb.lemma_.lower() not in ("leave", "depart"):
        for child in visit_verb.children:
            if child.dep_ == "dobj" and _is_place(child, "to", resolve):
                return _entity_text(child)
    for t in scope:
        if t.dep_ == "prep" and t.lower_ in ("in", "at", "to", "for", "aboard") and not (
                t.lower_ == "for" and t.head.lemma_.lower() not in ("leave", "depart")):
            obj = _pobj(t)
            if obj is not None and _is_place(obj, t.lower_, resolve):
                return _entity_text(obj)
    return None


def _is_place(tok: Token, prep: str, resolve: Resolve) -> bool:
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if tok.ent_type_ == "PERSON":  # the small model takes some cities for people ('to Kyiv')
        return tok.pos_ == "PROPN" and resolve(tok) is None
    if tok.ent_type_ == "ORG":
        return prep == "at"
    return tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isupper()


def _entity_text(tok: Token) -> str:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text.removeprefix("the ").removeprefix("The ")
    words = [t for t in tok.subtree if t.dep_ in ("compound", "flat") or t is tok]
    return " ".join(t.text for t in words)


def _date(tok, scopes, sent, published, future) -> tuple[str | None, date | None]:
    """The date expression of the meeting: in the trigger's own phrase first, then in the
    clauses that govern it; resolved against the publication date and the tense."""
    expression = None
    for scope in scopes:
        inside = {t.i for t in scope}
        ents = [e for e in sent.ents if e.label_ in ("DATE", "TIME") and e.root.i in inside]
        for ent in sorted(ents, key=lambda e: abs(e.start - tok.i)):
            day = resolve_date(ent.text, published, future=future)
            if day is not None:
                return ent.text, day
            expression = expression or ent.text
    return expression, None


def _merge(found: list[Found]) -> list[Found]:
    """One event mentioned twice is one meeting: the participants of one contain the other's,
    and their status, day, place and time expression do not conflict."""
    out: list[Found] = []
    for m in found:
        same = next((o for o in out if _same_event(o, m)), None)
        if same is None:
            out.append(m)
            continue
        if len(m.participants) > len(same.participants):
            same.participants = m.participants
        same.day = same.day or m.day
        same.time_expression = same.time_expression or m.time_expression
        same.place = same.place or m.place
        same.mode = same.mode or m.mode
    return out


def _same_event(a: Found, b: Found) -> bool:
    pa, pb = {id(p) for p in a.participants}, {id(p) for p in b.participants}
    if not (pa <= pb or pb <= pa) or a.status != b.status or a.kind != b.kind:
        return False
    if pa != pb and not (a.place and a.place == b.place) and not (a.anaphoric or b.anaphoric):
        return False  # a part of the participants joins a meeting at the same place, or by reference
    def clash(x: object, y: object) -> bool:
        return x is not None and y is not None and x != y
    return not (clash(a.day, b.day) or clash(a.place, b.place)
                or (a.day is None and b.day is None and clash(a.time_expression, b.time_expression)))


GROUP_HEADS = {
    "leader": {"president", "leader", "premier", "chancellor", "minister", "king", "emperor"},
    "president": {"president"},
    "minister": {"minister", "secretary"},
    "secretary": {"minister", "secretary"},
    "premier": {"premier", "minister"},
    "lady": {"lady"},
    "chief": {"chief", "head", "secretary-general"},
}
_SPELLING = {"defence": "defense", "labour": "labor"}


def group_members(tok: Token, titles: dict[int, list], persons: list, last_seen) -> list:
    """The persons a plural title stands for: 'the two first ladies', 'defence ministers'.

    A person belongs when one of their titles has a head of the same kind and every modifier that
    is a word of some title in the article ('defence', 'first'); with a number ('the two
    leaders'), the most recently mentioned that many.
    """
    lemma = tok.lemma_.lower()
    if tok.tag_ != "NNS" or lemma not in GROUP_HEADS:
        return []
    vocabulary = {w for roles in titles.values() for _, role in roles for w in role.split()}
    mods = [_SPELLING.get(c.lower_, c.lower_) for c in tok.children if c.dep_ in ("amod", "compound")]
    mods = [m for m in mods if m in vocabulary]
    number = next((c for c in tok.children if c.dep_ == "nummod"), None)
    if not mods and number is None:
        return []
    members = [p for p in persons if any(
        head in GROUP_HEADS[lemma] and all(m in role.split() for m in mods)
        for head, role in titles.get(id(p), []))]
    members.sort(key=lambda p: last_seen(p, tok), reverse=True)
    if number is not None:
        count = {"two": 2, "three": 3, "four": 4, "both": 2}.get(number.lower_)
        if count is None or len(members) < count:
            return []
        members = members[:count]
    return members


def meetings_of(parsed, people, offices, speakers, agent_of: Callable[[object], object | None],
                published: date | None) -> tuple:
    """Find the meetings of a parsed article as `kg.model.Meeting`s.

    `speakers.resolve(token)` maps a token (a name, a pronoun, a title) to a resolved mention
    whose `.person` is the extractor's person; `offices.of(person)` lists a person's titles;
    `agent_of(person)` gives that person's Agent.
    """
    from kg.model import Meeting, Span

    titles = {id(p): [(t.head, _norm_role(t.role)) for m in offices.of(p) for t in m.titles]
              for p in people.persons}
    mentions = people.mentions()

    def last_seen(person, tok: Token) -> int:
        here = parsed.begin(tok)
        return max((b for b, _, p in mentions if p is person and b < here), default=-1)

    def resolve(tok: Token) -> object | list | None:
        if tok.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        if tok.tag_ == "NNS":  # a plural title stands for a group, never for one person
            return group_members(tok, titles, people.persons, last_seen) or None
        who = speakers.resolve(tok)
        person = getattr(who, "person", None) if who is not None else None
        return person

    out = []
    for m in find_meetings(parsed.sents, resolve=resolve, begin=parsed.begin, end=parsed.end,
                           published=published):
        agents = tuple(dict.fromkeys(a for a in (agent_of(p) for p in m.participants) if a is not None))
        if not agents or (len(agents) < 2 and not m.place):
            continue
        out.append(Meeting(participants=agents, status=m.status, evidence=Span(*m.evidence),
                           mode=m.mode, location=m.place, start=m.day, time_expression=m.time_expression))
    return tuple(out)


def _norm_role(role: str) -> str:
    return " ".join(_SPELLING.get(w, w) for w in role.lower().split())
