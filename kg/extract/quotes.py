"""Quotation spans in a text: curly and straight, double and single, closed or running on.

A quote is found paragraph by paragraph (a paragraph is a line). Double marks pair up within a
paragraph; a paragraph that opens a quote without closing it runs to its end (news style for a
quote that continues into the next paragraph, which opens with a fresh mark). Single marks are
quotes only when they pair cleanly (the closing mark is not an apostrophe inside a word), and are
only looked for outside double-quoted text.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.text import paragraphs

OPEN_DOUBLE = "“"
CLOSE_DOUBLE = "”"
OPEN_SINGLE = "‘"
CLOSE_SINGLE = "’"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: marks at [begin, end), quoted words at [inner_begin, inner_end)."""

    begin: int
    end: int
    inner_begin: int
    inner_end: int
    closed: bool
    single: bool = False

    def inner(self, text: str) -> str:
        return text[self.inner_begin : self.inner_end]

    def contains(self, pos: int) -> bool:
        return self.begin <= pos < self.end


def _trimmed(text: str, begin: int, end: int) -> tuple[int, int]:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return begin, end


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _double_quotes(text: str, begin: int, end: int) -> list[Quote]:
    """Pair double marks inside one paragraph [begin, end)."""
    out: list[Quote] = []
    i = begin
    while i < end:
        ch = text[i]
        if ch == OPEN_DOUBLE or (ch == '"' and _opens_straight(text, i, begin, end)):
            closer = CLOSE_DOUBLE if ch == OPEN_DOUBLE else '"'
            j = text.find(closer, i + 1, end)
            if ch == OPEN_DOUBLE:
                # a fresh opening mark before any closing one: the first quote runs on
                k = text.find(OPEN_DOUBLE, i + 1, end)
                if k != -1 and (j == -1 or k < j):
                    j = -1
            if j == -1:
                ib, ie = _trimmed(text, i + 1, end)
                if ie > ib:
                    out.append(Quote(i, end, ib, ie, closed=False))
                i = end
                break
            ib, ie = _trimmed(text, i + 1, j)
            if ie > ib:
                out.append(Quote(i, j + 1, ib, ie, closed=True))
            i = j + 1
        elif ch == '"' or ch == CLOSE_DOUBLE:
            i += 1  # a stray closing mark
        else:
            i += 1
    return out


def _opens_straight(text: str, i: int, begin: int, end: int) -> bool:
    """A straight double mark opens unless a word character sits right before it."""
    before = text[i - 1] if i > begin else " "
    return not _is_word(before) or i + 1 < end and _is_word(text[i + 1])


def _single_quotes(text: str, begin: int, end: int, taken: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    inside = bytearray(end - begin)
    for q in taken:
        for k in range(max(q.begin, begin), min(q.end, end)):
            inside[k - begin] = 1
    i = begin
    while i < end:
        if inside[i - begin]:
            i += 1
            continue
        ch = text[i]
        before = text[i - 1] if i > begin else " "
        after = text[i + 1] if i + 1 < end else " "
        if ch in (OPEN_SINGLE, "'") and not _is_word(before) and _is_word(after):
            closer_chars = (CLOSE_SINGLE,) if ch == OPEN_SINGLE else ("'",)
            j = i + 1
            found = -1
            while j < end:
                if inside[j - begin]:
                    break
                c = text[j]
                if c in closer_chars:
                    nxt = text[j + 1] if j + 1 < end else " "
                    prv = text[j - 1]
                    if not _is_word(nxt) and not prv.isspace():
                        found = j
                        break
                j += 1
            if found != -1 and found - i > 1:
                ib, ie = _trimmed(text, i + 1, found)
                out.append(Quote(i, found + 1, ib, ie, closed=True, single=True))
                i = found + 1
                continue
        i += 1
    return out


def find_quotes(text: str) -> list[Quote]:
    """Return the quotations of `text` in order.

    >>> t = '“Go now,” she said. He called it "fine" and ‘odd’ but didn’t stop.'
    >>> [q.inner(t) for q in find_quotes(t)]
    ['Go now,', 'fine', 'odd']
    >>> t2 = '“It runs on.\\n\\n“And ends here.”'
    >>> [(q.inner(t2), q.closed) for q in find_quotes(t2)]
    [('It runs on.', False), ('And ends here.', True)]
    """
    quotes: list[Quote] = []
    for begin, end in paragraphs(text):
        doubles = _double_quotes(text, begin, end)
        quotes.extend(doubles)
        quotes.extend(_single_quotes(text, begin, end, doubles))
    return sorted(quotes, key=lambda q: q.begin)
