"""Build kg/data/leaders/*.tsv, the tables that link heads of state and government to Wikidata.

Run once by hand, never at build or run time; the output is committed and shipped in the wheel.
The sources are two dated offline tables kept beside the repository, in ../shared/data/leaders
(PROVENANCE.md there names them):

    python scripts/build_leaders_table.py [--source ../shared/data/leaders] [--out kg/data/leaders]

* `wikidata-world-leaders-2021.csv`: every country's head-of-state and head-of-government
  positions with the QIDs of position and holder and start and end years, a Wikidata export of
  2022-10 (CC0). It becomes `wikidata-world-leaders.tsv`.
* `current-2026/<country>/current.json`: the current heads of state and government of 30 countries
  and unions, with the holder's QID and start date, as of 2026-08 (CC BY-SA 4.0). It becomes
  `world-leaders-current.tsv`, a separate file with the attribution and licence in its header,
  as the licence asks; newskg's MIT licence does not cover it.

One row per holding: the position (its QID and label), its scope (an ISO 3166-1 alpha-2 code as
in newskg's `nkg:jurisdiction`, or for the EU and the African Union the organisation the post is
in), the newskg office keys it answers to (`us.president`), the holder (QID, name, other names)
and the start and end (a year or a date). Every rule that turns the sources into rows is written
into the header, with the sources' commits, dates, input hashes and licences. The output is a pure
function of the sources and this script: a rerun writes the same bytes (tests/test_leaders.py).

Office keys are newskg's `{scope}.{slug of the role}`: the role is the position's label without
its trailing "of <country>" (any name of the country in kg/data/wikidata.tsv, or the source's own
name for it), plus the other words news uses for the same role (ROLE_FORMS). Matching is exact on
those keys, never fuzzy.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # kg.identity.slug and kg.wikidata: the same folding as the reader

from kg.identity import name_fold, slug
from kg.wikidata import entries, name_key

SOURCE = REPO.parent / "shared" / "data" / "leaders"
OUT = REPO / "kg" / "data" / "leaders"
COLUMNS = ("position_qid", "position", "jurisdiction", "organization", "offices", "holder_qid",
           "holder", "other_names", "start", "end")


@dataclass(frozen=True, slots=True)
class Source:
    """One upstream table: where it is published, which commit, its date and licence."""

    table: str  # the id newskg mints the table's IRI from (id/dataset/{table})
    output: str
    title: str
    repository: str
    commit: str
    commit_date: str
    licence: str
    licence_url: str


WORLD_LEADERS = Source(
    table="wikidata-world-leaders-2022-10-10",
    output="wikidata-world-leaders.tsv",
    title="Heads of state and government of every country, a Wikidata export "
          "(every-politician-scrapers/world-leaders-2021, data/wikidata.csv)",
    repository="https://github.com/every-politician-scrapers/world-leaders-2021",
    commit="be7039cf5952d8121c4f1e24eea64cc5dd465633",
    commit_date="2022-10-10",
    licence="CC0 1.0 (Wikidata content)",
    licence_url="https://creativecommons.org/publicdomain/zero/1.0/",
)
CURRENT = Source(
    table="world-leaders-current-2026-08-22",
    output="world-leaders-current.tsv",
    title="World Leaders Current: heads of state and government of the G20, ASEAN, the EU and "
          "the African Union (open-data-archive/world-leaders-current)",
    repository="https://github.com/open-data-archive/world-leaders-current",
    commit="b06a1440a6eda040a90166cb3f84d9634d1779b2",
    commit_date="2026-08-22",
    licence="CC BY-SA 4.0",
    licence_url="https://creativecommons.org/licenses/by-sa/4.0/",
)

# Countries of the 2022 export whose QID is not the one kg/data/wikidata.tsv has for the code:
# the QID, the code used and why. Every other country without a code is left out and listed.
COUNTRY_DECISIONS = {
    "Q756617": ("dk", ("the Kingdom of Denmark, the realm; its prime minister and monarch are the "
                      "ones news calls Denmark's (kg/data/wikidata.tsv has Denmark, Q35, for dk)")),
    "Q29999": ("nl", ("the Kingdom of the Netherlands, the realm; its prime minister is the one "
                     "news calls the Netherlands' (kg/data/wikidata.tsv has Q55 for nl)")),
}
# Labels whose "of ..." is not a name kg/data/wikidata.tsv has for the country: a people, a
# formal name, a spelling of the export's own.
LABEL_ROLES = {
    "Monarch of the Belgians": "monarch",
    "President of the Republic of China": "president",  # Taiwan's formal name
    "Prime Minister of St Kitts and Nevis": "prime minister",
    "Prince of Lichtenstein": "prince",  # sic, Liechtenstein
}
# The other words news uses for a role, as kg.extract spells roles ('chair' -> 'chairman').
ROLE_FORMS = {
    "federal chancellor": ("chancellor",),
    "monarch": ("king", "queen"),
    "chairperson": ("chairman",),
}
# The unions of the 2026 table: code -> the organisation's name, for the header only (the post's
# own organisation comes from the office's title: "President of the European Commission").
UNIONS = {"EU": "European Union", "AU_AF": "African Union"}
_MONARCHY = re.compile(r"^Monarchy of ", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Row:
    """One holding, as written to the table."""

    position_qid: str
    position: str
    jurisdiction: str
    organization: str
    offices: tuple[str, ...]
    holder_qid: str
    holder: str
    other_names: tuple[str, ...]
    start: str
    end: str

    def line(self) -> str:
        cells = (self.position_qid, self.position, self.jurisdiction, self.organization,
                 "|".join(self.offices), self.holder_qid, self.holder, "|".join(self.other_names),
                 self.start, self.end)
        if any(c in cell for cell in cells for c in "\t\n"):
            raise ValueError(f"a tab or newline in {cells}")
        return "\t".join(cells)

    def order(self) -> tuple[str, ...]:
        return (self.jurisdiction or self.organization, self.position, self.start, self.holder_qid)


# -- office keys -------------------------------------------------------------------------------


def country_names(code: str, *more: str) -> set[str]:
    """Every name of the country with this code in kg/data/wikidata.tsv, folded, and `more`."""
    names = {name_key(n) for e in entries() if e.alpha2 == code for n in (e.name, *e.alt_names)}
    return names | {name_key(n) for n in more if n}


def role_of(label: str, names: set[str]) -> str:
    """The role a position's label names: the label without a trailing "of <country>".

    >>> role_of("President of the United States", {"united-states"})
    'president'
    >>> role_of("Federal Chancellor of Germany", {"germany"})
    'federal chancellor'
    >>> role_of("Taoiseach", {"ireland"})
    'taoiseach'
    """
    if label in LABEL_ROLES:
        return LABEL_ROLES[label]
    words = label.split()
    for i, word in enumerate(words):
        if word.lower() == "of" and name_key(" ".join(words[i + 1:])) in names:
            return " ".join(words[:i]).lower()
    return label.lower()


def office_keys(scope: str, role: str) -> tuple[str, ...]:
    """newskg's office keys for a role in a scope: `{scope}.{slug}`, one per form of the role."""
    return tuple(f"{scope}.{slug(r)}" for r in (role, *ROLE_FORMS.get(role, ())))


