"""Golden end-to-end result on the seed article (examples/articles): persons, holdings, statements.

When an intended change of the extractor moves these, review the difference against the seed's
gold annotation (../shared/corpus/dev/seed-*.gold.json) and update the lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract, load_nlp
from kg.model import SpeechMode
from tests.conftest import REPO

SEED = (
    REPO
    / "examples"
    / "articles"
    / "seed-aljazeera-trump-putin-call.txt"
)

PERSONS = [
    "Boris Pistorius",
    "Dmitry Peskov",
    "Donald Trump",
    "Mariia Zolkina",
    "Mark Rutte",
    "Pete Hegseth",
    "Scott Bessent",
    "Sebastien Lecornu",
    "Vladimir Putin",
    "Volodymyr Zelenskyy",
]
HOLDINGS = [
    ("Boris Pistorius", "de.minister-of-defense"),
    ("Dmitry Peskov", "kremlin.spokesperson"),
    ("Donald Trump", "us.president"),
    (
        "Mariia Zolkina",
        "ilko-kucheriv-democratic-initiatives-foundation.head-of-regional-security-and-conflict-studies",
    ),
    ("Mark Rutte", "nato.secretary-general"),
    ("Pete Hegseth", "us.secretary-of-defense"),
    ("Scott Bessent", "us.secretary-of-treasury"),
    ("Sebastien Lecornu", "fr.minister-of-defense"),
    ("Vladimir Putin", "ru.leader"),
    ("Vladimir Putin", "ru.president"),
    ("Volodymyr Zelenskyy", "ua.president"),
]
STATEMENTS = [
    ("Donald Trump", "MIXED", "talks to end Ukraine war to start ‘immediately’"),
    ("Donald Trump", "DIRECT", "immediately"),
    ("Pete Hegseth", "INDIRECT", "Ukraine’s NATO membership ambitions were unrealistic"),
    (
        "Donald Trump",
        "INDIRECT",
        "he and Russian leader Vladimir Putin had spoken by phone and agreed to begin negotiations on ending the war in Ukraine",
    ),
    ("Donald Trump", "INDIRECT", "he spent more than an hour on the phone with Putin on Wednesday"),
    ("Donald Trump", "DIRECT", "I think we’re on the way to getting peace"),
    ("Donald Trump", "INDIRECT", "he later spoke with Ukrainian President Volodymyr Zelenskyy"),
    (
        "Donald Trump",
        "DIRECT",
        "I think President Putin wants peace and President Zelenskyy wants peace and I want peace,",
    ),
    (
        "Donald Trump",
        "DIRECT",
        "People didn’t really know what President Putin’s thoughts were. But I think I can say with great confidence, he wants to see it ended also, so that’s good – and we’re going to work toward getting it ended and as fast as possible.",
    ),
    (
        "Donald Trump",
        "MIXED",
        "they had agreed to “work together very closely, including visiting each other’s nations” and to “have our respective teams start negotiations immediately” on Ukraine",
    ),
    (
        "Donald Trump",
        "DIRECT",
        "work together very closely, including visiting each other’s nations",
    ),
    ("Donald Trump", "DIRECT", "have our respective teams start negotiations immediately"),
    ("Donald Trump", "MIXED", "he would “probably” meet in person with Putin in the near term"),
    ("Donald Trump", "DIRECT", "probably"),
    ("Donald Trump", "DIRECT", "Interesting question. I think they have to make peace."),
    ("Volodymyr Zelenskyy", "INDIRECT", "Trump had informed him of his conversation with Putin"),
    (
        "Volodymyr Zelenskyy",
        "MIXED",
        "he appreciated the US president’s “genuine interest in our shared opportunities and how we can bring about a real peace together”",
    ),
    (
        "Volodymyr Zelenskyy",
        "DIRECT",
        "genuine interest in our shared opportunities and how we can bring about a real peace together",
    ),
    (
        "Volodymyr Zelenskyy",
        "DIRECT",
        "We believe that America’s strength, together with Ukraine and all of our partners, is enough to push Russia to peace,",
    ),
    (
        "Volodymyr Zelenskyy",
        "DIRECT",
        "I had a long and detailed conversation with President Trump. I appreciate his genuine interest in our shared opportunities and how we can bring about real peace together.",
    ),
    (
        "Volodymyr Zelenskyy",
        "DIRECT",
        "We discussed many aspects—diplomatic, military, and economic—and President Trump informed me about what…",
    ),
    (
        "Mark Rutte",
        "MIXED",
        "Ukraine must be involved in peace talks and any final deal needs to be “enduring”",
    ),
    ("Mark Rutte", "DIRECT", "enduring"),
    (
        "Mark Rutte",
        "DIRECT",
        "Of course, this is crucial – [when] we talk about Ukraine, that Ukraine is closely involved in everything happening about Ukraine,",
    ),
    (
        "Mariia Zolkina",
        "INDIRECT",
        "the importance of the call for ending the conflict should not be overstated",
    ),
    (
        "Mariia Zolkina",
        "DIRECT",
        "Trump is not following his presidential electoral promises, where he said he would be putting pressure on both sides,",
    ),
    (
        "Mariia Zolkina",
        "DIRECT",
        "We don’t see any pressure on Russia but rather sympathising and soft rhetoric about finding the common ground.",
    ),
    (
        "Mariia Zolkina",
        "DIRECT",
        "This doesn’t make Russia interested in any solution, even in a ceasefire,",
    ),
    ("Pete Hegseth", "INDIRECT", "Ukraine’s ambition to join NATO was unrealistic"),
    (
        "Pete Hegseth",
        "DIRECT",
        "We want, like you, a sovereign and prosperous Ukraine. But we must start by recognising that returning to Ukraine’s pre-2014 borders is an unrealistic objective,",
    ),
    (
        "Pete Hegseth",
        "DIRECT",
        "Chasing this illusionary goal will only prolong the war and cause more suffering,",
    ),
    (
        "Pete Hegseth",
        "MIXED",
        "any durable peace must include “robust security guarantees to ensure that the war will not begin again”",
    ),
    (
        "Pete Hegseth",
        "DIRECT",
        "robust security guarantees to ensure that the war will not begin again",
    ),
    (
        "Pete Hegseth",
        "INDIRECT",
        "US troops would not be deployed to Ukraine as part of such guarantees",
    ),
    ("Donald Trump", "DIRECT", "I don’t think it’s practical to have it, personally."),
    (
        "Dmitry Peskov",
        "INDIRECT",
        "the conversation between Trump and Putin covered a good deal of ground, including the Middle East and Iran, but that Ukraine was the main focus",
    ),
    (
        "Dmitry Peskov",
        "INDIRECT",
        "Trump had called for a quick cessation of hostilities and a peaceful settlement",
    ),
    (
        "Dmitry Peskov",
        "DIRECT",
        "President Putin, in his turn, emphasised the need to remove the root causes of the conflict and agreed with Trump that a long-term settlement could be achieved through peace talks",
    ),
    (
        "Dmitry Peskov",
        "DIRECT",
        "The Russian president supported one of the main theses of the US president that the time has come for our two countries to work together,",
    ),
    (
        "Dmitry Peskov",
        "DIRECT",
        "The Russian president invited the US president to visit Moscow and expressed readiness to host US officials in Russia for issues of mutual interest, naturally including Ukraine, the Ukrainian settlement.",
    ),
    (
        "Boris Pistorius",
        "MIXED",
        "it was “regrettable” Trump’s administration had made “concessions” to Russia before peace talks on Ukraine had even started",
    ),
    ("Boris Pistorius", "DIRECT", "regrettable"),
    ("Boris Pistorius", "DIRECT", "concessions"),
    (
        "Boris Pistorius",
        "DIRECT",
        "In my view, it would have been better to speak about a possible NATO membership for Ukraine or possible losses of territory at the negotiating table,",
    ),
    ("Sebastien Lecornu", "INDIRECT", "NATO faces a moment of reckoning on its future"),
    ("Sebastien Lecornu", "DIRECT", "It’s a crucial moment of truth,"),
    (
        "Sebastien Lecornu",
        "DIRECT",
        "People call it the most important, the strongest military alliance in history. That’s historically true – but the question is, will it still be true 10 or 15 years from now.",
    ),
    ("Donald Trump", "INDIRECT", "aid to Ukraine would continue to flow"),
]


@pytest.fixture(scope="module")
def extraction():
    from kg.readers import read_inputs

    [article] = list(read_inputs([str(SEED)]))
    return extract(article, load_nlp())


def test_seed_persons(extraction) -> None:
    assert sorted(a.name for a in extraction.agents if a.kind.value == "person") == PERSONS


def test_seed_holdings(extraction) -> None:
    assert sorted((h.holder.name, h.office.key) for h in extraction.holdings) == HOLDINGS


def test_seed_statements(extraction) -> None:
    got = [(s.speaker.name, s.mode.name, s.text) for s in extraction.statements]
    assert got == STATEMENTS


def test_seed_statement_spans_and_graph(extraction) -> None:
    from kg.rdf import to_graph

    body = extraction.article.body
    for s in extraction.statements:
        assert body[s.span.begin : s.span.end] == s.text
        assert s.sentence and s.text[:20] in s.sentence
    assert any(
        s.mode is SpeechMode.DIRECT and s.reporting_verb == "post" for s in extraction.statements
    )
    assert len(to_graph(extraction)) > 100
