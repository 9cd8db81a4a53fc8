"""A quotation a colon introduces after a sentence about a named person with no verb of saying:
'The president made a joke about his age: "That is how far back it goes."'. The quotation is
the person's, direct speech.
"""

from __future__ import annotations

from kg.extract.forms.base import ByPhrase, Candidate, Context, Found, words
from kg.model import SpeechMode

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ('President Ana Diaz reminisced about earlier leaders before making a joke about her age: '
           '“That is how far back it goes. I was only 12 then.”',
           'That is how far back it goes. I was only 12 then.')

MIN_WORDS = 4  # shorter quotes after a colon are names, slogans or titles


def find(ctx: Context, claimed: frozenset[int]) -> Found:
    parsed, text = ctx.parsed, ctx.text
    candidates: list[Candidate] = []
    taken: set[int] = set()
    for i, q in enumerate(ctx.quotes):
        if i in claimed or q.single or words(q.inner(text)) < MIN_WORDS:
            continue
        before = text[:q.begin].rstrip()
        if not before.endswith(":"):
            continue
        colon = parsed.tokens(len(before) - 1, len(before))
        if not colon:
            continue
        verb = colon[0].head  # the clause the colon closes
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or ctx.people.at(parsed.begin(subject), parsed.end(subject)) is None \
                and not any(ctx.people.at(parsed.begin(c), parsed.end(c)) for c in subject.subtree
                            if c.dep_ in ("compound", "appos", "flat")):
            continue
        taken.add(i)
        candidates.append(Candidate(q.inner_begin, q.inner_end, SpeechMode.DIRECT,
                                    ByPhrase(subject), verb=verb.lemma_.lower()))
    return Found(tuple(candidates), frozenset(taken))
