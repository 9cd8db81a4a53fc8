"""Bytes to Unicode text: refuse binary data, find the encoding, normalize to NFC.

Order of trust: a byte-order mark; strict UTF-8; UTF-8 with a few corrupt bytes replaced (when
the rest is clearly UTF-8); the charset the document declares; Windows-1252 for text that is
mostly ASCII; a guess by charset-normalizer that reads as coherent text. Anything else is an
`ArticleError`, reported as a `ReadProblem`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from kg.errors import ArticleError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"),
    (b"SQLite format 3", "an SQLite database"),
)
# C0 controls other than tab, newline, form feed, carriage return and escape.
_CONTROL_BYTES = frozenset(set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B})
_DROP_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\ufffe]")
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_MAX_CHAOS = 0.25


def binary_kind(head: bytes) -> str | None:
    """Say what kind of binary data `head` (the first bytes of an input) is, or None for text.

    >>> binary_kind(b"%PDF-1.7 ...")
    'a PDF document'
    >>> binary_kind(b"Plain words.\\n")
    >>> binary_kind(b"ab\\x00cd")
    'binary data'
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    sample = head[:8192]
    if b"\x00" in sample:
        return "binary data"
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if sample and controls / len(sample) > 0.02:
        return "binary data"
    return None


def decode(data: bytes) -> str:
    """Decode `data` to text and normalize it (see `normalize`); raise ArticleError if impossible.

    >>> decode("caf\\u00e9 \\u2018quoted\\u2019\\r\\n".encode("utf-8"))
    'café ‘quoted’\\n'
    >>> decode("caf\\u00e9 \\u2018quoted\\u2019".encode("cp1252"))
    'café ‘quoted’'
    """
    kind = binary_kind(data)
    if kind:
        raise ArticleError(f"not text: looks like {kind}")
    return normalize(_decode(data))


def _decode(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ArticleError(
                    f"bytes are not valid {codec} after its byte-order mark"
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for char in lenient if ord(char) > 0x7F and char != "\ufffd")
    if multibyte >= 2 * bad and bad <= max(3, len(lenient) // 500):
        return lenient  # UTF-8 with a few corrupt bytes: keep the text, mark the damage
    declared = _DECLARED.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    high = sum(1 for byte in data if byte > 0x7F)
    if high <= len(data) // 4:
        # Mostly ASCII: a Latin-script language in a legacy single-byte encoding, which in
        # practice is Windows-1252.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.chaos <= _MAX_CHAOS:
        return str(best)
    raise ArticleError("cannot decode the bytes as text: not UTF-8 and no other encoding fits")


def normalize(text: str) -> str:
    """Normalize line ends to '\\n', drop control and invisible characters, and apply NFC.

    >>> normalize("e\\u0301t\\u00e9\\r\\nsoft\\u00adhyphen\\rend")
    'été\\nsofthyphen\\nend'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return unicodedata.normalize("NFC", _DROP_CHARS.sub("", text))
