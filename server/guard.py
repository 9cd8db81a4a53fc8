"""Refuse what a public endpoint must not do: SERVICE (and LOAD), which make the server fetch URLs,
and queries nested too deep or too long for the SPARQL parsers.

`check_shape` runs first, before any parser sees the text: Oxigraph's parser and planner recurse
once per level of brackets and per operand of a chain (`a + b + c ...`, `{...} UNION {...} ...`,
the triple patterns of a group), and overflow the stack of the thread that runs them (SIGSEGV, no
answer; `oxigraph serve` aborts). On an 8 MiB stack 3,000 nested braces, 5,000 nested FILTER
parentheses, 7,500 added terms or 9,000 triple patterns in one group crash it; on a 2 MiB thread
stack (a server's threads) 700 braces or 2,000 added terms do. The limits (100 levels, 2,000 tokens
outside VALUES data) are well below both; `kg.sparql_text.measure` counts them lexically.

pyoxigraph evaluates `SERVICE <url>` by fetching the URL (server-side request forgery), and
`LOAD <url>` in an update likewise. The decision is made on the parsed query: rdflib's SPARQL
parser gives a tree in which SERVICE is a `ServiceGraphPattern` node and LOAD a `Load` node.
Parsing with rdflib costs milliseconds, so it runs only when the text could hold such a keyword
(the word itself, or a `\\u` escape that might spell it); a query that mentions it but that rdflib
cannot parse is refused too, since it cannot be checked.
"""

from __future__ import annotations

import re

from kg.errors import QueryError
from kg.sparql_text import measure
from server.errors import Refused
from server.settings import Settings

_MAYBE_SERVICE = re.compile(r"service|\\u|\\U", re.IGNORECASE)
_MAYBE_LOAD = re.compile(r"load|\\u|\\U", re.IGNORECASE)


def _names(node: object) -> set[str]:
    """Collect the names of the parse-tree nodes (CompValue) under `node`."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        name = getattr(item, "name", None)
        if isinstance(name, str) and hasattr(item, "items"):
            found.add(name)
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or type(item).__name__ == "ParseResults":
            stack.extend(list(item))
    return found


def check_shape(text: str, settings: Settings, what: str = "query") -> None:
    """Raise QueryError (400) if `text` nests deeper or is longer than the parsers handle safely."""
    depth, tokens = measure(text, settings.max_query_depth, settings.max_query_tokens)
    if depth > settings.max_query_depth:
        raise QueryError(f"the {what} nests brackets more than {settings.max_query_depth} levels "
                         f"deep (the limit, KG_MAX_QUERY_DEPTH); deeper ones can crash the SPARQL "
                         "parser, so they are refused unread")
    if tokens > settings.max_query_tokens:
        raise QueryError(f"the {what} has more than {settings.max_query_tokens:,} tokens outside "
                         "VALUES data (the limit, KG_MAX_QUERY_TOKENS); longer ones can crash the "
                         "SPARQL parser, so they are refused unread: put long lists of values in VALUES")


def may_name_service(text: str) -> bool:
    """Whether `check_query` would read `text` with rdflib's parser (milliseconds) to decide."""
    return _MAYBE_SERVICE.search(text) is not None


def check_query(text: str) -> None:
    """Raise Refused if the query uses SERVICE (or cannot be checked for it)."""
    if not _MAYBE_SERVICE.search(text):
        return
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except Exception:  # noqa: BLE001 - pyparsing's errors: the query cannot be checked
        if re.search(r"\bservice\b", text, re.IGNORECASE) or "\\u" in text.lower():
            raise Refused("the query mentions SERVICE (or uses \\u escapes) and could not be "
                          "checked; SERVICE is refused: this endpoint does not fetch remote "
                          "data") from None
        return
    if "ServiceGraphPattern" in _names(tree):
        raise Refused("SERVICE is refused: this endpoint does not query other endpoints "
                      "(it would let anyone make the server fetch any URL)")


def check_update(text: str) -> None:
    """Raise Refused if the update uses LOAD or SERVICE (or cannot be checked for them)."""
    check_query_like = _MAYBE_LOAD.search(text) or _MAYBE_SERVICE.search(text)
    if not check_query_like:
        return
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        tree = parseUpdate(text)
    except Exception:  # noqa: BLE001 - pyparsing's errors: the update cannot be checked
        raise Refused("the update mentions LOAD or SERVICE and could not be checked; both are "
                      "refused: this endpoint does not fetch remote data") from None
    names = _names(tree)
    if "Load" in names:
        raise Refused("LOAD is refused: this endpoint does not fetch remote data")
    if "ServiceGraphPattern" in names:
        raise Refused("SERVICE is refused: this endpoint does not query other endpoints")


def describe_update(text: str) -> str | None:
    """Return why `text` is an update (a reason for a 400 at /sparql), or None if it is not one."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        tree = parseUpdate(text)
    except Exception:  # noqa: BLE001 - not an update either: the syntax error stands
        return None
    if "Load" in _names(tree):
        return "LOAD is refused: this endpoint does not fetch remote data"
    return "this is a SPARQL Update; /sparql is read-only (updates go to /update, when enabled)"
