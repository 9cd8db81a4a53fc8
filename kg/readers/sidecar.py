"""Read a `NAME.meta.json` sidecar: metadata for the article `NAME.txt` (or `NAME.html`) beside it.

Keys: title, url, publisher, published (or date), author or authors, language. The file's own
`id` is not used: an article from a file is identified by its file name. Sidecar values win over
what the article's text or markup says, since someone wrote them down on purpose.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from kg.readers.dates import parse_date
from kg.readers.draft import ReadProblem
from kg.readers.headers import EdgeMetadata, split_names
from kg.readers.sources import sidecar

_MAX_BYTES = 1024 * 1024


def read_sidecar(article: Path) -> EdgeMetadata | ReadProblem | None:
    """Return the metadata of the sidecar of `article`, None if it has none."""
    found = sidecar(article)
    if found is None:
        return None
    try:
        if found.stat().st_size > _MAX_BYTES:
            raise ValueError("larger than 1 MB")
        record = json.loads(found.read_bytes())
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as exc:
        return ReadProblem(str(found), f"sidecar metadata ignored: {exc}")
    meta = EdgeMetadata()
    for key, field in (("title", "headline"), ("url", "url"), ("publisher", "publisher"),
                       ("language", "language")):  # fmt: skip
        if isinstance(record.get(key), str):
            meta.add(field, record[key].strip())
    meta.add("published", parse_date(record.get("published") or record.get("date")))
    authors = record.get("authors") or record.get("author")
    if isinstance(authors, str):
        meta.add("authors", split_names(authors))
    elif isinstance(authors, list):
        meta.add("authors", tuple(str(a).strip() for a in authors if a))
    return meta


def overlay(base: EdgeMetadata, top: EdgeMetadata) -> EdgeMetadata:
    """Return metadata with `top`'s values, and `base`'s where `top` has none.

    >>> a, b = EdgeMetadata({"url": "u1", "id": "7"}), EdgeMetadata({"url": "u2"})
    >>> overlay(a, b).values
    {'url': 'u2', 'id': '7'}
    """
    merged = EdgeMetadata(dict(top.values))
    for key, value in base.values.items():
        merged.add(key, value)
    return merged


def with_sidecar(meta: EdgeMetadata, article: Path | None) -> tuple[EdgeMetadata, ReadProblem | None]:
    """Return `meta` with the sidecar of `article` laid over it, and the sidecar's problem if any.

    A broken sidecar is reported and ignored: the article is still read with its own metadata.
    """
    if article is None:
        return meta, None
    found = read_sidecar(article)
    if isinstance(found, ReadProblem):
        return meta, replace(found, warning=True)
    return (overlay(meta, found) if found is not None else meta), None
