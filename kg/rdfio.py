"""Read RDF files into rdflib graphs, and name the RDF formats kg reads and writes.

The format comes from the file extension (or is given); a file that cannot be read or parsed
raises `RdfInputError` with one line naming the file and the problem.
"""

from __future__ import annotations

import re

from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import RdfInputError

# extension -> rdflib parser name
EXTENSIONS = {
    ".ttl": "turtle", ".turtle": "turtle", ".n3": "n3", ".nt": "nt", ".ntriples": "nt",
    ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld",
    ".rdf": "xml", ".owl": "xml", ".xml": "xml",
}
QUAD_FORMATS = frozenset({"nquads", "trig"})


def guess_format(path: Path) -> str:
    """Return rdflib's parser name for a file, from its extension.

    >>> guess_format(Path("data/graph.TTL"))
    'turtle'
    """
    try:
        return EXTENSIONS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(EXTENSIONS))
        raise RdfInputError(f"{path}: unknown RDF file extension; expected one of {known}") from None


def read_graph(path: Path, *, into: Graph | None = None, fmt: str | None = None) -> Graph:
    """Parse one RDF file and return its triples as a graph (named graphs merged into one).

    With `into`, the triples are added to that graph, which is returned.
    """
    fmt = fmt or guess_format(path)
    graph = into if into is not None else Graph()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RdfInputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        if fmt in QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            graph.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        raise RdfInputError(f"{path}: not valid {fmt}: {_first_line(exc)}") from exc
    return graph


def _first_line(exc: Exception) -> str:
    """The parser's message on one line, with the place it points at ('at ^ in:' and the text
    around the caret, which rdflib prints as byte-string reprs, made readable).

    >>> _first_line(SyntaxError('at line 1 of <>:\\nBad syntax (x) at ^ in:\\n"b\\'\\'^b\\'this is not rdf {\\\\n\\'"'))
    'at line 1 of <>: Bad syntax (x) at ^ in: "^this is not rdf {"'
    """
    text = str(exc).strip() or type(exc).__name__
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 2 and lines[1].endswith("in:"):
        excerpt = re.sub(r"b'((?:[^'\\]|\\.)*)'", r"\1", lines[2].strip('"'))
        excerpt = excerpt.replace("\\n", " ").strip()
        lines = [lines[0], lines[1], f'"{excerpt[:80]}"']
    return " ".join(lines[:3])[:300]
