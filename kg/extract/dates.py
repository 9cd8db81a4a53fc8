"""When: the day a statement was made or a meeting held, from the time expressions printed
with it, resolved against the article date (one module for both, issue 14).

This module only finds the expressions; what day one names is `kg.temporal`'s to say (news
reports speech in the past, so "said on Wednesday" names the latest Wednesday on or before the
publication date; a meeting planned "on Wednesday" is the next one). The two readings find their
expressions differently, on purpose:

- statements (`stated_on`): a regular expression over the cue's own adjuncts ('said on Friday',
  'told reporters Monday'): the weekdays, relative days and month-days news prints there;
- meetings (`clause_date`, `sequence_date`, `event_days`, `lies_ahead`): spaCy's DATE and TIME
  entities of the meeting's clause and the clauses that govern it, which also name the weeks,
  months and distances a meeting is placed by ('next week', 'in November', 'two days after').
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span, Token

from kg.extract.syntax import CLAUSAL
from kg.temporal import duration, length_in_days, narrative_day, points_ahead, resolve_date

TIME_EXPRESSION = re.compile(
    r"\b(?:(?:on|last|this|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:today|yesterday|tonight|this morning|this afternoon|this evening|last night)\b"
    r"|\b(?:on\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+"
    r"\d{1,2}\b(?:,?\s+\d{4})?",
    re.IGNORECASE,
)


def stated_on(
    text: str, ranges: list[tuple[int, int]], published: date | None
) -> tuple[date | None, str | None]:
    """The first resolvable time expression inside `ranges` of `text` (the cue's own adjuncts).

    >>> text = "Lee told reporters on Dec. 30 that talks went well."
    >>> stated_on(text, [(0, len(text))], date(2026, 1, 2))
    (datetime.date(2025, 12, 30), 'on Dec. 30')
    >>> stated_on("She said on Wednesday", [(0, 21)], date(2025, 2, 14))
    (datetime.date(2025, 2, 12), 'on Wednesday')
    """
    if published is None:
        return None, None
    for begin, end in ranges:
        for m in TIME_EXPRESSION.finditer(text, begin, end):
            found = resolve_date(m.group(0), published, future=False)
            if found is not None:
                return found, m.group(0)
    return None, None


MONTHS = ("january february march april may june july august september october november "
          "december").split()


def month_ahead(expression: str | None, published: date | None) -> bool:
    """A month with no day that lies after the publication's ('in November' said in May, 'in
    March 2027'): a time ahead, though no day can be given."""
    if not expression or published is None:
        return False
    words = expression.lower().replace(",", " ").split()
    month = next((MONTHS.index(w) + 1 for w in words if w in MONTHS), None)
    if month is None or any(w.isdigit() and len(w) <= 2 for w in words):
        return False  # no month, or a day of it ('November 3'): resolve_date reads those
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4), published.year)
    return (year, month) > (published.year, published.month)


DATE_LABELS = ("DATE", "TIME")


def _expressions(sent: Span, inside) -> list[Span]:
    """The sentence's date and time entities that `inside` keeps and that name a time: not the
    narrative's own steps ('later', 'then') nor a length of time ('talks lasting 90 minutes')."""
    return [e for e in sent.ents if e.label_ in DATE_LABELS and inside(e)
            and not narrative_day(e.text) and not duration(e.text)]


def event_days(sent: Span, published: date | None,
               reference: date | None = None) -> list[tuple[int, date, Token]]:
    """The days the sentence's date expressions name for the events of its clauses, in order:
    (where the expression starts, the day, the verb it dates), for each expression a verb
    governs ('met on Monday', 'said Tuesday'; not a noun's: 'ahead of their meeting on
    Wednesday') that names a day no later than publication, read as past."""
    out = []
    for ent in sent.ents:
        if ent.label_ not in DATE_LABELS:
            continue
        verb = ent.root.head  # 'met on Monday', 'said Tuesday': the date of a clause's event,
        if verb.dep_ == "prep":  # not of a noun ('ahead of their meeting on Wednesday')
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        resolved = resolve_date(ent.text, published, future=False, reference=reference)
        if resolved is not None and (published is None or resolved <= published):
            out.append((ent.start, resolved, verb))
    return out


