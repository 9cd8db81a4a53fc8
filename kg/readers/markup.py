"""Turn an HTML fragment (a feed item's content, a JSON record's body) into paragraphs.

Whole pages go through trafilatura (`kg.readers.html`); fragments are already the article's text,
so they only need their tags removed with block boundaries kept as paragraph breaks.
"""

from __future__ import annotations

import html
import re

import lxml.etree
import lxml.html

_HTML_TAG = re.compile(
    r"<(?:p|br|div|a|span|em|strong|b|i|u|ul|ol|li|h[1-6]|img|blockquote|figure|figcaption|"
    r"section|article|table|tr|td|pre|iframe|script|style)\b[^>]*/?>",
    re.IGNORECASE,
)
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer "
    "figure figcaption pre dd dt dl hr aside main".split()
)
_DROP = ("script", "style", "noscript", "iframe", "template", "svg", "form", "button", "nav")
_CHROME = ("header", "footer", "aside", "title", "head")


def looks_like_html(text: str) -> bool:
    """Tell whether `text` carries HTML markup.

    >>> looks_like_html("<p>One.</p><p>Two.</p>"), looks_like_html("3 < 4 and 5 > 2")
    (True, False)
    """
    return _HTML_TAG.search(text) is not None


def fragment_paragraphs(fragment: str, *, page: bool = False) -> list[str]:
    """Return the text of an HTML fragment, one paragraph per block element.

    With `page`, the input is a whole page and its header, footer and asides are left out too.

    >>> fragment_paragraphs("<p>First &amp; one.</p><p>Second<br>line.</p><script>x()</script>")
    ['First & one.', 'Second', 'line.']
    """
    try:
        root = (
            lxml.html.fromstring(fragment)
            if page
            else lxml.html.fragment_fromstring(fragment, create_parent="div")
        )
    except (lxml.etree.ParserError, ValueError):
        return _lines(html.unescape(re.sub(r"<[^>]*>", "\n", fragment)))
    for element in list(root.iter(*_DROP, *(_CHROME if page else ()))):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    return _lines(root.text_content())


def plain(text: str) -> str:
    """Return a one-line string with tags removed and entities decoded (for titles and names).

    >>> plain("Talks &ldquo;start&rdquo; <em>now</em>")
    'Talks “start” now'
    """
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split())


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]
