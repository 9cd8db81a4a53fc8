"""When a statement was made: a time expression next to its cue, resolved against the article date.

News reports speech in the past, so a weekday names the latest such day on or before the
publication date ("said on Wednesday"); "today", "yesterday" and "Month D" are resolved too.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}

TIME_EXPRESSION = re.compile(
    r"\b(?:(?:on|last|this|late|early)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?P<rel>today|yesterday|tonight|this morning|this afternoon|this evening|last night)\b"
    r"|\b(?:on\s+)?(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+"
    r"(?P<day>\d{1,2})\b(?:,?\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)


def resolve(match: re.Match[str], published: date) -> date | None:
    """The date a time expression names, seen from an article published on `published`.

    >>> m = TIME_EXPRESSION.search("said on Wednesday")
    >>> resolve(m, date(2025, 2, 14))
    datetime.date(2025, 2, 12)
    >>> resolve(TIME_EXPRESSION.search("said yesterday"), date(2025, 2, 14))
    datetime.date(2025, 2, 13)
    >>> resolve(TIME_EXPRESSION.search("told reporters on Dec. 30"), date(2026, 1, 2))
    datetime.date(2025, 12, 30)
    """
    if match.group("weekday"):
        target = WEEKDAYS.index(match.group("weekday").lower())
        return published - timedelta(days=(published.weekday() - target) % 7)
    rel = (match.group("rel") or "").lower()
    if rel == "yesterday" or rel == "last night":
        return published - timedelta(days=1)
    if rel:
        return published
    if match.group("month"):
        month = _MONTH_ABBR[
            match.group("month").lower()[:4]
            if match.group("month").lower() == "sept"
            else match.group("month").lower()[:3]
        ]
        year = int(match.group("year")) if match.group("year") else published.year
        try:
            found = date(year, month, int(match.group("day")))
        except ValueError:
            return None
        if not match.group("year") and found > published:
            found = date(year - 1, month, found.day)
        return found
    return None


def stated_on(
    text: str, ranges: list[tuple[int, int]], published: date | None
) -> tuple[date | None, str | None]:
    """The first resolvable time expression inside `ranges` of `text` (the cue's own adjuncts)."""
    if published is None:
        return None, None
    for begin, end in ranges:
        for m in TIME_EXPRESSION.finditer(text, begin, end):
            found = resolve(m, published)
            if found is not None:
                return found, m.group(0)
    return None, None
