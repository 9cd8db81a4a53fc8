"""Read publication dates: from metadata values, and the latest full date printed in a text."""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)([-./])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"),
)


def parse_date(value: object) -> date | None:
    """Read a date from a metadata value: ISO 8601, RFC 822, 'February 12, 2025', epoch seconds.

    >>> parse_date("2025-02-12T20:15:00Z")
    datetime.date(2025, 2, 12)
    >>> parse_date("Wed, 12 Feb 2025 20:15:00 GMT")
    datetime.date(2025, 2, 12)
    >>> parse_date("Published: 12 February 2025, 20:15")
    datetime.date(2025, 2, 12)
    >>> parse_date(1739390400)
    datetime.date(2025, 2, 12)
    >>> parse_date("soon") is None
    True
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", text):
        return _from_epoch(float(text))
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    return next(find_dates(text), None)


def _from_epoch(seconds: float) -> date | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def find_dates(text: str) -> Iterator[date]:
    """Yield every full (day, month, year) date printed in `text`, in no particular order.

    >>> sorted(find_dates("On Jan. 2, 2026 and 28 October 2025, also 2025.12.30; not 2025."))
    [datetime.date(2025, 10, 28), datetime.date(2025, 12, 30), datetime.date(2026, 1, 2)]
    """
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            month = match.group("month")
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                yield date(int(match.group("year")), number, int(match.group("day")))
            except ValueError:
                continue


def latest_date(text: str, *, today: date | None = None) -> date | None:
    """Return the latest full date in `text` that is not in the future, or None.

    An article cannot be published after it is read, so later dates (events announced for the
    future) are ignored.

    >>> text = "Met on February 12, 2025; talks set for March 3, 2031."
    >>> latest_date(text, today=date(2026, 1, 1))
    datetime.date(2025, 2, 12)
    """
    limit = (today or datetime.now(tz=UTC).date()) + timedelta(days=1)
    return max((found for found in find_dates(text) if found <= limit), default=None)
