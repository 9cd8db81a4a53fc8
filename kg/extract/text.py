"""Pure helpers on the body's text that any stage may use: paragraph ranges and trimming a
range. They know nothing of the parse or of the article's values (compare the stages, each a
function of the values before it: docs/extraction.md).
"""

from __future__ import annotations

import re

Range = tuple[int, int]  # [begin, end) offsets into the body


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the [begin, end) ranges of the non-blank lines of `text`.

    >>> paragraphs("a b\\n\\n c\\n")
    [(0, 3), (6, 7)]
    """
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


def trim(text: str, b: int, e: int) -> Range:
    """A clause's range without the punctuation and spaces at its edges, nor an opening 'that'."""
    while b < e and (text[b].isspace() or text[b] in ",;:—–-"):
        b += 1
    m = re.match(r"that(?:\s+|\s*,\s*)", text[b:e], flags=re.IGNORECASE)  # the complementizer
    if m:  # 'that the ...', 'that, "although ...," the ...'
        b += m.end()
    while e > b and (text[e - 1].isspace() or text[e - 1] in ",.;:—–-"):
        e -= 1
    return b, e