def lies_ahead(expression: str, day: date | None, published: date | None) -> bool:
    """The expression points ahead of publication: 'next week', a later month ('in November'
    said in May), or a day after it ('on Jan. 29' printed before then).

    >>> published = date(2025, 5, 14)
    >>> [lies_ahead(e, None, published) for e in ("next week", "in November", "in March")]
    [True, True, False]
    >>> lies_ahead("on Jan. 29", date(2026, 1, 29), published), lies_ahead("Monday", date(2025, 5, 12), published)
    (True, False)
    """
    return points_ahead(expression) or month_ahead(expression, published) or (
        day is not None and published is not None and day > published)


def clause_date(tok, scopes, sent, published, future, reference=None) -> tuple[str | None, date | None]:
    """The date expression of the meeting: in the trigger's own phrase first, then in the
    clauses that govern it; resolved against the publication date and the tense ('two days
    later' against the narrative's reference day). A length of time ('talks lasting about 90
    minutes') is no date."""
    for scope in scopes:
        inside = {t.i for t in scope}
        ents = _expressions(sent, lambda e: e.root.i in inside)
        for ent in sorted(ents, key=lambda e: abs(e.start - tok.i)):
            day = resolve_date(ent.text, published, future=future, reference=reference)
            if day is not None:
                return ent.text, day
        if ents:  # its own expression names no day ('next week'): no other clause's day instead
            return min(ents, key=lambda e: abs(e.start - tok.i)).text, None
    return None, None


SEQUENCE_WORDS = ("after", "before")


def _measure(node: Token) -> tuple[str, int] | None:
    """A length of time hung on the node: 'two days (after)', 'a week (before)'."""
    for c in node.children:
        if c.dep_ == "npadvmod" and c.ent_type_ in DATE_LABELS:
            ent = next((e for e in c.doc.ents if e.start <= c.i < e.end), None)
            text = ent.text if ent is not None else c.text
            days = length_in_days(text)
            if days is not None:
                return text, days
    return None


def sequence(tok: Token, support: Token | None) -> tuple[int, str, Token, Token] | None:
    """A meeting dated by its distance from another event: 'the deal came ten days after X met
    Y' (the meeting ten days before the deal), 'three days before he met Y, X resigned on
    Friday' (three days after the Friday). Returns the days to add to the other event's day,
    the expression, the clause or phrase the meeting is in ('after X met Y') and the verb of the
    other event."""
    if tok.dep_ == "pobj" and tok.head.lower_ in SEQUENCE_WORDS and tok.head.dep_ == "prep":
        prep, head = tok.head, tok.head.head  # 'signed a week after the summit'
        measure = _measure(prep) or _measure(head)
        if measure is not None:
            return (-1 if prep.lower_ == "after" else 1) * measure[1], f"{measure[0]} {prep.lower_}", prep, head
    node = support if support is not None else tok
    for _ in range(4):
        mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in SEQUENCE_WORDS), None)
        if mark is not None and node.dep_ == "advcl" and (measure := _measure(mark) or _measure(node)) is not None:
            return (-1 if mark.lower_ == "after" else 1) * measure[1], f"{measure[0]} {mark.lower_}", node, node.head
        if node.dep_ not in CLAUSAL | {"prep", "pobj"} or node.head.i == node.i:
            return None
        node = node.head
    return None


def sequence_date(tok, support, sent, published, future, reference) -> tuple[str, date | None] | None:
    """The date of a meeting placed at a distance from another event (`sequence`): that event's
    day, from a date expression of its own clause outside the meeting's ('The postponement,
    announced on Thursday, came two days after ...') or else the day the narrative is at, moved
    by the distance."""
    found = sequence(tok, support)
    if found is None:
        return None
    shift, expression, clause, head = found
    apart = {t.i for t in clause.subtree}
    ents = _expressions(sent, lambda e: e.root.i not in apart)
    base = None
    for ent in sorted(ents, key=lambda e: abs(e.start - head.i)):
        base = resolve_date(ent.text, published, future=future, reference=reference)
        if base is not None:
            break
    if base is None and not future:
        base = reference
    return expression, (base + timedelta(days=shift) if base is not None else None)
