"""Countries, ISO-coded territories and the EU and UN link to Wikidata from the shipped table,
on exact names and codes only; persons never on a name (heads of state and government and their
offices link through kg.leaders, tests/test_leaders.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg import wikidata
from kg.model import Agent, AgentKind, Article, Extraction, Meeting, MeetingStatus, Span
from kg.namespaces import NKG, WD
from kg.paths import wikidata_table
from kg.rdf import to_graph
from kg.validate import validate_graph

ID = "https://w3id.org/newskg/id/"


@pytest.mark.parametrize(("name", "qid"), [
    ("Russia", "Q159"), ("Russian Federation", "Q159"), ("russia", "Q159"),
    ("United Kingdom", "Q145"), ("the United Kingdom", "Q145"), ("UK", "Q145"), ("U.K.", "Q145"),
    ("Britain", "Q145"), ("United States", "Q30"), ("US", "Q30"), ("U.S.", "Q30"),
    ("Turkey", "Q43"), ("Türkiye", "Q43"), ("Ivory Coast", "Q1008"), ("Cote d'Ivoire", "Q1008"),
    ("Palestine", "Q219060"), ("the Netherlands", "Q55"), ("Hong Kong", "Q8646"),
    ("EU", "Q458"), ("European Union", "Q458"), ("UN", "Q1065"), ("United Nations", "Q1065"),
])
def test_names_link(name: str, qid: str):
    assert wikidata.organization_qid(name) == qid


@pytest.mark.parametrize("name", [
    "Brussels", "NATO", "Kremlin", "Atlantis", "Russ", "Russian", "Rusia", "",
    "Soviet Union", "USSR", "East Germany", "German Democratic Republic", "Yugoslavia",  # historical
    "IS", "AU", "IN", "ISL", "FRA",  # codes are not names
    "Georgia", "Congo",  # also something else
    "Россия",  # no Latin letters: never matches
])
def test_unknown_historical_ambiguous_and_codes_do_not_link(name: str):
    assert wikidata.organization_qid(name) is None
    assert wikidata.place_qid(name) is None


def test_places_link_to_countries_only():
    assert wikidata.place_qid("Turkey") == "Q43"
    assert wikidata.place_qid("European Union") is None  # an organization, not a place
    assert wikidata.organization_qid("European Union") == "Q458"


def test_country_codes():
    assert wikidata.by_code("ru").qid == wikidata.by_code("RU").qid == "Q159"
    assert wikidata.by_code("ge").qid == "Q230"  # Georgia: by its code, though never by name
    assert wikidata.by_code("eu") is None and wikidata.by_code("zz") is None
    # every code newskg can mint a country IRI for is in the table
    missing = [c.alpha_2 for c in pycountry.countries if wikidata.by_code(c.alpha_2) is None]
    assert not missing


def test_table_is_well_formed():
    entries = wikidata.entries()
    assert len(entries) == 252
    assert {e.kind for e in entries} == {"country", "territory", "organization"}
    assert all(re.fullmatch(r"Q[0-9]+", e.qid) for e in entries)
    assert len({e.qid for e in entries}) == len(entries)
    assert {e.qid for e in entries if e.kind == "organization"} == {"Q458", "Q1065"}
    rows = [line for line in wikidata_table().read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    assert rows[0].split("\t") == ["qid", "kind", "alpha2", "alpha3", "name", "alt_names"]
    assert all(line.count("\t") == 5 for line in rows)


def test_provenance_header_names_the_source_and_the_decisions():
    header = "\n".join(wikidata.provenance())
    assert re.search(r"source: rigour \d+\.\d+\.\d+ \(PyPI, MIT licence, OpenSanctions\)", header)
    assert "https://github.com/opensanctions/rigour" in header
    assert "Natural Earth 5.1.1" in header and "WIKIDATAID" in header
    assert re.search(r"generated: \d{4}-\d{2}-\d{2} by scripts/build_wikidata_table.py", header)
    assert re.search(r"disagreement: ps Palestine: rigour Q219060, Natural Earth Q23792 .*"
                     r"Q219060 used", header)
    assert "no decision recorded" not in header
    assert "rows: 252" in header
    assert (Path(__file__).resolve().parent.parent / "scripts" / "build_wikidata_table.py").exists()


BODY = ("Russia and Georgia held talks in Turkey on Friday, and Jordan Smith met the EU envoy. "
        "Jordan said the talks went well.")


def at(text: str) -> Span:
    i = BODY.index(text)
    return Span(i, i + len(text))


def test_writer_links_places_and_organizations_but_never_persons():
    russia = Agent("russia", "Russia", AgentKind.ORGANIZATION, mentions=(at("Russia"),))
    georgia = Agent("georgia", "Georgia", AgentKind.ORGANIZATION, mentions=(at("Georgia"),))
    eu = Agent("eu", "EU", AgentKind.ORGANIZATION, mentions=(at("EU"),))
    jordan = Agent("jordan-smith", "Jordan Smith", alt_names=("Jordan",), mentions=(at("Jordan Smith"),))
    lone = Agent("jordan", "Jordan", mentions=(at("Jordan said"),))  # a lone name: never linked
    article = Article(body=BODY, source="test")
    meetings = (
        Meeting((russia, georgia), MeetingStatus.HELD, at("Russia and Georgia held talks in Turkey"),
                location="Turkey"),
        Meeting((jordan, eu), MeetingStatus.HELD, at("Jordan Smith met the EU envoy")),
    )
    graph = to_graph(Extraction(article, agents=(russia, georgia, eu, jordan, lone), meetings=meetings))
    links = {str(s).removeprefix(ID): str(o).removeprefix(str(WD))
             for s, o in graph.subject_objects(NKG.exactMatch)}
    assert links == {"organization/russia": "Q159", "organization/eu": "Q458", "place/turkey": "Q43"}
    for person in graph.subjects(RDF.type, NKG.Person):
        assert (person, NKG.exactMatch, None) not in graph
    assert validate_graph(graph).conforms


@pytest.mark.slow
def test_build_links_an_office_scope_and_meeting_participants(kg, tmp_path: Path):
    text = ("KYIV, 4 March 2025 -- French Foreign Minister Jean-Noel Barrot said on Tuesday that "
            "Europe would keep supporting Ukraine. Russia and Ukraine held talks in Turkey on Monday.\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "a.ttl"
    run = kg("build", tmp_path / "a.txt", "-o", out)
    assert run.code == 0, run.err
    graph = Graph().parse(out)
    match = {str(s).removeprefix(ID): str(o) for s, o in graph.subject_objects(NKG.exactMatch)}
    assert match["country/fr"] == str(WD["Q142"])  # the scope of the French foreign minister
    assert URIRef(ID + "country/fr") in set(graph.objects(None, NKG.jurisdiction))
    assert match["organization/russia"] == str(WD["Q159"])  # meeting participants
    assert match["organization/ukraine"] == str(WD["Q212"])
    assert match["place/turkey"] == str(WD["Q43"])  # the meeting's location
    assert not any(k.startswith(("person/", "office/")) for k in match)
    assert kg("validate", out).code == 0
