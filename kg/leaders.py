"""Heads of state and government with their Wikidata QIDs, from the tables newskg ships.

`kg/data/leaders/*.tsv` are made by `scripts/build_leaders_table.py` from two dated offline tables
(a Wikidata export of 2022-10, CC0; a snapshot of 2026-08 of 30 countries and unions, CC BY-SA 4.0,
kept in a file of its own); their headers record the sources, commits, licences and every rule.
This module only reads them, and answers two questions:

* `position_qid(key)`: the QID of the position an office key answers to
  (`us.president` -> Q11696);
* `holder(names, key, on)`: the QID of the person who held that office on that day, if one of
  `names` is theirs. A namesake in another office, or the right person on a day outside the
  holding, gets nothing.

Matching is exact, never fuzzy: the office key is one of a row's keys; a name equals one of the
holder's names after `kg.identity.name_fold` (a holder's names are every name either table gives
that QID); the day falls inside [start, end], years inclusive where only years are known. A holding
with no start never matches. An end left empty means none was recorded as of the table's date, and
the holding is taken as ongoing, except that a newer table naming someone else in the same position
ends it, at the latest, on the day that successor started (or on the newer table's date, when it
gives no start). An answer two rows disagree on (two
QIDs) is no answer. `link_leaders(extraction)` applies this to one article: a person is linked only
through an office the article reports them holding, on the article's publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from kg.identity import name_fold
from kg.model import Extraction, Office
from kg.paths import leaders_tables

Bound = date | int  # a day, or a year where the table gives only the year


@dataclass(frozen=True, slots=True)
class Table:
    """One shipped table: its id (`id/dataset/{id}`) and what its header says of its source."""

    id: str
    title: str
    source: str  # the source's URL at the commit the table was made from
    as_of: date  # the date the source's facts are as of
    licence: str  # the licence's URL
    attribution: str | None
    header: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Holding:
    """One row: a person in a position from `start` to `end` (a year or a day; None: unknown)."""

    table: str
    position_qid: str | None
    position: str
    jurisdiction: str | None
    organization: str | None
    offices: tuple[str, ...]
    holder_qid: str
    holder: str
    other_names: tuple[str, ...]
    start: Bound | None
    end: Bound | None

    def covers(self, day: date) -> bool:
        """Whether `day` falls inside the holding, years inclusive.

        >>> h = Holding("t", None, "P", "us", None, ("us.p",), "Q1", "A B", (), 2019, None)
        >>> h.covers(date(2019, 1, 1)), h.covers(date(2030, 5, 1)), h.covers(date(2018, 12, 31))
        (True, True, False)
        """
        if self.start is None or day < first_day(self.start):
            return False
        return self.end is None or day <= last_day(self.end)


@dataclass(frozen=True, slots=True)
class Match:
    """An answer and where it came from: `start` is the holding's first day where a table gives it."""

    qid: str
    start: date | None
    tables: tuple[str, ...]


def first_day(bound: Bound) -> date:
    return bound if isinstance(bound, date) else date(bound, 1, 1)


def last_day(bound: Bound) -> date:
    return bound if isinstance(bound, date) else date(bound, 12, 31)


def _bound(text: str) -> Bound | None:
    if not text:
        return None
    return int(text) if len(text) == 4 else date.fromisoformat(text)


_URL = re.compile(r"https?://[^\s,;]+")


def _table(path: Path) -> tuple[Table, list[Holding]]:
    """Read one shipped table: its header and its rows (I/O)."""
    header: list[str] = []
    fields: dict[str, str] = {}
    holdings: list[Holding] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("#"):
                text = line[1:].strip()
                header.append(text)
                key, _, value = text.partition(": ")
                fields.setdefault(key, value)
                continue
            cells = line.split("\t")
            if cells[0] == "position_qid":  # the column names
                continue
            qid, position, jur, org, offices, holder_qid, holder, others, start, end = cells
            holdings.append(Holding(fields["table"], qid or None, position, jur or None,
                                    org or None, tuple(offices.split("|")), holder_qid, holder,
                                    tuple(n for n in others.split("|") if n), _bound(start),
                                    _bound(end)))
    table = Table(fields["table"], fields["title"], _URL.search(fields["source"]).group(),
                  date.fromisoformat(fields["as of"]), _URL.search(fields["licence"]).group(),
                  fields.get("attribution"), tuple(header))
    return table, holdings


@dataclass(frozen=True, slots=True)
class _Index:
    tables: dict[str, Table]
    holdings: tuple[Holding, ...]
    by_office: dict[str, tuple[Holding, ...]]
    names: dict[str, frozenset[str]]  # holder QID -> every folded name either table gives it


