"""SPARQL query text for endpoints that only take text: its form, and variables bound by rewriting.

A local Oxigraph store binds named-question arguments as *substitutions* (the variable is
replaced by an RDF term before evaluation, and stays in the results). A remote SPARQL endpoint
takes only the query text, so `substitute` writes the same query with the terms in it:

* in graph patterns, expressions, `DESCRIBE` and `CONSTRUCT` templates, `?v` becomes the term;
* in a `SELECT` projection, `?v` becomes `(term AS ?v)`, so that the column stays, unless `?v` is
  already in scope in that `SELECT`'s `WHERE` (a subquery projecting it), where it stays `?v`;
  likewise `GROUP BY ?v` becomes `GROUP BY (term)` and `ORDER BY ?v` becomes `ORDER BY (term)`;
* `AS ?v` targets and `VALUES` headers are left alone.

Terms are written by pyoxigraph (N-Triples syntax, escaped), never spliced from request text.
Limitation: `SELECT *` loses the substituted columns (there is no variable left to project).

The text is read by a small tokenizer (strings, IRIs, comments, variables, words), not a full
parser: the endpoint checks the syntax.

>>> import pyoxigraph as ox
>>> substitute("SELECT ?s ?name WHERE { ?s <http://x/name> ?name }", {"s": ox.NamedNode("http://x/a")})
'SELECT (<http://x/a> AS ?s) ?name WHERE { <http://x/a> <http://x/name> ?name }'
>>> query_form("PREFIX x: <http://x/#> # a comment\\nask { ?s x:p 1 }")
'ASK'
>>> query_dataset("PREFIX x: <http://x/> SELECT * FROM x:g FROM NAMED <h> { ?s ?p ?o }", "http://b/")
(('http://x/g',), ('http://b/h',))
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urljoin

import pyoxigraph as ox

from kg.errors import QueryError, QuerySyntaxError

# pieces shared by the tokenizer and the shape check (`measure`)
_STRING = r"""\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'"""
_IRI = r"""<[^<>"{}|^`\\\x00-\x20]*>"""
_VAR = r"""[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+"""

