"""Size limits that keep one bad input from hanging or exhausting a run.

A real news article is 2-100 KB of text and its HTML page rarely passes 3 MB, so the limits below
leave a wide margin while keeping the memory used for one article bounded.

- `MAX_ARTICLE_BYTES`: the most raw bytes read for one article: a text or HTML file, one JSON
  Lines line, one element of a JSON array, one JSON document that is a single object. A larger
  item becomes a `ReadProblem` and is not read into memory. JSON Lines files, JSON arrays and
  feeds are streamed, so the files themselves may be of any size.
- `MAX_BODY_CHARS`: the longest cleaned article body, in characters; longer is a `ReadProblem`.
- `SNIFF_BYTES`: how much of the start of an input is looked at to detect its format.
"""

from __future__ import annotations

MAX_ARTICLE_BYTES = 16 * 1024 * 1024
MAX_BODY_CHARS = 1_000_000
SNIFF_BYTES = 64 * 1024


def megabytes(size: int) -> str:
    """Format a byte count for a message.

    >>> megabytes(50 * 1024 * 1024)
    '50.0 MB'
    """
    return f"{size / (1024 * 1024):.1f} MB"
