"""kg.search's hand-written BM25 against tantivy and bm25s, in one run (issue 17).

    python benchmarks/search_engines.py [--corpus DIR ...] [--statements 180900] [--copies N]
                                        [--work DIR] [--skip-quality] [-v]

Needs `pip install tantivy bm25s` (not project dependencies). Two measures, every engine on the
same records, ratios against ours (kg.search.TextIndex) taken in the same run:

* quality: the who-said benchmark (benchmarks/who_said_quality.py) with each engine as the text
  index behind the `who-said` named question: each corpus (default ../shared/corpus/dev and dev2)
  built with `kg build`, per article and pooled; first answer right (first-text), mrr@5; and how
  many of a few questions about things no statement says get no answer at all (`none`);
* scale: the pooled statements (text, sentence) copied under new keys up to `--statements`
  records (180,900 is the 5M-triple store of docs/performance.md, the dev articles copied 1,350
  times), then for each engine the index build (wall and CPU seconds, all its threads) and the
  latency of every gold question (p50, p99). With `--copies N` the statements are read from the
  store benchmarks/load_endpoint.py builds (the dev articles copied N times under new IRIs, bulk
  loaded; 1,350 copies are the 5M-triple store), and reading them, which every engine needs
  before it indexes (the rest of the server's start), is timed too.

Engines:
* ours:          kg.search.TextIndex (BM25 over Snowball stems, related words, the sentence at 0.35,
                 the relevance floor);
* tantivy:       a disk index, fields text and sentence (tokenizer en_stem), the question's content
                 words (kg.search's stop and question words dropped) OR'ed, sentence boosted 0.35;
* tantivy+rel:   the same, with each question word's related words (kg.search.RELATED_GROUPS) added
                 at boost 0.6, ours' query expansion on tantivy's ranking;
* bm25s:         bm25s.BM25 (Lucene variant) over the text, stems from snowballstemmer, the same
                 content words.
Wall-clock figures move with the other jobs on this shared machine: compare the ratios.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pyoxigraph as ox

from benchmarks.who_said_quality import ask, build, same_statement
from kg.named_queries import load_named_queries
from kg.search import (QUESTION_WORDS, RELATED_GROUPS, STATEMENT_TEXTS, STOPWORDS, Hit, TextIndex,
                       _stem)

Record = tuple[str, str, str]  # (statement IRI, text, sentence)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

NONSENSE = [
    "who said the moon is made of cheese",
    "who said penguins can fly over the desert",
    "who said chocolate cures baldness",
    "who said the piano was tuned badly last night",
    "who said volcanoes erupt on Tuesdays",
]


def content_words(question: str) -> list[str]:
    """The question's words less kg.search's stop and question words, unstemmed, in order."""
    words = _WORD.findall(question.lower().replace("\u2019", "'"))
    return list(dict.fromkeys(w for w in words if w not in STOPWORDS | QUESTION_WORDS
                              and not (w.isdigit() and len(w) < 2)))


def _related_words() -> dict[str, list[str]]:
    """stem -> the words of every RELATED_GROUPS line holding a word with that stem."""
    out: dict[str, list[str]] = {}
    for line in RELATED_GROUPS.strip().splitlines():
        words = line.split()
        for w in words:
            out.setdefault(_stem(w), []).extend(x for x in words if _stem(x) != _stem(w))
    return out


RELATED_WORDS = _related_words()


class Tantivy:
    def __init__(self, records: Sequence[Record], *, related: bool, path: Path) -> None:
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("key", stored=True, tokenizer_name="raw")
        builder.add_text_field("text", tokenizer_name="en_stem")
        builder.add_text_field("sentence", tokenizer_name="en_stem")
        self.schema = builder.build()
        path.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(path))
        writer = self.index.writer(heap_size=200_000_000)
        for key, text, sentence in records:
            writer.add_document(tantivy.Document(key=key, text=text, sentence=sentence))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.related = related

    def search(self, question: str, limit: int = 10) -> list[Hit]:
        words = content_words(question)
        if not words:
            return []
        terms = list(words)
        if self.related:
            seen = {_stem(w) for w in words}
            for w in words:
                for r in RELATED_WORDS.get(_stem(w), ()):
                    if _stem(r) not in seen:
                        seen.add(_stem(r))
                        terms.append(f"{r}^0.6")
        query = self.index.parse_query(" ".join(terms), ["text", "sentence"],
                                       field_boosts={"text": 1.0, "sentence": 0.35})
        hits = self.searcher.search(query, limit).hits
        return [Hit(self.searcher.doc(address)["key"][0], round(score, 4)) for score, address in hits]


class Bm25s:
    def __init__(self, records: Sequence[Record]) -> None:
        import bm25s
        import snowballstemmer

        self._bm25s = bm25s
        self.stemmer = snowballstemmer.stemmer("english")
        self.keys = [key for key, _, _ in records]
        stop = sorted(STOPWORDS)
        corpus = bm25s.tokenize([text for _, text, _ in records], stopwords=stop,
                                stemmer=self.stemmer.stemWords, show_progress=False)
        self.retriever = bm25s.BM25()
        self.retriever.index(corpus, show_progress=False)
        self.vocab = corpus.vocab

    def search(self, question: str, limit: int = 10) -> list[Hit]:
        stems = [s for s in self.stemmer.stemWords(content_words(question)) if s in self.vocab]
        if not stems:
            return []
        docs, scores = self.retriever.retrieve([stems], k=min(limit, len(self.keys)),
                                               show_progress=False, n_threads=0)
        return [Hit(self.keys[int(d)], round(float(s), 4)) for d, s in zip(docs[0], scores[0]) if s > 0]


def engines(work: Path) -> dict[str, Callable[[Sequence[Record]], object]]:
    counter = iter(range(10**9))
    return {
        "ours": lambda records: TextIndex(records),
        "tantivy": lambda records: Tantivy(records, related=False, path=work / f"tv{next(counter)}"),
        "tantivy+rel": lambda records: Tantivy(records, related=True, path=work / f"tv{next(counter)}"),
        "bm25s": lambda records: Bm25s(records),
    }


def records_of(store: ox.Store) -> list[Record]:
    """(statement, text, sentence) of every statement, as kg.search.index_solutions reads them."""
    seen: dict[str, Record] = {}
    for row in store.query(STATEMENT_TEXTS, use_default_graph_as_union=True):
        key = row["statement"].value
        if key not in seen:
            seen[key] = (key, row["text"].value, row["sentence"].value if row["sentence"] else "")
    return [seen[key] for key in sorted(seen)]


def score(store: ox.Store, index: object, questions: list[dict]) -> dict[str, float]:
    query = load_named_queries()["who-said"]
    first = mrr = 0.0
    right = []
    for q in questions:
        rows = ask(store, index, query, q["question"])
        ranks = [i for i, r in enumerate(rows[:5]) if same_statement(r["text"], q["statement_text"])]
        right.append(bool(rows) and same_statement(rows[0]["text"], q["statement_text"]))
        first += right[-1]
        mrr += 1 / (ranks[0] + 1) if ranks else 0.0
    none = sum(not ask(store, index, query, q) for q in NONSENSE)
    return {"first": first, "mrr": mrr, "none": none, "n": len(questions), "right": right}


def stores(corpus: Path, work: Path) -> tuple[list[tuple[Path, list[dict]]], Path]:
    """Per-article stores and the pooled store of `corpus` under `work` (built once, reused)."""
    per_article = []
    for gold in sorted(corpus.glob("*.gold.json")):
        txt = gold.with_name(gold.name.replace(".gold.json", ".txt"))
        store = work / corpus.name / txt.stem
        if not store.exists():
            build([txt], store)
        per_article.append((store, json.loads(gold.read_text(encoding="utf-8"))["questions"]))
    pooled = work / corpus.name / "pooled"
    if not pooled.exists():
        build([p for p in sorted(corpus.glob("*.txt"))], pooled)
    return per_article, pooled


def quality(corpora: list[Path], work: Path, scratch: Path, verbose: bool) -> list[Record]:
    """Print the quality table (and with `verbose` the pooled questions where the engines' first
    answers differ in being right); return the pooled records of every corpus."""
    makers = engines(scratch)
    pooled_records: list[Record] = []
    print(f"{'corpus':8s} {'mode':11s} {'engine':12s} {'first-text':>10s} {'mrr@5':>6s} {'none':>5s}")
    for corpus in corpora:
        per_article, pooled = stores(corpus, work)
        pooled_store = ox.Store.read_only(str(pooled))
        pooled_records += records_of(pooled_store)
        all_questions = [q for _, qs in per_article for q in qs]
        right: dict[str, list[bool]] = {}
        for name, make in makers.items():
            sums = {"first": 0.0, "mrr": 0.0, "none": 0.0, "n": 0.0}
            for path, questions in per_article:
                store = ox.Store.read_only(str(path))
                result = score(store, make(records_of(store)), questions)
                for k in sums:
                    sums[k] += result[k]
            p = score(pooled_store, make(records_of(pooled_store)), all_questions)
            right[name] = p["right"]
            for mode, r, nonsense in (("per-article", sums, len(NONSENSE) * len(per_article)),
                                      ("pooled", p, len(NONSENSE))):
                print(f"{corpus.name:8s} {mode:11s} {name:12s} {r['first'] / r['n']:10.0%} "
                      f"{r['mrr'] / r['n']:6.2f} {int(r['none']):>2d}/{nonsense}")
        if verbose:
            print(f"  pooled {corpus.name}, first answer right ({' '.join(right)}), where they differ:")
            for i, q in enumerate(all_questions):
                marks = [right[name][i] for name in right]
                if len(set(marks)) > 1:
                    print("   " + " ".join("ok" if m else "--" for m in marks) + f"  {q['question'][:90]}")
    return pooled_records


def store_records(copies: int, work: Path) -> list[Record]:
    """The statements of benchmarks/load_endpoint.py's store of `copies` copies of the dev
    articles (built under `work` once), read as the server reads them at start; prints the time."""
    from benchmarks.load_endpoint import build_store

    path = work / f"copies-{copies}"
    if not (path / "big-store").exists():
        path.mkdir(parents=True, exist_ok=True)
        build_store(copies, path)
    store = ox.Store.read_only(str(path / "big-store"))
    started, cpu = time.perf_counter(), time.process_time()
    records = records_of(store)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"\nstore of {copies} copies of the dev articles: {len(store):,} quads; reading its "
          f"{len(records):,} statements (STATEMENT_TEXTS): {wall:.2f} s, {cpu:.2f} s CPU")
    return records


def scale(records: list[Record], statements: int, questions: list[str], scratch: Path) -> None:
    copies = -(-statements // len(records))
    big = [(f"{key}/c{i}", text, sentence) for i in range(copies) for key, text, sentence in records]
    big = big[:statements]
    print(f"\nscale: {len(big):,} statements ({len(records):,} statements copied {copies} times), "
          f"{len(questions)} questions x 3 rounds")
    print(f"{'engine':12s} {'build s':>8s} {'cpu s':>7s} {'x ours':>7s} {'p50 ms':>7s} {'p99 ms':>7s} "
          f"{'x ours':>7s}")
    base: dict[str, float] = {}
    for name, make in engines(scratch).items():
        started, cpu = time.perf_counter(), time.process_time()
        index = make(big)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        index.search(questions[0], 20)  # type: ignore[attr-defined]  # warm-up
        latencies = []
        for _ in range(3):
            for q in questions:
                t = time.perf_counter()
                index.search(q, 20)  # type: ignore[attr-defined]
                latencies.append(time.perf_counter() - t)
        latencies.sort()
        p50, p99 = latencies[len(latencies) // 2] * 1000, latencies[int(len(latencies) * 0.99)] * 1000
        base = base or {"wall": wall, "p50": p50}
        print(f"{name:12s} {wall:8.2f} {cpu:7.2f} {wall / base['wall']:7.2f} {p50:7.2f} {p99:7.2f} "
              f"{p50 / base['p50']:7.2f}")
        del index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    shared = REPO.parent / "shared" / "corpus"
    parser.add_argument("--corpus", nargs="+", type=Path, default=[shared / "dev", shared / "dev2"])
    parser.add_argument("--statements", type=int, default=180_900,
                        help="how many statements the scale measure indexes (0: as many as read)")
    parser.add_argument("--copies", type=int, default=0,
                        help="take the scale measure's statements from load_endpoint.py's store of "
                             "this many copies of the dev articles (1350: 5M triples), and time "
                             "reading them")
    parser.add_argument("--work", type=Path, help="keep the built stores here and reuse them")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the questions where the engines differ")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="search-engines-"))
    scratch = Path(tempfile.mkdtemp(prefix="search-indexes-"))
    try:
        records = quality(args.corpus, work, scratch, args.verbose) if not args.skip_quality else []
        if not records:
            for corpus in args.corpus:
                records += records_of(ox.Store.read_only(str(stores(corpus, work)[1])))
        questions = [q["question"] for corpus in args.corpus for gold in sorted(corpus.glob("*.gold.json"))
                     for q in json.loads(gold.read_text(encoding="utf-8"))["questions"]]
        if args.copies:
            records = store_records(args.copies, work)
        scale(records, args.statements or len(records), questions, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
