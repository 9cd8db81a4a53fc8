"""Stream JSON input: JSON Lines line by line, a top-level JSON array element by element.

Both keep at most one record (bounded by `MAX_ARTICLE_BYTES`) in memory, whatever the file size.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from kg.readers.draft import ReadProblem
from kg.readers.limits import MAX_ARTICLE_BYTES, megabytes

_CHUNK = 64 * 1024


def is_array(stream: BinaryIO) -> bool:
    """Tell, without consuming it, whether a buffered stream holds a JSON array.

    >>> import io
    >>> is_array(io.BufferedReader(io.BytesIO(b"  [{}]")))
    True
    >>> is_array(io.BufferedReader(io.BytesIO(b"{}")))
    False
    """
    start = stream.peek(_CHUNK) if hasattr(stream, "peek") else b""
    return start.lstrip(codecs.BOM_UTF8 + b" \t\r\n").startswith(b"[")


def iter_lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """Yield each line's bytes, or None for a line longer than the limit (which is skipped)."""
    while True:
        line = stream.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def iter_array(stream: BinaryIO, name: str) -> Iterator[tuple[int, int, object]]:
    """Stream the elements of a top-level JSON array as (index, line, value or ReadProblem)."""
    decoder = json.JSONDecoder()
    utf8 = codecs.getincrementaldecoder("utf-8-sig")()
    buffer, pos, line, index, eof = "", 0, 1, 0, False

    def more(size: int) -> bool:
        nonlocal buffer, eof
        chunk = stream.read(size)
        eof = not chunk
        buffer += utf8.decode(chunk, final=eof)
        return not eof

    def skip_space() -> None:
        nonlocal pos
        while True:
            while pos < len(buffer) and buffer[pos] in " \t\r\n":
                pos += 1
            if pos < len(buffer) or not more(_CHUNK):
                return

    try:
        skip_space()
        pos += 1  # the "["
        skip_space()
        if buffer[pos : pos + 1] == "]":
            return
        while True:
            skip_space()
            line += buffer.count("\n", 0, pos)
            buffer, pos = buffer[pos:], 0
            while True:
                try:
                    value, end = decoder.raw_decode(buffer, 0)
                    break
                except RecursionError:
                    yield (
                        index + 1,
                        line,
                        ReadProblem(f"{name}:{line}", "not valid JSON: nested too deeply"),
                    )
                    return
                except ValueError as exc:
                    if eof:
                        yield (
                            index + 1,
                            line,
                            ReadProblem(f"{name}:{line}", f"not valid JSON: {reason(exc)}"),
                        )
                        return
                    if len(buffer) > MAX_ARTICLE_BYTES:
                        message = f"array element is larger than {megabytes(MAX_ARTICLE_BYTES)}"
                        yield index + 1, line, ReadProblem(f"{name}:{line}", message)
                        return
                    more(max(_CHUNK, len(buffer)))
            index += 1
            yield index, line, value
            pos = end
            skip_space()
            separator = buffer[pos : pos + 1]
            pos += 1
            if separator == "]":
                return
            if separator != ",":
                found = repr(separator) if separator else "the end of the file"
                line += buffer.count("\n", 0, pos)
                yield (
                    index + 1,
                    line,
                    ReadProblem(
                        f"{name}:{line}", f"not valid JSON: expected ',' or ']', found {found}"
                    ),
                )
                return
    except UnicodeDecodeError:
        yield index + 1, line, ReadProblem(f"{name}:{line}", "JSON is not valid UTF-8")


def reason(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
    return str(exc)
