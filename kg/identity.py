"""The one place where instance IRIs are minted.

IRIs are deterministic and readable: `{base}{kind}/{key}`, with the base configurable (default
`https://w3id.org/newskg/id/`). The same input always gives the same IRI, so the same person seen
in two articles lands on one node without a resolution stage. Keys follow the policy of
docs/ontology.md: slugs of names, ISO codes for countries, `scope.role` for offices, the article
key plus offsets for statements.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from rdflib import URIRef

DEFAULT_BASE = "https://w3id.org/newskg/id/"

KINDS = frozenset(
    {"article", "person", "organization", "country", "place", "office", "holding", "statement",
     "meeting", "topic", "dataset"}
)

# A few letters that NFKD does not decompose into ASCII plus combining marks.
_LATIN_EXTRA = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d",
                              "ð": "d", "þ": "th", "ı": "i"})
_NON_KEY = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Fold a name into the key used in IRIs: ASCII letters and digits joined by '-'.

    Text with no Latin letters or digits (a name in Cyrillic, say) gets a short hash instead, so
    that the key is never empty.

    >>> slug("Sébastien  Lecornu")
    'sebastien-lecornu'
    >>> slug("Pete Hegseth's")
    'pete-hegseths'
    """
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).translate(_LATIN_EXTRA)
    ascii_text = ascii_text.replace("'", "").replace("’", "")
    key = _NON_KEY.sub("-", ascii_text).strip("-")
    return key or "h" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def name_fold(name: str) -> str:
    """Fold a name to what tells names apart: case, diacritics, spaces, hyphens and punctuation go.

    Two forms with the same fold are spellings of one name ("Jane Roe", "jane-roe", "JANE ROE").

    >>> name_fold("Jane-Roe") == name_fold("jane roe") == name_fold("JANE  ROE.")
    True
    >>> name_fold("Sébastien Lecornu") == name_fold("Sebastien Lecornu")
    True
    """
    return slug(name).replace("-", "")


def preferred_name(forms: Iterable[str], body: str = "") -> str:
    """Choose the name to keep among spellings of one name; the others are its alternatives.

    The preferred form is the one the article's running text uses most, then the one given most
    often, then one written in mixed case (not "JANE ROE" or "jane roe"), then the first given.

    >>> preferred_name(["Nato", "NATO"], "NATO said ... Nato ... NATO")
    'NATO'
    >>> preferred_name(["jane roe", "Jane Roe", "jane roe"])
    'jane roe'
    >>> preferred_name(["JANE ROE", "Jane Roe"])
    'Jane Roe'
    """
    given = list(forms)
    counts = {form: given.count(form) for form in given}
    first = {form: -i for i, form in reversed(list(enumerate(given)))}

    def rank(form: str) -> tuple[int, int, bool, int]:
        mixed = form != form.upper() and form != form.lower()
        return body.count(form) if form else 0, counts[form], mixed, first[form]

    return max(counts, key=rank)


def canonical_url(url: str) -> str:
    """Normalize a URL for identity: lower-case scheme and host, no fragment, no tracking params.

    >>> canonical_url("HTTPS://Example.COM/a/b?utm_source=x&id=3#top")
    'https://example.com/a/b?id=3'
    """
    parts = urlsplit(url.strip())
    query = "&".join(
        p for p in parts.query.split("&") if p and not p.lower().startswith(("utm_", "fbclid=", "gclid="))
    )
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, query, ""))


def article_key(*, url: str | None, body: str) -> str:
    """Return the 16-hex key of an article: from its canonical URL when known, else its body."""
    basis = canonical_url(url) if url else body
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def person_key(name_key: str, article: str) -> str:
    """Return the key of a person: their name's slug, scoped to the article for a lone name.

    A full name ("anna-virtanen") identifies a person across articles. A lone name ("li", a
    surname the article never completes) does not: two articles' "Mr Li" may be two people, so
    the key carries the article's key and no cross-article link is made.

    >>> person_key("anna-virtanen", "0123abcd"), person_key("li", "0123abcd")
    ('anna-virtanen', 'li_0123abcd')
    """
    return name_key if "-" in name_key else f"{name_key}_{article}"


def mint_iri(kind: str, key: str, base: str = DEFAULT_BASE) -> URIRef:
    """Return the IRI of an entity of `kind` identified by `key`.

    >>> mint_iri("person", "donald-trump")
    rdflib.term.URIRef('https://w3id.org/newskg/id/person/donald-trump')
    """
    if kind not in KINDS:
        raise ValueError(f"unknown IRI kind {kind!r}; known: {', '.join(sorted(KINDS))}")
    if not key or not re.fullmatch(r"[A-Za-z0-9._~-]+", key):
        raise ValueError(f"IRI key {key!r} for {kind} must be non-empty [A-Za-z0-9._~-]")
    return URIRef(f"{base}{kind}/{key}")


def span_iri(article: URIRef, begin: int, end: int) -> URIRef:
    """Return the RFC 5147 IRI of a text span of an article: `<article>#char=begin,end`."""
    return URIRef(f"{article}#char={begin},{end}")
