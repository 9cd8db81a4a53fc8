"""A quote with no cue, opening its sentence or paragraph: the words of the speaker before it
(a quote continuing over paragraphs, or a run of quotes by one speaker).

Quotes of fewer than three words are scare quotes, and a closed quote that opens a sentence
without closing punctuation ('"The Last Waltz" won ...') is a title: neither is speech.
"""

from __future__ import annotations

import re

from kg.extract.forms.base import Candidate, Context, Continuing, Found, words
from kg.model import SpeechMode

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ('"We will rebuild," Mayor Ana Diaz said. "Every school will reopen by the autumn."',
           'Every school will reopen by the autumn.')

MIN_FLOATING_WORDS = 3  # shorter unattributed quotes are scare quotes, not statements


def find(ctx: Context, claimed: frozenset[int]) -> Found:
    parsed, text = ctx.parsed, ctx.text
    taken: set[int] = set()
    candidates: list[Candidate] = []
    for i, q in enumerate(ctx.quotes):
        if i in claimed or words(q.inner(text)) < MIN_FLOATING_WORDS:
            continue
        pi = parsed.para_index(q.begin)
        para_b, _ = parsed.paras[pi]
        before = text[para_b : q.begin]
        opens = not before.strip() or re.search(r"[.!?…”\"’)]\s*$", before)
        if not opens:
            continue
        # a title at the head of a sentence ('"The Last Waltz" won ...') is not speech
        inner = q.inner(text).rstrip()
        after = text[q.end : parsed.paras[pi][1]]
        if q.closed and not re.search(r"[.!?…,:;—-]$", inner) and re.match(r"\s*\w", after):
            continue
        taken.add(i)
        candidates.append(Candidate(q.inner_begin, q.inner_end, SpeechMode.DIRECT,
                                    Continuing(runs_on=not q.closed)))
    return Found(tuple(candidates), frozenset(taken))
