"""A reporting verb with its reported clause: 'X said (that) ...', 'X urged Y to ...', 'expressed
hope that ...', '..., saying the plan was ...'.
"""

from __future__ import annotations

from kg.extract.forms.base import ByCue, Context, Found
from kg.extract.forms.clauses import clause_statements

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ('Foreign Minister Ana Diaz said the talks would resume in March.',
           'the talks would resume in March')

def find(ctx: Context, claimed: frozenset[int]) -> Found:
    candidates, taken = [], set()
    for cue in ctx.cues.active:
        for b, e in ctx.cues.contents[cue]:
            found = clause_statements(ctx, b, e, ByCue(cue))
            candidates.extend(found.candidates)
            taken |= found.claimed
    return Found(tuple(candidates), frozenset(taken))
