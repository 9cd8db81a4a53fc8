"""Read news articles from files, folders, globs and standard input, in any supported format.

    from kg.readers import read_inputs, ReadProblem, FORMATS

    for item in read_inputs(["corpus/", "feed.xml", "-"], published=date(2025, 2, 12)):
        if isinstance(item, ReadProblem):
            print(item, file=sys.stderr)      # "corpus/x.jsonl:3: line is not valid JSON: ..."
        else:
            build(item)                       # a kg.model.Article

`read_inputs` is a lazy generator: inputs are opened one at a time and JSON Lines, JSON arrays
and feeds are streamed record by record, so corpora of any size read in bounded memory. Every
input that cannot be read yields a `ReadProblem` and the reading goes on; bad input never raises.
Formats (`FORMATS`): "text", "html", "jsonl", "json" and "rss" (RSS and Atom), detected from
content and extension unless `fmt` forces one. Size limits: `kg.readers.limits`.

Module map: sources (arguments to files), detect (format), decode (bytes to text), text, html,
records (JSON / JSON Lines), feeds (RSS / Atom) read formats into `Draft`s; headers, outlets and
sidecar read metadata; cleaning, posts, dates and language serve `assemble`, which turns a Draft
into an Article.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import BinaryIO

from kg.errors import ArticleError, ConfigError
from kg.model import Article
from kg.readers.assemble import assemble
from kg.readers.decode import binary_kind
from kg.readers.detect import FORMATS, detect_format
from kg.readers.draft import Draft, ReadProblem
from kg.readers.feeds import read_feed
from kg.readers.html import read_html
from kg.readers.limits import MAX_ARTICLE_BYTES, SNIFF_BYTES, megabytes
from kg.readers.records import check_field_map, read_json, read_jsonl
from kg.readers.sources import Source, expand, with_head
from kg.readers.text import read_text

__all__ = ["FORMATS", "ReadProblem", "read_inputs"]


def read_inputs(
    inputs: Sequence[str],
    *,
    fmt: str | None = None,
    published: date | None = None,
    field_map: Mapping[str, str] | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | ReadProblem]:
    """Yield an Article or a ReadProblem for each article found in `inputs`, lazily.

    `inputs` are file paths, folders (read recursively, sorted, hidden entries skipped), glob
    patterns and "-" for `stdin` (default: the process's standard input). `fmt` forces one of
    FORMATS for every input. `published` dates articles whose metadata has no date (before
    falling back to the latest date printed in the text). `field_map` maps our record fields
    (headline, body, url, published, publisher, author, id, language) to the names a JSON source
    uses. Raises ConfigError at once for an unknown `fmt` or a bad `field_map`; never for input.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"unknown input format {fmt!r}; known: {', '.join(FORMATS)}")
    mapping = check_field_map(field_map)
    return _read_all(inputs, fmt, published, mapping, stdin)


def _read_all(
    inputs: Sequence[str],
    fmt: str | None,
    published: date | None,
    field_map: Mapping[str, str],
    stdin: BinaryIO | None,
) -> Iterator[Article | ReadProblem]:
    for found in expand(inputs):
        if isinstance(found, ReadProblem):
            yield found
            continue
        for item in _read_source(found, fmt, field_map, stdin):
            yield item if isinstance(item, ReadProblem) else assemble(item, published=published)


def _read_source(
    source: Source, fmt: str | None, field_map: Mapping[str, str], stdin: BinaryIO | None
) -> Iterator[Draft | ReadProblem]:
    try:
        if source.path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
        else:
            size = source.path.stat().st_size
            stream = source.path.open("rb")
    except OSError as exc:
        yield ReadProblem(source.name, f"cannot open: {exc.strerror or exc}")
        return
    try:
        yield from _drafts(stream, source, fmt, field_map, size if source.path else None)
    except ArticleError as exc:
        yield ReadProblem(source.name, str(exc))
    except OSError as exc:
        yield ReadProblem(source.name, f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a reader bug must cost one input, not the run
        yield ReadProblem(source.name, f"unexpected error ({type(exc).__name__}): {exc}")
    finally:
        if source.path is not None:
            stream.close()


def _drafts(
    raw: BinaryIO, source: Source, fmt: str | None, field_map: Mapping[str, str], size: int | None
) -> Iterator[Draft | ReadProblem]:
    head, stream = with_head(raw, SNIFF_BYTES)
    if not head:
        raise ArticleError("empty file" if source.path else "empty input")
    if not head.strip() and len(head) < SNIFF_BYTES:
        raise ArticleError("holds only whitespace")
    kind = binary_kind(head)
    if kind and fmt is None:
        raise ArticleError(f"not text: looks like {kind}")
    form = fmt or detect_format(head, source.suffix)
    if form == "jsonl":
        yield from read_jsonl(stream, source, field_map)
    elif form == "json":
        yield from read_json(stream, source, field_map)
    elif form == "rss":
        yield from read_feed(stream, source)
    else:
        if size is not None and size > MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"file is {megabytes(size)}; "
                f"one article may be at most {megabytes(MAX_ARTICLE_BYTES)}"
            )
        data = stream.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            raise ArticleError(
                f"input is over {megabytes(MAX_ARTICLE_BYTES)}, the limit for one article"
            )
        yield from (read_html if form == "html" else read_text)(data, source)
