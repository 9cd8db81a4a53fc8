"""A small full-text index over statement texts, for questions such as "who said X".

`TextIndex` is built once at load time from (statement IRI, text, context) records and ranks them
with BM25 (k1 = 1.2, b = 0.75) over Snowball stems. Two things make it find paraphrases that a
plain keyword match misses:

* **related words**: each query stem also matches the stems of its group in `RELATED` (general
  news vocabulary: "bid" ~ "ambition" ~ "membership" ~ "join"; "US" ~ "America" ~ "Washington"),
  at a lower weight, so the exact word still ranks first;
* **context**: the sentence around a statement is indexed too, at a lower weight, so that a
  question naming the topic of a quote ("NATO") finds the quote even when its words don't.

The question's own furniture ("who said", "who warned that") is dropped before ranking.

A statement must match enough of the question to answer it: for a question of three words or
more, two of them (or their related words), and words carrying at least `RELEVANCE_FLOOR` of the
question's weight (each word weighs its idf; a word no statement holds weighs the most), so that
one common word shared with a question about something else is no answer.

>>> index = TextIndex([("s1", "Ukraine's ambition to join NATO was unrealistic", ""),
...                    ("s2", "aid to Ukraine would continue to flow", "")])
>>> [hit.key for hit in index.search("who said Ukraine's NATO bid is unrealistic")]
['s1']
>>> index.search("who said the moon is made of cheese")
[]
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import snowballstemmer

K1, B = 1.2, 0.75
CONTEXT_WEIGHT = 0.35  # a word found only in the surrounding sentence counts this much
RELATED_WEIGHT = 0.6  # a related word counts this much of the word itself
RELEVANCE_FLOOR = 0.1  # the share of the question's weight an answer must match
MIN_WORDS = 2  # and how many of its words, of three or more (measured: docs/performance.md)

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset("""
a an the and or but if then than so as of at by for from in into on onto to with without about
over under up down out off again further once here there when where why how all any both each few
more most other some such no nor only own same too very s t can will just don should now d ll m o
re ve y is are was were be been being have has had having do does did doing i me my myself we our
ours you your he him his she her it its they them their what which who whom this that these those
would could shall may might must also its it's said says say
""".split())

# Question furniture: "who said", "who warned that", "who thinks" ... never part of a claim.
QUESTION_WORDS = frozenset("""
who whom whose which what said say says tell told telling claim claimed claims argue argued
argues insist insisted insists warn warned warns urge urged urges note noted add added state
stated think thinks thought believe believes believed announce announced announces complain
complained complains write wrote writes posted post called call calls suggest suggested
according
""".split())

# General news vocabulary: each line is a group of related words (not tuned to any article).
RELATED_GROUPS = """
bid ambition ambitions aspiration aspirations membership join joining accession application entry member
unrealistic illusionary illusory illusion impossible unachievable unattainable fantasy impractical unworkable
practical realistic feasible workable viable achievable possible
war conflict fighting hostilities combat warfare
peace ceasefire truce armistice settlement
talks negotiation negotiations negotiate dialogue discussion discuss conversation call summit meeting meet
agreement deal accord treaty pact understanding
troops soldiers forces military army deploy deployment deployed boots
guarantee guarantees assurance assurances pledge promise commitment security
support back backing endorse favour favor help aid assistance
oppose opposition reject rejected refuse against resist criticise criticize condemn
respect honour honor abide adhere uphold follow comply stick observe
policy principle position stance approach line
ban prohibit prohibition restriction restrictions block embargo sanction sanctions boycott
different differently disagree dispute view
resign resignation quit step leave depart
allegation allegations accusation accusations misconduct scandal wrongdoing corruption
apologise apologize apology regret regrettable sorry
investigate investigation probe inquiry examine review audit
order ordered instruct instructed direct directed command
threat threaten danger risk menace
attack strike assault bombing offensive raid
kill killed death deaths dead casualties
election vote poll ballot
nuclear denuclearization denuclearisation atomic
cooperation cooperate partnership collaborate collaboration ally alliance together
relationship relations ties rapport bond friendship
increase raise boost rise grow expand warm improve
cut reduce decrease lower slash shrink
end stop halt finish conclude cease cessation
start begin launch commence initiate
involve involved involvement participate participation engage engaged
territory territories border borders land region
sovereign sovereignty independence independent
pressure coerce push force
quick quickly fast rapid immediate immediately soon swift swiftly
important crucial critical vital key essential
strong strength powerful robust
economy economic growth gdp
tariff tariffs duty duties levy trade
price prices cost costs inflation
job jobs employment unemployment worker workers labour labor
company firm corporation business
customer customers consumer consumers user users
data information records personal
leak leaked breach hack hacked exposure
compensation compensate refund reimburse damages
law laws act legislation bill bills rule rules regulation
court judge ruling trial
pay paid payment billion billions money fund funds spend
defend defence defense protect protection
annex annexation occupy occupation seize
responsibility responsible accountable charge govern
leader leaders head chief
president presidency
government administration cabinet authority
country countries nation nations state states
us usa america american americans washington united
uk britain british london
russia russian russians moscow kremlin
ukraine ukrainian ukrainians kyiv kiev
china chinese beijing
korea korean koreans seoul
japan japanese tokyo
israel israeli israelis
palestine palestinian palestinians
germany german germans berlin
france french paris
eu europe european brussels
nato alliance
un nations
"""


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    # The vocabulary is small next to the text: caching makes indexing ~10x faster.
    return _STEMMER.stemWord(word.lower())


def _build_related() -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = defaultdict(set)
    for line in RELATED_GROUPS.strip().splitlines():
        stems = {_stem(w) for w in line.split()}
        for s in stems:
            related[s] |= stems - {s}
    return {k: frozenset(v) for k, v in related.items()}


RELATED = _build_related()


# Multiword adverbs read as the one word they mean ('right away' is not about rights).
_IDIOM_WORDS = {"right away": "immediately", "right now": "now", "at once": "immediately",
                "in the end": "eventually"}
_IDIOMS = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in _IDIOM_WORDS) + r")\b", re.IGNORECASE)


def tokens(text: str, *, question: bool = False) -> list[str]:
    """Return the stems of the content words of `text`; `question` also drops question words.

    >>> tokens("Ukraine's ambitions to join NATO")
    ['ukrain', 'ambit', 'join', 'nato']
    >>> tokens("who said the US pays billions", question=True)
    ['us', 'pay', 'billion']
    >>> tokens("talks will begin right away")
    ['talk', 'begin', 'immedi']
    """
    drop = STOPWORDS | QUESTION_WORDS if question else STOPWORDS
    text = _IDIOMS.sub(lambda m: _IDIOM_WORDS[m.group().lower()], text)
    words = (w.lower().replace("\u2019", "'") for w in _WORD.findall(text.replace("\u2019", "'")))
    out = []
    for word in words:
        for part in word.split("-") if "-" in word else (word,):
            if part and part not in drop and not (part.isdigit() and len(part) < 2):
                out.append(_stem(part))
    return out


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked statement: its key (the statement IRI) and its score (higher is better)."""

    key: str
    score: float


