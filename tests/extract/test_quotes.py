"""Quotation spans (kg.extract.quotes): pure text, no spaCy."""

from __future__ import annotations

from kg.extract.quotes import find_quotes
from kg.extract.text import paragraphs


def inner(text: str) -> list[str]:
    return [q.inner(text) for q in find_quotes(text)]


def test_curly_and_straight_double_quotes() -> None:
    text = '“The river is rising,” she said. He replied: "We are ready."'
    assert inner(text) == ["The river is rising,", "We are ready."]


def test_split_quote_gives_two_spans() -> None:
    text = "“We will rebuild the bridge,” the mayor said, “and we will do it before winter.”"
    assert inner(text) == ["We will rebuild the bridge,", "and we will do it before winter."]


def test_open_paragraph_runs_to_its_end_and_next_paragraph_reopens() -> None:
    text = "“The budget is balanced. We cut waste.\n\n“Next year we invest in schools,” he said."
    quotes = find_quotes(text)
    assert [(q.inner(text), q.closed) for q in quotes] == [
        ("The budget is balanced. We cut waste.", False),
        ("Next year we invest in schools,", True),
    ]


def test_single_quotes_in_a_headline_but_not_apostrophes() -> None:
    text = "Farmers' union calls tariff plan ‘a disaster’ as talks don’t resume"
    assert inner(text) == ["a disaster"]
    assert inner("Minister's plan is 'dead on arrival', rivals say") == ["dead on arrival"]


def test_single_quotes_inside_double_quotes_are_not_separate() -> None:
    text = "“They called it ‘a betrayal’ and left,” she said."
    assert inner(text) == ["They called it ‘a betrayal’ and left,"]


def test_glued_paragraphs_keep_curly_pairs() -> None:
    text = "he said.“I am sorry,” he added.“It will not happen again.”"
    assert inner(text) == ["I am sorry,", "It will not happen again."]


def test_paragraphs_skip_blank_lines() -> None:
    assert paragraphs("one\n\n  two  \n") == [(0, 3), (7, 10)]
