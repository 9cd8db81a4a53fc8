"""A noun of saying with its owner and its that-clause: "the minister's warning that the talks
would fail", "Valdoria's claim that the border is closed". The owner is the speaker; the clause
is what was said.
"""

from __future__ import annotations

from kg.extract import lexicon as lx
from kg.extract.forms.base import ByPhrase, Candidate, Context, Found
from kg.extract.forms.clauses import clause_statements
from kg.extract.text import trim

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ("Senator Ana Diaz's warning that the talks would fail angered the unions.",
           "the talks would fail")


def find(ctx: Context, claimed: frozenset[int]) -> Found:
    parsed = ctx.parsed
    candidates: list[Candidate] = []
    taken: set[int] = set()
    for tok in parsed.all_tokens():
        if tok.pos_ != "NOUN" or tok.lower_ not in lx.SPEECH_NOUNS or ctx.in_quote(parsed.begin(tok)):
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if owner is None or clause is None:
            continue
        words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
        b, e = trim(ctx.text, parsed.begin(words[0]), parsed.end(words[-1]))
        found = clause_statements(ctx, b, e, ByPhrase(owner), verb=tok.lower_)
        candidates.extend(c for c in found.candidates)
        taken |= found.claimed
    return Found(tuple(candidates), frozenset(taken - claimed))
