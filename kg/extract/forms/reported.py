"""A reporting verb with its reported clause: 'X said (that) ...', 'X urged Y to ...', 'expressed
hope that ...', '..., saying the plan was ...'.
"""

from __future__ import annotations

from kg.extract.forms.base import ByCue, Candidate, Context, Found
from kg.extract.text import trim
from kg.model import SpeechMode
from kg.extract.forms.clauses import clause_statements

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ('Foreign Minister Ana Diaz said the talks would resume in March.',
           'the talks would resume in March')

def find(ctx: Context, claimed: frozenset[int]) -> Found:
    candidates, taken = [], set()
    for cue in ctx.cues.active:
        for b, e in ctx.cues.contents[cue]:
            if ctx.in_quote(ctx.parsed.begin(cue)):
                # 'X "called on the council to act," the ministry said': what X said, in the
                # words of the quotation, which stays the quoting source's own
                b, e = trim(ctx.text, b, min(e, ctx.in_quote(b).inner_end))
                candidates.append(Candidate(b, e, SpeechMode.INDIRECT, ByCue(cue)))
                continue
            found = clause_statements(ctx, b, e, ByCue(cue))
            candidates.extend(found.candidates)
            taken |= found.claimed
    return Found(tuple(candidates), frozenset(taken))
