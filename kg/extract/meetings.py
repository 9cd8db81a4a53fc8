"""Meetings, calls and visits, with their participants, status, mode, place and date (issue 5).

A meeting is found from a trigger in the parse: a verb of meeting ("met", "hosted", "spoke with",
"visited", "called"), or a noun that names one ("talks", "summit", "phone call", "state visit",
"banquet"), including the idiom "on the phone with". Its participants are the people the syntax
ties to the trigger: the subject of the clause (through control verbs: "Lee is scheduled to have a
meeting"), objects and "with"/"between" phrases, possessors ("Lee's summit"), and the invitee of
"invited X to visit". Status comes from the clause's modality: cancellation verbs, then proposal
cues ("would probably meet", "invited ... to visit", "could take place"), then plans ("will",
"scheduled to", "agreed to"), else held. Dates come from the clause's date expressions (`kg.extract.dates`), resolved by
`kg.temporal` against the publication date and the tense.

A meeting noun no verb governs ("the agenda of Monday's talks between X and Y") has no tense of
its own: it is the latest meeting of the same people named before it and takes its status.
Counterparts described but not named ("met business leaders") are kept as descriptions
(`Meeting.unnamed`). A hearing the article's lead reports with no one named in it is attended by
the people quoted after it.

`kg.extract.meeting_facts` reads status, mode and place off the clause, `kg.extract.dates` its date; `kg.extract.groups`
resolves plural titles ("the two leaders") to people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Token

from kg.extract import dates
from kg.extract import meeting_facts as facts
from kg.extract.groups import group_members, norm_role
from kg.extract.lexicon import (
    ADDRESS_VERBS,
    ADJUNCT_PREPS,
    ANOTHER,
    ASK_FOR_VERBS,
    ASSEMBLY_NOUNS,
    AUDIENCE_VERBS,
    BODY_NOUNS,
    COUNTRIES,
    DELEGATION_NOUNS,
    EVENT_VERBS,
    FRAME_NOUNS,
    GATHERING_NOUNS,
    GIVE_VERBS,
    HABITUAL,
    HOST_VERBS,
    JOIN_VERBS,
    MEAL_NOUNS,
    MEET_VERBS,
    MEETING_NOUNS,
    OTHER_OCCASION,
    PEOPLE_NOUNS,
    PHONE_WORDS,
    PLACE_NOUNS,
    PRESS_NOUNS,
    REPORTING_VERBS,
    REPRESENT_VERBS,
    REPRESENTATIVES,
    SETTING_NOUNS,
    SUPPORT_VERBS,
    TALK_WORDS,
    TITLE_HEADS,
    TRAVEL_VERBS,
    TURN_PRONOUNS,
    VIDEO_WORDS,
    VISIT_WORDS,
    WITH_VERBS,
)
from kg.extract.meeting_facts import Resolve
from kg.extract.people import Person
from kg.extract.syntax import controlled_subject, inverted_subject, local, pobj
from kg.model import MeetingMode, MeetingStatus
from kg.places import country_name

FRAME_SENTENCES = 3  # the lead: headline and the first sentences
# Possessive, object and reflexive pronouns, by the gender of the subject pronoun they stand for
OBLIQUE_PRONOUNS = {"his": "m", "himself": "m", "her": "f", "herself": "f"}
OBJECT_PRONOUNS = {"him": "m", "her": "f"}
BACK_FOR_THE_TWO = 1  # sentences back in which 'the two', 'the pair' find the two people named last
SUBJECT_PRONOUNS = {"he": "m", "she": "f"}




@dataclass(frozen=True)
class Body:
    """A country or organisation taking part in a meeting ('Russia and Ukraine held talks')."""

    name: str
    gathered: bool = False  # its representatives are the meeting's subject: 'NATO ministers met'
    delegation: bool = False  # its unnamed envoy stands for it: 'summoned the Japanese ambassador'
    host: bool = False  # a country that receives a named person: 'China hosted X'


@dataclass(frozen=True)
class FoundMeeting:
    """A meeting as the meetings stage hands it on: who took part (persons of the article, or
    bodies where no person is named), in the order they are named, and what, where and when it
    was. `kg.extract.build.build_meetings` gives the participants their agents."""

    participants: tuple[Person | Body, ...]
    status: MeetingStatus
    evidence: tuple[int, int]  # the sentence it is read from
    mode: MeetingMode | None = None
    place: str | None = None
    day: date | None = None
    time_expression: str | None = None
    unnamed: tuple[str, ...] = ()  # counterparts described, not named: 'met business leaders'


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
    datable: bool = True     # one event in the past, not habitual ("repeated visits", "has met")
    another: bool = False    # "also", "later", "again": an event besides those already named
    strangers: tuple[str, ...] = ()  # counterparts described, not named: 'met business leaders'
    frame: bool = False  # a hearing the article's lead reports, no one named: its speakers attend
    separately: list = field(default_factory=list)  # 'met A and B separately': one meeting each
    besides: tuple = ()  # (the subjects, those met 'as well as' the others): a meeting of their own
    trip: tuple = ()  # the travellers of 'flew to X for talks with Y': a visit of theirs besides the talks
    head: str = ""  # the trigger's lemma
    definite: bool = False  # 'the hearing', 'this meeting'
    context_day: date | None = None  # the narrative's reference day when the meeting was named
    tenseless: bool = False  # a bare noun no verb governs ('the agenda of talks on Monday')
    ahead_day: date | None = None  # its time expression read as ahead of publication
    gathering: bool = False  # a body's members meet: 'the G20 summit', 'ASEAN ministers' meetings'
    relative: bool = False  # dated by its distance from another event: 'two days after X met Y'
    bare: bool = False  # 'the meeting on Monday': no one named, the meeting named last


Offsets = Callable[[Token], int]


def find_meetings(sentences, *, resolve: Resolve, begin: Offsets, end: Offsets,
                  published: date | None) -> list[Found]:
    """Find the meetings in parsed sentences (spaCy spans), one per event and sentence."""
    found: list[Found] = []
    reference: date | None = None
    destination: str | None = None  # the place of the last visit named: 'X visited a year ago'
    for index, sent in enumerate(sentences):
        dated: tuple[int, date] | None = None  # the last held meeting of the sentence with a day of its own
        for tok in sent:
            stops = _stops(tok, resolve, (begin(sent[0]), end(sent[-1])))
            for meeting in stops:
                meeting.context_day = reference
            found.extend(stops)
            trigger = _trigger(tok)
            if trigger is None:
                continue
            meeting = _read(tok, trigger, sent, resolve, begin, end, published,
                            lead=index < FRAME_SENTENCES, destination=destination, reference=reference)
            if meeting is not None:
                # the narrative is at the day of a held meeting dated before it in the sentence:
                # 'Before speaking with X on Saturday, Y urged Z at a meeting with W'
                meeting.context_day = dated[1] if dated is not None else reference
                found.extend(_apart(meeting))
                if meeting.visit and meeting.place:
                    destination = meeting.place
                if meeting.status is MeetingStatus.HELD and meeting.day is not None and \
                        meeting.time_expression and not meeting.relative and meeting.datable and \
                        not meeting.tenseless:  # not 'since his trip on ...': another time
                    dated = (tok.i, meeting.day)
        told = _reference_day(sent, published, reference)
        latest = max((x for x in (told, dated) if x is not None), default=None, key=lambda x: x[0])
        reference = latest[1] if latest is not None else reference
    return [_anchor(m) for m in _merge(found)]


def _reference_day(sent, published: date | None, reference: date | None = None) -> tuple[int, date] | None:
    """The day a past-tense narrative is at after this sentence, with where it is named: its
    last date expression that resolves to a day and is governed by a verb of no future or modal
    aspect ("met on Monday", not "will meet on Monday"; a verb in the simple past, "agreed on
    Wednesday", is an event of that day whatever it agreed to). News narrates the events of the
    peg day without repeating it: "X called Y on Wednesday. He later spoke with Z." puts the
    second call on Wednesday too. A held meeting dated in the sentence sets it as well
    (`find_meetings`)."""
    days = [(start, day) for start, day, verb in dates.event_days(sent, published, reference)
            if _past_event(verb)]
    return days[-1] if days else None


def _past_event(verb: Token) -> bool:
    """The verb reports something that happened: a simple past with no auxiliary ('agreed on
    Wednesday', 'said Tuesday'), or a clause whose modality is that of a held event."""
    if verb.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass", "neg") for c in verb.children):
        return True
    return facts.status(facts.chain(verb, verb, "self")) is MeetingStatus.HELD


def _anchor(m: Found) -> Found:
    """A held meeting with no time expression of its own happened at the narrative's reference
    day, when it is one datable event; anything else keeps no date rather than a guess."""
    if (m.day is None and m.time_expression is None and m.status is MeetingStatus.HELD
            and m.datable and m.context_day is not None):
        m.day = m.context_day
    return m




def _stops(tok: Token, resolve: Resolve, evidence: tuple[int, int]) -> list[Found]:
    """'a week-long trip which also includes stops in A, B and C', 'a tour with stops in A and
    B': a visit to each place for the trip's traveller (`_traveller`). Stops a trip includes in
    the present tense lie ahead of where it is now (planned); in the past tense they were made."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() != "stop":
        return []
    verb = tok.head if tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("include", "have") else None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if verb is not None and verb.dep_ in ("relcl", "acl") and verb.head.lemma_.lower() in VISIT_WORDS:
        trip = verb.head  # 'a trip which includes stops in A'
    elif subject is not None and subject.lemma_.lower() in VISIT_WORDS:
        trip = subject  # 'his trip included stops in A'
    elif tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.lemma_.lower() in VISIT_WORDS:
        trip = tok.head.head  # 'a tour with stops in A'
    else:
        return []
    traveller = _traveller(trip, resolve)
    if traveller is None:
        return []
    preps = [c for c in [*tok.children, *(verb.children if verb is not None else ())]
             if c.dep_ == "prep" and c.lower_ in ("in", "at")]
    places = list(dict.fromkeys(p for c in preps for p in facts.places_of(c, resolve)))
    past = verb is not None and verb.tag_ == "VBD"
    status = MeetingStatus.HELD if past else MeetingStatus.PLANNED
    return [Found(participants=[traveller], status=status, mode=MeetingMode.IN_PERSON, place=place,
                  day=None, time_expression=None, evidence=evidence, visit=True, kind="visit",
                  datable=False, head="stop") for place in places]


def _traveller(trip: Token, resolve: Resolve) -> object | None:
    """Who makes a trip: its possessor ('his trip') or agent ('a trip by X'), else the subject of
    the clause it describes the setting of, through place and part phrases only ('X is meeting
    Y in Laos, the first leg of a trip ...'); not a trip that is a verb's object or subject
    ('X criticised the trip'): that trip is someone else's. A person, not a country."""
    who = next((resolve(c) for c in trip.children if c.dep_ == "poss"), None)
    who = who or next((resolve(pobj(c)) for c in trip.children if c.dep_ == "prep" and c.lower_ == "by"
                       and pobj(c) is not None), None)
    node = trip
    for _ in range(12):
        if who is not None or node.head.i == node.i:
            break
        if node.dep_ not in ("pobj", "prep", "appos", "conj"):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subject = controlled_subject(node)
            who = resolve(subject) if subject is not None else None
            break
    return who if who is not None and not isinstance(who, (Body, list)) else None


def _datable(tok: Token, support: Token | None) -> bool:
    """One event rather than a series or an indefinite past: not 'repeated visits', 'regular
    talks', nor the perfect 'has met' / 'have held talks'."""
    if tok.tag_ in ("NNS", "NNPS") and tok.lower_ != "talks":
        return False
    if any(c.lemma_.lower() in HABITUAL or c.lower_ in HABITUAL for c in tok.children):
        return False
    if any(c.dep_ == "amod" and c.lower_ in OTHER_OCCASION for c in tok.children):
        return False  # 'their first summit', 'his previous visit': another occasion than the day's
    for verb in (tok, support):
        if verb is not None and verb.tag_ == "VBN" and any(
                c.dep_ == "aux" and c.lemma_.lower() == "have" and c.lower_ not in ("had", "'d")
                for c in verb.children):
            return False  # 'has met': the present perfect; 'had called' is the narrative's past
    return True


def _trigger(tok: Token) -> str | None:
    """'verb', 'noun', 'phone' (on the phone) or 'travel', when the token can start a meeting."""
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        if lemma in MEET_VERBS:
            return "verb"
        if lemma in WITH_VERBS and any(c.lower_ == "with" for c in tok.children):
            return "verb"
        if lemma == "sit" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children) and any(
                c.lower_ == "with" for c in tok.children):
            return "verb"  # 'sat down with X'
        if _spoke_to(tok) is not None:
            return "verb"  # 'had spoken to X about the tariffs'
        if lemma == "call" and any(c.dep_ == "dobj" and c.pos_ in ("PROPN", "PRON") for c in tok.children) \
                and not _called_name(tok):
            return "verb"
        if lemma == "call" and _calls_on_someone(tok):
            return "verb"
        if lemma == "expect" and tok.tag_ == "VBN" and _in_a_place(tok):
            return "travel"  # 'X is expected in Brussels next week'
        if lemma == "be" and tok.tag_ == "VBN" and any(
                c.dep_ == "prep" and c.lower_ == "to" and (o := pobj(c)) is not None
                and o.ent_type_ in ("GPE", "LOC") for c in tok.children):
            return "travel"  # 'has been to Beijing twice': a visit
        if lemma == "be" and _bare_been(tok):
            return "travel"  # 'a few months after X had been': been where the visit before went
        if lemma in ("go", "come") and any(c.dep_ == "prep" and c.lower_ == "to" and (o := pobj(c)) is not None
                                           and o.ent_type_ in ("GPE", "LOC") for c in tok.children):
            return "travel"  # 'went to the UK', 'will come to Paris': a visit to a country or city
        if lemma in TRAVEL_VERBS and any(c.lower_ in ("to", "for") or (c.lower_ == "in" and lemma in ("arrive", "land"))
                                         for c in tok.children):
            return "travel"
        if lemma == "address" and _addresses_a_body(tok):
            return "verb"
        if _audience(tok) is not None:
            return "audience"  # 'testified before the committee', 'told a parliamentary committee'
        if lemma == "roll" and any(c.dep_ == "dobj" and c.lemma_.lower() == "carpet" for c in tok.children):
            return "verb"  # 'rolled out the red carpet for X': hosted X
        return None
    if tok.lower_ == "due" and tok.pos_ == "ADJ" and tok.dep_ == "acomp" and _in_a_place(tok):
        return "travel"  # 'X is due in Lima on Monday'
    if tok.pos_ in ("NOUN", "PROPN") and lemma in MEETING_NOUNS:
        if lemma in ("call", "conversation", "talk") and not _phone_context(tok) and lemma != "talk":
            # 'a conversation with X', 'our conversation': the people it is between are named
            return "noun" if any(c.lower_ in ("with", "between") or (c.lower_ == "from" and lemma == "call") or (
                c.dep_ == "poss" and c.lower_ in ("our", "their")) for c in tok.children) else None
        return "noun"
    if lemma in ("phone", "telephone") and tok.dep_ == "pobj" and tok.head.lower_ in ("on", "by", "over"):
        return "phone"
    if lemma in SETTING_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ in ("on", "at"):
        return "setting"  # 'presented his plan to leaders on the sidelines of the summit'
    return None






def _spoke_to(verb: Token) -> Token | None:
    """'X spoke to Y', 'X has talked to him': a conversation with a person (a name, or a
    personal pronoun); not one with reporters, a broadcaster or a crowd, and not the addressee of
    a speech ('speaking to a crowd')."""
    if verb.lemma_.lower() not in ("speak", "talk") or verb.pos_ != "VERB":
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "to" and (o := pobj(c)) is not None and (
                o.ent_type_ == "PERSON" or (o.pos_ == "PRON" and o.lower_ in ("him", "her"))) and not any(
                g.dep_ in ("poss", "compound") and g.ent_type_ == "ORG" for g in o.subtree):
            return o  # not 'spoke to CNN's X': an interview
    return None


def _audience(verb: Token) -> Token | None:
    """The body a person appears before, testifies to, tells or briefs: 'appeared before the
    Foreign Affairs Committee', 'told a parliamentary committee', 'briefed the cabinet'."""
    if verb.pos_ != "VERB":
        return None
    preps = AUDIENCE_VERBS.get(verb.lemma_.lower())
    if preps is None:
        return None
    objects = [pobj(c) for c in verb.children if c.dep_ == "prep" and c.lower_ in preps] if preps else \
        [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    return next((o for o in objects if o is not None and o.lemma_.lower() in BODY_NOUNS), None)


def _addresses_a_body(verb: Token) -> bool:
    """'addressed the General Assembly', 'addressing ... at the UN': a speech to a gathering."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [pobj(t) for t in local(verb) if t.dep_ == "prep" and t.lower_ == "at"]
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


def _in_a_place(verb: Token) -> bool:
    return not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children) and any(
        c.dep_ == "prep" and c.lower_ in ("in", "at") and (o := pobj(c)) is not None
        and o.ent_type_ in ("GPE", "LOC", "FAC") for c in verb.children)


def _calls_on_someone(verb: Token) -> bool:
    """'will call on President X': a visit; not 'called on Russia to withdraw' (an appeal)."""
    if any(c.dep_ in ("xcomp", "advcl", "ccomp") for c in verb.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "on" and (o := pobj(c)) is not None and o.pos_ == "PROPN"
               and o.ent_type_ not in ("GPE", "ORG", "NORP", "DATE") for c in verb.children)


def _phone_context(tok: Token) -> bool:
    return any(t.lower_ in PHONE_WORDS | VIDEO_WORDS for t in tok.subtree) or \
        any(t.lower_ in ("phone", "telephone") for t in tok.children)


def _support(noun: Token) -> tuple[Token | None, str]:
    """The verb a meeting noun hangs from, and how: 'arg' (its object or subject) or 'adjunct'
    (a time or place phrase: 'during a call', 'ahead of a meeting'); None when it lies deeper."""
    node = noun
    while node.dep_ in ("compound", "conj", "appos") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in ("round", "game"):
        node = node.head.head  # 'invited X for a round of golf': the round stands where the noun would
    head = node.head
    if node.dep_ == "nsubj" and head.pos_ == "VERB" and head.lemma_.lower() not in EVENT_VERBS:
        return None, "deep"  # 'the call may signal a thaw': the verb's modality is not the call's
    if node.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        return head, "arg"
    if node.dep_ == "pobj" and head.dep_ == "prep":
        prep, verb = head, head.head
        if prep.lower_ == "of" and verb.lower_ == "ahead":  # 'ahead of'
            prep, verb = verb, verb.head
        if verb.pos_ in ("VERB", "AUX") and (prep.lower_ in ADJUNCT_PREPS or (
                prep.lower_ == "for" and verb.lemma_.lower() in JOIN_VERBS | {"be"})):
            return verb, "adjunct"  # 'during a call', 'joined X for the visit'
        if verb.pos_ == "VERB" and prep.lower_ in ("for", "to") and verb.lemma_.lower() in ASK_FOR_VERBS \
                and (prep.lower_ == "for" or verb.lemma_.lower() == "invite"):
            return verb, "ask"  # 'called for talks', 'invited X for (to) talks'

    return None, "deep"


def _occasion_verb(verb: Token) -> Token:
    """The clause an occasion phrase ('during a visit', 'at a meeting') is the occasion of: the
    parse hangs it on the last verb before it, often an infinitive or gerund nested in the
    sentence's own clause ('X urged Y to stop Z from using W during a visit'); such a verb with no
    subject of its own is part of the action of the finite clause above it, whose subject took
    part. Not a verb of joining ('invited X to join him on a tour'), whose object is the one who
    joins."""
    node = verb
    for _ in range(8):
        if node.lemma_.lower() in JOIN_VERBS or node.tag_ not in ("VB", "VBG") or \
                any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            break
        if node.dep_ == "pcomp" and node.head.dep_ == "prep":
            above = node.head.head  # 'from using', 'by sending': the verb the preposition is on
        elif node.dep_ == "xcomp" or facts.purpose(node):
            above = node.head
        else:
            break
        if above.pos_ not in ("VERB", "AUX"):
            break
        node = above
    return node


def _read(tok, trigger, sent, resolve, begin, end, published, lead=False,
          destination: str | None = None, reference: date | None = None) -> Found | None:
    people: list[object] = []
    strangers: list[str] = []  # counterparts described but no one the article knows: 'business leaders'

    def add(t: Token | None, counterpart: bool = False) -> None:
        for member in _conjuncts(t):
            who = resolve(member)
            if who is None and counterpart and _people(member) and not any(
                    c.dep_ == "amod" and c.lower_ in OTHER_OCCASION | HABITUAL | {"past"} for c in member.children):
                strangers.append(_description(member))  # not 'previous leaders': many occasions
            if isinstance(who, Body) and (who.gathered or (counterpart and member.tag_ == "NNS"
                                                           and member.lemma_.lower() in REPRESENTATIVES)):
                # 'NATO leaders met', 'a meeting with ASEAN foreign ministers': they are not named
                strangers.append(_description(member))
            for person in who if isinstance(who, list) else [who]:
                if isinstance(person, Body) and person.delegation and not counterpart and not isinstance(who, list):
                    continue  # 'a trip by a British minister': the visitor, not a country met (but
                    # 'US and Iranian officials met': the countries meet each other)
                if person is not None and person not in people:
                    people.append(person)

    def add_subject(verb: Token) -> None:
        subject = controlled_subject(verb)
        if subject is None and verb.dep_ == "acl" and verb.tag_ == "VBG":
            # 'photos of X meeting Y', 'footage of X greeting Y': the one shown does it
            subject = next((pobj(c) for c in verb.head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if subject is None:
            subject = _first_to(verb)  # 'X, the first minister to visit Y'
        if subject is None and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "PROPN":
            subject = verb.head  # 'X, asked about it during a visit to Y, said': the one asked
        add(subject)
        for acl in subject.children if subject is not None else ():
            # "The two presidents, accompanied by their wives, attended ...": the companions too
            if acl.dep_ == "acl" and acl.lemma_.lower() in ("accompany", "join"):
                for by in acl.children:
                    if by.dep_ == "agent" or (by.dep_ == "prep" and by.lower_ == "by"):
                        add(pobj(by))

    def add_with(node: Token) -> None:
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "between"):
                add(pobj(child), counterpart=True)

    lemma = tok.lemma_.lower()
    gathering = False
    trip: tuple = ()  # 'travels to X for talks with Y': the traveller's visit besides the talks
    attached: Token | None = None
    if lemma in HOST_VERBS and trigger == "verb" and (_faceless_host(tok, resolve) or _a_thing(tok, resolve)):
        return None  # 'a guard of honour welcomed X', 'the phone he received': no one met
    if trigger == "travel" and any(_purpose_meeting(c) for c in tok.children):
        return None  # 'will fly to X on Monday to meet Y': the meeting, read from 'meet', is the visit
    audience = _audience(tok) if trigger == "audience" else None
    if trigger == "setting":
        found = _sideline_verb(tok)
        if found is None:
            return None
        support, met = found
        how = "self"
        add_subject(support)
        for member in met:
            if _people(member) or resolve(member) is not None:
                add(member, counterpart=True)
            if member.i < tok.head.i and strangers and strangers[-1] == _description(member):
                strangers[-1] = _description(member, before=tok.head.i)  # without 'on the sidelines of ...'
        if not strangers and len(people) < 2:
            return None
    elif audience is not None:
        support, how = tok, "self"
        add_subject(tok)
        strangers.append(_description(audience))  # 'a parliamentary committee', 'the Senate Finance Committee'
    elif trigger in ("verb", "travel"):
        support, how = tok, "self"
        add_subject(tok)
        travellers = list(people)
        for child in tok.children:
            if child.dep_ in ("dobj", "nsubjpass") and lemma not in VISIT_WORDS:
                add(child, counterpart=child.dep_ == "dobj")
            if child.dep_ == "agent":  # 'X was received by Y'
                add(pobj(child))
        if tok.dep_ == "acl" and tok.tag_ == "VBN":  # 'the presidents, accompanied by their wives'
            add(tok.head)
        if lemma == "visit" and tok.tag_ == "VBG" and (tok.dep_ in ("amod", "acl") or _told_visiting(tok)):
            _received_visitor(tok, add, add_subject)
        add_with(tok)
        add(_spoke_to(tok), counterpart=True)
        if lemma == "roll":
            add(next((pobj(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"), None))
        before = len(people)
        for t in local(tok):  # 'visit Japan for summit talks with X'
            if t is not tok and t.lemma_.lower() in MEETING_NOUNS:
                add_with(t)
        if (lemma in VISIT_WORDS or trigger == "travel") and travellers and len(people) > before:
            trip = tuple(travellers)  # the trip is the traveller's own, the talks are with X
        _invitee(tok, add)
        if lemma == "call":  # 'will call on President X': a visit
            add(next((pobj(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"), None))
        if lemma in HOST_VERBS:
            _host_country(tok, people, resolve)
    else:
        support, how = (tok.head.head, "adjunct") if trigger == "phone" else _support(tok)
        attached = support  # the verb the parse hangs an occasion phrase on, and the clause it is of
        if how == "adjunct" and support is not None:
            support = _occasion_verb(support)
        for child in tok.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ == "PROPN"):
                add(child)
            if child.dep_ == "prep" and (child.lower_ in ("by", "of") or (
                    child.lower_ == "on" and lemma in ("call", "visit"))):  # 'a courtesy call on X'
                add(pobj(child))
            if child.dep_ == "prep" and child.lower_ == "from" and lemma in ("call", "visit"):
                add(pobj(child), counterpart=True)  # 'received a call from X', 'a visit from X'
            if child.dep_ == "prep" and ((child.lower_ == "to" and lemma in VISIT_WORDS) or (
                    child.lower_ == "for" and lemma in MEAL_NOUNS)):
                # 'paid a visit to President X', 'hosted a dinner for X': the person visited or
                # feted (a place visited is the visit's place, not a participant)
                guest = pobj(child)
                if guest is not None and not isinstance(resolve(guest), Body):
                    add(guest, counterpart=True)
            if child.dep_ == "acl" and child.lemma_.lower() in ("involve", "include", "attend", "gather"):
                # 'the summit involving A, B and C', 'a dinner attended by A and B'
                for part in child.children:
                    if part.dep_ == "dobj" or (part.dep_ == "agent" and child.tag_ == "VBN"):
                        add(part if part.dep_ == "dobj" else pobj(part), counterpart=True)
            if child.dep_ == "acl" and child.lemma_.lower() in HOST_VERBS | {
                    "chair", "lead", "organize", "organise", "hold", "convene"}:
                for by in child.children:  # 'a dinner hosted by X', 'a hearing held by a committee'
                    if by.dep_ == "agent" and (host := pobj(by)) is not None:
                        if resolve(host) is None and host.lemma_.lower() in BODY_NOUNS:
                            strangers.append(_description(host))
                        else:
                            add(host)
        add_with(tok)
        gathering = _gathering(tok, resolve)
        between = any(c.lower_ == "between" for c in tok.children)
        if how == "ask":  # 'invited X for talks': both; 'called for talks with Y': the caller and Y;
            # 'called for talks between A and B': A and B only
            if support.lemma_.lower() == "invite":
                add_subject(support)
                add(next((c for c in support.children if c.dep_ == "dobj"), None), counterpart=True)
            elif any(c.lower_ == "with" for c in tok.children) and (
                    asker := controlled_subject(support)) is not None and not isinstance(resolve(asker), Body):
                add_subject(support)  # a person asking, not 'A and B agreed to push for a summit with C'
        elif support is not None and not between and not (gathering and how == "adjunct") and (
                how == "adjunct" or support.lemma_.lower() in SUPPORT_VERBS):
            # ('met at the G20 summit': the summit is the body's, the meeting the verb's own)
            add_subject(support)
            add_with(support)
            if attached is not support:
                add_with(attached)  # 'was seen laughing with Y during their dinner'
            _invitee(support, add)
            if how == "adjunct" and support.lemma_.lower() in ADDRESS_VERBS | JOIN_VERBS | GIVE_VERBS:
                # 'X told Y during a phone call', 'X joined Y for the visit', 'X presented Y with
                # a map during the lunch': the one addressed, joined or handed something took part
                add(next((c for c in support.children if c.dep_ in ("dobj", "dative")), None))
            if how == "adjunct" and not people:
                _when_clause(support, add, add_with)
        if support is not None and len(people) < 2 and any(
                c.dep_ == "poss" and c.lower_ == "their" for c in tok.children):
            _their_company(attached, add_with, add)
    visit = lemma in VISIT_WORDS or (trigger == "travel")
    scope = local(tok) + (local(support) if support is not None and support is not tok else [])
    # 'held talks with A and B in Lima on Monday': the parse hangs the clause's place and time on
    # the last of the people met, a conjunct the clause's own words leave out
    scope += [x for t in list(scope) if t.dep_ in ("dobj", "pobj") and (t.dep_ == "dobj" or t.head.lower_ in (
        "with", "between")) for member in _conjuncts(t)[1:] if member.dep_ == "conj" and member.pos_ == "PROPN"
        for c in member.children if c.dep_ in ("prep", "npadvmod") and c.lower_ not in ("of", "from")
        for x in local(c)]
    said_of = _first_to(tok) if trigger in ("verb", "travel") else None
    if said_of is not None and (said_of.head.pos_ not in ("VERB", "AUX") or said_of.head.i == said_of.i):
        said_of = None
    if said_of is not None and tok.head.dep_ != "appos":
        scope += local(said_of.head)  # 'the last president to visit was X in 2015': its time
    if attached is not None and attached is not support:
        scope += local(attached)  # 'to indicate ties during their banquet on Monday'
    if how == "deep" and tok.dep_ == "pobj" and tok.head.lower_ in ("of", "for") \
            and tok.head.head.pos_ == "NOUN":
        scope += local(tok.head.head)  # 'the agenda of talks on Monday': the date is the talks'
    if tok.pos_ in ("NOUN", "PROPN"):  # 'the hearing held by the committee on Monday', 'the
        # summit taking place in X in November'
        scope += [t for c in tok.children if c.dep_ == "acl" and (c.tag_ == "VBN" or (
            c.tag_ == "VBG" and c.lemma_.lower() in EVENT_VERBS)) for t in local(c)]
    if how == "deep" and tok.dep_ == "nsubj":  # 'the summit next week could produce a deal'
        scope += [t for c in tok.head.children if c.dep_ in ("npadvmod", "prep", "advmod")
                  for t in local(c)]
    place = facts.place(scope, tok if visit else None, resolve)
    if place is None and trigger == "verb" and facts.purpose(tok) and tok.head.lemma_.lower() in VISIT_WORDS:
        place = facts.place(local(tok.head), tok.head, resolve)  # 'fly to Beijing to meet X'
    # a hearing the lead reports with no one or only its subject named ('his confirmation hearing')
    if place is None and _elliptical_visit(tok):
        place = destination  # 'Reeves visited a year ago': where the visits before went
    frame = len(people) < 2 and not strangers and not any(isinstance(p, Body) for p in people) \
        and trigger == "noun" and lemma in FRAME_NOUNS and lead
    # 'during a visit to the city on Thursday': a visit to a place named before; it is kept to
    # join a mention that names the place, and is dropped if none does (`meetings_of`)
    unplaced = visit and place is None and _to_a_place_named_before(tok)
    # 'the meeting on Monday went well', 'ahead of Wednesday's meeting': a definite mention with
    # no one named refers back to the meeting named last (`_merge`), whose day and place it gives
    bare = not people and not strangers and not frame and trigger == "noun" and _definite_alone(tok)
    if not frame and not bare and (not people or (len(people) < 2 and not place and not strangers and not unplaced)):
        return None
    chain = facts.chain(tok, support, how)
    if any(t.dep_ == "neg" for t in chain):
        return None  # "did not meet": no meeting
    if said_of is not None:
        # 'X, the first minister to visit Y, said ...', 'X will become the first leader to
        # visit Y': the visit is the modality of the clause its visitor is in, not an infinitive's;
        # a description set beside the name takes only that clause's tense ('X, the first
        # minister to visit Y, invited Z': the visit is no invitation)
        clause = said_of.head
        chain = facts.chain(clause, clause, "self") if tok.head.dep_ != "appos" else \
            [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    status = facts.status(chain)
    if how == "ask" and status in (MeetingStatus.HELD, MeetingStatus.PLANNED):
        status = MeetingStatus.PROPOSED  # asked for: a meeting proposed
    outer = [t for v in _governors(support, status) for t in local(v)]
    outer += _where_clause(tok if support is None else support)
    future = status in (MeetingStatus.PLANNED, MeetingStatus.PROPOSED)
    expression, day = dates.clause_date(tok, (scope, outer), sent, published, future, reference)
    relative = dates.sequence_date(tok, support, sent, published, future, reference)
    if relative is not None:  # 'came two days after X spoke with Y': from the other event's day
        expression, day = relative
    later = next((t for t in scope if t.lower_ == "later" and t.dep_ == "advmod" and not t.ent_type_), None)
    if expression is None and later is not None and status is MeetingStatus.PLANNED and published:
        expression, day = later.text, published  # 'are expected to meet later': later that day
    # a noun no verb governs has no tense: its status comes from the mention it refers back to,
    # else from a date ahead ('talks next week'), else it is held
    tenseless = trigger == "noun" and how == "deep" and status is MeetingStatus.HELD
    ahead_day = dates.clause_date(tok, (scope, outer), sent, published, True)[1] if tenseless else None
    if tenseless and expression and dates.lies_ahead(expression, day, published):
        status, day, tenseless = MeetingStatus.PLANNED, ahead_day or day, False  # 'on Jan. 29'
    split = _one_by_one(tok if trigger in ("verb", "travel") else support, resolve)
    received = lemma in HOST_VERBS and not any(c.dep_ == "agent" for c in tok.children) and \
        any(c.dep_ == "nsubjpass" for c in tok.children)  # 'A and B were received in X'
    if (visit or received) and not split and trigger in ("verb", "travel"):
        split = _each_apart(tok, resolve)
    besides = _as_well_as(tok, resolve) if trigger == "verb" and not split else ()
    mode = None if audience is not None else MeetingMode.IN_PERSON if trigger == "setting" else (
        facts.mode(tok, support, visit) or (MeetingMode.IN_PERSON if place else None))
    kind = ("call" if mode in (MeetingMode.PHONE_CALL, MeetingMode.VIDEO_CALL) else "visit" if visit
            else "meal" if lemma in MEAL_NOUNS else "any" if lemma in TALK_WORDS | {"speak"} and mode is None
            else "meeting")
    # 'X will accompany him', 'Y joined her': with no occasion or place of its own, the one
    # joined is on the occasion named before, most often their trip
    tagalong = trigger == "verb" and lemma in JOIN_VERBS and place is None and tok.dep_ not in (
        "acl", "relcl", "amod") and any(c.dep_ == "dobj" for c in tok.children) and not any(
        t.lemma_.lower() in MEETING_NOUNS for t in local(tok)) and not any(
        (c.dep_ == "prep" and ((o := pobj(c)) is None or o.ent_type_ not in ("DATE", "TIME")))
        or (c.dep_ == "advmod" and c.lower_ in ANOTHER) for c in tok.children)  # not 'also ... aboard X'
    kind = "visit" if tagalong else kind
    return Found(participants=people, status=status, mode=mode, place=place, kind=kind,
                 day=day, time_expression=expression, datable=_datable(tok, support),
                 another=any(t.dep_ == "advmod" and t.lower_ in ANOTHER for t in chain) or (
                     how == "adjunct" and trigger == "noun" and any(c.dep_ == "advmod" and c.lower_ in ANOTHER
                                              for c in support.children)),  # 'also took part in a meeting'
                 evidence=(begin(sent[0]), end(sent[-1])), visit=visit,
                 tenseless=tenseless, ahead_day=ahead_day, frame=frame, strangers=tuple(dict.fromkeys(strangers)),
                 separately=split, besides=besides, trip=trip, head=lemma, gathering=gathering, relative=relative is not None, bare=bare,
                 definite=any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children),
                 anaphoric=tagalong or tok.pos_ == "NOUN" and (any(
                     c.lower_ in ("this", "that", "same") for c in tok.children) or _joined_for_the(tok, how, support)))


def _sideline_verb(setting: Token) -> tuple[Token, list[Token]] | None:
    """'X presented his plan to leaders of several countries on the sidelines of the summit', 'X
    briefed ministers on the margins of the meeting': what happens on the sidelines of a gathering
    between a person and people is a meeting of them. The verb it is done by (the one the phrase
    hangs on, or the one above the people it hangs on), and the people it is done with (the object,
    the one it is given, told or shown to, or 'with'); none when the verb or its object is itself a
    meeting ('met X on the sidelines', 'made a trip on the sidelines'), which is read from there."""
    node = setting.head.head  # 'on the sidelines' hangs on a verb or on the people it concerns
    met: list[Token] = []
    if node.pos_ in ("NOUN", "PROPN"):
        met.append(node)
        # up to the clause with a subject of its own: the parse hangs 'to leaders' on the nearest
        # verb, a gerund in the object ('presented his plan for ending the war to leaders')
        for _ in range(8):
            if node.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
                break
            if node.head.i == node.i or node.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis"):
                break
            node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return None
    own = [c for c in node.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    own += [pobj(c) for c in node.children if c.dep_ == "prep" and c is not setting.head]
    if _trigger(node) in ("verb", "travel", "audience") or any(
            t is not None and _trigger(t) == "noun" for t in own):
        return None
    if not met:
        met = [c for c in node.children if c.dep_ in ("dobj", "dative")]
        met += [pobj(c) for c in node.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "with")]
    return node, [m for m in met if m is not None]


def _first_to(verb: Token) -> Token | None:
    """'X, the first Chilean minister to visit Peru', 'X became the first leader to visit Y', 'the
    last president to visit was X': an infinitive on a noun an ordinal or superlative singles out
    is done by the one that noun is said of (the name it is set beside, or the other side of the
    copula)."""
    noun = verb.head
    if verb.dep_ not in ("relcl", "acl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            or noun.pos_ != "NOUN" or not any(
                c.dep_ == "amod" and (c.ent_type_ == "ORDINAL" or c.tag_ == "JJS" or c.lower_ in ("last", "only"))
                for c in noun.children):
        return None
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ in ("attr", "nsubj") and noun.head.lemma_.lower() in ("be", "become"):
        other = "nsubj" if noun.dep_ == "attr" else "attr"
        return next((c for c in noun.head.children if c.dep_ == other), None)
    return None


def _when_clause(verb: Token, add: Callable[..., None], add_with: Callable[[Token], None]) -> None:
    """'The row began at a parliamentary meeting on Friday, when a lawmaker asked X about Y': the
    clause whose subject is no one (a thing that happened at the meeting) leaves the people of its
    'when' clause as those who met there: the subject, the one asked or told, and 'with' phrases."""
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(c.lower_ == "when" and c.dep_ == "advmod" for c in clause.children):
            add(next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None), counterpart=True)
            add(next((c for c in clause.children if c.dep_ in ("dobj", "dative")), None), counterpart=True)
            add_with(clause)


def _host_country(verb: Token, people: list, resolve: Resolve) -> None:
    """'China has hosted X', 'X was welcomed by Japan': a country that hosts, receives or welcomes
    a named person takes part beside that person (the visit is to the country), where another
    body named beside a person is dropped (`meetings_of`)."""
    host = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if host is None:
        host = next((pobj(c) for c in verb.children if c.dep_ == "agent"), None)
    if host is None or host.ent_type_ != "GPE":
        return
    body = resolve(host)
    if not isinstance(body, Body) or body.delegation or body.gathered or \
            not any(not isinstance(p, Body) for p in people):
        return
    for i, p in enumerate(people):
        if p == body:
            people[i] = replace(body, host=True)


def _joined_for_the(noun: Token, how: str, verb: Token | None) -> bool:
    """'X joined the prime minister for the visit': a definite occasion one joins someone for is
    that person's, named before; its other mentions need not name who joined."""
    return how == "adjunct" and verb is not None and verb.lemma_.lower() in JOIN_VERBS and \
        noun.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def _received_visitor(visiting: Token, add: Callable[[Token | None], None],
                      add_subject: Callable[[Token], None]) -> None:
    """'X told visiting Foreign Minister Y', 'X met the visiting minister': the one visiting is
    a participant, and so is the subject of the verb of telling or meeting they are the object of."""
    if visiting.dep_ == "xcomp":  # parsed as 'told (someone to be) visiting X'
        add(next((c for c in visiting.children if c.dep_ == "dobj"), None))
        add_subject(visiting.head)
        return
    visitor = visiting.head
    while visitor.dep_ in ("compound", "flat") and visitor.head.i != visitor.i:
        visitor = visitor.head  # 'visiting Defence Minister X': the name the title goes with
    add(visitor)
    verb = visitor.head if visitor.dep_ in ("dobj", "dative") else \
        visitor.head.head if visitor.dep_ == "pobj" and visitor.head.lower_ == "with" else None
    if verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in ADDRESS_VERBS | MEET_VERBS | WITH_VERBS:
        add_subject(verb)


def _told_visiting(visiting: Token) -> bool:
    """'told visiting Foreign Minister X that ...' as the parse reads it: the participle a
    complement of a verb of telling that has no one told, right after it, with a name as its
    object; the name is the one told, the participle says they are visiting."""
    verb = visiting.head
    return visiting.dep_ == "xcomp" and visiting.i == verb.i + 1 and verb.lemma_.lower() in ADDRESS_VERBS \
        and not any(c.dep_ in ("dobj", "dative") for c in verb.children) \
        and any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in visiting.children)


def _gathering(noun: Token, resolve: Resolve) -> bool:
    """A meeting noun that names a gathering of a body's members: a summit named by the body
    ('the G20 Summit in Rio', 'the Pacific Forum summit'), or meetings whose possessor is the
    body's representatives ('the ASEAN foreign ministers' meetings'); not one that is only the
    setting of another meeting ('met on the sidelines of the X summit')."""
    node = noun
    while node.dep_ in ("compound", "conj", "appos") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "pobj" and node.head.head.lemma_.lower() in SETTING_NOUNS | {"sidelines", "margins"}:
        return False
    for child in noun.children:
        who = resolve(child) if child.dep_ in ("compound", "poss", "nmod") else None
        if isinstance(who, Body) and (noun.lemma_.lower() in GATHERING_NOUNS
                                      or child.lemma_.lower() in REPRESENTATIVES):
            return True
    return False


def _purpose_meeting(clause: Token) -> bool:
    return facts.purpose(clause) and _trigger(clause) == "verb"


def _governors(verb: Token | None, status: MeetingStatus) -> list[Token]:
    """The verbs whose time is the meeting's: those it is the complement or purpose of ('agreed
    to meet', 'flew to X to meet'), and a clause it is coordinated with when that clause has the
    same status ('arrived on Tuesday and attended a dinner that evening', 'is to have lunch on
    Tuesday and meet X'); not one of another ('spoke on Tuesday and agreed to meet next week')."""
    out: list[Token] = []
    node = verb
    while node is not None and len(out) < 6 and node.head.i != node.i and (
            node.dep_ in ("xcomp", "acomp") or facts.purpose(node) or (
                node.dep_ == "conj" and facts.status(facts.chain(node.head, node.head, "self")) is status)):
        node = node.head
        out.append(node)
    return out


def _where_clause(verb: Token) -> list[Token]:
    """'is expected in Brussels next Tuesday, where he will meet X': the clause the relative
    clause hangs from dates it too."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:  # 'where he will meet X and attend Y'
        verb = verb.head
    if verb.dep_ != "relcl" or not any(c.lower_ in ("where", "when") for c in verb.children):
        return []
    node = verb.head
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    return local(node) if node.pos_ in ("VERB", "AUX") else []


def _one_by_one(verb: Token | None, resolve: Resolve) -> list:
    """'X met A and B separately': the people met one by one."""
    if verb is None or not any(c.dep_ == "advmod" and c.lower_ in ("separately", "individually")
                               for c in verb.children):
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [pobj(c) for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    people = [resolve(m) for o in objects if o is not None for m in _conjuncts(o)]
    return [p for p in people if p is not None and not isinstance(p, list)]


def _definite_alone(noun: Token) -> bool:
    """'the meeting', 'this visit', 'Monday's meeting': a singular meeting noun made definite by
    a determiner or a day, with nothing that makes it another occasion ('the next meeting', 'the
    first summit') or a kind of meeting ('the meeting of the committee')."""
    if noun.tag_ != "NN" or noun.dep_ == "compound":
        return False
    definite = False
    for c in noun.children:
        if c.dep_ == "det":
            definite = c.lower_ in ("the", "this", "that")
        elif c.dep_ == "poss":
            definite = c.ent_type_ in ("DATE", "TIME")  # 'Wednesday's meeting'
            if not definite:
                return False  # 'his meeting': the possessor is read as a participant
        elif c.dep_ in ("amod", "compound", "nmod") and c.lower_ in OTHER_OCCASION | HABITUAL | {"next", "upcoming"}:
            return False
        elif c.dep_ == "prep" and c.lower_ in ("of", "with", "between", "by", "on") and (
                (o := pobj(c)) is not None and o.ent_type_ not in ("DATE", "TIME")):
            return False  # 'the meeting of the committee', 'the talks on trade': its own matter
    return definite


def _to_a_place_named_before(visit: Token) -> bool:
    """'a visit to the city', 'arrived in the capital': the destination is a definite common
    noun of place, a place the text has named."""
    for prep in visit.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "in"):
            obj = pobj(prep)
            if obj is not None and obj.lemma_.lower() in PLACE_NOUNS | {"country"} and any(
                    c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in obj.children):
                return True
    return False


def _elliptical_visit(verb: Token) -> bool:
    """'visited a year ago', 'is expected to visit in April': a verb of visiting with no object
    and no destination; it goes where the visits named before it went. Not a relative clause
    ('the countries he will visit': its object is the noun it hangs from)."""
    if verb.lemma_.lower() == "be" and _bare_been(verb):
        return True
    if verb.pos_ != "VERB" or verb.lemma_.lower() != "visit" or verb.dep_ == "relcl":
        return False
    who = controlled_subject(verb)
    subject = {t.i for t in who.subtree} if who is not None else set()
    if any(t.ent_type_ in ("GPE", "LOC", "FAC") and t.i not in subject for t in local(verb)):
        return False  # the clause names a place: the destination is not left out
    return not any(
        c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("to", "in", "at") and (
            (o := pobj(c)) is None or o.ent_type_ not in ("DATE", "TIME"))) for c in verb.children)


def _bare_been(verb: Token) -> bool:
    """'X had been', 'Y have been several times': a perfect 'been' with no predicate, an ellipsis
    of 'been to' the place the text is about; not 'has been criticised' (an auxiliary), 'has
    been busy', 'had been in talks' (a predicate of its own)."""
    if verb.tag_ != "VBN" or verb.dep_ in ("aux", "auxpass") or not any(
            c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return False
    bare = {"nsubj", "aux", "advmod", "npadvmod", "punct", "cc", "conj", "advcl", "mark", "dep", "neg"}
    # a predicate follows 'been'; a clause before it is one the parse hung on it ('X visited a
    # year ago, a few months after Y had been'), and 'several times' says how often
    return all(c.dep_ in bare or (c.dep_ == "attr" and c.lemma_.lower() == "time") or
               (c.dep_ in ("ccomp", "parataxis") and c.i < verb.i) for c in verb.children)


def _each_apart(verb: Token, resolve: Resolve) -> list:
    """'A and B have both been to X', 'both A and B were received in X': each came on a visit of
    their own ('both' or 'each' with coordinated subjects)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return []
    marks = [c for c in subject.children if c.dep_ in ("preconj", "det")]
    marks += [c for c in verb.children if c.dep_ in ("dep", "advmod", "npadvmod")]
    if not any(c.lower_ in ("both", "each") for c in marks):
        return []
    people = [p for p in (resolve(m) for m in _conjuncts(subject)) if p is not None and not isinstance(p, list)]
    persons = [p for p in people if not isinstance(p, Body)]
    return persons or people  # 'both Y and the X's envoy Z': the people, not the X the parse split off


def _as_well_as(verb: Token, resolve: Resolve) -> tuple:
    """'X met A and B, as well as C': the counterpart added by 'as well as' is met on an occasion
    of its own (the phrase adds, it does not join). Gives (the subjects, the persons added), or ()
    where the verb has no other counterpart before the added one."""
    counterparts = [c for c in verb.children if c.dep_ == "dobj"]
    counterparts += [pobj(c) for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    tokens = [m for o in counterparts if o is not None for m in _conjuncts(o)]

    def added(t: Token) -> bool:  # the phrase of t (its titles and names) follows 'as well as'
        start = min(t.left_edge.i, t.i)
        return [w.lower_ for w in t.doc[max(start - 3, 0):start]] == ["as", "well", "as"]

    first = next((t for t in tokens if added(t)), None)
    if first is None or not any(t.i < first.i for t in tokens):
        return ()
    extra = [resolve(t) for t in tokens if t.i >= first.i]
    extra = [p for p in extra if p is not None and not isinstance(p, (list, Body))]
    subject = controlled_subject(verb)
    subjects = [resolve(t) for t in _conjuncts(subject)]
    subjects = [p for p in subjects if p is not None and not isinstance(p, list)]
    if not extra or not subjects:
        return ()
    return tuple(subjects), tuple(extra)


def _apart(m: Found) -> list[Found]:
    """One meeting per person met separately, each with the others of the meeting; a person met
    'as well as' the others, one with the subjects alone."""
    if m.trip:  # 'will fly to X for talks with Y': X's visit, and the talks (read as a meeting)
        return [replace(m, participants=list(m.trip), trip=(), kind="visit"),
                replace(m, trip=(), kind="meeting" if m.mode is MeetingMode.IN_PERSON or m.mode is None else m.kind,
                        visit=False)]
    if m.besides:
        subjects, extra = m.besides
        rest = [p for p in m.participants if all(p is not x for x in extra)]
        if len(rest) < 2:
            return [replace(m, besides=())]
        return [replace(m, participants=rest, besides=()),
                replace(m, participants=[*subjects, *extra], besides=(), strangers=())]
    if len(m.separately) < 2:
        return [m]
    rest = [p for p in m.participants if all(p is not s for s in m.separately)]
    return [replace(m, participants=[*rest, one], separately=[]) for one in m.separately]




def _people(tok: Token) -> bool:
    """A common noun for people ('officials', 'business leaders'), not the press."""
    forms = {tok.lemma_.lower(), tok.lower_, tok.lower_.removesuffix("s")}
    return tok.pos_ == "NOUN" and bool(forms & PEOPLE_NOUNS) and not forms & PRESS_NOUNS


def _description(tok: Token, before: int | None = None) -> str:
    """The noun phrase as written, without its conjuncts: 'business leaders from both countries'
    (up to the token at `before`, when given)."""
    words = [t.i for t in local(tok) if t.dep_ not in ("cc", "punct", "appos", "preconj")
             and (before is None or t.i < before)]
    return tok.doc[min(words):max(words) + 1].text


def _a_thing(verb: Token, resolve: Resolve) -> bool:
    """What is hosted, received or welcomed is a thing: 'welcomed the decision', 'the phone he
    received as a gift', 'hosted the summit' (the summit is read from its own noun)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None and verb.dep_ == "relcl":
        obj = verb.head
    return obj is not None and obj.pos_ == "NOUN" and not _people(obj) and resolve(obj) is None


def _faceless_host(verb: Token, resolve: Resolve) -> bool:
    """The host of 'welcomed', 'hosted', 'received' (the subject, or the agent of a passive) is
    named, but as no one the article knows: 'a military band', 'crowds', 'cheering troops'."""
    host = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if host is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        host = pobj(agent) if agent is not None else None
    if host is None or host.pos_ == "PRON" or host.lower_ in ("who", "that", "which"):
        return False
    return not any(resolve(t) for t in _conjuncts(host))


def _their_company(verb: Token, add_with: Callable[[Token], None], add_from: Callable[[Token], None]) -> None:
    """'X was seen taking a selfie with Y during their banquet': 'their' is the subject and the
    people the clauses above the meeting are 'with' (or had something 'from': 'a gift he received
    from Y at their summit'), up to the clause that has the subject."""
    node = verb
    for _ in range(5):
        for t in local(node):
            add_with(t)
            if t.dep_ == "prep" and t.lower_ == "from" and (o := pobj(t)) is not None and o.pos_ == "PROPN":
                add_from(o)
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children) or node.head.i == node.i:
            return
        node = node.head


def _of_the_state(tok: Token | None) -> Token | None:
    """'(heads) of government of France': the country the government is of; else the token."""
    if tok is not None and tok.lemma_.lower() in ("government", "state"):
        return next((pobj(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), tok)
    return tok


def _head_of_government(tok: Token) -> bool:
    """'the heads of government (of state) of A and B': a title of the leaders of countries."""
    return tok.lemma_.lower() == "head" and any(
        c.dep_ == "prep" and c.lower_ == "of" and (o := pobj(c)) is not None
        and o.lemma_.lower() in ("government", "state") for c in tok.children)


def _bodies_meeting(m: Found) -> list[Body]:
    """The countries or organisations of a meeting that names no person, when they plainly meet:
    two or more of them ('Russia and Ukraine held talks'), the representatives of one that are
    the subject at a named place ('NATO defence ministers met in Brussels') or unnamed ('NATO
    leaders met'), or a gathering of one at a named place ('the G20 summit in Rio'). A lone organisation
    as object or subject ('readiness to host US officials', 'the company met a suspect') is not
    enough: who met is not said; nor is a country whose unnamed envoy is met ('hosted a senior
    Chilean official'), who is most often named elsewhere."""
    bodies = list(dict.fromkeys(p.name for p in m.participants if isinstance(p, Body) and not p.delegation))
    gathered = m.gathering or any(p.gathered for p in m.participants if isinstance(p, Body))
    if len(bodies) >= 2 or gathered and (m.place or m.strangers):
        return [Body(name) for name in bodies]
    if m.visit and m.place and m.participants and all(isinstance(p, Body) and p.delegation for p in m.participants):
        # 'foreign ministers from A and B have visited X': the countries of unnamed visitors
        # went there (a visit's traveller, not a counterpart met)
        return [Body(name) for name in dict.fromkeys(p.name for p in m.participants)]
    return []


def _names_a_gathering(tok: Token) -> bool:
    """The proper name before a gathering noun that the NER did not type as an organisation:
    'the G20 Summit' (tagged a facility); not a place ('the Lima summit') nor a person."""
    return tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "FAC", "") \
        and tok.head.lemma_.lower() in GATHERING_NOUNS


def _body_name(name: str) -> str:
    """The body a gathering's name names: 'G20 Summit' -> 'G20' (the NER takes in the noun)."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in MEETING_NOUNS | GATHERING_NOUNS:
        words.pop()
    return " ".join(words)


def _named_after(title: Token, person_of: Callable[[Token], object | None]) -> object | None:
    """The person a long title stands before when the parse broke the phrase up: 'China's
    Special Representative for Korean Peninsula Affairs Liu Jianguo' -> Liu Jianguo."""
    if title.lower_ not in TITLE_HEADS or title.pos_ != "PROPN":
        return None  # a capitalised title, not 'the spokesman for President X'
    for t in title.doc[title.i + 1:title.i + 10]:
        if t.pos_ == "PROPN" and (who := person_of(t)) is not None:
            return who
        if not (t.pos_ in ("PROPN", "DET", "CCONJ") or t.lower_ in ("for", "of", "-")):
            return None  # only the words of a title run lie between
    return None


def _listed_after(tok: Token, person_of: Callable[[Token], object | None]) -> list:
    """The people a plural noun is set off with, when the parse lost the apposition: 'his
    counterparts, A and B,' -> A, B (consecutive names joined by commas, 'and' and hyphens)."""
    doc, i = tok.doc, tok.i + 1
    if i >= len(doc) or doc[i].text != ",":
        return []
    found: list = []
    for t in doc[i + 1:]:
        who = person_of(t) if t.pos_ == "PROPN" else None
        if who is not None:
            if all(who is not f for f in found):
                found.append(who)
        elif not (t.text in ("-", ",", "and") or (t.pos_ == "PROPN" and found)):
            break
    return found


def _conjuncts(tok: Token | None) -> list[Token]:
    if tok is None:
        return []
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    for child in tok.children:
        if child.dep_ == "appos" and not _reports_aside(child):  # 'his counterparts, A and B'
            out.extend(_conjuncts(child))
        if child.dep_ == "nmod" and child.ent_type_ == "PERSON" and any(g.dep_ == "cc" for g in child.children):
            out.append(child)  # 'X and Y' parsed as a modifier of Y
    return out


def _reports_aside(appos: Token) -> bool:
    """'talks with X, her spokesman, Y, told reporters': the apposition is the speaker of the
    sentence, not one more person of the talks (kg.extract.syntax.inverted_subject)."""
    return any(t.dep_ == "conj" and (s := inverted_subject(t)) is not None and s.i == appos.i
               for t in appos.sent)


def _invitee(verb: Token, add: Callable[[Token | None], None]) -> None:
    """'X invited Y to visit': both X and Y take part."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("invite", "ask", "urge"):
        add(next((c for c in verb.head.children if c.dep_ == "nsubj"), None))
        add(next((c for c in verb.head.children if c.dep_ == "dobj"), None))


def _merge(found: list[Found]) -> list[Found]:
    """One event mentioned twice is one meeting: the participants of one contain the other's,
    and their status, day, place and time expression do not conflict. A tenseless mention ('the
    agenda of talks between X and Y on Monday') is the latest such meeting named before it, and
    takes its status; a meeting named after a tenseless mention gives it its status."""
    out: list[Found] = []
    for m in found:
        if m.bare:
            _refer_back(m, out)
            continue
        candidates = reversed(out) if m.tenseless else out
        same = next((o for o in candidates if _same_event(o, m)), None)
        if same is None:
            out.append(m)
            continue
        if same.tenseless and not m.tenseless:
            _take_status(same, m.status)
            same.tenseless = False
        elif m.tenseless:
            _take_status(m, same.status)
        if same.kind == "any":
            same.kind = m.kind
        if len(m.participants) > len(same.participants):
            same.participants = m.participants
        same.day = same.day or m.day
        same.time_expression = same.time_expression or m.time_expression
        same.place = same.place or m.place
        same.strangers = tuple(dict.fromkeys(same.strangers + m.strangers))
        same.mode = same.mode or m.mode
    return out


def _refer_back(m: Found, out: list[Found]) -> None:
    """A definite mention with no one named ('the meeting on Monday') is the meeting of its kind
    named last whose status, day and place it does not contradict; it gives that meeting its
    day and place, and is nothing when no such meeting was named before it."""
    def fits(o: Found) -> bool:
        if not _kinds_agree(o, m) or (m.status is not o.status and not m.tenseless):
            return False
        if m.time_expression and o.time_expression and (o.day is None or m.day is None):
            return o.time_expression == m.time_expression  # 'earlier this year' is no 'Monday'
        return not ((o.day and m.day and o.day != m.day) or (o.place and m.place and o.place != m.place))

    same = next((o for o in reversed(out) if fits(o)), None)
    if same is None:
        return
    same.day = same.day or m.day
    same.time_expression = same.time_expression or m.time_expression
    same.place = same.place or m.place
    same.mode = same.mode or m.mode


def _kinds_agree(a: Found, b: Found) -> bool:
    """Mentions of one event are of one kind; 'talks' and 'conversation' with no mode may name
    a meeting or a call."""
    return a.kind == b.kind or ("any" in (a.kind, b.kind) and {a.kind, b.kind} <= {"any", "meeting", "call"})


def _take_status(m: Found, status: MeetingStatus) -> None:
    """A tenseless mention found to be a meeting ahead: its weekday is read forward."""
    m.status = status
    if status in (MeetingStatus.PLANNED, MeetingStatus.PROPOSED):
        m.day = m.ahead_day


def _same_event(a: Found, b: Found) -> bool:
    if b.another:
        return False  # 'X also met Y', 'X later called Y': not the meeting named before
    if a.frame != b.frame:  # 'The joint hearing was led by ...': the hearing of the lead again
        other = b if a.frame else a
        return other.head in FRAME_NOUNS and other.definite
    pa, pb = _kept(a), _kept(b)
    if not (pa <= pb or pb <= pa) or not _kinds_agree(a, b):
        return False
    if a.status != b.status:
        if not (a.tenseless or b.tenseless):
            return False
        tenseless, other = (a, b) if a.tenseless else (b, a)
        if other.status in (MeetingStatus.PLANNED, MeetingStatus.PROPOSED) and \
                tenseless.ahead_day and other.day and tenseless.ahead_day != other.day:
            return False
        if other.status in (MeetingStatus.PLANNED, MeetingStatus.PROPOSED):
            return not (a.place and b.place and a.place != b.place)
    if pa != pb and not (a.place and a.place == b.place) and not (a.anaphoric or b.anaphoric):
        return False  # a part of the participants joins a meeting at the same place, or by reference
    if pa != pb and (a if len(pa) < len(pb) else b).strangers:
        return False  # 'X will meet business leaders in Beijing': not X's summit with Y there
    if set(a.strangers) != set(b.strangers) and not (a.anaphoric or b.anaphoric):
        return False  # 'X met officials of the firm' is not X's party meeting that day
    def clash(x: object, y: object) -> bool:
        return x is not None and y is not None and x != y
    return not (clash(a.day, b.day) or clash(a.place, b.place)
                or (a.day is None and b.day is None and clash(a.time_expression, b.time_expression)))


def _country(mark: Token) -> str | None:
    """The country a nationality or country name stands for: 'Iranian', 'US'."""
    code = COUNTRIES.get(mark.lower_) if mark.ent_type_ in ("NORP", "GPE") else None
    return country_name(code) if code else None


def _side(tok: Token) -> str | None:
    """The country a subject stands for at talks: the country itself ('the US'), or its
    delegation or team ('the Iranian delegation')."""
    if tok.lemma_.lower() in DELEGATION_NOUNS:
        return next((name for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss")
                     and (name := _country(c))), None)
    return _country(tok)


def _represented(sentences, person_at: Callable[[Token], object | None]) -> dict[str, list]:
    """Who the article says stands for each country at talks: 'the Iranian delegation will be
    led by X', 'the US will be represented by Y and Z', 'X will head the Iranian team'."""
    out: dict[str, list] = {}
    for sent in sentences:
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in REPRESENT_VERBS:
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            agent = next((pobj(c) for c in verb.children if c.dep_ == "agent"), None)
            if subject is None:  # 'X will lead the Iranian delegation'
                subject = next((c for c in verb.children if c.dep_ == "dobj"
                                and c.lemma_.lower() in DELEGATION_NOUNS), None)
                agent = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            side = _side(subject) if subject is not None else None
            if side is None or agent is None:
                continue
            people = [p for p in map(person_at, _conjuncts(agent)) if p is not None]
            if people:
                out.setdefault(side, [])
                out[side] += [p for p in people if all(p is not q for q in out[side])]
    return out


def _kept(m: Found) -> set:
    """The participants a meeting is handed on with (`meetings_of`): with a person named, the
    persons and the countries whose unnamed envoys they met, not a body named beside them ('X
    urged Hong Kong ... during a visit'); persons hash as themselves, bodies by value."""
    persons = {p for p in m.participants if not isinstance(p, Body)}
    if not persons:
        return set(m.participants)
    return persons | {p for p in m.participants if isinstance(p, Body) and (p.delegation or p.host)}


def meetings_of(parsed, people, offices, speakers, published: date | None) -> tuple[FoundMeeting, ...]:
    """Find the meetings of a parsed article, each with its participants named (persons of the
    article, else bodies); `kg.extract.build.build_meetings` makes them `kg.model.Meeting`s.

    `speakers.resolve(token)` maps a token (a name, a pronoun, a title) to a resolved mention
    whose `.person` is the extractor's person; `offices.of(person)` lists a person's titles.
    """
    titles = {p: [(t.head, norm_role(t.role)) for m in offices.of(p) for t in m.titles]
              for p in people.persons}
    mentions = people.mentions()

    def last_seen(person, tok: Token) -> int:
        here = parsed.begin(tok)
        return max((b for b, _, p in mentions if p is person and b < here), default=-1)

    bodies: dict[str, Body] = {}

    def body(name: str | None, gathered: bool = False, delegation: bool = False) -> Body | None:
        return bodies.setdefault(f"{name}|{gathered}|{delegation}", Body(name, gathered, delegation)) \
            if name else None

    def envoy_of(tok: Token) -> list[Body]:
        """The countries an unnamed representative stands for: 'the Japanese ambassador', 'a
        senior Taiwanese official', 'foreign ministers from (of) Chile and Peru'."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in REPRESENTATIVES and not _head_of_government(tok):
            return []
        if any(c.dep_ in ("appos", "compound", "flat") and c.pos_ == "PROPN" for c in tok.children):
            return []  # a name goes with the title: the person, not the country
        if any(c.dep_ == "amod" and c.lower_ in OTHER_OCCASION | {"past", "late"} for c in tok.children):
            return []  # 'previous Israeli leaders': the people who were, not the country now
        marks = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        marks += [g for c in marks for g in c.children if g.dep_ == "conj"]  # 'US and Iranian officials'
        marks += [m for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "of")
                  for m in _conjuncts(_of_the_state(pobj(c)))]
        out = []
        for mark in marks:
            if mark.dep_ == "pobj":  # 'from South Korea', 'of Chile and Peru'
                words = [c for c in mark.lefts if c.dep_ in ("compound", "flat")] + [mark]
                name = " ".join(t.text for t in words) if mark.ent_type_ in ("GPE", "LOC") else None
            else:  # 'the Japanese ambassador', 'a Peru envoy'
                code = COUNTRIES.get(mark.lower_) if mark.ent_type_ in ("NORP", "GPE") else None
                name = country_name(code) if code else None
            if name:
                out.append(body(name, delegation=True))
        return out

    def envoy_named_before(tok: Token, country: Body) -> object | None:
        """'X told visiting Chilean Foreign Minister Ana Ruiz ... the first time Peru has hosted
        a Chilean official': one unnamed envoy ('a', 'the' or no determiner, singular) is the one
        person of that country named before it in its sentence by a title of that country."""
        if tok.tag_ != "NN" or any(c.dep_ == "det" and c.lower_ not in ("a", "an", "the") for c in tok.children):
            return None
        here, since = parsed.begin(tok), parsed.begin(tok.sent[0])
        before = {p for b, _, p in mentions if since <= b < here}
        of_country = [p for p in people.persons if p in before and any(
            t.jurisdiction and country_name(t.jurisdiction) == country.name
            for m in offices.of(p) for t in m.titles)]
        return of_country[0] if len(of_country) == 1 else None

    def _the_two(tok: Token) -> list | None:
        """'The two spoke by phone': the two people named last, in this sentence or the one
        before it, by name or by a subject pronoun ('She said X had called her. She said the pair
        had agreed to meet')."""
        first = tok.sent[0]
        for _ in range(BACK_FOR_THE_TWO):
            first = tok.doc[first.i - 1].sent[0] if first.i > 0 else first
        since = parsed.begin(first)
        seen = {i: last_seen(p, tok) for i, p in enumerate(people.persons)}
        for t in tok.doc[first.i:tok.i]:
            if t.pos_ == "PRON" and t.lower_ in SUBJECT_PRONOUNS and (w := speakers.resolve(t)) is not None:
                i = next((i for i, p in enumerate(people.persons) if p is w.person), None)
                if i is not None:
                    seen[i] = max(seen[i], parsed.begin(t))
        recent = sorted(((b, i) for i, b in seen.items()), reverse=True)[:2]
        if len(recent) < 2 or recent[1][0] < since:
            return None
        return [people.persons[i] for _, i in recent]

    def possessor(tok: Token) -> object | None:
        """The person 'his', 'her' or 'herself' stands for: one named before it in its sentence
        ('X accused Y of ... after she posted photos of herself'), the one a subject pronoun would
        stand for among them, else the one a subject pronoun stands for."""
        gender = OBLIQUE_PRONOUNS[tok.lower_]
        here, since = parsed.begin(tok), parsed.begin(tok.sent[0])
        named = [p for b, _, p in mentions if since <= b < here and getattr(p, "gender", None) in (None, gender)]
        who = speakers.pronoun(here, gender)
        if named and all(who is not p for p in named):
            return named[-1]
        return who

    def object_pronoun(tok: Token) -> object | None:
        """'X had called her', 'Y met him', 'spoke with her': the person an object pronoun stands
        for is not the subject of its verb; the one of its gender named or referred to by a
        subject pronoun before it in the sentence, else the one a subject pronoun would stand
        for, when that is not the subject either."""
        gender = OBJECT_PRONOUNS[tok.lower_]
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        subject = controlled_subject(verb) if verb.pos_ in ("VERB", "AUX") else None
        doers = [speakers.resolve(t) for t in _conjuncts(subject)]
        doers = [w.person for w in doers if w is not None and w.person is not None]
        here, since = parsed.begin(tok), parsed.begin(tok.sent[0])

        def fits(p: object) -> bool:
            return getattr(p, "gender", None) in (None, gender) and all(p is not d for d in doers)

        before = [(b, p) for b, _, p in mentions if since <= b < here]
        before += [(parsed.begin(t), w.person) for t in tok.sent if t.i < tok.i and t.pos_ == "PRON"
                   and t.dep_ == "nsubj" and SUBJECT_PRONOUNS.get(t.lower_) == gender
                   and (w := speakers.resolve(t)) is not None and w.person is not None]
        named = [p for _, p in sorted(before, key=lambda x: x[0]) if fits(p)]
        if named:
            return named[-1]
        # the one the sentence before is about: the first subject of a verb other than one of
        # saying ('X will leave on Monday, Y told reporters. Z will accompany him': X)
        if tok.sent.start == 0:
            return None
        for t in tok.doc[tok.sent.start - 1].sent:
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_.lower() not in REPORTING_VERBS and \
                    (w := speakers.resolve(t)) is not None and w.person is not None and fits(w.person):
                return w.person
        return None

    def person_at(tok: Token) -> object | None:
        return getattr(speakers.resolve(tok), "person", None)

    parties: list = []  # the people whose own words make the article's turns, once read

    def in_turn(tok: Token) -> object | list | None:
        """First and second persons in a speaker's own words, a labelled turn of a transcript:
        'I', 'my' are the speaker; 'you', 'your' the one spoken to, the other party of a
        two-party exchange; 'we', 'our' the speaker and, in a two-party exchange, the other."""
        speaker = speakers.speaking_at(parsed.begin(tok))
        if speaker is None:
            return None
        if not parties:
            for b, e in parsed.paras:
                who = speakers.speaking_at(e - 1)
                if who is not None and all(who is not p for p in parties):
                    parties.append(who)
        other = next((p for p in parties if p is not speaker), None) if len(parties) == 2 else None
        role = TURN_PRONOUNS[tok.lower_]
        if role == "speaker":
            return speaker
        if role == "addressee":
            return other
        return [speaker, other] if other is not None else speaker

    def resolve(tok: Token) -> object | list | None:
        if tok.lower_ in ("two", "pair"):  # 'the two spoke by phone', 'the pair agreed'; not 'the top two'
            bare = all(c.dep_ in ("det", "punct") for c in tok.children)
            return _the_two(tok) if bare and any(c.lower_ == "the" for c in tok.children) else None
        if tok.lemma_.lower() in ("man", "woman") and tok.tag_ == "NNS" and \
                {c.lower_ for c in tok.children} >= {"the", "two"}:
            return _the_two(tok)  # 'the two men have spoken by phone'
        if tok.pos_ not in ("PROPN", "PRON", "NOUN") and not tok.is_title:
            return None  # a capitalised name the tagger took for something else ('Ha' as INTJ)
        if tok.pos_ == "PRON" and tok.lower_ in TURN_PRONOUNS:
            return in_turn(tok)
        if tok.tag_ == "NNS":  # a plural title stands for a group, never for one person
            listed = _listed_after(tok, person_at)
            if listed:
                return listed
            if envoys := envoy_of(tok):  # 'foreign ministers from Chile and Peru': not those named
                return envoys
            # 'NATO defence ministers', 'EU leaders', 'Hamas officials': the body they represent,
            # not the people of that title named before
            if tok.lemma_.lower() in REPRESENTATIVES:
                for child in tok.children:
                    if child.dep_ in ("compound", "nmod", "poss") and child.ent_type_ in ("ORG", "GPE"):
                        return body(getattr(speakers.resolve(child), "org", None), tok.dep_ == "nsubj")
            members = group_members(tok, titles, people.persons, last_seen, parsed.begin(tok.sent[0]))
            return members or None
        if tok.pos_ == "PRON" and tok.lower_ in OBLIQUE_PRONOUNS and (
                tok.dep_ == "poss" or tok.lower_.endswith("self")):
            # 'his visit to X', 'her trip', 'photos of herself meeting X': the person a subject
            # pronoun of that gender would stand for here (not an object 'him': the one addressed
            # is not the one the narrative is about)
            return possessor(tok)
        if tok.pos_ == "PRON" and tok.lower_ in OBJECT_PRONOUNS and (tok.dep_ == "dobj" or (
                tok.dep_ == "pobj" and tok.head.lower_ in ("with", "to"))):
            return object_pronoun(tok)  # 'X called her', 'Y met with him', 'Z spoke to her'
        who = speakers.resolve(tok)
        if who is not None and who.person is not None and tok.lemma_.lower() in TITLE_HEADS and \
                people.at(parsed.begin(tok), parsed.end(tok)) is None and \
                speakers.named_subject(tok) is None and last_seen(who.person, tok) < 0:
            return None  # 'joined the prime minister for the visit': a title refers back, not to
            # a holder the article names only later
        if (who is None or (who.person is None and not who.org)) and (envoys := envoy_of(tok)):
            if len(envoys) == 1 and (named := envoy_named_before(tok, envoys[0])) is not None:
                return named
            return envoys if len(envoys) > 1 else envoys[0]
        if who is None and _names_a_gathering(tok):
            return body(_body_name(" ".join(t.text for t in tok.subtree if t.dep_ != "det")))
        if who is None or (who.person is None and not who.org):
            return _named_after(tok, person_at)
        return who.person if who.person is not None else body(_body_name(who.org))

    sides = _represented(parsed.sents, person_at)
    out = []
    for m in find_meetings(parsed.sents, resolve=resolve, begin=parsed.begin, end=parsed.end,
                           published=published):
        if m.frame:
            heard = speakers.spoken_after(m.evidence[0])
            m.participants = [*m.participants, *(p for p in heard if all(p is not q for q in m.participants))]
        if m.participants and all(isinstance(p, Body) and p.delegation and p.name in sides for p in m.participants):
            # 'US and Iranian officials will meet' where the text names who leads each side
            m.participants = list(dict.fromkeys(x for p in m.participants for x in sides[p.name]))
        persons = [p for p in m.participants if not isinstance(p, Body)]
        named = persons or _bodies_meeting(m)  # countries or organisations where no person is named
        if persons:  # with the named people, the countries whose unnamed envoys they met, and
            # the country that hosted them
            named += [p for p in m.participants if isinstance(p, Body) and (p.delegation or p.host)]
        if named:
            out.append(FoundMeeting(tuple(named), m.status, m.evidence, m.mode, m.place, m.day,
                                    m.time_expression, m.strangers))
    return tuple(out)


