"""Heads of state and government and their offices link to Wikidata from kg/data/leaders/: an office
by its key, a person only through an office the article reports them holding on its publication
date; `--no-link` writes none of it; the shipped tables regenerate from their sources."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from kg import leaders
from kg.model import Agent, Article, Extraction, Office, OfficeHolding, Span, SpeechMode, Statement
from kg.namespaces import NKG, WD
from kg.paths import leaders_tables
from kg.pipeline import extraction_files
from kg.rdf import to_graph
from kg.validate import validate_graph
from tests.conftest import REPO

ID = "https://w3id.org/newskg/id/"
SEED = REPO / "examples" / "articles" / "seed-aljazeera-trump-putin-call.txt"
SOURCES = REPO.parent / "shared" / "data" / "leaders"
OLD, NEW = "wikidata-world-leaders-2022-10-10", "world-leaders-current-2026-08-22"


# -- the reader ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "qid"), [
    ("us.president", "Q11696"), ("ru.president", "Q218295"), ("ua.president", "Q579677"),
    ("de.chancellor", "Q4970706"), ("de.federal-chancellor", "Q4970706"),  # a form news uses
    ("gb.king", "Q9134365"), ("gb.monarch", "Q9134365"), ("cn.premier", "Q4122271"),
])
def test_offices_answer_to_their_position(key: str, qid: str):
    assert leaders.position_qid(key).qid == qid


@pytest.mark.parametrize("key", [
    "us.secretary-of-defense", "ru.leader", "president", "nato.secretary-general",
    "european-commission.president",  # a holder in the 2026 table, but no position QID anywhere
])
def test_other_offices_have_no_position(key: str):
    assert leaders.position_qid(key) is None


@pytest.mark.parametrize(("names", "key", "day", "qid"), [
    (["Donald Trump"], "us.president", date(2025, 2, 12), "Q22686"),
    (["Donald Trump"], "us.president", date(2025, 1, 20), "Q22686"),  # the first day
    (["Vladimir Putin"], "ru.president", date(2025, 2, 12), "Q7747"),
    (["Volodymyr Zelenskyy"], "ua.president", date(2025, 2, 12), "Q3874799"),
    (["Volodymyr Zelenskyy"], "ua.president", date(2019, 1, 1), "Q3874799"),  # years inclusive
    (["Lee Jae-myung"], "kr.president", date(2026, 1, 2), "Q12612463"),  # "Lee Jae Myung"
    (["Trump", "Donald Trump"], "us.president", date(2025, 2, 12), "Q22686"),  # any of the names
    (["Olaf Scholz"], "de.chancellor", date(2024, 6, 1), "Q61053"),
    (["Liz Truss"], "gb.prime-minister", date(2024, 6, 1), "Q272201"),
    (["Ursula von der Leyen"], "european-commission.president", date(2025, 2, 12), "Q57641"),
])
def test_the_holder_on_a_day_inside_the_holding(names, key, day, qid):
    assert leaders.holder(names, key, day).qid == qid


@pytest.mark.parametrize(("names", "key", "day"), [
    (["Donald Trump"], "us.president", date(2025, 1, 19)),  # the day before
    (["Donald Trump"], "us.secretary-of-defense", date(2025, 2, 12)),  # a namesake, another office
    (["Donald Trump"], "ru.president", date(2025, 2, 12)),
    (["Trump"], "us.president", date(2025, 2, 12)),  # a surname is not a name
    (["Donald Trum"], "us.president", date(2025, 2, 12)),  # never fuzzy
    (["Volodymyr Zelenskyy"], "ua.president", date(2018, 12, 31)),
    (["Joe Biden"], "us.president", date(2025, 6, 1)),  # ended by his successor's start
    (["Olaf Scholz"], "de.chancellor", date(2025, 6, 1)),
    (["Liz Truss"], "gb.prime-minister", date(2026, 8, 1)),
    (["Justin Trudeau"], "ca.prime-minister", date(2026, 9, 1)),  # successor with no start date
    (["Mark Carney"], "ca.prime-minister", date(2026, 8, 22)),  # a holding with no start
    (["Ueli Maurer", "Alain Berset"], "ch.member-of-the-swiss-federal-council", date(2020, 1, 1)),
])
def test_no_holder_outside_the_holding_or_the_office(names, key, day):
    assert leaders.holder(names, key, day) is None


def test_a_match_names_its_tables_and_a_start_day_only_where_one_is_given():
    putin = leaders.holder(["Vladimir Putin"], "ru.president", date(2025, 2, 12))
    assert putin.tables == (OLD, NEW) and putin.start == date(2012, 5, 7)
    zelenskyy = leaders.holder(["Volodymyr Zelenskyy"], "ua.president", date(2025, 2, 12))
    assert zelenskyy.tables == (OLD,) and zelenskyy.start is None  # the export gives years


# -- the writer ----------------------------------------------------------------------------------

BODY = ("US President Donald Trump called Russian President Vladimir Putin. Ukrainian President "
        "Volodymyr Zelenskyy said he was ready. Donald Trump, a US defence secretary in a novel, "
        "and Vladimir Putin, France's president in a sketch, were not amused.")


def at(text: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = BODY.index(text, i + 1)
    return Span(i, i + len(text))


def office(key: str, name: str) -> Office:
    return Office(key, name, jurisdiction=key.split(".")[0])


PRESIDENT_US = office("us.president", "President (United States)")
PRESIDENT_RU = office("ru.president", "President (Russia)")
PRESIDENT_UA = office("ua.president", "President (Ukraine)")


def person(key: str, name: str, *alts: str) -> Agent:
    return Agent(key, name, alt_names=alts, mentions=(at(name),))


def extraction(holdings: list[tuple[Agent, Office, Span]], published: date | None,
               statements: tuple[Statement, ...] = ()) -> Extraction:
    article = Article(body=BODY, source="test", published=published)
    agents = tuple({h[0].key: h[0] for h in holdings}.values())
    offices = tuple({h[1].key: h[1] for h in holdings}.values())
    return Extraction(article, agents=agents, offices=offices, statements=statements,
                      holdings=tuple(OfficeHolding(p, o, span) for p, o, span in holdings))


def links(graph: Graph) -> dict[str, str]:
    return {str(s).removeprefix(ID): str(o).removeprefix(str(WD))
            for s, o in graph.subject_objects(NKG.exactMatch)
            if "/person/" in str(s) or "/office/" in str(s)}


def seed_like(published: date | None) -> Extraction:
    trump = person("donald-trump", "Donald Trump", "Trump")
    putin = person("vladimir-putin", "Vladimir Putin")
    zelenskyy = person("volodymyr-zelenskyy", "Volodymyr Zelenskyy")
    return extraction([(trump, PRESIDENT_US, at("US President")),
                       (putin, PRESIDENT_RU, at("Russian President")),
                       (zelenskyy, PRESIDENT_UA, at("Ukrainian President"))], published)


def test_writer_links_persons_through_offices_they_hold_on_the_date():
    graph = to_graph(seed_like(date(2025, 2, 12)))
    assert links(graph) == {
        "person/donald-trump": "Q22686", "person/vladimir-putin": "Q7747",
        "person/volodymyr-zelenskyy": "Q3874799", "office/us.president": "Q11696",
        "office/ru.president": "Q218295", "office/ua.president": "Q579677",
    }
    starts = {str(h).removeprefix(ID + "holding/"): str(d)
              for h, d in graph.subject_objects(NKG.startDate)}
    assert starts == {"donald-trump_us.president_t2025": "2025-01-20",  # the IRI keeps t2025
                      "vladimir-putin_ru.president_t2025": "2012-05-07"}  # Zelenskyy: a year only
    assert validate_graph(graph).conforms


def test_the_article_names_the_tables_its_links_came_from():
    graph = to_graph(seed_like(date(2025, 2, 12)))
    tables = set(graph.objects(None, NKG.linkedWith))
    assert tables == {URIRef(f"{ID}dataset/{OLD}"), URIRef(f"{ID}dataset/{NEW}")}
    new = URIRef(f"{ID}dataset/{NEW}")
    assert graph.value(new, DCTERMS.issued) == Literal("2026-08-22", datatype=XSD.date)
    assert graph.value(new, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by-sa/4.0/")
    assert "b06a1440a6eda040a90166cb3f84d9634d1779b2" in str(graph.value(new, DCTERMS.source))
    assert "open-data-archive" in str(graph.value(new, DCTERMS.rights))
    old = URIRef(f"{ID}dataset/{OLD}")
    assert graph.value(old, DCTERMS.issued) == Literal("2022-10-10", datatype=XSD.date)
    assert graph.value(old, DCTERMS.rights) is None  # CC0 asks for no attribution


def test_a_date_outside_the_holdings_links_offices_but_no_person():
    graph = to_graph(seed_like(date(2024, 6, 1)))  # Trump not yet, Putin and Zelenskyy yes
    assert links(graph) == {
        "person/vladimir-putin": "Q7747", "person/volodymyr-zelenskyy": "Q3874799",
        "office/us.president": "Q11696", "office/ru.president": "Q218295",
        "office/ua.president": "Q579677",
    }
    graph = to_graph(seed_like(date(2011, 6, 1)))  # before all three
    assert not any(k.startswith("person/") for k in links(graph))
    assert not set(graph.subject_objects(NKG.startDate))


def test_no_publication_date_no_person_links():
    graph = to_graph(seed_like(None))
    assert not any(k.startswith("person/") for k in links(graph))
    assert links(graph)["office/us.president"] == "Q11696"


def test_namesakes_in_other_offices_and_persons_without_an_office_get_nothing():
    trump = person("donald-trump", "Donald Trump")
    putin = person("vladimir-putin", "Vladimir Putin")
    zelenskyy = person("volodymyr-zelenskyy", "Volodymyr Zelenskyy")  # named, holds nothing here
    secretary = office("us.secretary-of-defense", "Secretary of Defense (United States)")
    french = office("fr.president", "President (France)")
    said = Statement(zelenskyy, "he was ready", at("he was ready"), SpeechMode.INDIRECT)
    ex = extraction([(trump, secretary, at("a US defence secretary")),
                     (putin, french, at("France's president"))], date(2025, 2, 12), (said,))
    graph = to_graph(ex)
    assert links(graph) == {"office/fr.president": "Q191954"}  # the office, not the namesake
    assert validate_graph(graph).conforms


def test_a_person_two_holdings_give_two_qids_is_not_linked():
    swiss = office("ch.member-of-the-swiss-federal-council", "Member (Swiss Federal Council)")
    both = Agent("ueli-maurer", "Ueli Maurer", alt_names=("Alain Berset",))
    graph = to_graph(extraction([(both, swiss, at("US President"))], date(2020, 1, 1)))
    assert not any(k.startswith("person/") for k in links(graph))


def test_an_article_start_date_is_kept():
    trump = person("donald-trump", "Donald Trump")
    ex = extraction([(trump, PRESIDENT_US, at("US President"))], date(2025, 2, 12))
    holding = OfficeHolding(trump, PRESIDENT_US, at("US President"), start=date(2025, 1, 21))
    graph = to_graph(Extraction(ex.article, agents=ex.agents, offices=ex.offices, holdings=(holding,)))
    assert [str(d) for d in graph.objects(None, NKG.startDate)] == ["2025-01-21"]


def test_no_link_writes_no_person_or_office_links_start_dates_or_tables():
    graph = to_graph(seed_like(date(2025, 2, 12)), link=False)
    assert links(graph) == {}
    assert not set(graph.subject_objects(NKG.startDate))
    assert not set(graph.subject_objects(NKG.linkedWith))
    assert (URIRef(ID + "country/us"), NKG.exactMatch, WD.Q30) in graph  # countries stay linked


def test_shapes_want_a_described_linking_table():
    graph = to_graph(seed_like(date(2025, 2, 12)))
    table = URIRef(f"{ID}dataset/{NEW}")
    graph.remove((table, DCTERMS.issued, None))
    report = validate_graph(graph)
    assert not report.conforms
    assert any("dct:issued" in v.message for v in report.violations)


# -- the shipped tables --------------------------------------------------------------------------


def test_tables_are_shipped_separately_with_their_licences():
    names = [p.name for p in leaders_tables()]
    assert names == ["wikidata-world-leaders.tsv", "world-leaders-current.tsv"]
    old, new = leaders.tables()
    assert (old.id, old.as_of, new.id, new.as_of) == (OLD, date(2022, 10, 10), NEW, date(2026, 8, 22))
    assert old.licence == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert new.licence == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert "be7039cf5952d8121c4f1e24eea64cc5dd465633" in old.source
    head = "\n".join(new.header)
    assert re.search(r"attribution: \"World Leaders Current\" \(c\) 2026 open-data-archive", head)
    assert "not under newskg's MIT licence" in head
    for header in (old.header, new.header):
        assert any(line.startswith("commit: ") for line in header)
        assert any(line.startswith("input: ") and "sha256" in line for line in header)
        assert any(line.startswith("rule: ") for line in header)


def test_rows_are_well_formed():
    rows = leaders.holdings()
    assert len(rows) > 400
    for h in rows:
        assert re.fullmatch(r"Q[0-9]+", h.holder_qid) and h.holder
        assert h.position_qid is None or re.fullmatch(r"Q[0-9]+", h.position_qid)
        assert (h.jurisdiction is None) != (h.organization is None)
        scope = h.jurisdiction or re.sub(r"[^a-z0-9]+", "-", h.organization.lower())
        assert h.offices and all(k.startswith(scope + ".") for k in h.offices)
        assert h.end is None or h.start is None or \
            leaders.first_day(h.start) <= leaders.last_day(h.end)
    assert {h.organization for h in rows if h.organization} == {
        "European Commission", "European Council", "African Union", "African Union Commission"}


def test_the_fingerprint_covers_the_reader_and_the_tables():
    names = {p.relative_to(REPO / "kg").as_posix() for p in extraction_files()}
    assert {"leaders.py", "wikidata.py", "data/wikidata.tsv",
            "data/leaders/world-leaders-current.tsv", "data/leaders/wikidata-world-leaders.tsv"} <= names


@pytest.mark.skipif(not (SOURCES / "PROVENANCE.md").is_file(),
                    reason="the source tables (../shared/data/leaders) are not beside this checkout")
def test_the_shipped_tables_regenerate_from_their_sources(tmp_path: Path):
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "build_leaders_table.py"),
                          "--source", str(SOURCES), "--out", str(tmp_path)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    for shipped in leaders_tables():
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name


# -- end to end ----------------------------------------------------------------------------------


def _person_and_office_links(path: Path) -> dict[str, str]:
    return links(Graph().parse(path))


@pytest.mark.slow
def test_build_links_the_seed_article_and_no_link_does_not(kg, tmp_path: Path):
    linked, unlinked = tmp_path / "linked.ttl", tmp_path / "unlinked.ttl"
    assert kg("build", SEED, "-o", linked).code == 0
    assert kg("build", SEED, "--no-link", "-o", unlinked).code == 0
    found = _person_and_office_links(linked)
    assert {k: v for k, v in found.items() if k.startswith("person/")} == {
        "person/donald-trump": "Q22686", "person/vladimir-putin": "Q7747",
        "person/volodymyr-zelenskyy": "Q3874799"}
    assert {found[k] for k in ("office/us.president", "office/ru.president",
                               "office/ua.president")} == {"Q11696", "Q218295", "Q579677"}
    assert kg("validate", linked).code == 0
    assert _person_and_office_links(unlinked) == {}
    assert not set(Graph().parse(unlinked).subject_objects(NKG.linkedWith))


@pytest.mark.slow
def test_extract_no_link_and_the_fingerprint(kg, tmp_path: Path):
    from kg.pipeline import BuildOptions, spacy_extractor

    with_links = kg("extract", SEED)
    without = kg("extract", SEED, "--no-link")
    assert with_links.code == without.code == 0
    assert "<http://www.wikidata.org/entity/Q22686>" in with_links.out
    assert "Q22686" not in without.out and "linkedWith" not in without.out
    assert spacy_extractor(BuildOptions()).fingerprint != \
        spacy_extractor(BuildOptions(link=False)).fingerprint