# -- the 2022 export ---------------------------------------------------------------------------


def read_world_leaders(path: Path) -> tuple[list[Row], list[str]]:
    """Rows of the 2022 export, and the header lines that say what was left out and why."""
    by_qid = {e.qid: e for e in entries() if e.alpha2}
    rows, left_out, notes = [], {}, []
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    for r in records:
        entry = by_qid.get(r["countryid"])
        code = entry.alpha2 if entry else COUNTRY_DECISIONS.get(r["countryid"], (None,))[0]
        if code is None:
            left_out.setdefault(f"{r['country']} ({r['countryid']})", 0)
            left_out[f"{r['country']} ({r['countryid']})"] += 1
            continue
        role = role_of(r["positionLabel"], country_names(code, r["country"]))
        rows.append(Row(r["position"], r["positionLabel"], code, "", office_keys(code, role),
                        r["officeholder"], r["officeholderLabel"], (), r["start_year"],
                        r["end_year"]))
    for qid, (code, why) in sorted(COUNTRY_DECISIONS.items()):
        notes.append(f"# decision: country {qid} is taken as {code}: {why}")
    if left_out:
        notes.append("# left out: countries with no ISO 3166-1 code in newskg (kg/data/wikidata.tsv)"
                     ", so no office of theirs can match: " + "; ".join(
                         f"{name}, {n} row{'s' if n > 1 else ''}" for name, n in sorted(left_out.items())))
    rows = _merge_repeats(rows, notes)
    opens: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        if not row.end:
            opens.setdefault((row.jurisdiction, row.position_qid), []).append(row)
    several = ["; ".join(f"{r.holder} since {r.start}" for r in rs) + f" ({rs[0].position})"
               for rs in opens.values() if len(rs) > 1]
    notes.append("# kept as given: positions with several holdings that have no end (a council or "
                 "a pair, rival claimants, or an end Wikidata lacked): " + " | ".join(several))
    return rows, notes


