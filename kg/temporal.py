"""Resolve the time expressions of news text to calendar dates.

News dates most events relative to the day of publication: "on Wednesday", "yesterday", "next
Tuesday", "Jan. 5". `resolve_date` turns such an expression into a `date`, given the publication
date and whether the event lies ahead (the tense of the clause). An expression that names no single
day ("last week", "earlier this month", "in November") resolves to None: a date is never guessed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    name: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a": 1}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_ABSOLUTE = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b"),
]
_WEEKDAY = re.compile(
    r"\b(?:(?P<rel>last|next|this|coming|this\s+coming|past|this\s+past)\s+)?(?P<wd>"
    + "|".join(WEEKDAYS) + r")\b"
)
_DAYS_AGO = re.compile(r"\b(?P<n>\d+|" + "|".join(_NUMBERS) + r")\s+days?\s+(?P<dir>ago|earlier|later|from\s+now)\b")
# 'an hour earlier', 'minutes ago', 'a few hours later': the same day as the day counted from
_HOURS_AGO = re.compile(r"\b(?:an|a\s+few|few|several|\d+|" + "|".join(_NUMBERS)
                        + r")?\s*(?:minutes?|hours?)\s+(?P<dir>ago|earlier|later)\b")


def resolve_date(expression: str, published: date | None, *, future: bool | None = None,
                 reference: date | None = None) -> date | None:
    """Return the day an expression names, or None when it names no single day.

    `future` is the tense of the clause: True for an event ahead of the publication date ("will
    meet on Monday"), False for one behind it ("met on Monday"), None when unknown (read as past).
    `reference` is the day the narrative is at, when the caller knows it: "two days later" and
    "three days earlier" count from it (they count from the publication date only when no
    reference is given); "two days ago" and "from now" always count from the publication date.

    >>> pub = date(2026, 1, 2)                      # a Friday
    >>> resolve_date("on Wednesday", pub), resolve_date("on Monday", pub, future=True)
    (datetime.date(2025, 12, 31), datetime.date(2026, 1, 5))
    >>> resolve_date("Friday", pub), resolve_date("yesterday", pub), resolve_date("last week", pub)
    (datetime.date(2026, 1, 2), datetime.date(2026, 1, 1), None)
    >>> resolve_date("Dec. 30", pub), resolve_date("February 12, 2025", None)
    (datetime.date(2025, 12, 30), datetime.date(2025, 2, 12))
    >>> resolve_date("about an hour earlier", pub), resolve_date("two hours ago", pub)
    (datetime.date(2026, 1, 2), datetime.date(2026, 1, 2))
    """
    text = " ".join(expression.lower().split())
    absolute = _absolute(text, published, future)
    if absolute is not None or published is None:
        return absolute
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", text):
        return published
    if re.search(r"\b(yesterday|last night)\b", text):
        return published - timedelta(days=1)
    if re.search(r"\btomorrow\b", text):
        return published + timedelta(days=1)
    if match := _DAYS_AGO.search(text):
        n = int(match["n"]) if match["n"].isdigit() else _NUMBERS[match["n"]]
        base = reference if reference is not None and match["dir"] in ("earlier", "later") else published
        return base + timedelta(days=-n if match["dir"] in ("ago", "earlier") else n)
    if match := _HOURS_AGO.search(text):
        return reference if reference is not None and match["dir"] != "ago" else published
    if match := _WEEKDAY.search(text):
        return _weekday(WEEKDAYS.index(match["wd"]), (match["rel"] or "").replace(" ", ""), published,
                        future)
    return None


_AHEAD = re.compile(r"\b(next|coming|upcoming|tomorrow|from now)\b|\blater (this|next)\b", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(that|the same) (day|evening|night|morning|afternoon)\b", re.IGNORECASE)


_UNITS = {"minute": 0, "hour": 0, "day": 1, "week": 7}
_LENGTH = re.compile(
    r"^(?:(?:for|about|around|some|nearly|almost|roughly|more than|less than|over|under|just|the)\s+)*"
    r"(?P<n>\d+|an|" + "|".join(_NUMBERS) + r"|several|a few|few|many)?[\s-]*"
    r"(?P<unit>minute|hour|day|week|month|year)s?(?:[\s-]+long)?$"
)


def duration(expression: str) -> bool:
    """The expression is a length of time, not a point in it: 'about 90 minutes', 'two hours',
    'three days', 'a week-long'. It dates nothing by itself."""
    return bool(_LENGTH.match(" ".join(expression.lower().split())))


def length_in_days(expression: str) -> int | None:
    """Whole days in a length of time: 'ten days' -> 10, 'two weeks' -> 14, 'a week' -> 7, 'hours'
    -> 0 (the same day); None for months and years or a length with no number ('several days'),
    which name no single day."""
    match = _LENGTH.match(" ".join(expression.lower().split()))
    if not match or match["unit"] not in _UNITS:
        return None
    n = match["n"]
    if n is None:
        return 0 if match["unit"] in ("minute", "hour") else None
    count = int(n) if n.isdigit() else _NUMBERS.get(n, 1 if n == "an" else None)
    if count is None:
        return 0 if match["unit"] in ("minute", "hour") else None
    return count * _UNITS[match["unit"]]


def points_ahead(expression: str) -> bool:
    """The expression points past the publication date: 'next week', 'tomorrow', 'later this
    month'."""
    return bool(_AHEAD.search(expression))


def narrative_day(expression: str) -> bool:
    """The expression names the day the narrative is at, not one of its own: 'that evening',
    'later that day', 'the same day'."""
    return bool(_SAME_DAY.search(expression))


def _weekday(wd: int, rel: str, published: date, future: bool | None) -> date:
    back = (published.weekday() - wd) % 7          # days back to the latest such weekday (0 = today)
    ahead = (wd - published.weekday()) % 7         # days ahead to the next one (0 = today)
    if rel == "last":  # that day of the previous calendar week ('yesterday' is not 'last Thursday')
        return published - timedelta(days=published.weekday()) - timedelta(days=7 - wd)
    if rel in ("past", "thispast"):
        return published - timedelta(days=back or 7)
    if rel == "next":  # that day of the next calendar week (weeks start on Monday)
        return published - timedelta(days=published.weekday()) + timedelta(days=7 + wd)
    if rel in ("coming", "thiscoming") or future:
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


def _absolute(text: str, published: date | None, future: bool | None) -> date | None:
    for pattern in _ABSOLUTE:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"]]
        day = int(groups["day"])
        if groups.get("year"):
            return _safe_date(int(groups["year"]), month, day)
        if published is None:
            return None
        weekday = _WEEKDAY.search(text)
        if weekday and not weekday["rel"]:  # 'Thursday, January 29': the year whose Jan 29 is one
            named = WEEKDAYS.index(weekday["wd"])
            fitting = [d for y in (published.year - 1, published.year, published.year + 1)
                       if (d := _safe_date(y, month, day)) is not None and d.weekday() == named]
            if fitting:
                return min(fitting, key=lambda d: abs((d - published).days))
        return _nearest_year(month, day, published, future)
    return None


def _nearest_year(month: int, day: int, published: date, future: bool | None) -> date | None:
    """A month and day without a year: the occurrence nearest the publication date."""
    options = [d for y in (published.year - 1, published.year, published.year + 1)
               if (d := _safe_date(y, month, day)) is not None]
    if future is True:
        options = [d for d in options if d >= published] or options
    elif future is False:
        options = [d for d in options if d <= published] or options
    return min(options, key=lambda d: abs((d - published).days), default=None)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
