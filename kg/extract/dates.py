"""When a statement was made: a time expression next to its cue, resolved against the article date.

This module only finds the expression among the cue's own adjuncts; what day it names is
`kg.temporal`'s to say (news reports speech in the past, so "said on Wednesday" names the latest
Wednesday on or before the publication date).
"""

from __future__ import annotations

import re
from datetime import date

from kg.temporal import resolve_date

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
