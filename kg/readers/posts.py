"""Find social-media posts embedded in an article body and read who posted them and when.

A post copied from a page keeps its embed's signature line under its text, e.g.
"— Volodymyr Zelenskyy / Володимир Зеленський (@ZelenskyyUa) February 12, 2025" (X/Twitter,
Bluesky, Threads, Mastodon), "A post shared by Name (@handle)" (Instagram) or "Posted by Name on
February 12, 2025" (Facebook). The post's words are the paragraph just above the signature and the
paragraphs before it that do not read as the article's own prose (see `_is_reporting`).
"""

from __future__ import annotations

import re
from datetime import date

from kg.model import EmbeddedPost, Span
from kg.readers.dates import parse_date

_DATE = (
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8},? \d{4}|\d{4}-\d\d-\d\d)"
)
_HANDLE = r"@(?P<handle>[\w.]{1,50}(?:@[\w.-]+)?)"
_SIGNATURES = (
    re.compile(rf"[—–-]\s*(?P<author>[^\n()]{{1,120}}?)\s*\({_HANDLE}\)\s*(?:on\s+)?{_DATE}?.*"),
    re.compile(
        rf"A post shared by\s+(?P<author>[^\n()]{{1,120}}?)\s*\({_HANDLE}\)"
        rf"(?:\s*(?:on\s+)?{_DATE})?.*"
    ),
    re.compile(
        rf"Posted by\s+(?P<author>[^\n()]{{1,120}}?)\s+on\s+(?:[A-Z][a-z]+day,\s+)?{_DATE}.*"
    ),
)
_PARAGRAPH = re.compile(r"[^\n]+")
_SOCIAL_CUE = re.compile(
    r"(?i)\b(?:wrote|posted|tweeted|said|says|writes|posts|added)\b[^.]{0,40}"
    r"\b(?:on|in)\s+(?:X|Twitter|social media|Telegram|Facebook|Instagram|Bluesky|Threads|"
    r"Truth Social|a post|a statement)\b"
)
_MAX_PARAGRAPHS = 4
_MAX_CHARS = 1500


def find_posts(body: str) -> tuple[EmbeddedPost, ...]:
    """Return the embedded posts in `body` (paragraphs separated by newlines), in order.

    >>> body = ("He wrote on X:\\n\\nPeace is near. pic.twitter.com/x\\n\\n"
    ...         "— Jane Roe / Джейн (@janeroe) February 12, 2025\\n\\nMore text.")
    >>> [post] = find_posts(body)
    >>> post.author, post.handle, post.posted, post.span.slice(body)
    ('Jane Roe', 'janeroe', datetime.date(2025, 2, 12), 'Peace is near. pic.twitter.com/x')
    """
    paragraphs = [(m.start(), m.end(), m.group()) for m in _PARAGRAPH.finditer(body)]
    posts = []
    for index, (_, _, text) in enumerate(paragraphs):
        signature = _signature(text)
        if signature is None or index == 0 or _signature(paragraphs[index - 1][2]):
            continue  # a signature with no words above it quotes nothing
        author, handle, posted = signature
        first = index - 1
        size = len(paragraphs[first][2])
        while first - 1 >= 0 and index - first < _MAX_PARAGRAPHS:
            candidate = paragraphs[first - 1][2]
            size += len(candidate)
            if size > _MAX_CHARS or _signature(candidate) or _is_reporting(candidate, author):
                break
            first -= 1
        begin, end = paragraphs[first][0], paragraphs[index - 1][1]
        posts.append(EmbeddedPost(Span(begin, end), author, handle, posted))
    return tuple(posts)


def _signature(text: str) -> tuple[str, str | None, date | None] | None:
    for pattern in _SIGNATURES:
        match = pattern.fullmatch(text.strip())
        if match:
            names = re.split(r"\s+[/|]\s+", match.group("author"))
            author = next((n for n in names if re.search(r"[A-Za-z]", n)), names[0]).strip()
            handle = match.groupdict().get("handle")
            posted = parse_date(match.group("date")) if match.group("date") else None
            return author, handle, posted
    return None


def _is_reporting(text: str, author: str) -> bool:
    """Tell whether a paragraph is the article quoting or introducing the post, not the post."""
    surname = author.split()[-1] if author.split() else ""
    return (
        any(mark in text for mark in '“”"«»')
        or text.rstrip().endswith(":")
        or bool(_SOCIAL_CUE.search(text))
        or (len(surname) >= 3 and re.search(rf"\b{re.escape(surname)}\b", text) is not None)
    )
