"""A sentence opened by whose view it gives, with that party's quoted words: 'For the union,
the offer is "an insult to every nurse."'. The quotation is the party's, direct speech.
"""

from __future__ import annotations

from kg.extract.forms.base import ByPhrase, Candidate, Context, Found
from kg.model import SpeechMode

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ('For the Nurses Union of Valdoria, the offer is “an insult to every nurse in the country.”',
           'an insult to every nurse in the country.')


def find(ctx: Context, claimed: frozenset[int]) -> Found:
    parsed = ctx.parsed
    candidates: list[Candidate] = []
    taken: set[int] = set()
    for sent in parsed.sents:
        first = sent[0]
        if first.lower_ != "for" or first.dep_ != "prep":
            continue
        party = next((c for c in first.children if c.dep_ == "pobj"), None)
        if party is None or party.right_edge.i + 1 >= sent.end \
                or sent.doc[party.right_edge.i + 1].text != ",":
            continue
        if party.ent_type_ not in ("ORG", "PERSON", "GPE", "NORP") and party.pos_ != "PROPN":
            continue
        b, e = parsed.end(party.right_edge), parsed.send(sent)
        for i, q in enumerate(ctx.quotes):
            if i in claimed or q.single or not b <= q.begin < e:
                continue
            taken.add(i)
            candidates.append(Candidate(q.inner_begin, q.inner_end, SpeechMode.DIRECT,
                                        ByPhrase(party), verb="for"))
    return Found(tuple(candidates), frozenset(taken))
