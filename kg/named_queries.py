"""Named questions: SPARQL files with a declared interface, shipped in `kg/queries/`.

A named query is a `.rq` file whose first lines form a header of `#!` comments::

    #! name: statements-by-person
    #! summary: What one person said, newest first.
    #! param person: iri
    #! param since: xsd:date = 0001-01-01

A parameter without `= default` is required. Every parameter is projected by the query (checked
at load time) and always bound (its default when not given), so no query needs `BOUND()` on one.
Arguments become typed RDF terms (`Parameter.to_term`) and are passed to Oxigraph as
substitutions; they are never spliced into the query text.

The type `search` is free text for the text index (`kg.search`): the parameter itself is bound to
the text as a string, and the best-matching statements are supplied in the query's declared
empty block `VALUES (?statement ?score) {}` (which must open its WHERE clause, so that the
store looks up only those statements), filled with RDF terms (IRIs and decimals) written by
pyoxigraph, never with request text. The query orders by `?score`; `#! hits: N` in the header
sets how many statements the index hands over (default 20).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from kg.errors import ConfigError, InvalidArgument, UnknownQuery
from kg.paths import queries_dir

XSD = "http://www.w3.org/2001/XMLSchema#"
SEARCH_HITS = 20  # statements handed from the text index to a `search` query
HITS_SLOT = "VALUES (?statement ?score) {}"  # where a search query receives its ranked statements

# ranked (statement IRI, score) pairs for a free-text question
Searcher = Callable[[str, int], list[tuple[str, float]]]


def _iri(value: str) -> ox.NamedNode:
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise ValueError("not an absolute IRI")
    return ox.NamedNode(value)


def _typed(datatype: str, check: Callable[[str], object]) -> Callable[[str], ox.Literal]:
    def convert(value: str) -> ox.Literal:
        check(value)
        return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))

    return convert


def _boolean(value: str) -> ox.Literal:
    if value not in {"true", "false", "1", "0"}:
        raise ValueError("expected true or false")
    return ox.Literal(value, datatype=ox.NamedNode(XSD + "boolean"))


def _decimal(value: str) -> object:
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError("not a decimal number") from None


# type name in the header -> converter from the request string to an RDF term
TYPES: dict[str, Callable[[str], ox.NamedNode | ox.Literal]] = {
    "iri": _iri,
    "string": ox.Literal,
    "search": ox.Literal,
    "xsd:string": ox.Literal,
    "xsd:date": _typed("date", date.fromisoformat),
    "xsd:integer": _typed("integer", int),
    "xsd:decimal": _typed("decimal", _decimal),
    "xsd:boolean": _boolean,
}

_HEADER = re.compile(r"^#!\s*(\w+)\s*(.*)$")
_PARAM = re.compile(r"^([A-Za-z_]\w*)\s*:\s*([\w:]+)\s*(?:=\s*(.*))?$")


@dataclass(frozen=True, slots=True)
class Parameter:
    """One declared parameter: its variable name, type and default (None: required)."""

    name: str
    type: str
    default: str | None = None

    def to_term(self, value: str) -> ox.NamedNode | ox.Literal:
        """Convert a request string into this parameter's RDF term, or raise InvalidArgument."""
        try:
            return TYPES[self.type](value)
        except ValueError as exc:
            raise InvalidArgument(f"parameter {self.name!r}: {value!r} is not a valid {self.type} ({exc})") from None


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A named query: its name (the file stem), summary, parameters and SPARQL text."""

    name: str
    summary: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path
    hits: int = SEARCH_HITS

    @property
    def search_parameter(self) -> Parameter | None:
        """The `search` parameter, if the query has one (at most one is allowed)."""
        return next((p for p in self.parameters if p.type == "search"), None)

    def bind(self, raw: Mapping[str, str], searcher: Searcher | None = None,
             ) -> tuple[str, dict[str, ox.NamedNode | ox.Literal]]:
        """Return the query text and the substitutions for the arguments `raw`.

        Raises InvalidArgument for an unknown, missing or ill-typed argument.
        """
        unknown = sorted(set(raw) - {p.name for p in self.parameters})
        if unknown:
            known = ", ".join(p.name for p in self.parameters) or "none"
            raise InvalidArgument(f"{self.name}: unknown parameter {unknown[0]!r}; parameters: {known}")
        bound: dict[str, ox.NamedNode | ox.Literal] = {}
        for param in self.parameters:
            value = raw.get(param.name)
            if value is None or (value == "" and param.default is not None):
                value = param.default
            if value is None:
                raise InvalidArgument(f"{self.name}: missing required parameter {param.name!r} ({param.type})")
            bound[param.name] = param.to_term(value)
        text = self.text
        search = self.search_parameter
        if search is not None:
            if searcher is None:
                raise InvalidArgument(f"{self.name}: no text index is loaded for {search.name!r}")
            hits = searcher(str(bound[search.name].value), self.hits)  # type: ignore[union-attr]
            text = text.replace(HITS_SLOT, values_block(hits), 1)
        return text, bound


def values_block(hits: list[tuple[str, float]]) -> str:
    """Return `VALUES (?statement ?score) {...}` for ranked hits, written from RDF terms.

    >>> values_block([("https://w3id.org/newskg/id/statement/a_1-2", 3.5)])
    'VALUES (?statement ?score) { (<https://w3id.org/newskg/id/statement/a_1-2> "3.5"^^<http://www.w3.org/2001/XMLSchema#decimal>) }'
    """
    rows = " ".join(
        f"({ox.NamedNode(iri)} {ox.Literal(str(Decimal(str(score))), datatype=ox.NamedNode(XSD + 'decimal'))})"
        for iri, score in hits
    )
    return f"VALUES (?statement ?score) {{ {rows} }}" if rows else "VALUES (?statement ?score) { }"


def parse_named_query(path: Path) -> NamedQuery:
    """Read one `.rq` file and check its header; raise ConfigError naming the file if wrong."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.group(1), match.group(2).lstrip(":").strip()
        if key == "param":
            pm = _PARAM.match(value)
            if not pm or pm.group(2) not in TYPES:
                raise ConfigError(f"{path}: bad parameter declaration {value!r}; expected "
                                  f"'NAME: TYPE [= default]' with TYPE one of {', '.join(TYPES)}")
            params.append(Parameter(pm.group(1), pm.group(2), pm.group(3)))
        else:
            fields[key] = value
    name = fields.get("name", path.stem)
    if name != path.stem:
        raise ConfigError(f"{path}: header name {name!r} differs from the file name")
    if not fields.get("summary"):
        raise ConfigError(f"{path}: the header has no '#! summary:' line")
    if sum(p.type == "search" for p in params) > 1:
        raise ConfigError(f"{path}: at most one parameter may be of type search")
    try:
        hits = int(fields.get("hits", SEARCH_HITS))
    except ValueError:
        raise ConfigError(f"{path}: '#! hits:' must be a whole number") from None
    query = NamedQuery(name, fields["summary"], tuple(params), text, path, hits)
    _check(query)
    return query


