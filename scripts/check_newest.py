#!/usr/bin/env python3
"""The newest-dependencies check: does newskg still work with the newest releases pip resolves?

CI tests the locked set (requirements-test.lock); users who `pip install newskg` from an index get
whatever is newest inside pyproject.toml's ranges. This check installs the project that way into a
fresh virtual environment, then does what a new user does first:

    kg build     the example articles, an HTML page and an Atom feed (every reader) into a store
    kg export    the store as N-Quads
    kg validate  each article's graph of the export against the shapes (one report describes
                 one article: a meeting two articles report has a source article in each)
    kg serve     the store, and one SPARQL query over HTTP that must count the statements built

On a failure it says which step failed, prints the step's output, and lists the installed
packages whose versions differ from requirements.lock: the upstream release to look at first.
Exit 0 when every step passed, 1 otherwise. Needs only Python's standard library.

    python3 scripts/check_newest.py [--keep]      # --keep leaves the work folder for a look
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INPUTS = [REPO / "examples" / "articles", REPO / "tests" / "data" / "inputs" / "page.html",
          REPO / "tests" / "data" / "inputs" / "feed.atom"]
COUNT = ("PREFIX nkg: <https://w3id.org/newskg/ontology#> "
         "SELECT (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a nkg:Statement } }")
GRAPH_OF_QUAD = re.compile(r"<([^<>]*)> \.$")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


class StepFailed(Exception):
    def __init__(self, step: str, detail: str) -> None:
        super().__init__(step)
        self.step, self.detail = step, detail


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def run(step: str, *args: str | Path, timeout: float = 900) -> str:
    print(f"newest: {step}", flush=True)
    try:
        done = subprocess.run([str(a) for a in args], capture_output=True, text=True,
                              timeout=timeout, cwd=REPO, check=False)
    except subprocess.TimeoutExpired as exc:
        raise StepFailed(step, f"did not finish in {timeout:.0f} s\n{exc.stdout or ''}{exc.stderr or ''}")
    if done.returncode != 0:
        raise StepFailed(step, f"exit {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stdout


def split_graphs(nquads: Path) -> list[Path]:
    """Write each named graph of an N-Quads file (as `kg export` writes it) to a file of its own."""
    graphs: dict[str, list[str]] = {}
    for line in nquads.read_text(encoding="utf-8").splitlines():
        if m := GRAPH_OF_QUAD.search(line):
            graphs.setdefault(m[1], []).append(line)
    out = []
    for i, (_name, lines) in enumerate(sorted(graphs.items())):
        path = nquads.with_name(f"graph-{i:03d}.nq")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out.append(path)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def query_served(kg: Path, store: Path) -> int:
    """Serve `store` with `kg serve` and return the statement count one SPARQL query answers."""
    port = free_port()
    print(f"newest: kg serve on 127.0.0.1:{port} and one SPARQL query", flush=True)
    with tempfile.TemporaryFile(mode="w+") as log:
        server = subprocess.Popen([str(kg), "serve", "--store", str(store), "--port", str(port),
                                   "--workers", "1"], stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
        try:
            return _count_statements(server, port, log)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def _count_statements(server: subprocess.Popen, port: int, log) -> int:  # type: ignore[type-arg]
    url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": COUNT})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    deadline = time.monotonic() + 120
    while True:
        if server.poll() is not None:
            log.seek(0)
            raise StepFailed("kg serve", f"exited with {server.returncode}\n{log.read()}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                answer = json.load(response)
            return int(answer["results"]["bindings"][0]["n"]["value"])
        except (OSError, ValueError, KeyError, IndexError) as exc:
            if time.monotonic() > deadline:
                log.seek(0)
                raise StepFailed("kg serve", f"no answer to the query: {exc}\n{log.read()}") from exc
            time.sleep(0.5)


def differences(python: Path) -> list[str]:
    """Installed packages whose versions are not the ones requirements.lock pins."""
    locked: dict[str, set[str]] = {}
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if m := PIN.match(line):
            locked.setdefault(canonical(m[1]), set()).add(m[2])
    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=json"],
                            capture_output=True, text=True, check=True).stdout
    out = []
    for item in json.loads(listed):
        name, version = canonical(item["name"]), item["version"]
        if name in {"pip", "setuptools", "wheel", "newskg"}:
            continue
        if name not in locked:
            out.append(f"  {name} {version} (not in the lock)")
        elif version not in locked[name]:
            out.append(f"  {name} {version} (lock: {', '.join(sorted(locked[name]))})")
    return out


def main(argv: list[str]) -> int:
    work = Path(tempfile.mkdtemp(prefix="newskg-newest-"))
    venv = work / "venv"
    python, kg = venv / "bin" / "python", venv / "bin" / "kg"
    started = time.monotonic()
    try:
        run("fresh virtual environment", sys.executable, "-m", "venv", venv)
        run("pip install --upgrade pip", python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run("pip install . (newest releases inside pyproject.toml's ranges)",
            python, "-m", "pip", "install", "--quiet", "--upgrade", "--upgrade-strategy", "eager",
            REPO)
        print(run("kg --version", kg, "--version"), end="")
        store, export = work / "store", work / "export.nq"
        run("kg build (text, HTML, Atom)", kg, "build", *INPUTS, "--store", store)
        run("kg export", kg, "export", "--store", store, "-o", export)
        graphs = split_graphs(export)
        if len(graphs) < len(INPUTS):
            raise StepFailed("kg export", f"{len(graphs)} graphs exported from {len(INPUTS)} inputs")
        for graph in graphs:
            run(f"kg validate {graph.name}", kg, "validate", graph)
        if (statements := query_served(kg, store)) < 1:
            raise StepFailed("kg serve", f"the SPARQL query counted {statements} statements")
        print(f"newest: passed in {time.monotonic() - started:.0f} s "
              f"({statements} statements served)", flush=True)
        return 0
    except StepFailed as failure:
        print(f"newest-dependencies check FAILED at {failure.step}: {failure.detail.strip()}",
              file=sys.stderr)
        if python.exists():
            diff = differences(python)
            print("installed versions that differ from requirements.lock:\n"
                  + ("\n".join(diff) if diff else "  none"), file=sys.stderr)
        return 1
    finally:
        if "--keep" in argv:
            print(f"newest: work folder kept at {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
