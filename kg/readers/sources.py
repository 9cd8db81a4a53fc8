"""Turn the user's input arguments into a stream of sources to read, lazily.

An argument is a file, a folder (walked recursively in sorted order, hidden files and folders
skipped), a glob pattern, or "-" for standard input. Inside a folder or a glob, companion files
such as `NAME.meta.json` or `NAME.gold.json` next to `NAME.txt` are metadata or annotations of
that article, not articles, and are skipped (the reader of `NAME.txt` uses `NAME.meta.json`).
"""

from __future__ import annotations

import glob
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.readers.draft import ReadProblem

STDIN_NAME = "<stdin>"
_GLOB_CHARS = frozenset("*?[")
_ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file (`path`) or standard input (`path` is None)."""

    name: str
    path: Path | None = None

    @property
    def stem(self) -> str | None:
        """The file name without its extension (`dev01` for `corpus/dev01.txt`), None for stdin.

        >>> Source("a/dev01.txt", Path("a/dev01.txt")).stem
        'dev01'
        """
        return self.path.stem if self.path is not None else None

    @property
    def suffix(self) -> str:
        """The lower-cased extension, '' for stdin."""
        return self.path.suffix.lower() if self.path is not None else ""


def expand(inputs: Sequence[str]) -> Iterator[Source | ReadProblem]:
    """Yield a Source for each file named or found, and a ReadProblem for each bad argument."""
    for arg in inputs:
        if arg == "-":
            yield Source(STDIN_NAME)
        elif os.path.isdir(arg):
            yield from _walk(arg)
        elif os.path.exists(arg):
            yield Source(arg, Path(arg))
        elif _GLOB_CHARS & set(arg):
            yield from _glob(arg)
        else:
            yield ReadProblem(arg, "no such file or directory")


def _glob(pattern: str) -> Iterator[Source | ReadProblem]:
    matches = sorted(glob.iglob(pattern, recursive=True))  # names only, never contents
    if not matches:
        yield ReadProblem(pattern, "no files match this pattern")
    for match in matches:
        if os.path.isdir(match):
            yield from _walk(match)
        elif not is_companion(Path(match)):
            yield Source(match, Path(match))


def _walk(folder: str) -> Iterator[Source | ReadProblem]:
    def report(error: OSError) -> None:
        problems.append(
            ReadProblem(error.filename or folder, f"cannot list folder: {error.strerror}")
        )

    problems: list[ReadProblem] = []
    for root, dirs, files in os.walk(folder, onerror=report):
        yield from problems
        problems.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and not is_companion(path):
                yield Source(str(path), path)
    yield from problems


def is_companion(path: Path) -> bool:
    """Tell whether `path` is a `NAME.something.json` beside an article file `NAME.txt` (or .html).

    >>> is_companion(Path("/nonexistent/dev01.meta.json"))
    False
    """
    name = path.name
    if not name.endswith(".json") or name.count(".") < 2:
        return False
    base = name[: -len(".json")].rsplit(".", 1)[0]
    return any(path.with_name(base + suffix).is_file() for suffix in _ARTICLE_SUFFIXES)


def sidecar(path: Path) -> Path | None:
    """Return the `NAME.meta.json` beside `NAME.ext` if there is one."""
    candidate = path.with_name(path.stem + ".meta.json")
    return candidate if candidate != path and candidate.is_file() else None


class _Chain(io.RawIOBase):
    """A raw stream that replays `head` and then continues with `rest`."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def with_head(stream: BinaryIO, size: int) -> tuple[bytes, BinaryIO]:
    """Read the first `size` bytes of `stream`; return them and a stream that starts over."""
    head = stream.read(size)
    return head, io.BufferedReader(_Chain(head, stream))


_LINE_SUFFIXES = (".jsonl", ".ndjson")


def count_articles(inputs: Sequence[str], *, max_bytes: int = 256 * 2**20) -> int | None:
    """How many articles `inputs` hold, where that can be told without reading them: one per
    text or HTML file, one per non-blank line of a JSON Lines file (read up to `max_bytes` in
    all); None when any input is standard input, a JSON document or a feed, whose count only
    reading them tells (a progress bar then shows no total).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("x"); _ = (folder / "b.jsonl").write_text('{}\\n\\n{}\\n')
    >>> count_articles([str(folder)])
    3
    >>> count_articles([str(folder), "-"]) is None
    True
    """
    total, budget = 0, max_bytes
    for found in expand(inputs):
        if isinstance(found, ReadProblem):
            continue
        if found.path is None:
            return None
        if found.suffix in _ARTICLE_SUFFIXES:
            total += 1
        elif found.suffix in _LINE_SUFFIXES:
            try:
                size = found.path.stat().st_size
                if size > budget:
                    return None
                budget -= size
                with found.path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                continue
        else:
            return None
    return total
