"""The server's settings: one frozen object, built at the edge (`from_env`) and passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from kg.identity import DEFAULT_BASE


@dataclass(frozen=True, slots=True)
class Settings:
    """Limits and switches of the web app; every field has a default and an environment variable."""

    time_limit: float = field(default=10.0, metadata={
        "env": "KG_TIME_LIMIT", "help": "seconds a query may run in its query process before it is stopped (503)"})
    queue_limit: float = field(default=0.0, metadata={
        "env": "KG_QUEUE_LIMIT", "help": "seconds a query may wait for a free query process before it "
                                         "is refused (503, busy); 0: 3 x KG_TIME_LIMIT"})
    max_result_bytes: int = field(default=32 * 1024 * 1024, metadata={
        "env": "KG_MAX_RESULT_BYTES", "help": "largest serialized result; larger ones get a 422"})
    max_request_bytes: int = field(default=1024 * 1024, metadata={
        "env": "KG_MAX_REQUEST_BYTES", "help": "largest request body or query; larger ones get a 413"})
    max_query_depth: int = field(default=100, metadata={
        "env": "KG_MAX_QUERY_DEPTH", "help": "deepest nesting of brackets in a query; deeper ones get a 400"})
    max_query_tokens: int = field(default=2000, metadata={
        "env": "KG_MAX_QUERY_TOKENS", "help": "most tokens of a query outside VALUES data; more get a 400"})
    max_query_memory: int = field(default=1024 * 1024 * 1024, metadata={
        "env": "KG_MAX_QUERY_MEMORY", "help": "bytes a query process may grow by while evaluating one query (503)"})
    request_timeout: float = field(default=10.0, metadata={
        "env": "KG_REQUEST_TIMEOUT", "help": "seconds a client has to send a whole request; then 408"})
    query_workers: int = field(default=2, metadata={
        "env": "KG_QUERY_WORKERS", "help": "query processes per server process (queries run concurrently)"})
    update_token: str | None = field(default=None, metadata={
        "env": "KG_UPDATE_TOKEN", "help": "enables POST /update for requests bearing this token"})
    cors_origin: str = field(default="*", metadata={
        "env": "KG_CORS_ORIGIN", "help": "Access-Control-Allow-Origin of the read-only endpoints"})
    base: str = field(default=DEFAULT_BASE, metadata={
        "env": "KG_BASE", "help": "instance base IRI; IRIs under it dereference here"})

    @property
    def queue_wait(self) -> float:
        """Seconds a query may wait for a free query process: `queue_limit`, or 3 x the time limit."""
        return self.queue_limit if self.queue_limit > 0 else 3 * self.time_limit

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """Return the settings with every field that has its environment variable set replaced."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(f.metadata["env"])
            if raw is None or raw == "":
                continue
            kind = type(getattr(cls(), f.name))
            values[f.name] = raw if kind in (str, type(None)) else kind(raw)
        return cls(**values)  # type: ignore[arg-type]
