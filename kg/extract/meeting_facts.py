"""What a meeting's clause says about it: status, mode and place (for kg.extract.meetings).

Status comes from the modality of the words that govern the meeting: cancellation verbs, then
proposal cues ("would probably meet", "invited ... to visit", "could take place", a schedule in
the past perfect: "had been due to visit"), then plans ("will", "scheduled to", "agreed to"),
else held. Mode from phone and video words; place from a
named place in the clause. Its date is `kg.extract.dates`'s to read.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from kg.extract import lexicon as lx
from kg.extract.lexicon import (
    ANTICIPATION,
    CANCEL_VERBS,
    CANCEL_WORDS,
    CONDITIONS,
    FUTURE_MODALS,
    JOIN_VERBS,
    PHONE_WORDS,
    PLAN_VERBS,
    PROPOSE_VERBS,
    PROPOSE_WORDS,
    SCHEDULE_WORDS,
    UNCERTAIN_MODALS,
    VIDEO_WORDS,
)
from kg.extract.syntax import local, pobj
from kg.model import MeetingMode, MeetingStatus

OWN_CLAUSES = frozenset("conj ccomp parataxis advcl csubj".split())  # clauses beside the trigger's




Resolve = Callable[[Token], object | None]   # token -> person object (or None)


def chain(tok: Token, support: Token | None, how: str) -> list[Token]:
    """The words whose modality is the meeting's: the trigger and its modifiers, then the verb
    it is the argument of and the control verbs above ('is scheduled to', 'agreed to', 'invited
    ... to'), through coordination ('is to have lunch and meet'). A meeting named in a time
    phrase ('during a call') takes only the verb's auxiliaries, unless the verb is one of taking
    part in it: 'invited X to join him on a tour' is a tour proposed. A purpose clause takes the
    modality of the clause it serves: 'will travel to X on Monday to meet Y'. Clauses beside the
    trigger ('spoke with Y and agreed on Z') are not its modality."""
    own = OWN_CLAUSES | ({"xcomp", "relcl", "acl"} if tok.pos_ in ("VERB", "AUX") else set())
    words = [tok, *(c for c in tok.children if c.dep_ not in own)]
    words += _condition(tok) + _anticipated(tok)
    if support is None or (support is tok and how != "self"):
        return words
    if how == "adjunct" and support.lemma_.lower() not in JOIN_VERBS:
        return words + [c for c in support.children if c.dep_ in ("aux", "neg")] + _condition(support)
    node = support
    for _ in range(6):
        words += [node, *(c for c in node.children
                          if c.dep_ in ("aux", "auxpass", "advmod", "neg", "acomp", "prt"))]
        words += _condition(node) + _anticipated(node)
        if not (node.dep_ in ("xcomp", "conj", "acomp") or purpose(node)) or node.head.i == node.i:
            break
        node = node.head
    return words


def purpose(verb: Token) -> bool:
    """An infinitive of purpose: 'flew to X to meet Y'."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _condition(verb: Token) -> list[Token]:
    """The 'if' of a conditional clause on the verb ('If confirmed, he will visit'); not one in
    quotation marks, which are someone's words the parse hung on the verb ('spoke with X, who
    said aid was ready "if Y so requests"')."""
    return [m for c in verb.children if c.dep_ == "advcl" and not _quoted(c)
            for m in c.children if m.dep_ == "mark" and m.lower_ in CONDITIONS]


def _anticipated(node: Token) -> list[Token]:
    """'looking forward to our talks', 'look forward to hosting you': what a verb of anticipation
    looks to lies ahead; its 'forward' (with the verb's 'to') goes into the chain."""
    if node.dep_ in ("pobj", "pcomp") and node.head.lower_ == "to":
        return [c for c in node.head.head.children if _anticipation(c)]
    return []


def _anticipation(word: Token) -> bool:
    return word.dep_ == "advmod" and word.lower_ in ANTICIPATION and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in word.head.children)


QUOTE_MARKS = frozenset('"“”‘’\'`')


def _quoted(clause: Token) -> bool:
    """The clause opens right after a quotation mark."""
    first = clause.left_edge
    return first.i > 0 and first.doc[first.i - 1].text in QUOTE_MARKS or first.text in QUOTE_MARKS


def _new_date(verb: Token) -> bool:
    """'postponed until May', 'moved to next week': a new time for the meeting."""
    return verb.lemma_.lower() in CANCEL_VERBS | {"move", "push", "delay", "reschedule"} and any(
        c.dep_ == "prep" and c.lower_ in ("until", "till", "to") and (o := pobj(c)) is not None
        and o.ent_type_ in ("DATE", "TIME") for c in verb.children)


