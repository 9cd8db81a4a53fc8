"""The newskg web app: a SPARQL endpoint, named questions and pages over the store, RDF files or a
remote SPARQL endpoint.

`create_app(store=..., files=..., endpoint=..., settings=...)` builds the Flask app (the Flask
tutorial's factory shape); `serve(...)` runs it on gunicorn, a production WSGI server, for
`kg serve` (server/cli.py). The app is read-only unless `Settings.update_token` is set, which
enables `POST /update` for that bearer token.

Routes: `/sparql` (SPARQL 1.1 Protocol), `/update` (SPARQL Update, off by default), `/queries`
and `/queries/NAME` (named questions), `/` (search page and SPARQL editor), and pages for the
IRIs under the instance base (`/id/...`). See docs/endpoint.md.
"""

from __future__ import annotations

import os
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

    @app.after_request
    def _cors(response: Response) -> Response:
        return add_cors(response, request.path, settings.cors_origin)

    return app


def default_workers() -> int:
    """Gunicorn workers when evaluating in the serving processes: two per CPU (one request each)."""
    return 2 * (os.cpu_count() or 1)


def serve(*, store: Path | None, files: list[Path], host: str, port: int, workers: int | None = None,
          settings: Settings | None = None, endpoint: str | None = None) -> None:
    """Run the app on gunicorn until interrupted.

    Read-only over a store or RDF files, each gunicorn worker is one process handling one request
    at a time and evaluating its queries itself, ended by its watchdog at the time limit and
    replaced by gunicorn (server/watchdog.py); `workers` defaults to two per CPU. With updates
    enabled (one worker, which holds the data) or over a remote endpoint, workers are threaded and
    queries go to query processes (server/runner.py) or to the endpoint.
    """
    from gunicorn.app.base import BaseApplication

    settings = settings or Settings.from_env()
    app = create_app(store=store, files=files, endpoint=endpoint, settings=settings)
    backend = app.extensions["newskg"]
    in_process = getattr(backend, "evaluate_in_process", lambda: False)()
    if settings.update_token and (workers or 1) > 1:
        # each gunicorn worker would hold its own in-memory copy, and an update reach only one
        print("newskg: updates are enabled, so one gunicorn worker serves them all", flush=True)
    if settings.update_token:
        workers = 1
    elif workers is None:
        workers = default_workers() if in_process else 2

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            if in_process:
                # One connection at a time per worker, so that the watchdog, which ends the
                # worker at the time limit, takes no other request with it; kept alive while no
                # other client waits (server/worker.py). The app and its text index were built
                # before the fork.
                self.cfg.set("worker_class", "server.worker.OneConnectionWorker")
                self.cfg.set("keepalive", 2)
            else:
                # Threads with keep-alive: one thread per query process (or per concurrent request
                # to a remote endpoint), so a worker can wait on a runaway query while its other
                # thread answers; the query processes are forked when the worker starts, before
                # its threads do (forking later, from a thread, is only a fallback).
                self.cfg.set("worker_class", "gthread")
                self.cfg.set("threads", settings.query_workers)
                self.cfg.set("keepalive", 5)
            self.cfg.set("limit_request_line", 8190)  # GET queries up to 8 KB; POST for longer
            # opens the store (read-only) or forks the query processes, in each worker
            self.cfg.set("post_worker_init", lambda worker: backend.start())
            # the watchdog or the query processes enforce the time limit; gunicorn's is a last resort
            self.cfg.set("timeout", int(settings.time_limit) + 30)

        def load(self) -> Flask:
            return app

    mode = f"{workers} worker{'s' if workers > 1 else ''}" + (", one request each" if in_process else "")
    print(f"newskg: serving {app.config['SOURCE']} on http://{host}:{port}/ ({mode})", flush=True)
    _Server().run()
