"""A headline that names its speaker before a colon.

The name must be a person of the article; a headline of more than 25 words, or one ending in a
full stop, is not of this form. Quoted words after the colon are direct speech.
"""

from __future__ import annotations

import re

from kg.extract.forms.base import Candidate, Context, Found, Named
from kg.model import SpeechMode

#: An example sentence of the form, and the statement it gives (tests/extract/test_forms.py).
EXAMPLE = ('Diaz: Port deal will be signed this week\n\nForeign Minister Ana Diaz spoke to reporters in Lima on Monday.',
           'Port deal will be signed this week')

_HEADLINE_COLON = re.compile(r"(?P<name>[^:“”\"‘’]{2,40}?):\s+(?P<rest>\S.*)")


def find(ctx: Context, claimed: frozenset[int]) -> Found:
    parsed = ctx.parsed
    if not parsed.paras:
        return Found()
    begin, end = parsed.paras[0]
    line = parsed.text[begin:end]
    m = _HEADLINE_COLON.fullmatch(line)
    if not m or len(line.split()) > 25 or line.rstrip().endswith("."):
        return Found()
    person = ctx.people.find(m.group("name").strip())
    if person is None:
        return Found()
    b, e = begin + m.start("rest"), begin + m.end("rest")
    text = parsed.text
    if text[b] in "“\"‘'" and text[e - 1] in "”\"’'":
        return Found((Candidate(b + 1, e - 1, SpeechMode.DIRECT, Named(person), verb="say"),))
    return Found((Candidate(b, e, SpeechMode.INDIRECT, Named(person), verb="say"),))
