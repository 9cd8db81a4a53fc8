"""Errors raised by kg.

KgError                  base; its message is one line that names the input and the problem
├── ConfigError          settings, paths or names that cannot work
├── ArticleError         an input article cannot be read (empty, binary, malformed)
├── ExtractionError      an extractor broke an invariant (a span outside the text)
├── RdfInputError        an RDF file or string cannot be parsed
├── NonConformingGraph   SHACL validation failed; carries the report
├── StoreError           the store cannot be opened or written
└── QueryError           a SPARQL or named-query request is invalid
    ├── QuerySyntaxError
    ├── UnknownQuery
    └── InvalidArgument

HTTP status codes live in `server/`, exit codes in `kg.cli`; neither belongs here.
"""

from __future__ import annotations

from typing import Any


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class ConfigError(KgError):
    pass


class ArticleError(KgError):
    pass


class ExtractionError(KgError):
    pass


class RdfInputError(KgError):
    pass


class NonConformingGraph(KgError):
    """A graph failed SHACL validation; `report` is the `kg.validate.ValidationReport`."""

    def __init__(self, message: str, report: Any) -> None:
        super().__init__(message)
        self.report = report


class StoreError(KgError):
    pass


class QueryError(KgError):
    pass


class QuerySyntaxError(QueryError):
    pass


class UnknownQuery(QueryError):
    pass


class InvalidArgument(QueryError):
    pass