def _forms(t: Token) -> set[str]:
    """The token's lemma, and its plain forms without -s/-d/-ed (the small model's lemmatizer
    misses some: 'hoped' -> 'hop')."""
    low = t.lower_
    return {t.lemma_.lower(), low, low[:-1], low[:-2]}


def status(words: list[Token]) -> MeetingStatus:
    lemmas = {form for t in words for form in _forms(t)}
    lowers = {t.lower_ for t in words}
    if lemmas & CANCEL_VERBS or lowers & CANCEL_WORDS or ("call" in lemmas and "off" in lowers):
        if any(_new_date(t) for t in words):
            return MeetingStatus.PLANNED  # 'postponed until May': rescheduled
        return MeetingStatus.CANCELLED
    if lemmas & PROPOSE_VERBS or lowers & PROPOSE_WORDS or lowers & CONDITIONS or \
            any(t.lower_ in UNCERTAIN_MODALS - {"would"} and t.dep_ == "aux" for t in words):
        return MeetingStatus.PROPOSED
    if any(t.lower_ == "would" and t.dep_ in ("aux", "auxpass") for t in words):
        return MeetingStatus.PLANNED  # 'said he would travel to X next week': the future of a past
        # telling, a plan (with no word of doubt or condition: 'would probably', 'would ... if')
    if lemmas & SCHEDULE_WORDS and any(t.dep_ == "aux" and t.lower_ in ("had", "'d") for t in words):
        return MeetingStatus.PROPOSED  # 'had been due to fly', 'had been scheduled for': a plan overtaken
    if lemmas & PLAN_VERBS or lowers & FUTURE_MODALS or lowers & {"upcoming", "planned", "scheduled"} or \
            any(_anticipation(t) for t in words):
        return MeetingStatus.PLANNED
    if any(_bare_infinitive(t) for t in words):
        return MeetingStatus.PLANNED  # a headline's 'Minister to visit Seoul': what lies ahead
    return MeetingStatus.HELD


def _bare_infinitive(verb: Token) -> bool:
    """A 'to'-infinitive no verb governs: the clause of a headline ('X to meet Y next week')."""
    return verb.pos_ in ("VERB", "AUX") and verb.tag_ == "VB" and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
        (verb.dep_ == "ROOT" or (verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("PROPN", "NOUN")))


def mode(tok: Token, verb: Token | None, visit: bool) -> MeetingMode | None:
    heads = [tok, *tok.children, *(verb.children if verb is not None else [])]
    near = {t.lower_ for t in heads} | {g.lower_ for t in heads if t.dep_ == "prep" for g in t.children}
    near |= {t.lower_ for t in tok.subtree} if tok.pos_ == "NOUN" else set()
    if near & VIDEO_WORDS:
        return MeetingMode.VIDEO_CALL
    if tok.lemma_.lower() == "call" and any(
            c.dep_ == "prep" and c.lower_ == "on" and (o := pobj(c)) is not None
            and o.ent_type_ not in ("DATE", "TIME") for c in tok.children):
        return MeetingMode.IN_PERSON  # 'paid a courtesy call on X', 'will call on X': a visit
    if near & PHONE_WORDS or tok.lemma_.lower() in ("phone", "telephone", "call"):
        return MeetingMode.PHONE_CALL
    if visit or tok.lemma_.lower() in ("meet", "summit", "banquet", "luncheon", "lunch", "dinner", "host", "welcome", "roll"):
        return MeetingMode.IN_PERSON
    return None


def place(scope: list[Token], visit_verb: Token | None, resolve: Resolve) -> str | None:
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
            obj = pobj(t)
            if obj is not None and not _is_place(obj, t.lower_, resolve):
                obj = _of_place(obj)  # 'to the department of Cauca', 'in the city of Goma'
            if obj is not None and _is_place(obj, t.lower_, resolve):
                return _entity_text(obj)
    return None


def places_of(prep: Token, resolve: Resolve) -> list[str]:
    """Each named place a preposition governs, conjuncts too: 'in A, B and C' -> A, B, C."""
    out: list[str] = []
    node = pobj(prep)
    while node is not None:
        if _is_place(node, prep.lower_, resolve):
            out.append(_entity_text(node))
        node = next((c for c in node.children if c.dep_ == "conj"), None)
    return out


def _of_place(noun: Token) -> Token | None:
    """The named place of 'the province of X': a common noun with 'of' and a place name."""
    if noun.pos_ != "NOUN":
        return None
    return next((o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 and (o := pobj(c)) is not None and o.ent_type_ in ("GPE", "LOC")), None)


def _is_place(tok: Token, prep: str, resolve: Resolve) -> bool:
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.PLACE_NOUNS and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
        return True  # "Bac Ninh province"
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
