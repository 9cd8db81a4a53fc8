"""A noun of saying with its owner and its that-clause: "the minister's warning that the talks
would fail", "Valdoria's claim that the border is closed". The owner is the speaker; the clause
is what was said.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import lexicon as lx
from kg.extract.cues import cut_remark
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
        if owner is None:
            continue
        clause = _that_clause(tok)
        if clause is None:
            continue
        words = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
        words = cut_remark(words)
        b, e = trim(ctx.text, parsed.begin(words[0]), parsed.end(words[-1]))
        found = clause_statements(ctx, b, e, ByPhrase(owner), verb=tok.lower_)
        candidates.extend(c for c in found.candidates)
        taken |= found.claimed
    return Found(tuple(candidates), frozenset(taken - claimed))


def _that_clause(noun: Token) -> Token | None:
    """The that-clause of the noun: hung from it, or from the verb above it when the clause
    starts right after the noun ('doubled down on his claims that ...')."""
    that = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i]
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    that += [c for c in verb.children if c.dep_ == "ccomp" and c.left_edge.i == noun.right_edge.i + 1]
    return next((c for c in that
                 if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
