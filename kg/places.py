"""Names of countries from their ISO 3166-1 alpha-2 codes, the keys of country IRIs.

Backed by pycountry (the ISO 3166 database), with the short names news writing uses where the ISO
name is a formal one ("Russian Federation" is written "Russia").
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

_NEWS_NAMES = {
    "ru": "Russia", "sy": "Syria", "ve": "Venezuela", "md": "Moldova", "vn": "Vietnam",
    "la": "Laos", "tz": "Tanzania", "ps": "Palestine", "bo": "Bolivia", "va": "Vatican City",
    "kr": "South Korea", "kp": "North Korea", "ir": "Iran", "tw": "Taiwan", "us": "United States",
    "gb": "United Kingdom", "cd": "Democratic Republic of the Congo", "cg": "Republic of the Congo",
}


@lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    """Return the English name of the country with this alpha-2 code, or None if unknown.

    >>> country_name("ru"), country_name("DE"), country_name("zz")
    ('Russia', 'Germany', None)
    """
    code = code.lower()
    if code in _NEWS_NAMES:
        return _NEWS_NAMES[code]
    record = pycountry.countries.get(alpha_2=code.upper())
    if record is None:
        return None
    return getattr(record, "common_name", None) or record.name
