"""The extraction runs one way (issue 14): an article enters each stage once, in order, and no
stage changes a value an earlier stage produced.

A stage is entered when one of its module-level functions or hand-written constructors is called
from outside the stage; making a value of a stage's dataclass, or reading a value a stage returned (`people.at(...)`, `offices.of(...)`) is not entering
it. The pure helpers (`text`, `titles`, `dates`, `syntax`, `lexicon`, the value types of `forms.base`) may be
called from any stage.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import pytest

from kg.extract import extract
from kg.model import Article
from tests.conftest import REPO

ARTICLES = sorted([*(REPO / "tests/data/corpus").glob("*.txt"), *(REPO / "examples/articles").glob("*.txt")])

STAGES = ("quotes", "parse", "people", "offices", "cues", "forms", "speakers", "attribute",
          "meetings", "build")
OWN_HELPERS = {"forms.": "forms", "meeting_facts": "meetings", "groups": "meetings"}
HELPERS = ("text", "titles", "dates", "syntax", "lexicon", "forms.base")
CHECKED = ("people", "offices", "cues", "forms", "meetings")


def _stage(module: str) -> str | None:
    """The stage a module of kg.extract belongs to (None for a helper or the orchestrator)."""
    if not module.startswith("kg.extract."):
        return None
    name = module.removeprefix("kg.extract.")
    if any(name == h or name.startswith(h + ".") for h in HELPERS):
        return None
    for prefix, stage in OWN_HELPERS.items():
        if name.startswith(prefix):
            return stage
    return name if name in STAGES else f"unknown stage module {name}"


def _article(path: Path) -> Article:
    headline, _, body = path.read_text(encoding="utf-8").partition("\n")
    return Article(body=body.strip("\n"), source=path.name, headline=headline)


def _trace(article: Article, nlp) -> tuple[list[tuple[str, str, str]], dict[str, list]]:
    """Stage entries in order (stage, function, calling module), and the values the stages in
    CHECKED returned, kept by reference, with what they held as they were returned."""
    entries: list[tuple[str, str, str]] = []
    produced: dict[str, list] = {}

    def profile(frame, event, arg):
        module = frame.f_globals.get("__name__", "")
        stage = _stage(module)
        if stage is None:
            return
        name = frame.f_code.co_qualname
        if name == "<module>" or name.startswith("__create_fn__"):
            return  # an import, or a dataclass's own __init__: making a value, no stage's logic
        if "." in name and not name.endswith(".__init__"):
            return  # a method of a value: reading what a stage produced
        caller = frame.f_back.f_globals.get("__name__", "") if frame.f_back else ""
        if _stage(caller) == stage:
            return
        if event == "call":
            entries.append((stage, name, caller))
        elif event == "return":
            value = frame.f_locals.get("self") if name.endswith(".__init__") else arg
            if value is not None and stage in CHECKED:
                produced.setdefault(stage, []).append((value, _state(value)))

    sys.setprofile(profile)
    try:
        extract(article, nlp)
    finally:
        sys.setprofile(None)
    return entries, produced


def _state(value) -> str:
    """What a value holds, as text: its fields, recursively (spaCy tokens and spans as their
    text, enum members as themselves; the parse and the values of other stages that a value
    refers to are left out)."""
    if isinstance(value, Enum):
        return repr(value)
    if hasattr(value, "__dict__"):
        return repr(sorted((k, _state(v)) for k, v in vars(value).items()
                           if k not in ("parsed", "people", "offices", "quotes", "_propn")))
    if isinstance(value, (list, tuple)):
        return repr([_state(v) for v in value])
    if isinstance(value, dict):
        return repr(sorted(((_state(k), _state(v)) for k, v in value.items())))
    if isinstance(value, (set, frozenset)):
        return repr(sorted(_state(v) for v in value))
    return repr(value)


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_an_article_enters_each_stage_once_in_order(nlp, path: Path) -> None:
    entries, _ = _trace(_article(path), nlp)
    order = [stage for stage, _, _ in entries]
    assert not [s for s in order if s.startswith("unknown")], order
    backwards = [(entries[i - 1], entries[i]) for i in range(1, len(entries))
                 if STAGES.index(order[i]) < STAGES.index(order[i - 1])]
    assert backwards == [], "a stage returned to after it was left"
    assert [s for s in dict.fromkeys(order)] == [s for s in STAGES if s in order]
    assert {"quotes", "parse", "people", "offices", "forms", "build"} <= set(order)


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_no_stage_changes_what_an_earlier_stage_produced(nlp, path: Path) -> None:
    _, produced = _trace(_article(path), nlp)
    for stage in CHECKED:
        for value, as_returned in produced.get(stage, []):
            assert _state(value) == as_returned, f"{stage}'s value changed after it returned"


def test_a_stage_that_calls_back_into_an_earlier_one_is_caught() -> None:
    entries = [("offices", "find_titles", "kg.extract"), ("people", "mentions_again", "kg.extract.speakers")]
    order = [s for s, _, _ in entries]
    assert STAGES.index(order[1]) < STAGES.index(order[0])
    assert _stage("kg.extract.forms.labels") == "forms"
    assert _stage("kg.extract.titles") is None
    assert _stage("kg.extract.syntax") is None
    assert _stage("kg.extract.newthing").startswith("unknown")
