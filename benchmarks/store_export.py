"""Export throughput of `kg export` against pyoxigraph's raw dump of the same store (issue 6).

    python benchmarks/store_export.py [--articles 6000] [--store DIR]

Fills an on-disk store with generated article graphs (the synthetic articles of
benchmarks/store_write.py, about 164 triples each, persons shared between articles; 6,000 articles
is about 1M quads) by pyoxigraph's bulk loader, then times, writing to /dev/null:

- the baseline: `Store.dump(N-Quads)`, Oxigraph's own streaming dump of the whole store;
- `kg.export.export_store` in every format. The quad formats walk the graphs one by one (leaving
  out the bookkeeping graph); the triple formats also make one index lookup per quad so that a
  triple shared by several graphs is written once, in bounded memory.

Prints quads per CPU-second and the ratio to the baseline (CPU time: on a shared machine the
wall clock follows the neighbours' load).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import pyoxigraph as ox
from store_write import synthetic

from kg.export import FORMATS, distinct_triples, export_store
from kg.store import GraphStore


def fill(store: GraphStore, articles: int) -> int:
    """Bulk-load `articles` generated article graphs; return the number of quads."""
    chunk: list[str] = []
    for i in range(articles):
        iri, graph = synthetic(i)
        tail = f" <{iri}> .\n"
        chunk += [line[:-1].rstrip() + tail for line in graph.serialize(format="nt").splitlines()
                  if line.endswith(".")]
        if len(chunk) > 200_000 or i == articles - 1:
            store.oxigraph.bulk_load("".join(chunk).encode(), format=ox.RdfFormat.N_QUADS)
            chunk = []
    store.oxigraph.optimize()
    return len(store.oxigraph)


def timed(write) -> float:  # type: ignore[no-untyped-def]
    """Return the CPU time (this process, all threads) of `write(sink)`; sink is /dev/null."""
    with open(os.devnull, "wb") as sink:
        began = time.process_time()
        write(sink)
        return time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--store", type=Path, default=None, help="store folder (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore(args.store or Path(tmp) / "store")
        began = time.perf_counter()
        quads = fill(store, args.articles)
        triples = sum(1 for _ in distinct_triples(store.oxigraph))
        print(f"store: {args.articles} articles, {quads} quads, {triples} distinct triples "
              f"(filled in {time.perf_counter() - began:.0f} s)\n")
        base = timed(lambda sink: store.oxigraph.dump(sink, ox.RdfFormat.N_QUADS))
        print(f"{'pyoxigraph dump (N-Quads)':28} {base:6.1f} s CPU {quads / base:>9,.0f} quads/s  ratio 1.00")
        for fmt in FORMATS:
            seconds = timed(lambda sink, fmt=fmt: export_store(store, sink, fmt))
            print(f"{'kg export ' + fmt:28} {seconds:6.1f} s CPU {quads / seconds:>9,.0f} quads/s  "
                  f"ratio {base / seconds:.2f}", flush=True)


if __name__ == "__main__":
    main()
