"""The newskg web app: a SPARQL endpoint, named questions and pages over the store, RDF files or a
remote SPARQL endpoint.

`create_app(store=..., files=..., endpoint=..., settings=...)` builds the Flask app (the Flask
tutorial's factory shape); `serve(...)` runs it on gunicorn, a production WSGI server, for
`kg serve` (server/cli.py), with the worker of server/worker.py. The app is read-only unless `Settings.update_token` is set, which
enables `POST /update` for that bearer token.

Routes: `/sparql` (SPARQL 1.1 Protocol), `/update` (SPARQL Update, off by default), `/queries`
and `/queries/NAME` (named questions), `/` (search page and SPARQL editor), and pages for the
IRIs under the instance base (`/id/...`). See docs/endpoint.md.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from flask import Flask, Response, request

from server.cors import add_cors
from server.settings import Settings


def create_app(*, store: Path | None = None, files: list[Path] | None = None,
               endpoint: str | None = None, settings: Settings | None = None) -> Flask:
    """Return the app serving `store` (a store folder), the RDF `files` (loaded in memory) or the
    remote SPARQL `endpoint` (a URL)."""
    from server import errors, pages, query_api, sparql_endpoint, update_endpoint
    from server.backends import open_backend

    settings = settings or Settings()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    backend = open_backend(store=store, files=files, endpoint=endpoint, settings=settings)
    app.extensions["newskg"] = backend
    app.config["SOURCE"] = backend.source
    for module in (sparql_endpoint, update_endpoint, query_api, pages):
        app.register_blueprint(module.blueprint)
    errors.init_app(app)
    lean = sparql_endpoint.LeanSparql(backend, settings.cors_origin)
    app.extensions["newskg.lean"] = lean  # the worker answers GET /sparql with it (server/worker.py)
    app.wsgi_app = lean.wsgi(app.wsgi_app)  # type: ignore[method-assign]

    @app.after_request
    def _cors(response: Response) -> Response:
        return add_cors(response, request.path, settings.cors_origin)

    return app


def default_workers() -> int:
    """Gunicorn workers over a store or files: one per CPU (each with its query processes)."""
    return os.cpu_count() or 1


def serve(*, store: Path | None, files: list[Path], host: str, port: int, workers: int | None = None,
          settings: Settings | None = None, endpoint: str | None = None) -> None:
    """Run the app on gunicorn until interrupted.

    Each gunicorn worker reads requests whole in its event loop and answers them in
    `KG_QUERY_WORKERS` threads (server/worker.py); over a store or RDF files each thread's query
    runs in one of as many query processes, killed at the time and memory limits
    (server/runner.py). `workers` defaults to one per CPU (two over a remote endpoint); with
    updates enabled, one, which holds the data.
    """
    from gunicorn.app.base import BaseApplication

    from server.errors import raw_answer
    from server.worker import BufferedRequestWorker

    settings = settings or Settings.from_env()
    app = create_app(store=store, files=files, endpoint=endpoint, settings=settings)
    backend = app.extensions["newskg"]
    if settings.update_token and (workers or 1) > 1:
        # each gunicorn worker would hold its own in-memory copy, and an update reach only one
        print("newskg: updates are enabled, so one gunicorn worker serves them all", flush=True)
    if settings.update_token:
        workers = 1
    elif workers is None:
        workers = 2 if endpoint else default_workers()
    BufferedRequestWorker.configure(
        max_body=settings.max_request_bytes, request_timeout=settings.request_timeout,
        answer=lambda status, reason, path: raw_answer(status, reason, path, settings.cors_origin),
        lean=app.extensions["newskg.lean"])

    def exit_at_once(_arbiter: object, _worker: object) -> None:
        """End a worker without Python's and C++'s exit handlers: Oxigraph's RocksDB, opened by
        the master before the fork, has static destructors that join threads the fork did not
        copy, and a worker exiting normally was killed by SIGSEGV at every stop."""
        stopping = sys.exc_info()[1]
        code = stopping.code if isinstance(stopping, SystemExit) else (1 if stopping else 0)
        backend.close()
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 1)

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "server.worker.BufferedRequestWorker")
            self.cfg.set("threads", settings.query_workers)
            self.cfg.set("keepalive", 5)
            self.cfg.set("limit_request_line", 8190)  # GET queries up to 8 KB; POST for longer
            # opens the store (read-only) or forks the query processes, in each worker
            self.cfg.set("post_worker_init", lambda worker: backend.start())
            self.cfg.set("worker_exit", exit_at_once)
            # the query processes enforce the time limit; gunicorn's is a last resort
            self.cfg.set("timeout", int(settings.time_limit) + 30)

        def load(self) -> Flask:
            return app

    mode = f"{workers} worker{'s' if workers > 1 else ''} of {settings.query_workers} threads"
    print(f"newskg: serving {app.config['SOURCE']} on http://{host}:{port}/ ({mode})", flush=True)
    _Server().run()
