"""A speaker label opening a paragraph, as transcripts, readouts and interview write-ups print
them: 'PRESIDENT DIAZ: Well, thank you.', 'Finnish President Anna Virtanen: “We made progress.”',
'Diaz: We will win.'

The label is a short capitalised phrase before a colon that names a person of the article once
its title words are set aside ('PRIME MINISTER LUND' is Lund), or, after a question, an answer
label ('A:') standing for the person the interview's lead names most. What follows the colon is
one direct statement (the words inside the marks, when the rest is one quotation). Where the
article is a transcript or an interview (two or more labelled turns), each following paragraph
without a label is the same speaker's, one statement a paragraph, until the next label, a
question ('Q Mr. President, ...', 'Q:', 'Interviewer:', a label naming the publisher or no person
of the article), a stage direction ('(Laughter.)') or a time stamp ('2:32 P.M. JST', 'END 11:19 A.M.'). Questions
are not statements. The turns are the form's own: other forms leave the text inside them alone.
"""

from __future__ import annotations

import re

from kg.extract.forms.base import Candidate, Context, Found, Named
from kg.extract.lexicon import (
    ANSWER_LABELS,
    HONORIFICS,
    QUESTION_LABELS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from kg.model import SpeechMode

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = (('Talks in Lima\n\nForeign Minister Ana Diaz met her Peruvian counterpart on Monday.\n\n'
           'MINISTER DIAZ: We made real progress on the border today.'),
           'We made real progress on the border today.')

MAX_LABEL_WORDS = 6
_LABEL = re.compile(r"(?P<label>[A-ZÀ-Ý][\w.’'\- ]*?)\s*:\s+(?P<rest>\S.*)", re.DOTALL)
_QUESTION = re.compile(r"Q\.?(?:\s*:|\s+\S)")  # 'Q Mr. President, ...', 'Q: ...'
_STAGE = re.compile(r"\(.*\)|\[.*\]|(?:[A-Z]+\s+)?\d{1,2}:\d{2}\s*[AaPp]\.?\s*[Mm]\.?.*")
_QUOTED = re.compile(r"[“\"](?P<inner>[^“”\"]+)[”\"]")


def find(ctx: Context, claimed: frozenset[int]) -> Found:
    text, paras = ctx.text, ctx.parsed.paras[1:]  # the headline is no turn
    turns: list[tuple[object | None, int]] = []  # (speaker or None for a question, paragraph)
    for k, (b, e) in enumerate(paras):
        para = text[b:e]
        if _QUESTION.match(para):
            turns.append((None, k))
            continue
        m = _LABEL.match(para)
        if m is None or len(m.group("label").split()) > MAX_LABEL_WORDS:
            continue
        label = m.group("label")
        if label.lower() in ANSWER_LABELS:  # 'A: ...' in an interview: whom the lead introduces
            turns.append((_interviewee(ctx, paras, turns), k))
            continue
        turns.append((_speaker(ctx, label), k))
    spoken = [k for who, k in turns if who is not None]
    if not spoken:
        return Found()
    transcript = len(spoken) >= 2
    starts = {k: who for who, k in turns}
    candidates: list[Candidate] = []
    for who, k in turns:
        if who is None:
            continue
        b, e = paras[k]
        m = _LABEL.match(text, b, e)
        candidates.append(_statement(text, m.start("rest"), e, who))
        for j in range(k + 1, len(paras)) if transcript else ():
            b, e = paras[j]
            if j in starts or _STAGE.fullmatch(text[b:e].strip()):
                break
            candidates.append(_statement(text, b, e, who))
    taken = frozenset(i for i, q in enumerate(ctx.quotes)
                      if any(c.begin <= q.inner_begin < c.end or q.begin <= c.begin < q.end
                             for c in candidates))
    return Found(tuple(candidates), taken)


def _speaker(ctx: Context, label: str) -> object | None:
    """The person a label names once its title words are set aside, else None."""
    words = label.replace("’", "'").split()
    if words and words[0].lower().rstrip(".") in QUESTION_LABELS:
        return None
    name = [w for w in words if w.lower() not in TITLE_HEADS | TITLE_MODIFIERS | HONORIFICS]
    if not name or ctx.article.publisher and label.lower() == ctx.article.publisher.lower():
        return None
    return ctx.people.find(" ".join(w.capitalize() if w.isupper() else w for w in name))


def _interviewee(ctx: Context, paras: list[tuple[int, int]], turns: list) -> object | None:
    """The person the lead of an interview is about: of the persons named before its first
    question, the one named most (the first named, on a tie)."""
    first = next((k for who, k in turns if who is None), None)
    if first is None:
        return None
    end = paras[first][0]
    counts: dict[object, list[int]] = {}
    for b, _, person in ctx.people.mentions():
        if b < end and not ctx.in_quote(b):
            counts.setdefault(person, []).append(b)
    if not counts:
        return None
    return max(counts, key=lambda p: (len(counts[p]), -min(counts[p])))


def _statement(text: str, b: int, e: int, who: object) -> Candidate:
    """The words of a turn's paragraph: inside the marks when it is one quotation."""
    quoted = _QUOTED.fullmatch(text, b, e)
    if quoted:
        b, e = quoted.start("inner"), quoted.end("inner")
    return Candidate(b, e, SpeechMode.DIRECT, Named(who), verb="speaker label")
