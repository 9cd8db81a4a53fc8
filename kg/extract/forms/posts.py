"""An embedded post (a tweet or other post the article quotes whole): each of its paragraphs is a
direct statement by the post's author, trailing links cut off.
"""

from __future__ import annotations

import re

from kg.extract.forms.base import Candidate, Context, Found, Named
from kg.model import SpeechMode

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ('Ana Diaz wrote on X:\n\nWe will not give up on the port deal.\n\n— Ana Diaz (@anadiaz) March 3, 2026\n\nThe post was shared widely.',
           'We will not give up on the port deal.')

_URL = re.compile(r"\s*(?:pic\.twitter\.com/\S+|https?://\S+)\s*$")


def find(ctx: Context, claimed: frozenset[int]) -> Found:
    text = ctx.text
    candidates = tuple(
        Candidate(b, e, SpeechMode.DIRECT, Named(ctx.post_authors[i]), verb="post")
        for i, post in enumerate(ctx.article.posts)
        for b, e in _post_paragraphs(text, post.span.begin, post.span.end)
    )
    return Found(candidates)


def _post_paragraphs(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs of an embedded post, trailing links cut off."""
    out = []
    pos = begin
    for line in text[begin:end].split("\n"):
        b, e = pos, pos + len(line)
        pos = e + 1
        m = _URL.search(text, b, e) if line.strip() else None
        if m and m.end() == e:
            e = m.start()
        while b < e and text[b].isspace():
            b += 1
        while e > b and text[e - 1].isspace():
            e -= 1
        if e > b:
            out.append((b, e))
    return out
