"""Wikidata QIDs of countries and international organisations, from the table newskg ships.

`kg/data/wikidata.tsv` is made by `scripts/build_wikidata_table.py` from rigour's territory list
(OpenSanctions, MIT), checked against Natural Earth; its header records the sources, versions and
every decision. This module only reads it. Matching is exact, never fuzzy: a country node by its
ISO 3166-1 alpha-2 code, a place or organisation by a name in the table after folding case,
accents, punctuation and a leading "the" (`kg.identity.slug`). Codes are not names ("IS" is not
Iceland), a name two entries share is not used, and a few names that news also uses for something
else are never linked on their own (`NOT_BY_NAME`). Persons and offices are not in this table:
heads of state and government and their offices are linked through `kg.leaders`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.identity import slug
from kg.paths import wikidata_table

# Names that are in the table but also name something else in news, so never linked on their own
# (a country node is still linked by its ISO code).
NOT_BY_NAME = {
    "georgia": "also a US state",
    "congo": "two countries, the Republic of the Congo and the Democratic Republic of the Congo",
}

PLACE_KINDS = frozenset({"country", "territory"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the table."""

    qid: str
    kind: str  # "country", "territory" (ISO-coded, not a sovereign state) or "organization"
    alpha2: str | None
    alpha3: str | None
    name: str
    alt_names: tuple[str, ...]


def name_key(name: str) -> str:
    """The form names are matched in: `slug` without a leading "the".

    >>> name_key("the United  States"), name_key("Côte d’Ivoire"), name_key("U.K.")
    ('united-states', 'cote-divoire', 'u-k')
    """
    return slug(name).removeprefix("the-")


@dataclass(frozen=True, slots=True)
class _Table:
    header: tuple[str, ...]
    entries: tuple[Entry, ...]
    by_code: dict[str, Entry]
    by_name: dict[str, Entry]


@lru_cache(maxsize=1)
def _table() -> _Table:
    header: list[str] = []
    entries: list[Entry] = []
    with wikidata_table().open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("#"):
                header.append(line[1:].strip())
                continue
            qid, kind, alpha2, alpha3, name, alts = line.split("\t")
            if qid == "qid":  # the column names
                continue
            entries.append(Entry(qid, kind, alpha2 or None, alpha3 or None, name,
                                 tuple(a for a in alts.split("|") if a)))
    by_code = {e.alpha2: e for e in entries if e.alpha2}
    candidates: dict[str, set[str]] = {}
    by_qid = {e.qid: e for e in entries}
    for e in entries:
        for n in (e.name, *e.alt_names):
            candidates.setdefault(name_key(n), set()).add(e.qid)
    by_name = {key: by_qid[next(iter(qids))] for key, qids in candidates.items()
               if len(qids) == 1 and key not in NOT_BY_NAME}
    return _Table(tuple(header), tuple(entries), by_code, by_name)


def entries() -> tuple[Entry, ...]:
    """Return every row of the table."""
    return _table().entries


def provenance() -> tuple[str, ...]:
    """Return the table's header lines (sources, versions, decisions), without the '#'."""
    return _table().header


def by_code(alpha2: str) -> Entry | None:
    """Return the country or territory with this ISO 3166-1 alpha-2 code.

    >>> by_code("RU").qid, by_code("zz")
    ('Q159', None)
    """
    return _table().by_code.get(alpha2.lower())


def by_name(name: str, kinds: frozenset[str] | None = None) -> Entry | None:
    """Return the entry one of whose names is `name` (see `name_key`), of one of `kinds` if given.

    >>> by_name("Russian Federation").qid, by_name("the EU").qid, by_name("Brussels")
    ('Q159', 'Q458', None)
    """
    entry = _table().by_name.get(name_key(name))
    if entry is None or (kinds is not None and entry.kind not in kinds):
        return None
    return entry


def place_qid(name: str) -> str | None:
    """QID of a place named `name` if it is a country or ISO-coded territory, else None."""
    entry = by_name(name, PLACE_KINDS)
    return entry.qid if entry else None


def organization_qid(name: str) -> str | None:
    """QID of an organisation named `name`: a country acting as one ("Russia") or EU/UN."""
    entry = by_name(name)
    return entry.qid if entry else None
