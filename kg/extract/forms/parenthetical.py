"""An attribution set off inside the sentence it reports: 'The damage, Virtanen argued, would last
for years.', 'Farmers will suffer most, he said, since the rains came late.'

The cue is a reporting verb with a subject of its own that the parse hangs on the main clause as
a parenthetical (parataxis), between commas; the whole sentence is the statement, indirect
speech; with a cue of its own after it ('A, X said, adding that B'), A is. A sentence that opens
with a quotation is left to the quote forms ('"The damage," she argued, "would last."' is two
quotes); quoted words inside it are the statement's.
"""

from __future__ import annotations

from kg.extract.forms.base import ByCue, Candidate, Context, Found
from kg.extract.forms.clauses import clause_statements

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = (("Economy Minister Anna Virtanen spoke in Helsinki on Monday. The damage, Virtanen "
           "argued, would last for years."),
           "The damage, Virtanen argued, would last for years")


def find(ctx: Context, claimed: frozenset[int]) -> Found:
    parsed = ctx.parsed
    candidates: list[Candidate] = []
    taken: set[int] = set()
    for cue in ctx.cues.active:
        if cue.dep_ != "parataxis" or not any(c.dep_ == "nsubj" for c in cue.children):
            continue
        doc, sent = cue.doc, cue.sent
        left, right = min(t.i for t in cue.subtree), max(t.i for t in cue.subtree)
        added = next((c for c in cue.children if c.dep_ in ("advcl", "conj") and c.i > cue.i
                      and c in ctx.cues.contents), None)  # 'A, X said, adding that B'
        if added is not None:
            right = added.left_edge.i - 1
        opens = doc[left].text == "," or left > sent.start and doc[left - 1].text == ","
        if not opens or left == sent.start or right + 1 >= sent.end:
            continue  # set off inside the sentence: not 'X said, ...' opening it
        b, e = parsed.begin(sent[0]), parsed.end(sent[-1])
        if any(q.begin <= b < q.end or b <= q.begin < e and not ctx.text[b:q.begin].strip()
               for q in ctx.quotes):
            continue
        k = right + 1 if doc[right].text == "," else right + 2
        after = doc[k] if k < sent.end and doc[k - 1].text == "," else None
        if after is not None and after in ctx.cues.contents or added is not None:
            # 'A, X said, adding that B': A is what X said; the added words are the next cue's
            e = parsed.end(doc[left - 1]) if doc[left].text != "," else parsed.begin(doc[left])
        found = clause_statements(ctx, b, e, ByCue(cue))
        candidates.extend(found.candidates)
        taken |= found.claimed
    return Found(tuple(candidates), frozenset(taken))
