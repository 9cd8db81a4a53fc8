"""Who-said quality on the dev gold questions: the share of questions whose first answer is right.

    python benchmarks/who_said_quality.py [CORPUS_DIR] [-v]

Builds every article of CORPUS_DIR (default ../shared/corpus/dev relative to the repository) with
`kg build` (in-process, so spaCy loads once), each into its own store and all of them into one
pooled store, and asks each gold question ("who said ...") the `who-said` named question, exactly
as `/queries/who-said` does. An answer is right when its statement text is the gold
`statement_text` (compared after folding quotes, case, spacing and outer punctuation, allowing one
to contain the other, since extracted spans may differ by a clause). Reported, per store mode:

* first-text:   the first answer's text is the gold statement      (the headline figure)
* first-speaker: the first answer's speaker is a gold answer speaker
* extracted:    the gold statement is in the graph at all (the ceiling for the ranking)
* mrr@5:        mean reciprocal rank of the gold statement in the first five answers
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pyoxigraph as ox

from kg.cli import main as kg_main
from kg.named_queries import load_named_queries
from kg.query import render_results, run_query
from kg.search import index_statements

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-",
                       "\u2013": "-"})


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    text = re.sub(r"\s+", " ", text)
    return text.strip(" \"',.;:-")


def same_statement(answer: str, gold: str) -> bool:
    a, g = fold(answer), fold(gold)
    return bool(a) and (a == g or (len(a) >= 12 and a in g) or (len(g) >= 12 and g in a))


def build(paths: list[Path], store: Path) -> None:
    # no SHACL gate: an article failing a shape must not drop its questions from this measure
    code = kg_main(["build", *map(str, paths), "--store", str(store)])
    if code not in (0, 3):
        raise SystemExit(f"kg build failed ({code}) for {paths}")


def ask(store: ox.Store, index, query, claim: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    searcher = lambda text, n: [(h.key, h.score) for h in index.search(text, n)]
    text, bound = query.bind({"claim": claim}, searcher)
    doc = json.loads(render_results(run_query(store, text, substitutions=bound), "json"))
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def score(store: ox.Store, questions: list[dict], verbose: bool, label: str) -> dict[str, float]:
    query = load_named_queries()["who-said"]
    index = index_statements(store)
    texts = [r["text"].value for r in store.query(
        "PREFIX nkg: <https://w3id.org/newskg/ontology#> SELECT ?text { ?s nkg:text ?text }",
        use_default_graph_as_union=True)]
    totals = {"first-text": 0.0, "first-speaker": 0.0, "extracted": 0.0, "mrr@5": 0.0}
    latencies = []
    for q in questions:
        start = time.perf_counter()
        rows = ask(store, index, query, q["question"])
        latencies.append(time.perf_counter() - start)
        gold = q["statement_text"]
        ranks = [i for i, r in enumerate(rows[:5]) if same_statement(r["text"], gold)]
        first = rows[0] if rows else {}
        ok_text = bool(rows) and same_statement(first["text"], gold)
        ok_speaker = bool(rows) and first["speakerName"] in q["answer_speakers"]
        totals["first-text"] += ok_text
        totals["first-speaker"] += ok_speaker
        totals["extracted"] += any(same_statement(t, gold) for t in texts)
        totals["mrr@5"] += 1 / (ranks[0] + 1) if ranks else 0.0
        if verbose:
            mark = "ok " if ok_text else ("spk" if ok_speaker else "-- ")
            got = f"{first.get('speakerName', '-')}: {first.get('text', '')[:70]}"
            print(f"  [{label}] {mark} {q['question'][:70]:70s} -> {got}")
    n = len(questions) or 1
    out = {k: v / n for k, v in totals.items()}
    out["p50-ms"] = sorted(latencies)[len(latencies) // 2] * 1000 if latencies else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every question")
    args = parser.parse_args(argv)
    golds = sorted(args.corpus.glob("*.gold.json"))
    if not golds:
        raise SystemExit(f"{args.corpus}: no *.gold.json files")
    work = Path(tempfile.mkdtemp(prefix="who-said-"))
    per_article: list[tuple[Path, list[dict]]] = []
    for gold in golds:
        txt = gold.with_name(gold.name.replace(".gold.json", ".txt"))
        per_article.append((txt, json.loads(gold.read_text(encoding="utf-8"))["questions"]))
    all_questions = [q for _, qs in per_article for q in qs]

    sums: dict[str, float] = {}
    for txt, questions in per_article:
        store_dir = work / txt.stem
        build([txt], store_dir)
        result = score(ox.Store.read_only(str(store_dir)), questions, args.verbose, txt.stem)
        for k, v in result.items():
            sums[k] = sums.get(k, 0.0) + v * len(questions)
    separate = {k: v / len(all_questions) for k, v in sums.items()}

    pooled_dir = work / "pooled"
    build([txt for txt, _ in per_article], pooled_dir)
    pooled = score(ox.Store.read_only(str(pooled_dir)), all_questions, args.verbose, "pooled")

    print(f"\nwho-said on {len(all_questions)} dev questions from {len(per_article)} articles")
    print(f"{'store':12s} {'first-text':>10s} {'first-speaker':>13s} {'extracted':>9s} {'mrr@5':>6s} {'p50 ms':>7s}")
    for label, r in (("per-article", separate), ("pooled", pooled)):
        print(f"{label:12s} {r['first-text']:10.0%} {r['first-speaker']:13.0%} {r['extracted']:9.0%} "
              f"{r['mrr@5']:6.2f} {r['p50-ms']:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