def _check(query: NamedQuery) -> None:
    """Check that the query parses, projects every parameter, and its defaults convert."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        parsed = prepareQuery(query.text)
    except Exception as exc:
        raise ConfigError(f"{query.path}: does not parse: {exc}") from exc
    projected = {str(v) for v in parsed.algebra.get("PV", [])}
    missing = [p.name for p in query.parameters if p.name not in projected]
    if missing:
        raise ConfigError(f"{query.path}: parameters {missing} must be projected in the SELECT list")
    if query.search_parameter and not {"statement", "score"} <= projected:
        raise ConfigError(f"{query.path}: a search query must project ?statement and ?score")
    if query.search_parameter and query.text.count(HITS_SLOT) != 1:
        raise ConfigError(f"{query.path}: a search query must hold the block {HITS_SLOT!r} once, "
                          "at the start of its WHERE clause")
    for param in query.parameters:
        if param.default is not None:
            try:
                param.to_term(param.default)
            except InvalidArgument as exc:
                raise ConfigError(f"{query.path}: default: {exc}") from exc


def load_named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Load and check every `.rq` file of `folder` (default: the shipped queries), by name."""
    directory = folder or queries_dir()
    queries = {q.name: q for q in map(parse_named_query, sorted(directory.glob("*.rq")))}
    if not queries:
        raise ConfigError(f"{directory}: no named queries (*.rq) found")
    return queries


def get_named_query(queries: Mapping[str, NamedQuery], name: str) -> NamedQuery:
    """Return the query called `name`, or raise UnknownQuery listing the known ones."""
    try:
        return queries[name]
    except KeyError:
        raise UnknownQuery(f"unknown named query {name!r}; known: {', '.join(sorted(queries))}") from None
