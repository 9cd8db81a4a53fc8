"""Read a plain-text article: headline line, aggregator header and footer, sidecar metadata.

The first line that is not header furniture is the headline; it stays the body's first
paragraph. Before it, and among the first and last `EDGE_LINES` paragraphs after it, a line is
metadata rather than prose when it is a known "key: value" line, a byline, or (in an article
written in Latin script) a line in another script: an aggregator's header or footer. Such lines
are read for metadata and left out of the body. A `NAME.meta.json` beside `NAME.txt` is metadata
that wins over what the text says (see `kg.readers.sidecar`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.errors import ArticleError
from kg.readers.cleaning import is_furniture
from kg.readers.decode import decode
from kg.readers.draft import Draft, ReadProblem
from kg.readers.headers import (
    EdgeMetadata,
    is_foreign_script,
    latin_share,
    read_byline,
    read_pairs,
)
from kg.readers.sidecar import with_sidecar
from kg.readers.sources import Source

EDGE_LINES = 10
_SENTENCE_END = re.compile(r"""[.!?…"”’:;)]$""")


def read_text(data: bytes, source: Source) -> Iterator[Draft | ReadProblem]:
    """Yield the Draft of the article in `data` (and a ReadProblem for an unusable sidecar)."""
    paragraphs = to_paragraphs(decode(data))
    meta = EdgeMetadata()
    foreign_edges = latin_share("".join(paragraphs[: 3 * EDGE_LINES])) > 0.5
    start = 0
    while start < len(paragraphs) and _is_header(paragraphs[start], meta, foreign_edges):
        start += 1
    if start == len(paragraphs):
        raise ArticleError("no article text: every line is header furniture")
    headline = paragraphs[start]
    body = [headline, *_drop_edges(paragraphs[start + 1 :], meta, foreign_edges)]
    meta.add("headline", headline)  # unless a "Title:" line gave it
    meta, problem = with_sidecar(meta, source.path)
    if problem is not None:
        yield problem
    yield meta.to_draft(source.name, source.stem, body, printed=True)


def to_paragraphs(text: str) -> list[str]:
    """Split text into paragraphs, one per line, re-joining hard-wrapped lines.

    Blank lines always separate paragraphs. Inside a block, each line is its own paragraph unless
    the text is hard-wrapped: no line over 100 characters, and most lines inside blocks are long
    and do not end a sentence.

    >>> to_paragraphs("Title\\n\\nOne line.\\nAnother line.\\n")
    ['Title', 'One line.', 'Another line.']
    >>> wrapped = "A sentence hard-wrapped by an editor at a\\nfixed width, as e-mail does"
    >>> to_paragraphs(f"Title\\n\\n{wrapped}.\\n\\n{wrapped}.\\n\\n{wrapped}.")[1]
    'A sentence hard-wrapped by an editor at a fixed width, as e-mail does.'
    """
    blocks = [[line.strip() for line in block.split("\n") if line.strip()]
              for block in re.split(r"\n[ \t]*\n", text)]  # fmt: skip
    blocks = [block for block in blocks if block]
    inner = [line for block in blocks for line in block[:-1]]
    wrapped = (
        len(inner) >= 3
        and max(len(line) for block in blocks for line in block) <= 100
        and sum(1 for line in inner if len(line) >= 40) >= 0.6 * len(inner)
        and sum(1 for line in inner if not _SENTENCE_END.search(line)) >= 0.6 * len(inner)
    )
    if wrapped:
        return [" ".join(block) for block in blocks]
    return [line for block in blocks for line in block]


def _is_header(line: str, meta: EdgeMetadata, foreign_edges: bool) -> bool:
    if read_pairs(line, meta):
        return True
    if foreign_edges and is_foreign_script(line):
        return True
    names = read_byline(line)
    if names:
        meta.add("authors", names)
        return True
    return is_furniture(line)


def _drop_edges(lines: list[str], meta: EdgeMetadata, foreign_edges: bool) -> list[str]:
    kept = []
    for index, line in enumerate(lines):
        at_edge = index < EDGE_LINES or index >= len(lines) - EDGE_LINES
        if at_edge and _is_edge_metadata(line, meta, foreign_edges):
            continue
        kept.append(line)
    return kept


def _is_edge_metadata(line: str, meta: EdgeMetadata, foreign_edges: bool) -> bool:
    if foreign_edges and is_foreign_script(line):
        read_pairs(line, meta)
        return True
    if len(line) <= 150 and read_pairs(line, meta):
        return True
    names = read_byline(line)
    if names:
        meta.add("authors", names)
        return True
    return False
