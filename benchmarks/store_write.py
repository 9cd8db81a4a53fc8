"""Per-article write cost of the embedded store as it grows (issue 6).

    python benchmarks/store_write.py [--articles 20000] [--slice 1000] [--store DIR]

Writes generated article graphs (no spaCy: synthetic extractions through kg.rdf, about 90 triples
each, persons drawn from a pool of 2,000 so that entities are shared between articles) into an
on-disk store with `GraphStore.write_article`, the call `kg build` makes per article: drop the
graph, insert the new one and its build record in one transaction. Prints the time per slice of
`--slice` articles and its ratio to the first slice, then the skip check (`is_current`) and a
rewrite of already-stored articles. Building the graphs is not timed.

Both wall-clock and CPU time (of the process, RocksDB's threads included) are printed: on a shared
machine the wall clock follows the neighbours' load, the CPU time much less, so the ratios are
taken on CPU time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.model import Agent, Article, Extraction, Span, SpeechMode, Statement
from kg.rdf import article_iri, to_graph
from kg.store import BuildRecord, GraphStore

FIRST = ["Anna", "Li", "Ola", "Maria", "Jonas", "Petra", "Karim", "Sofia", "Tomas", "Elena"]
LAST = ["Berg", "Wen", "Dahl", "Costa", "Meyer", "Novak", "Haddad", "Rossi", "Lind", "Popescu",
        "Okafor", "Silva", "Tanaka", "Kowalski", "Nguyen", "Moreau", "Jensen", "Ivanova", "Park", "Ali"]


def rss_mib() -> float:
    """This process's resident memory (Linux)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def synthetic(i: int) -> tuple[str, object]:
    """Return the IRI and graph of generated article `i`: four speakers, eight statements."""
    sentences, statements, agents = [], [], {}
    offset = 0
    for j in range(8):
        k = (i * 7 + j * 13) % 2000
        name = f"{FIRST[k % 10]} {LAST[(k // 10) % 20]} {k // 200}"
        text = f"the plan number {i}-{j} would be presented to parliament next week"
        sentence = f"{name} said that {text}. "
        key = name.lower().replace(" ", "-")
        agent = agents.setdefault(key, Agent(key=key, name=name, mentions=(Span(offset, offset + len(name)),)))
        begin = offset + len(name) + len(" said that ")
        statements.append(Statement(speaker=agent, text=text, span=Span(begin, begin + len(text)),
                                    mode=SpeechMode.INDIRECT, reporting_verb="say"))
        sentences.append(sentence)
        offset += len(sentence)
    article = Article(body="".join(sentences), source=f"gen/{i}.txt", url=f"https://example.org/news/{i}")
    graph = to_graph(Extraction(article=article, agents=tuple(agents.values()), statements=tuple(statements)))
    return str(article_iri(article)), graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--slice", type=int, default=1000)
    parser.add_argument("--store", type=Path, default=None, help="store folder (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = GraphStore(args.store or Path(tmp) / "store")
        slices: list[float] = []
        cpu: list[float] = []
        triples = 0
        for start in range(0, args.articles, args.slice):
            batch = [synthetic(i) for i in range(start, min(start + args.slice, args.articles))]
            triples += sum(len(g) for _, g in batch)
            began, began_cpu = time.perf_counter(), time.process_time()
            for n, (iri, graph) in enumerate(batch, start):
                store.write_article(iri, graph, BuildRecord(f"gen/{n}.txt", f"sha-{n}", "bench"))
            slices.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            print(f"articles {start + 1:>6}-{start + len(batch):<6} wall {slices[-1]:6.2f} s, "
                  f"CPU {1000 * cpu[-1] / len(batch):5.2f} ms/article, CPU ratio {cpu[-1] / cpu[0]:.2f}"
                  f", RSS {rss_mib():.0f} MiB  (load average {os.getloadavg()[0]:.1f})", flush=True)
        store.flush()
        total = sum(slices)
        print(f"\n{args.articles} articles, {triples} triples in {total:.1f} s: "
              f"{args.articles / total:.0f} articles/s, {triples / total:.0f} triples/s")
        print(f"CPU time, last slice / first: {cpu[-1] / cpu[0]:.2f}; median / first: "
              f"{statistics.median(cpu) / cpu[0]:.2f}; max / first: {max(cpu) / cpu[0]:.2f}")

        sample = [synthetic(i) for i in range(0, args.articles, max(1, args.articles // 1000))]
        began = time.perf_counter()
        current = sum(store.is_current(iri, BuildRecord("x", f"sha-{i}", "bench"))
                      for i, (iri, _) in zip(range(0, args.articles, max(1, args.articles // 1000)), sample))
        check = time.perf_counter() - began
        print(f"skip check (is_current): {1e6 * check / len(sample):.0f} us/article "
              f"({current}/{len(sample)} current)")
        began = time.perf_counter()
        for n, (iri, graph) in enumerate(sample):
            store.write_article(iri, graph, BuildRecord(f"gen/{n}.txt", f"sha-{n}", "bench"))
        rewrite = time.perf_counter() - began
        print(f"rewriting a stored article: {1000 * rewrite / len(sample):.2f} ms/article")


if __name__ == "__main__":
    main()
