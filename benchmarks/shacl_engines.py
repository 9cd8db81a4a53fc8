"""The build gate's SHACL Core check (kg.corecheck) against pySHACL and pyrudof, in one run (issue 17).

    python benchmarks/shacl_engines.py [--mutants 160] [--generated 6] [--rounds 3]

Needs `pip install pyrudof` (not a project dependency). The graphs are tests/rdf/test_corecheck.py's:
every RDF fixture under tests/data, the graphs kg builds from the seed article, the test corpus,
benchmarks/synthetic and `--generated` articles made from the dev corpus, and `--mutants` seeded
random mutants of them (the test's seed and mutations). The shapes are the shipped SHACL Core
shapes (kg.validate.core_only), the data each graph with the ontology's class hierarchy, as
kg.validate gives them to pySHACL.

Verdicts, each against pySHACL's (`validate_graph(fast=True).conforms`, warnings allowed):
* ours:    CoreCheck.conforms: True, False or None (undecided: the gate asks pySHACL);
* pyrudof: Rudof.validate_shacl (native engine) on the graph as N-Triples; `conforms` as
           pyrudof reports it, and "strict" = no result of severity sh:Violation (pySHACL's
           reading with allow_warnings), both counted.
The gate relies on a True: a graph passes without pySHACL only on it, so a True where pySHACL says
False is the disagreement that matters; a False where pySHACL says True costs a pySHACL run.

Speed: on the article graphs (what the gate sees), per graph, best of `--rounds`, ratios against
ours: pySHACL; pyrudof's validation alone; pyrudof with the graph handed over from rdflib, as
triples added in a staging frame over the hierarchy, and as one N-Triples document read anew.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from rdflib import Graph
from rdflib.namespace import SH

from kg.corecheck import CoreCheck
from kg.validate import _hierarchy, core_only, load_shapes, validate_graph
from tests.conftest import DATA
from tests.rdf.test_corecheck import FIXTURES, mutants


def article_graphs(generated: int) -> list[Graph]:
    """tests/rdf/test_corecheck.py's article_graphs fixture, outside pytest."""
    from benchmarks.corpus import DEV, generate
    from kg.extract import load_nlp
    from kg.model import Article
    from kg.pipeline import article_graph
    from kg.readers import read_inputs

    inputs = [REPO / "examples" / "articles", DATA / "corpus",
              *sorted((REPO / "benchmarks" / "synthetic").glob("*.txt"))]
    if generated and any(DEV.glob("*.txt")):
        path = Path(tempfile.mkdtemp(prefix="shacl-engines-")) / "articles.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in generate(generated, seed=11)))
        inputs.append(path)
    articles = [a for a in read_inputs([str(p) for p in inputs]) if isinstance(a, Article)]
    nlp = load_nlp()
    return [article_graph(article, nlp) for article in articles]


_VIOLATION = {"Violation", "sh:Violation", str(SH.Violation), f"<{SH.Violation}>"}


class Rudof:
    def __init__(self, shapes: Graph, hierarchy: Graph) -> None:
        import pyrudof

        self.pyrudof = pyrudof
        self.rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        self.rudof.read_shacl(shapes.serialize(format="turtle"), pyrudof.ShaclFormat.Turtle)
        self.hierarchy = hierarchy.serialize(format="nt")
        self.loaded = False

    def load(self, graph: Graph) -> None:
        """The graph as the session's data: the hierarchy read once, the graph's triples added in
        a staging frame that the next load rolls back (read_data costs ~70 ms a call, whatever
        the size: too slow to hand over each graph)."""
        if not self.loaded:
            self.rudof.reset_data()
            self.rudof.read_data(self.hierarchy, self.pyrudof.RDFFormat.NTriples)
            self.loaded = True
        if self.rudof.staging_depth():
            self.rudof.rollback_staging()
        self.rudof.begin_staging()
        # terms as N-Triples writes them (rdflib's n3() gives long literals in triple quotes,
        # which pyrudof does not parse): subject and predicate hold no space, the object is the rest
        lines = graph.serialize(format="nt").splitlines()
        self.rudof.add_triples([tuple(line.removesuffix(" .").split(" ", 2)) for line in lines if line])

    def read(self, graph: Graph) -> None:
        """The plain way: the graph and the hierarchy as one N-Triples document, read anew."""
        if self.rudof.staging_depth():
            self.rudof.rollback_staging()
        self.rudof.reset_data()
        self.loaded = False
        self.rudof.read_data(graph.serialize(format="nt") + self.hierarchy, self.pyrudof.RDFFormat.NTriples)

    def validate(self) -> tuple[bool, bool]:
        """(pyrudof's conforms, no result of severity sh:Violation)."""
        report = self.rudof.validate_shacl(self.pyrudof.ShaclValidationMode.Native)
        strict = not any(str(v.severity) in _VIOLATION for v in report.violations)
        return bool(report.conforms), strict


