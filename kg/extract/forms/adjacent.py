"""A quote next to a cue in its sentence: '"A," he said', 'X said: "A"', 'X told reporters "A"'.

After the quote: a cue before the sentence ends, when the quote ends in a comma-like mark (or a
comma or colon follows it) and opens its clause or is long. Before it: the last cue of the
sentence when a colon, a comma or 'that' ends the words before the quote, or when the cue is the
last word before it. A label quote before a colon ('"A": X demands B') is not the cue's when the
cue reports a clause of its own.
"""

from __future__ import annotations

import re

from kg.extract import lexicon as lx
from kg.extract.forms.base import ByCue, Candidate, Context, Found, words
from kg.extract.forms.clauses import MIN_DIRECT_WORDS
from kg.model import SpeechMode

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ('"We will not be intimidated by anyone," Foreign Minister Ana Diaz said.',
           'We will not be intimidated by anyone,')

def find(ctx: Context, claimed: frozenset[int]) -> Found:
    parsed, text, quotes = ctx.parsed, ctx.text, ctx.quotes
    cue_at = sorted((parsed.begin(t), t) for t in ctx.cues.active)
    taken: set[int] = set()
    candidates: list[Candidate] = []
    for i, q in enumerate(quotes):
        if i in claimed:
            continue
        prev_end = max([x.end for x in quotes if x.end <= q.begin] + [0])
        next_begin = min([x.begin for x in quotes if x.begin >= q.end] + [len(text)])
        pi = parsed.para_index(q.begin)
        para_b, para_e = parsed.paras[pi]
        inner = q.inner(text).rstrip()
        after = text[q.end : min(next_begin, para_e)]
        cue = None
        lead = text[max(prev_end, para_b) : q.begin]
        opens_clause = not lead.strip() or re.search(r"[.!?:;…”\"]\s*$", lead)
        if (
            inner
            and (inner[-1] in ",?!…—-" or after.lstrip(" ").startswith((",", ":")))
            and (opens_clause or words(inner) >= MIN_DIRECT_WORDS)
        ):
            stop = re.search(r"[.!?](\s|$)", after)
            window_end = q.end + (stop.end() if stop else len(after))
            found = [t for b, t in cue_at if q.end <= b < window_end]
            cue = found[0] if found else None
            if (cue is not None and after.lstrip(" ").startswith(":") and ctx.cues.contents.get(cue)
                    and cue.lemma_.lower() not in lx.INFINITIVE_ACTS):
                cue = None  # '"A": X demands B': a label quote; the cue reports B, not A
                # ('"A": X vows to B' keeps A: the pledge is the speaker's, and so are the words)
        if cue is None:
            k = q.begin - 1
            while k > para_b and text[k].isspace():
                k -= 1
            sent = parsed.sent_at(k)
            window_begin = max(prev_end, para_b, parsed.sbegin(sent))
            before = text[window_begin : q.begin].rstrip()
            if (
                before.endswith((":", ","))
                or re.search(r"\b(that)$", before)
                or (
                    before
                    and any(  # the cue is the last word before the quote ('told “...”')
                        window_begin <= b and parsed.end(t) == window_begin + len(before)
                        for b, t in cue_at
                    )
                )
            ):
                found = [t for b, t in cue_at if window_begin <= b < q.begin]
                cue = found[-1] if found else None
        if cue is not None:
            taken.add(i)
            candidates.append(Candidate(q.inner_begin, q.inner_end, SpeechMode.DIRECT, ByCue(cue)))
    return Found(tuple(candidates), frozenset(taken))