def _merge_repeats(rows: list[Row], notes: list[str]) -> list[Row]:
    """One row per holder and position where the export repeats an open holding with another
    start (a re-election recorded as a second term with no end to the first)."""
    out: list[Row] = []
    for row in rows:
        twin = next((o for o in out if (o.position_qid, o.holder_qid) == (row.position_qid,
                                                                         row.holder_qid)
                     and not o.end and not row.end), None)
        if twin is None:
            out.append(row)
            continue
        kept = twin if twin.start <= row.start else row
        out[out.index(twin)] = kept
        notes.append(f"# decision: {row.holder} ({row.holder_qid}), {row.position}: two holdings "
                     f"without an end, from {min(twin.start, row.start)} and "
                     f"{max(twin.start, row.start)}; one row from {kept.start}")
    return out


# -- the 2026 snapshot -------------------------------------------------------------------------


def _wikipedia_title(url: str | None) -> str | None:
    if not url:
        return None
    return unquote(url.rsplit("/", 1)[-1]).replace("_", " ")


def read_current(folder: Path, positions: list[Row]) -> tuple[list[Row], list[str], str]:
    """Rows of the 2026 snapshot, its header notes, and its snapshot date.

    A position is the office its Wikipedia article names ("President of the United States");
    its QID and label are those of the 2022 export's position of the same country that answers
    to the same office key, if there is exactly one.
    """
    rows: list[Row] = []
    notes: list[str] = []
    dates: set[str] = set()
    for country in sorted(p for p in folder.iterdir() if p.is_dir()):
        current = json.loads((country / "current.json").read_text(encoding="utf-8"))
        history = json.loads((country / "history.json").read_text(encoding="utf-8"))
        if any(v for k, v in history.items() if k != "country"):
            raise SystemExit(f"{country / 'history.json'}: not empty; this script reads no history "
                             "yet: extend it before rebuilding")
        dates.add(current["snapshot_date"])
        iso = current["country"]["iso_code"]
        for kind, position in sorted(current["positions"].items()):
            holder = position.get("current_holder")
            where = f"{current['country']['name_en']} {kind.replace('_', ' ')}"
            if not holder or not holder.get("wikidata_id"):
                notes.append(f"# left out: {where} ({position.get('title_en')}): no holder given")
                continue
            title = _wikipedia_title(position.get("office_wikipedia_en"))
            if title is None:
                notes.append(f"# left out: {where}: no office article given")
                continue
            label = _MONARCHY.sub("monarch of ", title)
            if iso in UNIONS:
                role, _, organization = label.partition(" of ")
                role, organization = role.lower(), organization.removeprefix("the ")
                jurisdiction, keys = "", office_keys(slug(organization), role)
            else:
                jurisdiction, organization = iso.lower(), ""
                role = role_of(label, country_names(jurisdiction, current["country"]["name_en"]))
                keys = office_keys(jurisdiction, role)
            if position["title_en"] != title and position["title_en"].lower() not in (
                    role, *ROLE_FORMS.get(role, ())):
                notes.append(f"# decision: {where}: titled '{position['title_en']}' but its office "
                             f"article is '{title}': taken as the office the article names")
            known = {(p.position_qid, p.position) for p in positions
                     if p.jurisdiction == jurisdiction and set(p.offices) & set(keys)}
            qid, name = known.pop() if len(known) == 1 else ("", label)
            if qid:
                keys = tuple(dict.fromkeys([*keys, *next(
                    p.offices for p in positions if p.position_qid == qid)]))
            local = holder.get("name_local")
            rows.append(Row(qid, name, jurisdiction, organization, keys, holder["wikidata_id"],
                            holder["name_en"], (local,) if local and local != holder["name_en"]
                            else (), holder.get("since") or "", ""))
    if len(dates) != 1:
        raise SystemExit(f"{folder}: snapshot dates differ: {sorted(dates)}")
    merged: dict[tuple[str, str, str], Row] = {}
    for row in rows:  # a head of state who is also head of government: one holding
        key = (row.position, row.jurisdiction or row.organization, row.holder_qid)
        if key in merged and merged[key] != row:
            raise SystemExit(f"two records of one holding disagree: {merged[key]} {row}")
        merged[key] = row
    for row in merged.values():
        if not row.start:
            notes.append(f"# kept without a start: {row.holder} ({row.holder_qid}), {row.position}: "
                         "the source gives no date, so no article date can fall inside it")
        if not row.position_qid:
            notes.append(f"# no position QID: {row.position} ({row.jurisdiction or row.organization})"
                         ": the 2022 export has no such position, so the office is not linked")
    return list(merged.values()), notes, dates.pop()


