"""A reported clause to statements: shared by the forms that report a clause (a cue's content,
'according to X, ...').

The clause is trimmed (punctuation, a closing credit such as '(Reuters)', a dateline the parse
took in), widened to hold any quote it starts or ends inside, and split before a long quote
opening a new conjunct, and at 'and that' when what follows quotes words of its own ('said A, and
that "B"': another quotation); 'said that A, and that B' with no quote after is one report.
Each part is a statement: a part with quoted words is mixed speech and each quote in it is also
a direct statement in its own words (both readings are what was said; the annotation convention
of dev2 lists both); a part that is nothing but its quotes (fewer than two words of its own) is
direct speech only; one with no quote is indirect speech.
Every quote inside the clause is claimed.
"""

from __future__ import annotations

import re

from kg.extract.text import trim
from kg.extract.forms.base import Candidate, Context, Found, Speaker, words
from kg.model import SpeechMode

DATELINE = re.compile(
    r"\b[A-Z]{3,}(?:[ -][A-Z]{2,})*(?:,\s*[A-Z][a-z]{2,}\.?\s*\d{1,2})?(?:\s*\([\w ]+\))?(?:\s*(?:--|—|–)|\s+-)\s+"
)
MIN_DIRECT_WORDS = 4  # a quote this long opening a clause or conjunct is the statement on its own


def clause_statements(ctx: Context, b: int, e: int, speaker: Speaker,
                      verb: str | None = None) -> Found:
    """The candidates of the reported clause at [b, e), and the quotes it claims."""
    text, quotes = ctx.text, ctx.quotes
    b, e = trim(text, b, e)
    # a photo credit or other short parenthesis closing the clause: '... (Reuters)'
    m = re.search(r"\s*\((?:\w+\s?){1,3}\)?$", text[b:e])
    if m:
        e = b + m.start()
    # a dateline the parse took into the clause: 'SEOUL, Jan. 2 (Yonhap) -- ...'
    for m in DATELINE.finditer(text, b, e):
        b = m.end()
    if e <= b:
        return Found()
    # a quote that starts inside the clause belongs to it whole
    for q in quotes:
        if q.begin < b < q.end and b < q.inner_end:
            b = q.begin
    for q in quotes:
        if b <= q.begin < e < q.end:
            e = q.end
        elif q.closed and q.begin >= e and not text[e:q.begin].strip() \
                and _closes_sentence(text, q.end):
            # '... into the meeting "with a begging bowl".': a quote closing the sentence right
            # after the clause ends it, whatever the parse hung it from
            e = q.end
    candidates: list[Candidate] = []
    claimed: set[int] = set()
    for sb, se in _segments(ctx, b, e):
        found = _segment(ctx, sb, se, speaker, verb)
        candidates.extend(found.candidates)
        claimed |= found.claimed
    return Found(tuple(candidates), frozenset(claimed))


def _closes_sentence(text: str, pos: int) -> bool:
    """Whether only a full stop or the like stands between `pos` and the end of its paragraph."""
    end = text.find("\n", pos)
    rest = text[pos: end if end >= 0 else len(text)].strip()
    return len(rest) <= 2 and all(ch in ".!?)" for ch in rest)


def _segments(ctx: Context, b: int, e: int) -> list[tuple[int, int]]:
    """Split a clause before a long quote opening a new conjunct, and at an 'and that' followed
    by a quote."""
    text = ctx.text
    cuts = [b]
    for m in re.finditer(r",?\s+and\s+(that\s+)?(?=[“\"‘]?)", text[b:e]):
        nxt = b + m.end()
        q = next((q for q in ctx.quotes if q.begin == nxt), None)
        if (m.group(1) and any(nxt <= q.begin < e for q in ctx.quotes) or (
            q and words(q.inner(text)) >= MIN_DIRECT_WORDS and m.group().startswith(",")
        )) and not ctx.in_quote(b + m.start()):
            cuts.append((b + m.start(), nxt))
    out = []
    start = b
    for c in cuts[1:]:
        out.append((start, c[0]))
        start = c[1]
    out.append((start, e))
    return [trim(text, x, y) for x, y in out if words(text[x:y]) >= 2]


def _segment(ctx: Context, b: int, e: int, speaker: Speaker, verb: str | None) -> Found:
    text = ctx.text
    inside = [
        (i, q)
        for i, q in enumerate(ctx.quotes)
        if b <= q.begin and q.end <= e + 1 or q.begin <= b < q.end
    ]
    claimed = frozenset(i for i, _ in inside)
    total = words(text[b:e])
    quoted = sum(words(q.inner(text)) for _, q in inside)
    first = inside[0][1] if inside else None
    whole = first is not None and first.begin <= b and first.end >= e
    opening = (
        first is not None
        and first.begin <= b
        and (whole or words(first.inner(text)) >= MIN_DIRECT_WORDS)
    )
    if opening:  # '"a deal on Gaza" was imminent': the quoted words are the statement
        inside = inside[:1]
    quoted_words = tuple(Candidate(q.inner_begin, q.inner_end, SpeechMode.DIRECT, speaker, verb)
                         for _, q in inside)
    if inside and total - quoted < 2:  # nothing but its quotes: direct speech only
        return Found(quoted_words, claimed)
    if total < 2:
        return Found((), claimed)
    mode = SpeechMode.MIXED if inside else SpeechMode.INDIRECT
    return Found((Candidate(b, e, mode, speaker, verb),) + quoted_words, claimed)
