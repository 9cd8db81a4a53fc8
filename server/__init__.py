"""The newskg web app: a SPARQL endpoint over the embedded store or over RDF files.

`create_app(store=..., files=...)` builds the Flask app (the Flask tutorial's factory shape);
`serve(...)` runs it on gunicorn, a production WSGI server. The app is read-only.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from kg.query import load_files
from kg.store import GraphStore


def create_app(*, store: Path | None = None, files: list[Path] | None = None) -> Flask:
    """Return the app serving `store` (opened read-only) or the RDF `files` (loaded in memory)."""
    from server import errors, sparql_endpoint

    app = Flask(__name__)
    if files:
        app.config["OXIGRAPH"] = load_files(files)
        app.config["SOURCE"] = ", ".join(str(f) for f in files)
    else:
        path = store or Path("newskg-store")
        app.config["OXIGRAPH"] = GraphStore(path, read_only=True).oxigraph
        app.config["SOURCE"] = str(path)
    app.register_blueprint(sparql_endpoint.blueprint)
    errors.init_app(app)
    return app


def serve(*, store: Path | None, files: list[Path], host: str, port: int, workers: int) -> None:
    """Run the app on gunicorn until interrupted."""
    from gunicorn.app.base import BaseApplication

    app = create_app(store=store, files=files)

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", "-")

        def load(self) -> Flask:
            return app

    print(f"newskg: serving {app.config['SOURCE']} on http://{host}:{port}/sparql", flush=True)
    _Server().run()