def check_holders(current: list[Row], older: list[Row]) -> list[str]:
    """Where both tables list a holding of one position, whether they agree on the holder's QID."""
    lines = []
    for row in current:
        for old in older:
            if old.position_qid == row.position_qid and name_fold(old.holder) == name_fold(
                    row.holder) and old.holder_qid != row.holder_qid:
                lines.append(f"# disagreement: {row.holder}, {row.position}: {old.holder_qid} in "
                             f"the 2022 export, {row.holder_qid} in the 2026 table")
    return lines or [("# check: every holder both tables name (by position and name) has one QID "
                     "in both")]


# -- output ------------------------------------------------------------------------------------


def sha256(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def verify_provenance(folder: Path) -> None:
    """The commits this script records must be the ones PROVENANCE.md names."""
    text = (folder / "PROVENANCE.md").read_text(encoding="utf-8")
    for source in (WORLD_LEADERS, CURRENT):
        if source.commit not in text:
            raise SystemExit(f"{folder / 'PROVENANCE.md'} does not name commit {source.commit} "
                             f"of {source.repository}: update the script's sources")


COMMON_RULES = [
    ("# rule: one row per holding; a row matches an office of newskg whose key is one of `offices` "
    "(exact, after kg.identity.slug), a person one of whose names folds (kg.identity.name_fold) "
    "to the holder's name or other names, and a date inside [start, end] (years inclusive)"),
    "# rule: office keys are {jurisdiction or organization slug}.{slug of the role}; the role is "
    "the label without a trailing 'of <country>' (any name kg/data/wikidata.tsv has for the "
    "country, or the source's name for it); LABEL_ROLES: " + "; ".join(
        f"{k} -> {v}" for k, v in LABEL_ROLES.items()) + "; other forms news uses (ROLE_FORMS): "
    + "; ".join(f"{k} -> {', '.join(v)}" for k, v in ROLE_FORMS.items()),
    "# rule: an empty end means the source records none as of its date (ongoing then)",
]


def world_leaders_table(folder: Path) -> tuple[str, list[Row]]:
    path = folder / "wikidata-world-leaders-2021.csv"
    rows, notes = read_world_leaders(path)
    rows.sort(key=Row.order)
    s = WORLD_LEADERS
    header = [
        ("# newskg linking table: heads of state and government and their Wikidata QIDs "
        "(positions and holders)"),
        f"# table: {s.table}",
        f"# title: {s.title}",
        f"# source: {s.repository}/blob/{s.commit}/data/wikidata.csv",
        ("# method: a Wikidata SPARQL query (P39 position held, with start and end qualifiers, for "
        "each country's head of state and head of government positions, P1906 and P1313)"),
        f"# commit: {s.commit} ({s.commit_date})",
        f"# as of: {s.commit_date}",
        f"# input: {path.name} sha256 {sha256(path)}",
        f"# licence: {s.licence} {s.licence_url}",
        *COMMON_RULES,
        "# rule: start and end are years, as the export gives them",
        *notes,
        "# generated by scripts/build_leaders_table.py (a pure function of the input and the script)",
        f"# rows: {len(rows)}",
        "# columns: " + ", ".join(COLUMNS),
        "\t".join(COLUMNS),
    ]
    return "\n".join(header + [r.line() for r in rows]) + "\n", rows


def current_table(folder: Path, older: list[Row]) -> str:
    base = folder / "current-2026"
    rows, notes, snapshot = read_current(base, older)
    rows.sort(key=Row.order)
    inputs = sorted(p for p in base.rglob("*.json"))
    s = replace(CURRENT, table=f"world-leaders-current-{snapshot}")
    if s.table != CURRENT.table:
        raise SystemExit(f"snapshot {snapshot}: update CURRENT.table and commit_date in the script")
    header = [
        "# newskg linking table: current heads of state and government and their Wikidata QIDs",
        f"# table: {s.table}",
        f"# title: {s.title}",
        f"# source: {s.repository}/tree/{s.commit}/data/countries",
        "# method: <country>/current.json, built daily by the source from Wikidata and Wikipedia",
        f"# commit: {s.commit} (snapshot {snapshot})",
        f"# as of: {snapshot}",
        (f"# input: {len(inputs)} files current-2026/*/current.json and history.json, sha256 "
        f"{sha256(*inputs)} (in path order)"),
        (f"# licence: {s.licence} {s.licence_url}; this file is an adaptation of the source and is "
        "licensed CC BY-SA 4.0 too, not under newskg's MIT licence"),
        ("# attribution: \"World Leaders Current\" (c) 2026 open-data-archive, "
        f"{s.repository}, CC BY-SA 4.0, data from Wikidata and Wikipedia contributors; adapted "
        "by newskg: one row per holding, office keys and position QIDs added, fields selected"),
        *COMMON_RULES,
        ("# rule: the position is the office the record's English Wikipedia article names "
        "('Monarchy of X' taken as 'monarch of X'); its QID and label are those of the 2022 "
        f"export's position of the same country answering to one of its office keys "
        f"({WORLD_LEADERS.table}, CC0)"),
        ("# rule: a head of state who is also head of government (one office article) is one row; "
        "start is the source's date, end is empty (in office on the snapshot date)"),
        "# rule: the unions map to organisations: " + "; ".join(
            f"{code} {name}" for code, name in UNIONS.items()) + "; the post's organisation is "
        "the one its title names (President of the European Commission: European Commission)",
        "# rule: other names are the holder's name in the local language, when the source gives one",
        *notes,
        *check_holders(rows, older),
        "# generated by scripts/build_leaders_table.py (a pure function of the input and the script)",
        f"# rows: {len(rows)}",
        "# columns: " + ", ".join(COLUMNS),
        "\t".join(COLUMNS),
    ]
    return "\n".join(header + [r.line() for r in rows]) + "\n"


def build(folder: Path) -> dict[str, str]:
    """The text of each output file, by file name."""
    verify_provenance(folder)
    older_text, older = world_leaders_table(folder)
    return {WORLD_LEADERS.output: older_text, CURRENT.output: current_table(folder, older)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE,
                        help="the folder holding PROVENANCE.md and the two tables")
    parser.add_argument("--out", type=Path, default=OUT, help="the folder to write the tables to")
    args = parser.parse_args(argv)
    if not (args.source / "PROVENANCE.md").is_file():
        parser.error(f"{args.source}: no PROVENANCE.md here; give --source")
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in build(args.source).items():
        (args.out / name).write_text(text, encoding="utf-8")
        rows = sum(1 for line in text.splitlines() if not line.startswith("#")) - 1
        print(f"{args.out / name}: {rows} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