_TOKEN = re.compile(rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>{_STRING})
  | (?P<iri>{_IRI})
  | (?P<var>{_VAR})
  | (?P<word>[A-Za-z_][\w.\-]*(?::[^\s(){{}}\[\],;"'<>?$*+/|^!=]*)?|:[^\s(){{}}\[\],;"'<>?$*+/|^!=]*)
  | (?P<punct>.)
""", re.VERBOSE | re.DOTALL)

# The shape check's tokens: brackets apart; a prefixed name keeps its escapes (ex:a\( is a name,
# not a bracket); a number is one token.
_NAME_CHAR = r"""(?:[^\s(){}\[\],;"'<>?$*+/|^!=\\\#]|\\.)"""
_SHAPE = re.compile(rf"""
    (?P<skip>\s+|\#[^\n]*)
  | (?P<string>{_STRING})
  | (?P<iri>{_IRI})
  | (?P<open>[(\[{{])
  | (?P<close>[)\]}}])
  | (?P<word>[A-Za-z_][\w.\-]*(?::{_NAME_CHAR}*)?|:{_NAME_CHAR}*)
  | (?P<token>{_VAR}|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|&&|\|\||!=|<=|>=|\^\^|.)
""", re.VERBOSE | re.DOTALL)
_DATA_BLOCKS = {"VALUES", "DATA"}  # VALUES ... { rows }, INSERT DATA { triples }: flat data


def measure(text: str, max_depth: int, max_tokens: int) -> tuple[int, int]:
    """Return how deep the query (or update) nests brackets, `(`, `[` and `{` together, and how
    many tokens it has outside VALUES and DATA blocks (whose rows are flat data), read lexically:
    strings and comments do not count. Counting stops once either passes its maximum.

    An IRI-shaped `<...>` holding brackets may be an IRI or a less-than (`?a <(?b)> ...`), so
    its opening brackets count, and its closing ones close no bracket opened before it: the
    depth found is never less than what a parser would see.

    >>> measure("SELECT * { ?s ?p ?o FILTER((?o > 1)) }", 100, 100)
    (3, 15)
    >>> measure("SELECT * { VALUES ?x { 1 2 3 4 5 6 } } # {{{{", 100, 100)
    (2, 7)
    >>> measure("ASK { " + "{" * 500 + "}" * 500 + " }", 100, 10_000)[0]
    101
    """
    depth = deepest = tokens = 0
    data_at: int | None = None  # the depth of the data block being read, whose tokens do not count
    data_next = False  # a VALUES or DATA keyword was read: the next "{" opens a data block
    for match in _SHAPE.finditer(text):
        kind = match.lastgroup
        if kind == "skip":
            continue
        if kind == "open":
            depth += 1
            if match.group() == "{" and data_next:
                data_at, data_next = depth, False
        elif kind == "close":
            if depth == data_at:
                data_at = None
            depth = max(0, depth - 1)
        elif kind == "iri" and any(c in match.group() for c in "()[]"):
            floor = depth
            for char in match.group():
                if char in "([":
                    depth += 1
                    deepest = max(deepest, depth)
                elif char in ")]":
                    depth = max(floor, depth - 1)
        elif kind == "word" and match.group().upper() in _DATA_BLOCKS:
            data_next = True
        deepest = max(deepest, depth)
        if data_at is None:
            tokens += 1
        if deepest > max_depth or tokens > max_tokens:
            break
    return deepest, tokens


FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_CLAUSE_END = {"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP"}

Term = ox.NamedNode | ox.Literal


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "punct", m.group()) for m in _TOKEN.finditer(text)]


def _upper(token: tuple[str, str]) -> str:
    return token[1].upper() if token[0] == "word" else ""


def query_form(text: str) -> str:
    """Return the query's form (SELECT, ASK, CONSTRUCT or DESCRIBE), after the prologue.

    Raise QuerySyntaxError when the text is not a query (an update, or nothing recognisable).
    """
    sig = [t for t in _tokens(text) if t[0] not in ("ws", "comment")]
    i = 0
    while i < len(sig) and _upper(sig[i]) in ("BASE", "PREFIX"):
        i += 2 if _upper(sig[i]) == "BASE" else 3
    word = _upper(sig[i]) if i < len(sig) else ""
    if word not in FORMS:
        shown = sig[i][1][:30] if i < len(sig) else "the end of the query"
        raise QuerySyntaxError(f"invalid SPARQL: expected SELECT, ASK, CONSTRUCT or DESCRIBE, "
                               f"found {shown!r}")
    return word


_LOCAL_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")


_MAYBE_FROM = re.compile("from", re.IGNORECASE)


def query_dataset(text: str, base: str | None = None) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Return the graphs of the query's own dataset clause (FROM, FROM NAMED) as absolute IRIs,
    or None when it has none (then the endpoint chooses the dataset).

    Prefixed names resolve through the query's PREFIX declarations and relative IRIs against its
    BASE, else `base`. FROM inside strings, IRIs, comments, variables, prefixed names or language
    tags does not count. A FROM whose graph cannot be read is left to the SPARQL parser (it is
    still a dataset clause).
    """
    if not _MAYBE_FROM.search(text):  # most queries: no need to read their tokens
        return None
    sig = [t for t in _tokens(text) if t[0] not in ("ws", "comment")]
    prefixes: dict[str, str] = {}
    graphs: tuple[list[str], list[str]] = ([], [])
    found = False

    def iri(token: tuple[str, str]) -> str | None:
        if token[0] == "iri":
            return urljoin(base, token[1][1:-1]) if base else token[1][1:-1]
        if token[0] == "word" and ":" in token[1]:
            prefix, _, local = token[1].partition(":")
            if prefix in prefixes:
                return prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
        return None

    for i, token in enumerate(sig):
        word = _upper(token)
        after = sig[i + 1] if i + 1 < len(sig) else ("punct", "")
        if word == "BASE" and after[0] == "iri":
            base = iri(after)
        elif word == "PREFIX" and after[0] == "word" and after[1].endswith(":") \
                and i + 2 < len(sig) and sig[i + 2][0] == "iri":
            prefixes[after[1][:-1]] = iri(sig[i + 2]) or ""
        elif word == "FROM" and not (i and sig[i - 1] == ("punct", "@")):  # not a language tag
            found = True
            named = _upper(after) == "NAMED"
            graph = iri(sig[i + 2] if named and i + 2 < len(sig) else after)
            if graph is not None:
                graphs[named].append(graph)
    return (tuple(graphs[0]), tuple(graphs[1])) if found else None


def _term_text(name: str, term: object) -> str:
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise QueryError(f"?{name}: only IRIs and literals can be substituted, not {term!r}")
    return str(term)


def substitute(text: str, substitutions: Mapping[str, Term]) -> str:
    """Return `text` with the variables of `substitutions` (name -> term) written as their terms."""
    if not substitutions:
        return text
    terms = {name: _term_text(name, term) for name, term in substitutions.items()}
    toks = _tokens(text)
    sig = [i for i, t in enumerate(toks) if t[0] not in ("ws", "comment")]
    depth = [0] * len(toks)  # parenthesis depth at each token
    level = 0
    for i, (kind, value) in enumerate(toks):
        if kind == "punct" and value == ")":
            level -= 1
        depth[i] = level
        if kind == "punct" and value == "(":
            level += 1
    close: dict[int, int] = {}  # "{" -> its "}"
    stack: list[int] = []
    for i in sig:
        if toks[i] == ("punct", "{"):
            stack.append(i)
        elif toks[i] == ("punct", "}") and stack:
            close[stack.pop()] = i
    prev = {sig[k]: sig[k - 1] for k in range(1, len(sig))}

    keep: set[int] = set()  # AS targets and VALUES headers
    for k, i in enumerate(sig):
        if _upper(toks[i]) == "VALUES":
            for j in sig[k + 1:]:
                if toks[j] == ("punct", "{"):
                    break
                keep.add(j)
        elif toks[i][0] == "var" and i in prev and _upper(toks[prev[i]]) == "AS":
            keep.add(i)

    # Each SELECT: its projection's variables, its WHERE range, its GROUP BY / ORDER BY variables.
    selects: list[tuple[list[int], tuple[int, int], list[int]]] = []
    for k, i in enumerate(sig):
        if _upper(toks[i]) != "SELECT":
            continue
        projection, body, modifiers = [], (i, i), []
        m = k + 1
        while m < len(sig) and _upper(toks[sig[m]]) not in ("WHERE", "FROM") \
                and toks[sig[m]] != ("punct", "{"):
            if toks[sig[m]][0] == "var" and depth[sig[m]] == depth[i]:
                projection.append(sig[m])
            m += 1
        while m < len(sig) and toks[sig[m]] != ("punct", "{"):
            m += 1
        if m < len(sig) and sig[m] in close:
            body = (sig[m], close[sig[m]])
            n = sig.index(body[1]) + 1
            in_modifier = False
            while n < len(sig) and toks[sig[n]] != ("punct", "}"):
                word = _upper(toks[sig[n]])
                if word in ("GROUP", "ORDER"):
                    in_modifier = True
                elif word in _CLAUSE_END:
                    in_modifier = False
                elif in_modifier and toks[sig[n]][0] == "var" and depth[sig[n]] == depth[i]:
                    modifiers.append(sig[n])
                n += 1
        selects.append((projection, body, modifiers))
    projected = {j for projection, _, _ in selects for j in projection}

    def in_scope(name: str, body: tuple[int, int]) -> bool:
        return any(toks[j][0] == "var" and toks[j][1][1:] == name and (j in keep or j in projected)
                   for j in range(body[0] + 1, body[1]))

    plain: set[int] = set()  # projected or grouped variables that stay (already in scope)
    wrapped: dict[int, str] = {}  # token -> replacement
    for projection, body, modifiers in selects:
        for j in projection + modifiers:
            name = toks[j][1][1:]
            if name not in terms:
                continue
            if in_scope(name, body):
                plain.add(j)
            elif j in projection:
                wrapped[j] = f"({terms[name]} AS {toks[j][1]})"
            else:
                wrapped[j] = f"({terms[name]})"

    out = []
    for i, (kind, value) in enumerate(toks):
        if kind == "var" and value[1:] in terms and i not in keep and i not in plain:
            out.append(wrapped.get(i, terms[value[1:]]))
        else:
            out.append(value)
    return "".join(out)
