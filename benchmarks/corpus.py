"""Generate article-like texts for the scale benchmarks, as JSON Lines.

Each generated article recombines paragraphs of the dev articles (../shared/corpus/dev) and
swaps their people for generated names, consistently within the article (every alias of a gold
person maps to the matching part of one new name), so that the parser and the extractors face
realistic prose with realistic cost while no two articles are the same.

    python benchmarks/corpus.py 10000 > /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "dev"

FIRST = """Anna Karl Lena Jan Omar Ingrid Ravi Lucia Tomas Nina Paul Mark Sofia Ivan Mei Kenji Amara
Diego Fatima Lars Elena Pedro Yuki Hana Samuel Grace Ahmed Olga Felix Rosa Viktor Leila Arjun
Chloe Mateo Zara Hugo Irene Kofi Aiko""".split()
LAST = """Virtanen Berger Weiss Nowak Haddad Solberg Menon Ortiz Klein Cruz Reed Olsen Petrov Tanaka
Moreau Silva Okafor Lindqvist Novak Costa Yamamoto Rahman Fischer Dubois Kowalski Jensen Marino
Horvat Sato Mendes Keller Quinn Varga Laine Romero Hale Banda Ito Sousa Brandt""".split()


def dev_articles(folder: Path) -> list[tuple[list[str], list[list[str]]]]:
    """Each dev article as (paragraphs, name groups); a name group lists one person's forms."""
    out = []
    for text in sorted(folder.glob("*.txt")):
        gold_path = text.with_name(text.stem + ".gold.json")
        gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.exists() else {}
        paragraphs = [p.strip() for p in text.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 40]
        groups = [[person["name"], *person.get("aliases", [])] for person in gold.get("persons", [])]
        out.append((paragraphs, groups))
    return out


def _renamer(groups: list[list[str]], rng: random.Random):
    mapping: dict[str, str] = {}
    for forms in groups:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        full = forms[0].split()
        for form in forms:
            words = form.split()
            if len(words) >= 2 and words[-1] == full[-1]:
                mapping[form] = f"{first} {last}"
            elif words and words[-1] == full[-1]:
                mapping[form] = last
            elif len(words) == 1 and words[0] == full[0]:
                mapping[form] = first
    if not mapping:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: mapping[m.group(0)], text)


def generate(n: int, *, seed: int = 7, folder: Path = DEV, paragraphs: int = 12) -> Iterator[dict]:
    """Yield `n` article records: title, text, published date and id."""
    rng = random.Random(seed)
    sources = dev_articles(folder)
    if not sources:
        raise SystemExit(f"{folder}: no dev articles (*.txt) found")
    start = date(2025, 1, 1)
    for i in range(n):
        main_paras, groups = rng.choice(sources)
        other_paras, other_groups = rng.choice(sources)
        rename = _renamer(groups + other_groups, rng)
        body = main_paras[1 : 1 + paragraphs // 2] + rng.sample(other_paras[1:], min(len(other_paras) - 1, paragraphs // 2))
        yield {
            "id": f"gen-{i:06d}",
            "title": rename(main_paras[0])[:200],
            "text": "\n\n".join(rename(p) for p in body),
            "published": (start + timedelta(days=rng.randrange(700))).isoformat(),
            "source": "Generated Wire",
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dev", type=Path, default=DEV)
    args = parser.parse_args()
    for record in generate(args.count, seed=args.seed, folder=args.dev):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
