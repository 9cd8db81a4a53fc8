"""Attribution forms: one module per way a news text attributes words to a speaker, and the table
that orders them.

Each form is a module with `find(ctx, claimed) -> Found` (kg.extract.forms.base): it reads the
article through one `Context`, skips the quotes that forms before it in `FORMS` claimed, and
returns its candidates and the quotes it claims. The table is the one place that states the
precedence between forms: a quote goes to the first form that claims it; candidates come out in
document order, ties in table order. `where` says which text a form reads: the article's own
text (a candidate inside an embedded post is left out), or anywhere. A form with `yields` set
gives way to any earlier candidate that covers where its own starts; a form with `exclusive` set
owns the text its candidates cover: later forms' candidates that start inside it are left out.

To add a form: write `forms/NAME.py` with `find` and a docstring holding an example sentence,
and add one row here at its place in the precedence. Its example is tested
(tests/extract/test_forms.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kg.extract.forms import (
    according,
    adjacent,
    colon,
    described,
    floating,
    headline,
    labels,
    nouns,
    parenthetical,
    perspective,
    posts,
    reported,
)
from kg.extract.forms.base import Candidate, Context, FindFn


@dataclass(frozen=True, slots=True)
class Form:
    """One row of the table: a form's name, its finder, an example sentence with the statement it
    gives, which text it reads, and whether it yields to earlier candidates."""

    name: str
    find: FindFn
    example: tuple[str, str]
    where: Literal["text", "anywhere"] = "text"
    yields: bool = False
    exclusive: bool = False


FORMS: tuple[Form, ...] = (
    Form("speaker label", labels.find, labels.EXAMPLE, exclusive=True),  # NAME: ... (transcripts)
    Form("reported clause", reported.find, reported.EXAMPLE),    # X said (that) ...
    Form("parenthetical", parenthetical.find, parenthetical.EXAMPLE),  # A, X said, B.
    Form("according to", according.find, according.EXAMPLE),     # ..., according to X
    Form("described", described.find, described.EXAMPLE),        # X called it "..."
    Form("speech noun", nouns.find, nouns.EXAMPLE),              # X's warning that ...
    Form("perspective", perspective.find, perspective.EXAMPLE),  # For X, A is "..."
    Form("adjacent quote", adjacent.find, adjacent.EXAMPLE),     # "...," X said
    Form("colon quote", colon.find, colon.EXAMPLE),              # X made a joke: "..."
    Form("floating quote", floating.find, floating.EXAMPLE),     # "..." with no cue
    Form("embedded post", posts.find, posts.EXAMPLE, where="anywhere"),
    Form("headline colon", headline.find, headline.EXAMPLE, where="anywhere", yields=True),
)


def find_candidates(ctx: Context, forms: tuple[Form, ...] = FORMS) -> tuple[Candidate, ...]:
    """Every form's candidates, in document order (ties in table order)."""
    claimed: frozenset[int] = frozenset()
    out: list[Candidate] = []
    owned: list[Candidate] = []
    for form in forms:
        found = form.find(ctx, claimed)
        claimed |= found.claimed
        candidates = tuple(c for c in found.candidates
                           if not any(o.begin <= c.begin < o.end for o in owned))
        if form.where == "text":
            candidates = tuple(c for c in candidates if not ctx.in_post(c.begin))
        if form.yields:
            candidates = tuple(c for c in candidates
                               if not any(o.begin <= c.begin < o.end for o in out))
        out.extend(candidates)
        if form.exclusive:
            owned.extend(candidates)
    return tuple(sorted(out, key=lambda c: c.begin))
