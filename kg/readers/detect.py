"""Tell an input's format from its first bytes and its file extension.

Content decides when it is clear (a feed's root element, an HTML tag, JSON), the extension when the
content could be anything; plain text is the default.
"""

from __future__ import annotations

import codecs
import json
import re

FORMATS = ("text", "html", "jsonl", "json", "rss")

_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json",
    ".rss": "rss", ".atom": "rss", ".xml": "rss", ".rdf": "rss",
}  # fmt: skip
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>|\s)*", re.DOTALL | re.IGNORECASE)
_FIRST_TAG = re.compile(r"<([a-z][\w:.-]*)", re.IGNORECASE)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf:rdf", "rdf"})
_HTML_TAGS = frozenset(
    "html head body meta title link div p span article section main header footer nav table "
    "h1 h2 h3 h4 h5 h6 ul ol li a b i em strong br img figure script style blockquote".split()
)


def detect_format(head: bytes, suffix: str = "") -> str:
    """Return one of FORMATS for an input that starts with `head` and has extension `suffix`.

    >>> detect_format(b'<?xml version="1.0"?>\\n<rss version="2.0"><channel>', ".xml")
    'rss'
    >>> detect_format(b"<!DOCTYPE html>\\n<html><head>", ".txt")
    'html'
    >>> detect_format(b'{"title": "A"}\\n{"title": "B"}\\n', ".json")
    'jsonl'
    >>> detect_format(b'{\\n  "title": "A"\\n}\\n', "")
    'json'
    >>> detect_format(b"Headline\\n\\nBody text.", ".html")
    'text'
    """
    text = _head_text(head).lstrip()
    sniffed = _sniff(text, suffix)
    if sniffed:
        return sniffed
    claimed = _BY_SUFFIX.get(suffix, "text")
    if claimed in ("html", "rss") and "<" in text:
        return claimed
    if claimed in ("json", "jsonl"):
        return claimed  # not markup: let the JSON reader say what is wrong with it
    return "text"


def _head_text(head: bytes) -> str:
    for bom, codec in _WIDE_BOMS:
        if head.startswith(bom):
            return head.decode(codec, errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def _sniff(text: str, suffix: str) -> str | None:
    if text.startswith("<"):
        if re.match(r"<!doctype\s+html", text, re.IGNORECASE):
            return "html"
        match = _FIRST_TAG.match(text, _PROLOG.match(text).end())  # type: ignore[union-attr]
        tag = match.group(1).lower() if match else ""
        if tag in _FEED_ROOTS:
            return "rss"
        if tag in _HTML_TAGS:
            return "html"
        return None
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first, newline, rest = text.partition("\n")
        if not newline:
            return None  # one long line, or the head cut it: let the extension decide
        try:
            record = json.loads(first)
        except ValueError:
            return "json"
        return (
            "jsonl" if isinstance(record, dict) and (rest.strip() or suffix != ".json") else "json"
        )
    return None
