"""An article's text as paragraphs, with the spans the graph points at marked where they stand.

Every fact of an article points at a `nkg:TextSpan` `<article>#char=b,e` whose offsets index the
article's `nkg:body` (kg/rdf.py). The article page shows the body as paragraphs (its lines) and
marks each span in the paragraph it falls in: `<mark id="char=b,e">`, so that the span's own IRI,
with its fragment, lands on its words (`#char=b,e` on the article page). Spans inside spans (the
quoted words of mixed speech, a name inside a quote) nest; a span that crosses another's end, or
a paragraph's, goes on in a second `<mark>` without the id. All text is escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

_LINE = re.compile(r"[^\n]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """A span to mark: characters [begin, end) of the body, its anchor and its CSS class."""

    begin: int
    end: int
    anchor: str  # the id of its first mark: "char=b,e"
    kind: str  # "quote" (a statement's words) or "span" (any other evidence)


def paragraphs(body: str, spans: list[Span]) -> list[Markup]:
    """Return the body's non-blank lines, white space folded, each as HTML with `spans` marked
    (outer spans first where two begin together; an empty span is left out)."""
    spans = sorted((s for s in spans if s.begin < s.end), key=lambda s: (s.begin, -s.end, s.kind))
    placed: set[str] = set()  # the anchors given out: a span's later pieces go without one
    out = []
    for line in _LINE.finditer(body):
        text = line.group()
        start = line.start() + len(text) - len(text.lstrip())
        stop = line.start() + len(text.rstrip())
        if start < stop:
            inside = [s for s in spans if s.begin < stop and s.end > start]
            out.append(_paragraph(body, start, stop, inside, placed))
    return out


def _paragraph(body: str, start: int, stop: int, spans: list[Span], placed: set[str]) -> Markup:
    cuts = sorted({start, stop} | {p for s in spans for p in (s.begin, s.end) if start < p < stop})
    html: list[str] = []
    stack: list[Span] = []

    def open_mark(span: Span) -> None:
        anchor = "" if span.anchor in placed else Markup(' id="%s"') % span.anchor
        placed.add(span.anchor)
        html.append(Markup('<mark class="%s"%s>') % (span.kind, anchor))
        stack.append(span)

    for here, there in zip(cuts, cuts[1:]):
        if any(s.end <= here for s in stack):  # close what ends here; reopen what crossed it
            reopen = []
            while any(s.end <= here for s in stack):
                span = stack.pop()
                html.append("</mark>")
                if span.end > here:
                    reopen.append(span)
            for span in reversed(reopen):
                open_mark(span)
        for span in spans:  # spans already under way at the paragraph's start open there too
            if span not in stack and max(span.begin, start) == here:
                open_mark(span)
        html.append(escape(_SPACE.sub(" ", body[here:there])))
    html.extend("</mark>" for _ in stack)
    return Markup("".join(html))
