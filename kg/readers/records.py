"""Read JSON Lines and JSON: one article per record (object), with common field names understood.

A record's fields are found under the names news APIs and crawlers use (see `FIELD_NAMES`); a
`field_map` from our field names to the user's (dotted paths reach into nested objects,
e.g. {"body": "fields.bodyText"}) replaces the defaults for the fields it names. A JSON file is an
array of records (streamed element by element), one record, or an object holding a list of
records (NewsAPI's "articles", the Guardian's "response.results", ...).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from kg.errors import ArticleError, ConfigError
from kg.readers.dates import parse_date
from kg.readers.draft import Draft, ReadProblem, headline_without_site, with_headline
from kg.readers.jsonstream import is_array, iter_array, iter_lines, reason
from kg.readers.limits import MAX_ARTICLE_BYTES, megabytes
from kg.readers.markup import fragment_paragraphs, looks_like_html, plain
from kg.readers.sources import Source
from kg.readers.text import to_paragraphs

FIELD_NAMES: Mapping[str, tuple[str, ...]] = {
    "headline": ("title", "headline", "webTitle", "name"),
    "body": ("text", "body", "content", "articleBody", "article_body", "maintext", "full_text",
             "fulltext", "bodyText", "body_text", "fields.bodyText", "fields.body", "description",
             "summary", "abstract", "snippet"),
    "url": ("url", "link", "canonical_url", "canonicalUrl", "webUrl", "href", "uri"),
    "published": ("published", "date", "publishedAt", "published_at", "pubDate", "datePublished",
                  "date_publish", "publish_date", "publication_date", "webPublicationDate",
                  "created_at", "timestamp"),
    "publisher": ("source", "publisher", "source_name", "sitename", "site_name", "outlet",
                  "source_domain", "domain"),
    "author": ("author", "authors", "byline", "creator", "creators", "fields.byline"),
    "id": ("id", "_id", "uuid", "guid", "article_id", "doc_id", "docid"),
    "language": ("language", "lang"),
}  # fmt: skip
_CONTAINERS = ("articles", "items", "results", "data", "entries", "documents", "docs", "posts",
               "stories", "news", "hits", "response")  # fmt: skip
_TRUNCATION = re.compile(r"\s*…?\s*\[\+\d+ chars\]\s*$")  # NewsAPI's cut-off marker


def check_field_map(field_map: Mapping[str, str] | None) -> dict[str, str]:
    """Validate a field map (our field name -> the user's); raise ConfigError naming the problem.

    >>> check_field_map({"body": "story", "headline": "hed"})
    {'body': 'story', 'headline': 'hed'}
    >>> check_field_map({"text": "story"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.ConfigError: field map: unknown field 'text'; known: author, body, headline, id, ...
    """
    checked = dict(field_map or {})
    for ours, theirs in checked.items():
        if ours not in FIELD_NAMES:
            known = ", ".join(sorted(FIELD_NAMES))
            raise ConfigError(f"field map: unknown field {ours!r}; known: {known}")
        if not isinstance(theirs, str) or not theirs.strip():
            raise ConfigError(f"field map: the name for {ours!r} must be a non-empty string")
    return checked


def read_jsonl(
    stream: BinaryIO, source: Source, field_map: Mapping[str, str]
) -> Iterator[Draft | ReadProblem]:
    """Yield a Draft or ReadProblem per non-blank line, streaming."""
    stem = source.stem or "stdin"
    for number, line in enumerate(iter_lines(stream), start=1):
        where = f"{source.name}:{number}"
        if line is None:
            yield ReadProblem(where, f"line is longer than {megabytes(MAX_ARTICLE_BYTES)}; skipped")
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8").strip())
        except RecursionError:
            yield ReadProblem(where, "line is not valid JSON: nested too deeply")
            continue
        except UnicodeDecodeError:
            yield ReadProblem(where, "line is not valid UTF-8")
            continue
        except ValueError as exc:
            yield ReadProblem(where, f"line is not valid JSON: {reason(exc)}")
            continue
        yield _record(value, where, f"{stem}-{number}", field_map)


def read_json(
    stream: BinaryIO, source: Source, field_map: Mapping[str, str]
) -> Iterator[Draft | ReadProblem]:
    """Yield a Draft or ReadProblem per record of a JSON document."""
    stem = source.stem or "stdin"
    if is_array(stream):
        index = 0
        for index, line, value in iter_array(stream, source.name):
            where = f"{source.name}:{line}"
            if isinstance(value, ReadProblem):
                yield value
                return
            yield _record(value, where, f"{stem}-{index}", field_map)
        if index == 0:
            raise ArticleError("JSON array holds no records")
        return
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"JSON object is larger than {megabytes(MAX_ARTICLE_BYTES)}")
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except RecursionError as exc:
        raise ArticleError("not valid JSON: nested too deeply") from exc
    except UnicodeDecodeError as exc:
        raise ArticleError("JSON is not valid UTF-8") from exc
    except ValueError as exc:
        raise ArticleError(f"not valid JSON: {reason(exc)}") from exc
    if isinstance(value, list):
        records = value
    elif isinstance(value, dict):
        records = _records_in(value, field_map)
    else:
        raise ArticleError(f"JSON holds a {_kind(value)}, not an object or a list of objects")
    if not records:
        raise ArticleError("JSON holds an empty list: no records")
    for index, record in enumerate(records, start=1):
        where = source.name if len(records) == 1 else f"{source.name}:#{index}"
        identifier = source.stem if len(records) == 1 else f"{stem}-{index}"
        yield _record(record, where, identifier, field_map)


def _records_in(value: dict[str, object], field_map: Mapping[str, str]) -> list[object]:
    if _get(value, "body", field_map) is not None:
        return [value]
    for key in _CONTAINERS:
        inner = value.get(key)
        if isinstance(inner, dict):
            inner = next(
                (v for k, v in inner.items() if k in _CONTAINERS and isinstance(v, list)), None
            )
        if isinstance(inner, list) and inner and all(isinstance(item, dict) for item in inner):
            return inner
    return [value]


def _record(
    value: object, where: str, fallback_id: str | None, field_map: Mapping[str, str]
) -> Draft | ReadProblem:
    if not isinstance(value, dict):
        return ReadProblem(where, f"record is a JSON {_kind(value)}, not an object")
    body = _text(_get(value, "body", field_map))
    if not body:
        named = field_map.get("body") or "/".join(FIELD_NAMES["body"][:4])
        return ReadProblem(where, f"record has no article text (looked for {named})")
    body = _TRUNCATION.sub("", body)
    url = _text(_get(value, "url", field_map)) or None
    publisher = plain(_name(_get(value, "publisher", field_map)) or "") or None
    headline = headline_without_site(
        plain(_text(_get(value, "headline", field_map)) or "") or None, publisher, url)
    paragraphs = fragment_paragraphs(body) if looks_like_html(body) else to_paragraphs(body)
    identifier = _get(value, "id", field_map)
    language = _get(value, "language", field_map)
    return Draft(
        source=where,
        paragraphs=with_headline(headline, paragraphs),
        headline=headline,
        identifier=str(identifier)
        if isinstance(identifier, str | int) and identifier != ""
        else fallback_id,
        url=url,
        published=parse_date(_get(value, "published", field_map)),
        publisher=publisher,
        authors=_authors(_get(value, "author", field_map)),
        language=language if isinstance(language, str) else None,
    )


def _get(record: Mapping[str, object], field: str, field_map: Mapping[str, str]) -> object:
    names = (field_map[field],) if field in field_map else FIELD_NAMES[field]
    for name in names:
        value: object = record
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value: object) -> str:
    """Text of a field that may be a string, a list of paragraphs, or {"rendered": ...}."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return "\n\n".join(part for part in (_text(item) for item in value) if part)
    if isinstance(value, dict):
        for key in ("rendered", "text", "value", "html", "content", "body"):
            if key in value:
                return _text(value[key])
    return ""


def _name(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id")
    return value.strip() if isinstance(value, str) else None


def _authors(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = re.split(r"\s*(?:,|;|\band\b|&)\s*", re.sub(r"^\s*[Bb]y\s+", "", value))
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return ()
    names = (plain(name) for name in (_name(item) for item in value) if name)
    return tuple(name for name in names if name)


def _kind(value: object) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), "null"
    )
