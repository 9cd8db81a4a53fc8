"""Extraction speed of this checkout against another, as a ratio measured in the same run.

    python benchmarks/compare_revisions.py BASELINE_CHECKOUT [CORPUS_DIR ...] [--rounds 5]

BASELINE_CHECKOUT is another checkout of newskg (e.g. `git worktree add /tmp/base <rev>`). Each
round runs `extract()` over every article of the corpora (default: tests/data/corpus and
examples/articles, plus ../shared/corpus/dev and dev2 when they are there) once in a fresh process
of each checkout, alternating which goes first, and takes the CPU time of the extraction alone
(spaCy's parse included, the model's loading and a warm-up article not). It prints each round's
times and the median ratio this / baseline: 1.00 is the same speed, above 1 slower. Machines
here are shared and noisy, so the figure is a ratio of interleaved runs, never an absolute time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, sys, time
from kg.extract import extract, load_nlp
from kg.model import Article
paths = json.loads(sys.argv[1])
nlp = load_nlp()
articles = []
for p in paths:
    headline, _, body = open(p, encoding="utf-8").read().partition("\n")
    articles.append(Article(body=body.strip("\n"), source=p, headline=headline))
extract(articles[0], nlp)  # warm-up: lazy imports, the model's first call
start = time.process_time()
for article in articles:
    extract(article, nlp)
print(time.process_time() - start)
"""


def corpus_files(dirs: list[Path]) -> list[str]:
    return [str(p) for d in dirs for p in sorted(d.glob("*.txt"))]


def run_once(checkout: Path, files: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(files)], cwd=checkout,
                         env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("baseline", type=Path)
    parser.add_argument("corpora", type=Path, nargs="*")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not (args.baseline / "kg" / "extract").is_dir():
        parser.error(f"{args.baseline}: not a newskg checkout (no kg/extract)")
    dirs = args.corpora or [d for d in (REPO / "tests/data/corpus", REPO / "examples/articles",
                                        REPO.parent / "shared/corpus/dev",
                                        REPO.parent / "shared/corpus/dev2") if d.is_dir()]
    files = corpus_files(dirs)
    print(f"{len(files)} articles from {', '.join(str(d) for d in dirs)}")
    ratios = []
    for r in range(args.rounds):
        order = [(REPO, "this"), (args.baseline, "base")]
        times = dict((name, run_once(path, files)) for path, name in (order if r % 2 else order[::-1]))
        ratios.append(times["this"] / times["base"])
        print(f"round {r + 1}: this {times['this']:.2f}s, baseline {times['base']:.2f}s, "
              f"ratio {ratios[-1]:.3f}", flush=True)
    print(f"median ratio this / baseline over {args.rounds} rounds: {statistics.median(ratios):.3f} "
          f"(range {min(ratios):.3f} to {max(ratios):.3f})")


if __name__ == "__main__":
    main()