@lru_cache(maxsize=1)
def _index() -> _Index:
    tables: dict[str, Table] = {}
    holdings: list[Holding] = []
    for path in leaders_tables():
        table, rows = _table(path)
        tables[table.id] = table
        holdings += rows
    holdings = _ended_by_successors(holdings, tables)
    by_office: dict[str, list[Holding]] = {}
    names: dict[str, set[str]] = {}
    for h in holdings:
        for key in h.offices:
            by_office.setdefault(key, []).append(h)
        names.setdefault(h.holder_qid, set()).update(name_fold(n) for n in (h.holder, *h.other_names))
    return _Index(tables, tuple(holdings), {k: tuple(v) for k, v in by_office.items()},
                  {k: frozenset(v) for k, v in names.items()})


def _same_position(a: Holding, b: Holding) -> bool:
    if a.position_qid and b.position_qid:
        return a.position_qid == b.position_qid
    return bool(set(a.offices) & set(b.offices))


def _ended_by_successors(holdings: list[Holding], tables: Mapping[str, Table]) -> list[Holding]:
    """An open holding of an older table ends, at the latest, when a newer table's holding of the
    same position by someone else starts, or on the newer table's date when it gives no start:
    the newer table names who held the position on its date."""
    out = []
    for h in holdings:
        if h.end is None and h.start is not None:
            ends = [s.start if s.start is not None else tables[s.table].as_of for s in holdings
                    if tables[s.table].as_of > tables[h.table].as_of
                    and s.holder_qid != h.holder_qid and _same_position(h, s)
                    and (s.start is None or first_day(s.start) > last_day(h.start))]
            if ends:
                h = replace(h, end=min(ends, key=first_day))
        out.append(h)
    return out


def tables() -> tuple[Table, ...]:
    """Every shipped table, oldest first."""
    return tuple(sorted(_index().tables.values(), key=lambda t: t.as_of))


def holdings() -> tuple[Holding, ...]:
    """Every row of every table, with the ends successors give (see the module's docstring)."""
    return _index().holdings


def position_qid(key: str) -> Match | None:
    """The position an office key answers to, if the tables give it one QID.

    >>> position_qid("us.president").qid, position_qid("us.secretary-of-defense")
    ('Q11696', None)
    """
    rows = _index().by_office.get(key, ())
    qids = {h.position_qid for h in rows if h.position_qid}
    if len(qids) != 1:
        return None
    qid = qids.pop()
    return Match(qid, None, tuple(sorted({h.table for h in rows if h.position_qid == qid})))


def holder(names: Iterable[str], key: str, on: date) -> Match | None:
    """The person holding the office `key` on the day `on`, if one of `names` is theirs.

    >>> holder(["Donald Trump"], "us.president", date(2025, 2, 12)).qid
    'Q22686'
    >>> holder(["Donald Trump"], "us.president", date(2022, 2, 12)) is None
    True
    """
    index = _index()
    folded = {name_fold(n) for n in names if n.strip()}
    hits = [h for h in index.by_office.get(key, ())
            if h.covers(on) and folded & index.names[h.holder_qid]]
    qids = {h.holder_qid for h in hits}
    if len(qids) != 1:
        return None
    days = {h.start for h in hits if isinstance(h.start, date)}
    return Match(qids.pop(), days.pop() if len(days) == 1 else None,
                 tuple(sorted({h.table for h in hits})))


@dataclass(frozen=True, slots=True)
class Links:
    """What one article's graph links: persons by their agent key, offices by their key, the start
    days of holdings by (agent key, office key), and the tables all of it came from."""

    persons: Mapping[str, str]
    offices: Mapping[str, str]
    starts: Mapping[tuple[str, str], date]
    tables: tuple[Table, ...]


NO_LINKS = Links({}, {}, {}, ())


def _scoped(office: Office) -> bool:
    return bool(office.jurisdiction or office.organization)


def link_leaders(extraction: Extraction) -> Links:
    """Link one article's persons and offices: an office by its key, a person only through an
    office the article reports them holding, on the article's publication date."""
    used: set[str] = set()
    offices: dict[str, str] = {}
    candidates = [*extraction.offices, *(h.office for h in extraction.holdings),
                  *(s.in_capacity_of for s in extraction.statements if s.in_capacity_of)]
    for office in candidates:
        found = position_qid(office.key) if _scoped(office) else None
        if found is not None:
            offices[office.key] = found.qid
            used.update(found.tables)
    found_for: list[tuple[str, str, Match]] = []
    day = extraction.article.published
    for holding in extraction.holdings if day is not None else ():
        person, office = holding.holder, holding.office
        found = holder((person.name, *person.alt_names), office.key, day) if _scoped(office) else None
        if found is not None:
            found_for.append((person.key, office.key, found))
    qids: dict[str, set[str]] = {}
    for person_key, _, found in found_for:
        qids.setdefault(person_key, set()).add(found.qid)
    persons = {key: next(iter(found)) for key, found in qids.items() if len(found) == 1}
    starts: dict[tuple[str, str], date] = {}
    for person_key, office_key, found in found_for:
        if person_key in persons:  # a person two holdings give two QIDs is not linked at all
            used.update(found.tables)
            if found.start is not None:
                starts[(person_key, office_key)] = found.start
    index = _index()
    return Links(persons, offices, starts,
                 tuple(sorted((index.tables[t] for t in used), key=lambda t: t.as_of)))
