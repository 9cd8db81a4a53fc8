"""Read a saved HTML page: main text and metadata through trafilatura.

trafilatura finds the article's main text (dropping navigation, ads and footers) and reads the
headline, site name, authors, date and URL from the markup; `<link rel="canonical">` wins for
the URL. Dates come from markup only
(`extensive_search` off), so a date trafilatura would guess from the page's free text is left to
our own inference, which marks it as inferred. When trafilatura finds no main text (very short
pages, odd markup), the page's visible text without navigation is used instead. A page cut off
before `</html>` is read as far as it goes, with a warning (a ReadProblem marked `warning`). A sidecar
`NAME.meta.json` is honoured as for plain text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import trafilatura

from kg.errors import ArticleError
from kg.readers.dates import parse_date
from kg.readers.decode import decode
from kg.readers.draft import Draft, ReadProblem, headline_without_site, title_parts
from kg.readers.headers import EdgeMetadata, split_names
from kg.readers.markup import fragment_paragraphs, plain
from kg.readers.sidecar import with_sidecar
from kg.readers.sources import Source

_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)
_OPEN = re.compile(r"<html\b", re.IGNORECASE)
_CLOSE = re.compile(r"</html\s*>", re.IGNORECASE)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_CANONICAL = re.compile(r"""\brel\s*=\s*["']?canonical\b""", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_TITLE_META = re.compile(r"""\b(?:property|name|itemprop)\s*=\s*["']?(?:og:title|twitter:title|title|headline|dc\.title)["'\s/>]""", re.IGNORECASE)
_CONTENT = re.compile(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, source: Source) -> Iterator[Draft | ReadProblem]:
    """Yield the Draft of the article in the HTML page `data`."""
    page = decode(data)
    document = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        date_extraction_params=_DATE_PARAMS,
    )
    meta = EdgeMetadata()
    meta.add("url", canonical_url(page))
    paragraphs: list[str] = []
    if document is not None and not isinstance(document, dict):
        paragraphs = [line for line in (document.text or "").split("\n") if line.strip()]
        meta.add("headline", _headline(page, plain(document.title or ""), plain(document.sitename or ""),
                                       meta.text("url") or (document.url or "").strip()))
        meta.add("url", (document.url or "").strip())
        meta.add("publisher", plain(document.sitename or ""))
        meta.add("published", parse_date(document.date))
        meta.add("authors", split_names(plain(document.author or "")))
    if not paragraphs:
        paragraphs = fragment_paragraphs(page, page=True)
    if not paragraphs:
        raise ArticleError("no article text found in the HTML page")
    if _OPEN.search(page[:4096]) and not _CLOSE.search(page[-4096:]):
        yield ReadProblem(
            source.name, "HTML ends before </html>: truncated; read as far as it goes",
            warning=True,
        )
    language = _LANG.search(page[:4096])
    meta.add("language", language.group(1).lower() if language else None)
    meta, problem = with_sidecar(meta, source.path)
    if problem is not None:
        yield problem
    yield meta.to_draft(source.name, source.stem, paragraphs)


def _headline(page: str, title: str, sitename: str, url: str) -> str:
    """trafilatura's title, unless it cut it out of the page's `<title>` and cut badly.

    The page's own headline metadata (og:title and the like), or its one `<h1>`, is taken as it
    is (a site name in it goes later, in `headline_without_site`). Without them trafilatura keeps
    the part of the `<title>` before its last separator ("A - B" -> "A"): that keeps a site name
    put first and cuts a headline that holds a dash. Where the `<title>` holds the site's name
    (the publisher's or the URL's domain), the headline is the `<title>` less that name; where it
    holds none but the page's metadata names its site, the whole `<title>` is the headline.
    """
    found = _TITLE.search(page[:65_536])
    whole = _squeezed(found.group(1)) if found else ""
    if not whole or not title or title == whole or title not in title_parts(whole):
        return title
    if title in _meta_titles(page[:65_536]):
        return title
    without = headline_without_site(whole, sitename, url)
    if without and without != whole:
        return without
    return whole if sitename and "." not in sitename else title


def _squeezed(markup: str) -> str:
    return " ".join(plain(html.unescape(markup)).split())


def _meta_titles(head: str) -> set[str]:
    """The headlines a page's `<meta>` tags give (og:title, twitter:title, title, headline)."""
    titles = set()
    for tag in _META_TAG.findall(head):
        if _TITLE_META.search(tag) and (content := _CONTENT.search(tag)):
            titles.add(_squeezed(next(g for g in content.groups() if g is not None)))
    return titles


def canonical_url(page: str) -> str | None:
    """Return the href of the page's `<link rel="canonical">`, if any.

    >>> canonical_url('<head><link href="https://x.org/a" rel="canonical"></head>')
    'https://x.org/a'
    """
    for tag in _LINK_TAG.finditer(page[:200_000]):
        if _CANONICAL.search(tag.group()):
            href = _HREF.search(tag.group())
            if href:
                return (
                    html.unescape(next(g for g in href.groups() if g is not None)).strip() or None
                )
    return None