class TextIndex:
    """BM25 over texts (weight 1) and their contexts (weight `CONTEXT_WEIGHT`), with related words.

    Each posting stores its BM25 impact (idf x saturated tf), computed once at build time, in
    numpy arrays, so that a search is a few vectorised max/add operations per query word:
    about 1 ms per query word at 36,000 statements.
    """

    def __init__(self, records: Iterable[tuple[str, str, str]]) -> None:
        self.keys: list[str] = []
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        lengths: list[float] = []
        for key, text, context in records:
            doc = len(self.keys)
            self.keys.append(key)
            counts: Counter[str] = Counter()
            text_tokens = tokens(text)
            for stem in text_tokens:
                counts[stem] += 1.0
            for stem in tokens(context or ""):
                counts[stem] += CONTEXT_WEIGHT
            lengths.append(float(len(text_tokens)) or 1.0)
            for stem, tf in counts.items():
                postings[stem].append((doc, tf))
        n = len(self.keys)
        length = np.array(lengths, dtype=np.float32) if lengths else np.zeros(0, np.float32)
        norm = K1 * (1 - B + B * length / (float(length.mean()) if n else 1.0))
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._idf: dict[str, float] = {}
        for stem, items in postings.items():
            docs = np.fromiter((d for d, _ in items), dtype=np.int32, count=len(items))
            tf = np.fromiter((t for _, t in items), dtype=np.float32, count=len(items))
            idf = math.log(1 + (n - len(items) + 0.5) / (len(items) + 0.5))
            self._idf[stem] = idf
            self._postings[stem] = (docs, (idf * tf * (K1 + 1) / (tf + norm[docs])).astype(np.float32))

    def __len__(self) -> int:
        return len(self.keys)

    def search(self, question: str, limit: int = 10, floor: float = RELEVANCE_FLOOR) -> list[Hit]:
        """Return up to `limit` statements matching `question`, best first; ties by key order;
        none that matches too little of it (the module's docstring)."""
        scores = np.zeros(len(self.keys), dtype=np.float32)
        covered = np.zeros(len(self.keys), dtype=np.float32)
        matched = np.zeros(len(self.keys), dtype=np.int32)
        total = 0.0
        unseen = math.log(1 + (len(self.keys) + 0.5) / 0.5)
        stems = list(dict.fromkeys(tokens(question, question=True)))
        for stem in stems:
            best = np.zeros_like(scores)  # a word counts once: its best variant per statement
            for variant, weight in [(stem, 1.0), *((r, RELATED_WEIGHT) for r in RELATED.get(stem, ()))]:
                posting = self._postings.get(variant)
                if posting is not None:
                    docs, impact = posting
                    best[docs] = np.maximum(best[docs], weight * impact)
            scores += best
            idf = self._idf.get(stem, unseen)
            total += idf
            covered += idf * (best > 0)
            matched += best > 0
        need = min(MIN_WORDS, len(stems) - 1) if len(stems) > 2 else 1
        hits = np.flatnonzero((scores > 0) & (covered >= floor * total) & (matched >= need))
        if len(hits) > limit:
            hits = hits[np.argpartition(-scores[hits], limit - 1)[:limit]]
        ranked = sorted(hits.tolist(), key=lambda doc: (-float(scores[doc]), doc))
        return [Hit(self.keys[doc], round(float(scores[doc]), 4)) for doc in ranked]