def best(rounds: int, job) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=160)
    parser.add_argument("--generated", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("-v", "--verbose", action="store_true", help="print each disagreement's graph")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # rdflib logs every ill-typed literal of the mutants

    shapes, hierarchy = core_only(load_shapes()), _hierarchy()
    ours = CoreCheck.of(shapes, hierarchy)
    rudof = Rudof(shapes, hierarchy)
    articles = article_graphs(args.generated)
    sets = {"fixtures": list(FIXTURES.items()),
            "articles": [(f"article {i}", g) for i, g in enumerate(articles)],
            "mutants": [(f"mutant {i}", g) for i, g in enumerate(mutants(articles, args.mutants))]}

    print(f"{'graphs':9s} {'n':>4s} {'pySHACL T/F':>11s} | {'ours agree':>10s} {'undecided':>9s} {'wrong':>5s} | "
          f"{'pyrudof agree':>13s} {'T for F':>7s} {'F for T':>7s} {'error':>5s} | {'strict agree':>12s} "
          f"{'T for F':>7s} {'F for T':>7s}")
    disagreements: list[str] = []
    for label, graphs in sets.items():
        c: Counter[str] = Counter()
        for name, graph in graphs:
            truth = validate_graph(graph, fast=True).conforms
            c["T" if truth else "F"] += 1
            fast = ours.conforms(graph)
            c["ours-none" if fast is None else ("ours-ok" if fast == truth else "ours-wrong")] += 1
            try:
                rudof.load(graph)
                conforms, strict = rudof.validate()
            except Exception as exc:  # noqa: BLE001  (a verdict pyrudof cannot give is counted)
                c["error"] += 1
                disagreements.append(f"{label} {name}: pyrudof error {type(exc).__name__}: {exc}"[:300])
                continue
            for key, verdict in (("r", conforms), ("s", strict)):
                c[f"{key}-ok" if verdict == truth else (f"{key}-TF" if verdict else f"{key}-FT")] += 1
            if strict != truth:
                disagreements.append(f"{label} {name}: pySHACL {truth}, pyrudof {conforms} (strict {strict})")
                if args.verbose:
                    print(graph.serialize(format="turtle"))
        print(f"{label:9s} {len(graphs):4d} {c['T']:5d}/{c['F']:<5d} | {c['ours-ok']:10d} {c['ours-none']:9d} "
              f"{c['ours-wrong']:5d} | {c['r-ok']:13d} {c['r-TF']:7d} {c['r-FT']:7d} {c['error']:5d} | "
              f"{c['s-ok']:12d} {c['s-TF']:7d} {c['s-FT']:7d}")
    for line in disagreements:
        print("  " + line)

    triples = sum(len(g) for g in articles) / len(articles)
    print(f"\nspeed on {len(articles)} article graphs ({triples:.0f} triples each on average), "
          f"seconds per graph, best of {args.rounds}:")
    timings = {
        "ours (CoreCheck.conforms)": lambda g: ours.conforms(g),
        "pySHACL (validate_graph fast)": lambda g: validate_graph(g, fast=True),
        "pyrudof, validation only": None,
        "pyrudof, triples added (staging) + validation": lambda g: (rudof.load(g), rudof.validate()),
        "pyrudof, N-Triples read_data + validation": lambda g: (rudof.read(g), rudof.validate()),
    }
    base = 0.0
    for name, job in timings.items():
        total = 0.0
        for graph in articles:
            if job is None:
                rudof.load(graph)
                total += best(args.rounds, rudof.validate)
            else:
                total += best(args.rounds, lambda: job(graph))  # noqa: B023
        per = total / len(articles)
        base = base or per
        print(f"  {name:44s} {per * 1000:8.2f} ms  x{per / base:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
