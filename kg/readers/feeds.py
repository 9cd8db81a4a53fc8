"""Read RSS (0.9x, 1.0, 2.0) and Atom feeds: each item or entry is an article.

The feed is parsed incrementally (lxml iterparse) and each item is freed once read, so a feed of
any size streams. An item's text is its full content when the feed carries it (RSS
content:encoded, Atom content), else its description or summary; HTML inside is reduced to text.
The feed's own title is taken as the publisher unless an item names its source. Entities are not
resolved and nothing is fetched from the network.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import BinaryIO

import lxml.etree

from kg.readers.dates import parse_date
from kg.readers.draft import Draft, ReadProblem, headline_without_site, with_headline
from kg.readers.markup import fragment_paragraphs, looks_like_html, plain
from kg.readers.sources import Source
from kg.readers.text import to_paragraphs

_ITEMS = frozenset({"item", "entry"})
_FEED_TITLE_PARENTS = frozenset({"channel", "feed"})
_DATES = ("pubDate", "published", "date", "issued", "updated", "modified")


def read_feed(stream: BinaryIO, source: Source) -> Iterator[Draft | ReadProblem]:
    """Yield a Draft or ReadProblem per item of the feed in `stream`."""
    publisher: str | None = None
    count = 0
    events = lxml.etree.iterparse(
        stream, events=("end",), resolve_entities=False, no_network=True, huge_tree=False
    )
    try:
        for _, element in events:
            name = _local(element)
            if name == "title" and _local(element.getparent()) in _FEED_TITLE_PARENTS:
                publisher = plain(element.text or "") or None
            elif name in _ITEMS:
                count += 1
                yield _item(element, source, count, publisher)
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except lxml.etree.XMLSyntaxError as exc:
        where = f"{source.name}:{exc.lineno}" if exc.lineno else source.name
        yield ReadProblem(where, f"malformed XML: {exc.msg}")
        return
    if count == 0:
        yield ReadProblem(source.name, "no <item> or <entry> elements: not an RSS or Atom feed")


def _item(
    item: lxml.etree._Element, source: Source, number: int, publisher: str | None
) -> Draft | ReadProblem:
    where = f"{source.name}:{item.sourceline}" if item.sourceline else f"{source.name}:#{number}"
    children: dict[str, lxml.etree._Element] = {}
    for child in item:
        children.setdefault(_local(child), child)
    headline = plain(_text(children.get("title"))) or None
    content = next(
        (text for key in ("encoded", "content", "description", "summary")
         if (text := _content(children.get(key)))),
        "",
    )  # fmt: skip
    if not content:
        return ReadProblem(where, "feed item has no content, description or summary")
    paragraphs = (
        fragment_paragraphs(content)
        if looks_like_html(content)
        else to_paragraphs(html.unescape(content))
    )
    identifier = _text(children.get("guid")) or _text(children.get("id"))
    dated = next((children[key] for key in _DATES if key in children), None)
    url, publisher = _link(children.get("link")), plain(_text(children.get("source"))) or publisher
    headline = headline_without_site(headline, publisher, url)
    return Draft(
        source=where,
        paragraphs=with_headline(headline, paragraphs),
        headline=headline,
        identifier=identifier or f"{source.stem or 'stdin'}-{number}",
        url=url,
        published=parse_date(_text(dated)),
        publisher=publisher,
        authors=_authors(item),
        language=None,
    )


def _content(element: lxml.etree._Element | None) -> str:
    if element is None:
        return ""
    if element.get("type") == "xhtml" or (len(element) and not (element.text or "").strip()):
        return "".join(lxml.etree.tostring(child, encoding="unicode") for child in element).strip()
    return (element.text or "").strip()


def _link(element: lxml.etree._Element | None) -> str | None:
    if element is None:
        return None
    parent = element.getparent()
    if element.get("href") is not None and parent is not None:
        links = [link for link in parent if _local(link) == "link" and link.get("href")]
        best = next(
            (link for link in links if link.get("rel", "alternate") == "alternate"), links[0]
        )
        return best.get("href").strip() or None
    return _text(element) or None


def _authors(item: lxml.etree._Element) -> tuple[str, ...]:
    names = []
    for child in item:
        if _local(child) in ("author", "creator"):
            name = next((_text(sub) for sub in child if _local(sub) == "name"), "") or _text(child)
            email = re.fullmatch(r"\S+@\S+\s*\((.+)\)", name)
            name = plain(email.group(1) if email else name)
            if name and name not in names:
                names.append(name)
    return tuple(names)


def _text(element: lxml.etree._Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _local(element: lxml.etree._Element | None) -> str:
    if element is None or not isinstance(element.tag, str):
        return ""
    return str(lxml.etree.QName(element).localname)
