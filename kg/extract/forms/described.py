"""A quote inside the phrase of a describing verb or of a post: 'called it a "good suggestion"',
'posted "We will not give up"'.

The quote may also follow the phrase directly ('a post titled "..."'). A post's quote of fewer
than three words is a title ('wrote a book titled "Hard Choices"'), not the post's words.
"""

from __future__ import annotations

from kg.extract import lexicon as lx
from kg.extract.forms.base import ByCue, Candidate, Context, Found, words
from kg.model import SpeechMode

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ('Senator Ana Diaz called the plan "a betrayal of every voter in the state."',
           'a betrayal of every voter in the state.')

def find(ctx: Context, claimed: frozenset[int]) -> Found:
    parsed, text = ctx.parsed, ctx.text
    taken = set(claimed)
    candidates: list[Candidate] = []
    for verb in ctx.cues.active:
        lemma = verb.lemma_.lower()
        if lemma not in lx.DESCRIBING_VERBS and lemma not in lx.WRITING_VERBS:
            continue
        b, e = parsed.begin(verb), parsed.end(verb.right_edge)
        for i, q in enumerate(ctx.quotes):
            if i in taken:
                continue
            right_after = e <= q.begin and not text[e : q.begin].strip()
            # the phrase may stop before a full stop printed inside the closing mark
            if not (b <= q.begin and q.inner_end <= e + 1 or right_after):
                continue
            if lemma not in lx.DESCRIBING_VERBS and words(q.inner(text)) < 3:
                continue
            taken.add(i)
            candidates.append(Candidate(q.inner_begin, q.inner_end, SpeechMode.DIRECT, ByCue(verb)))
    return Found(tuple(candidates), frozenset(taken - claimed))
