"""The subject of a verb, one owner for the statements' and the meetings' readings of it (issue
14), and the clause a word is in.

A verb's own subject is a dependent of it (`dependents`); a relative pronoun standing as the
subject of a relative clause stands for the noun the clause hangs from (`antecedent`). A verb with
no subject of its own takes one from a clause above it, and where it climbs to is a policy:

- `subject_of` (statements: who says something): a participle or a conjoined verb takes the
  subject of the clause it hangs from, climbing any head, and skipping clauses that are
  themselves reported content up to the reporting verb that reports them ('X said A, adding B':
  X adds B).
- `controlled_subject` (meetings: who takes part): control and raising through complements,
  coordination and adjuncts ('is scheduled to have', 'agreed to meet', 'after meeting X, Y
  said'), the object of a verb of object control ('invited X to visit': X visits).

Besides: `local`, a word with what hangs from it inside its own clause (`CLAUSAL` relations
start another), and `pobj`, a preposition's object. Pure functions of the parse; any stage may
call them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from kg.extract.lexicon import OBJECT_CONTROL

SUBJECT_DEPS = ("nsubj", "nsubjpass")
RELATIVE_PRONOUNS = ("who", "that", "which")


def dependents(verb: Token, deps: Iterable[str] = SUBJECT_DEPS) -> list[Token]:
    """The verb's dependents of the given relations (its subjects by default), in order."""
    return [c for c in verb.children if c.dep_ in deps]


def antecedent(verb: Token, subject: Token, relatives: Iterable[str] = RELATIVE_PRONOUNS) -> Token:
    """The subject, or for a relative pronoun subject of a relative clause ('the envoy, who
    said ...') the noun the clause hangs from."""
    if subject.lower_ in relatives and verb.dep_ == "relcl":
        return verb.head
    return subject


def own_subject(verb: Token) -> Token | None:
    """The verb's own subject, clausal ones included; of several (a dateline parsed as one), the
    nearest before the verb (one far after it, eight words or more, is not its own)."""
    subjects = [c for c in dependents(verb, (*SUBJECT_DEPS, "csubj")) if c.i < verb.i + 8]
    if not subjects:
        return None
    before = [c for c in subjects if c.i < verb.i]
    return antecedent(verb, before[-1] if before else subjects[0])


def inverted_subject(verb: Token) -> Token | None:
    """'A will travel to B with C, her spokesman, Daniel Ferro, told reporters': the subject of
    a verb the parse conjoined to the clause it reports, printed between commas just before it
    and hung as an apposition on that clause's last noun. The apposition that starts the phrase."""
    doc = verb.doc
    if verb.dep_ != "conj" or own_subject(verb) is not None or verb.i < 3 \
            or doc[verb.i - 1].text != ",":
        return None
    last = doc[verb.i - 2]
    node = last if last.dep_ == "appos" else last.head if last.head.dep_ == "appos" else None
    if node is None or node.right_edge.i != last.i:
        return None
    while node.head.dep_ == "appos" and node.head.i < node.i:
        node = node.head
    if node.i < verb.head.i or doc[node.left_edge.i - 1].text != ",":
        return None
    return node


def trailing_report(verb: Token) -> Token | None:
    """'A explained that B, Minister X told reporters.': a verb the parse conjoined to the clause
    it reports, after a comma with no conjunction, with its own subject and nothing after it but
    its own phrase. The subject (where the attribution starts)."""
    doc = verb.doc
    if verb.dep_ != "conj" or verb.i < verb.head.i:
        return None
    subject = own_subject(verb)
    if subject is None or subject.i > verb.i:
        return None
    start = subject.left_edge.i
    if start < 2 or doc[start - 1].text != "," or any(
            c.dep_ == "cc" and start > c.i > verb.head.i for c in verb.head.children):
        return None
    return subject if verb.right_edge.i + 2 >= verb.sent.end else None


def subject_of(verb: Token, is_cue: Callable[[Token], bool] = lambda t: False) -> Token | None:
    """The subject of a reporting verb.

    Conjoined verbs share their first conjunct's subject; a participle ('..., saying ...',
    'adding that ...') takes the subject of the clause it hangs from, skipping clauses that are
    themselves reported content (a ccomp of a verb `is_cue` accepts) up to the reporting verb
    that governs them.
    """
    own = own_subject(verb) or inverted_subject(verb)
    if own is not None:
        return own
    node = verb
    for _ in range(8):
        if node.dep_ == "ROOT" or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if node.dep_ == "ccomp" and is_cue(node.head):
            # hanging from reported content ('X said A, adding B', 'replied that A and said B'):
            # the speaker is the subject of the verb that reports that content
            node = node.head
        aside = next((c for c in node.children if c.dep_ == "parataxis" and c.i < verb.i
                      and is_cue(c) and own_subject(c) is not None), None)
        if aside is not None:  # 'A, X said, adding B': the reported clause's own reporter
            return own_subject(aside)
        own = own_subject(node)
        if own is not None:
            return own
    return None


CONTROL_DEPS = frozenset("xcomp conj advcl ccomp pcomp acl acomp".split())


def controlled_subject(verb: Token) -> Token | None:
    """The subject of the verb, through control and raising ("is scheduled to have", "agreed to
    meet"), conjoined verbs and gerunds after a preposition ("after meeting X, Y said"); the
    object of a verb of object control ("invited X to visit", "led us to hold talks")."""
    node = verb
    for _ in range(5):
        subject = next(iter(dependents(node)), None)
        if subject is not None:
            return antecedent(node, subject, ("who", "that"))
        if node.dep_ not in CONTROL_DEPS or node.head.i == node.i:
            return None
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in OBJECT_CONTROL:
            obj = next(iter(dependents(node.head, ("dobj",))), None)
            if obj is not None:
                return obj
        node = node.head
        if node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX"):
            node = node.head  # 'Before speaking with X, Y urged': the clause the adjunct is of
    return None


# the relations by which a clause hangs from another
CLAUSAL = frozenset("ccomp advcl relcl conj xcomp csubj parataxis acl pcomp".split())


def local(node: Token) -> list[Token]:
    """The node and what hangs from it inside its own clause."""
    out = [node]
    for child in node.children:
        if child.dep_ not in CLAUSAL:
            out.extend(local(child))
    return out


def pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)
