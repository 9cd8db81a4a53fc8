"""Build the graph with Dask: JSON Lines partitions piped through `kg extract`, then loaded.

    python examples/dask_extract.py news.jsonl out/ --partitions 8
    python examples/dask_extract.py 'news/*.jsonl' out/ --store newskg-store
    python examples/dask_extract.py news.jsonl out/ --endpoint http://127.0.0.1:7878/store
    python examples/dask_extract.py 's3://bucket/news/*.jsonl' s3://bucket/nq/ \\
        --blocksize 64MiB --scheduler tcp://scheduler:8786

Map: each partition's lines go to one `kg extract` process on its standard input (a pipe) and
its N-Quads come back, one named graph per article; Dask writes them to OUTPUT/part-N.nq. A
record `kg extract` skips is reported with its input file and line (`news.jsonl:1234: ...`).
Load (optional, on this machine): every article graph of the parts goes into an embedded store
(--store, as `kg build --store` writes it) or a remote one (--endpoint, as `kg build --endpoint`
writes it), with the ontology graph; see docs/distributed.md.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import dask
import dask.bag as db

DEFAULT_COMMAND = "kg extract --workers 1"  # Dask runs the partitions in parallel, not kg
STDIN_LINE = re.compile(r"<stdin>:(\d+)\b")  # how `kg extract` names a line of its standard input

Line = tuple[str, str, int]  # a JSON Lines line, the file it comes from, its line number there


def extract_partition(lines: list[Line], command: list[str]) -> list[str]:
    """Pipe one partition's JSON Lines through `command`; return its N-Quads lines. The command's
    reports on stderr name the original file and line (`news.jsonl:1234: ...`), not the line
    of the partition (`<stdin>:12: ...`)."""
    lines = list(lines)  # a repartitioned partition may come as an iterator
    data = "".join(line if line.endswith("\n") else line + "\n" for line, _, _ in lines)
    if not data.strip():
        return []
    run = subprocess.run(command, input=data.encode("utf-8"), capture_output=True, check=False)
    stderr = origins(run.stderr.decode("utf-8", "replace"), lines)
    # exit 3: some records were skipped, each one reported on stderr; the others are in stdout
    if run.returncode not in (0, 3):
        raise RuntimeError(f"{shlex.join(command)} exited with {run.returncode}:\n{stderr[-4000:]}")
    sys.stderr.write(stderr)
    return run.stdout.decode("utf-8").splitlines()


def origins(stderr: str, lines: list[Line]) -> str:
    """`stderr` with each `<stdin>:N` (line N of the partition `lines`) as `path:line`.

    >>> origins("kg: <stdin>:2: line is not valid JSON", [("{}", "a.jsonl", 7), ("x", "b.jsonl", 1)])
    'kg: b.jsonl:1: line is not valid JSON'
    """
    def where(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(lines):
            return match.group(0)
        _, path, line = lines[number - 1]
        return f"{path}:{line}"

    return STDIN_LINE.sub(where, stderr)


def read_lines(inputs: list[str], blocksize: str | None = None) -> db.Bag:
    """The lines of `inputs` as (line, path, line number in that file), partitioned as
    `db.read_text` partitions them: one partition per file, or per block of one file."""
    lines = db.read_text(inputs, blocksize=blocksize, include_path=True)
    parts = lines.to_delayed()
    if blocksize is None:
        starts = [1] * len(parts)  # each partition is a whole file
    else:  # a first pass counts each block's lines: where the next block of its file starts
        counts = dask.compute(*[dask.delayed(_count)(part) for part in parts])
        starts = first_lines(counts)
    return db.from_delayed([dask.delayed(_number)(part, start) for part, start in zip(parts, starts)])


def first_lines(counts: Sequence[tuple[str | None, int]]) -> list[int]:
    """The first line number of each partition in its file, from each partition's (file, number
    of lines), in order; a file's blocks are consecutive partitions.

    >>> first_lines([("a", 3), ("a", 2), (None, 0), ("b", 4), ("b", 1)])
    [1, 4, 6, 1, 5]
    """
    starts, previous, next_line = [], None, 1
    for path, count in counts:
        if path is not None and path != previous:
            previous, next_line = path, 1
        starts.append(next_line)
        next_line += count
    return starts


def _count(part: list[tuple[str, str]]) -> tuple[str | None, int]:
    part = list(part)
    return (part[0][1] if part else None, len(part))


def _number(part: list[tuple[str, str]], start: int) -> list[Line]:
    return [(line, path, start + index) for index, (line, path) in enumerate(part)]


def extract(inputs: list[str], output: str, *, partitions: int | None = None,
            blocksize: str | None = None, command: str = DEFAULT_COMMAND) -> list[str]:
    """Run the map step; return the paths of the N-Quads files written, one per partition."""
    lines = read_lines(inputs, blocksize)  # one partition per file, or per block
    if partitions:
        lines = lines.repartition(npartitions=partitions)
    quads = lines.map_partitions(extract_partition, shlex.split(command))
    return quads.to_textfiles(output.rstrip("/") + "/part-*.nq", last_endline=True)


def load(parts: list[str], *, store: Path | None = None, endpoint: str | None = None) -> int:
    """Write every article graph of the local N-Quads files `parts`, and the ontology, into the
    embedded store `store` or the remote store `endpoint`; return the number of article graphs."""
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from kg.validate import load_ontology

    if endpoint:
        from kg.remote import RemoteStore

        target = RemoteStore.from_env(endpoint)  # $KG_ENDPOINT_USER / $KG_ENDPOINT_PASSWORD
    else:
        from kg.store import GraphStore

        target = GraphStore(store)
    target.ensure_ontology(load_ontology())
    count = 0
    for part in parts:
        dataset = Dataset()
        dataset.parse(part, format="nquads")
        for graph in dataset.graphs():
            if graph.identifier != DATASET_DEFAULT_GRAPH_ID and len(graph):
                target.write_article(str(graph.identifier), graph)  # replaces the graph: idempotent
                count += 1
    target.flush()
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="JSON Lines files or globs (any fsspec URL)")
    parser.add_argument("output", help="folder for part-N.nq (any fsspec URL)")
    parser.add_argument("-p", "--partitions", type=int, default=None,
                        help="repartition the records into this many partitions")
    parser.add_argument("--blocksize", default=None,
                        help="split input files into blocks of this size, e.g. 64MiB "
                             "(default: one partition per file)")
    parser.add_argument("--command", default=DEFAULT_COMMAND,
                        help=f"the map command, JSON Lines in, N-Quads out (default: {DEFAULT_COMMAND!r})")
    parser.add_argument("--scheduler", default="threads",
                        help="threads (default: the work is in the kg processes), processes, "
                             "synchronous, or the address of a dask.distributed scheduler")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--store", type=Path, help="then load the parts into this embedded store")
    target.add_argument("--endpoint", help="then load the parts into this remote store "
                        "(Graph Store Protocol or SPARQL Update URL, as `kg build --endpoint`)")
    args = parser.parse_args(argv)

    if "://" in args.scheduler:
        from dask.distributed import Client  # pip install 'dask[distributed]'

        client = Client(args.scheduler)
        scheduler: dict[str, object] = {}
    else:
        client, scheduler = None, {"scheduler": args.scheduler}
    try:
        with dask.config.set(**scheduler):
            parts = extract(args.inputs, args.output, partitions=args.partitions,
                            blocksize=args.blocksize, command=args.command)
    finally:
        if client is not None:
            client.close()
    print(f"{len(parts)} part(s) written to {args.output}", file=sys.stderr)
    if args.store or args.endpoint:
        count = load(parts, store=args.store, endpoint=args.endpoint)
        print(f"{count} article graph(s) loaded into {args.store or args.endpoint}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