STATEMENT_TEXTS = """
PREFIX nkg: <https://w3id.org/newskg/ontology#>
SELECT ?statement ?text ?sentence WHERE {
  ?statement nkg:text ?text .
  OPTIONAL { ?statement nkg:evidence ?span . ?span nkg:sentence ?sentence }
}
"""


def index_statements(store: object) -> TextIndex:
    """Build the index of every statement's text (with its sentence) in a pyoxigraph store."""
    return index_solutions(store.query(STATEMENT_TEXTS, use_default_graph_as_union=True))  # type: ignore[attr-defined]


def index_solutions(solutions: Iterable[object]) -> TextIndex:
    """Build the index from the solutions of `STATEMENT_TEXTS` (run on a store or an endpoint).

    Each solution maps `statement`, `text` and `sentence` (possibly unbound) to pyoxigraph terms,
    as `QuerySolutions` (from `Store.query` or `pyoxigraph.parse_query_results`) yields them.
    """
    seen: dict[str, tuple[str, str]] = {}
    for row in solutions:
        key = row["statement"].value  # type: ignore[index]
        if key not in seen:
            sentence = row["sentence"]  # type: ignore[index]
            seen[key] = (row["text"].value, sentence.value if sentence is not None else "")  # type: ignore[index]
    return TextIndex((key, text, sentence) for key, (text, sentence) in sorted(seen.items()))
