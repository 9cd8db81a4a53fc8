"""`kg serve`: the web app's subcommand of the `kg` command.

server/ registers it in the entry-point group `newskg.commands` (pyproject.toml), where `kg`
finds it (kg.plugins), so that kg never imports server. It runs under `kg.cli.main` like kg's
own subcommands: the same exit codes, and a user's mistake is one `kg:` line (exit 2).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from kg.cli import EXIT_OK, store_option, store_path
from server import serve as run_server
from server.settings import Settings


@click.command()
@click.argument("data", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@store_option
@click.option("--endpoint", default=None, metavar="URL",
              help="Serve a remote SPARQL query endpoint instead (its default graph must be the "
                   "union of its graphs); credentials from $KG_ENDPOINT_USER and "
                   "$KG_ENDPOINT_PASSWORD. See docs/endpoint.md.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Worker processes of the WSGI server, each with $KG_QUERY_WORKERS threads "
                   "(and query processes) [default: 1 per CPU; 1 with updates; 2 with --endpoint].")
@click.option("--time-limit", type=click.FloatRange(0.1, 3600), default=None,
              help="Seconds a query may run in its query process before it is stopped (default "
                   "10, or $KG_TIME_LIMIT); the wait for a free one has $KG_QUEUE_LIMIT.")
def serve(data: tuple[Path, ...], store: Path | None, endpoint: str | None, host: str, port: int,
          workers: int | None, time_limit: float | None) -> int:
    """Serve the store, RDF files or a remote endpoint: SPARQL at /sparql, named questions, pages.

    Serves one of: --store DIR (default ./newskg-store), RDF files (DATA, loaded in memory), or
    --endpoint URL (a remote SPARQL endpoint such as Virtuoso, Fuseki or `oxigraph serve`, queried
    over HTTP with the same checks and time limit).

    Read-only unless $KG_UPDATE_TOKEN is set (then POST /update takes that bearer token; not
    with --endpoint). Limits come from the environment: KG_TIME_LIMIT, KG_QUEUE_LIMIT,
    KG_MAX_RESULT_BYTES, KG_MAX_REQUEST_BYTES, KG_MAX_QUERY_DEPTH, KG_MAX_QUERY_TOKENS,
    KG_MAX_QUERY_MEMORY, KG_REQUEST_TIMEOUT, KG_QUERY_WORKERS, KG_CORS_ORIGIN (see
    docs/endpoint.md).

    \b
    Examples:
      kg serve                                  # ./newskg-store on http://127.0.0.1:8000
      kg serve graph.ttl --port 8080 --time-limit 5
      kg serve --endpoint http://127.0.0.1:7878/query
    """
    given = [name for name, value in (("--store", store), ("FILE", data), ("--endpoint", endpoint))
             if value]
    if len(given) > 1:
        raise click.UsageError(f"{' and '.join(given)} cannot be combined: serve a store folder, "
                               "RDF files or a remote endpoint")
    settings = Settings.from_env()
    if time_limit is not None:
        settings = replace(settings, time_limit=time_limit)
    run_server(store=None if data or endpoint else store_path(store), files=list(data),
               endpoint=endpoint, host=host, port=port, workers=workers, settings=settings)
    return EXIT_OK


__all__ = ["serve"]
