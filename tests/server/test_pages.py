"""Pages: the search page, and every IRI under the instance base dereferences (HTML or RDF)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from tests.conftest import REPO
from tests.query.test_named_queries import SEED_CLAIM, seed_store

BASE = "https://w3id.org/newskg/id/"
NAME = URIRef("https://w3id.org/newskg/ontology#name")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def client():
    from server import create_app

    return create_app(store=seed_store()).test_client()


def first_iri(client, cls: str) -> str:  # type: ignore[no-untyped-def]
    query = f"PREFIX nkg: <https://w3id.org/newskg/ontology#> SELECT ?s WHERE {{ ?s a nkg:{cls} }} ORDER BY ?s LIMIT 1"
    rows = client.get("/sparql", query_string={"query": query}).get_json()["results"]["bindings"]
    if not rows:
        pytest.skip(f"the seed graph has no nkg:{cls} now")
    return rows[0]["s"]["value"]


def test_search_page_answers_on_the_server(client):
    r = client.get("/", query_string={"q": SEED_CLAIM})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and r.mimetype == "text/html"
    first = html.split('class="answer"', 2)[1]
    assert "Pete Hegseth" in first and "/id/person/pete-hegseth" in first and "/id/article/" in first
    assert client.get("/").status_code == 200


def test_a_question_nothing_answers_gets_no_statement_not_the_nearest_word(client):
    html = client.get("/", query_string={"q": "who said the moon is made of cheese"}).get_data(
        as_text=True)
    assert 'id="no-answers"' in html and 'class="answer"' not in html


@pytest.mark.parametrize("accept,mimetype,fmt", [
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
])
def test_person_iri_gives_rdf_by_negotiation(client, accept, mimetype, fmt):
    r = client.get("/id/person/pete-hegseth", headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == mimetype and "Accept" in r.headers["Vary"]
    graph = Graph().parse(data=r.get_data(as_text=True), format=fmt)
    assert (URIRef(BASE + "person/pete-hegseth"), NAME, Literal("Pete Hegseth")) in graph


@pytest.mark.parametrize("cls", ["Person", "Statement", "Article", "Office", "Meeting"])
def test_every_kind_of_resource_has_a_page(client, cls):
    iri = first_iri(client, cls)
    assert iri.startswith(BASE)
    r = client.get("/id/" + iri[len(BASE):], headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert f'<p class="kind">{cls}</p>' in r.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/id/person/nobody-at-all", "/id/person/a%20b", "/id/person/%3Cx%3E",
                                  "/id/person/x%7By", "/id/person/%22"])
def test_unknown_or_impossible_resource_is_404(client, path):
    assert client.get(path).status_code == 404


def test_unknown_resource_is_404_in_rdf_and_406_for_nothing_acceptable(client):
    assert client.get("/id/person/nobody-at-all", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/id/person/pete-hegseth", headers={"Accept": "image/png"}).status_code == 406


# -- quotes and paraphrases (issue 17, major 3) --------------------------------------------------

SPEECH = """
@prefix nkg: <https://w3id.org/newskg/ontology#> .
@prefix id: <https://w3id.org/newskg/id/> .
id:article\\/a1 a nkg:Article ; nkg:headline "Ministers on the border" .
id:person\\/ana-lima a nkg:Person ; nkg:name "Ana Lima" .
id:statement\\/direct a nkg:Statement ; nkg:speaker id:person\\/ana-lima ; nkg:sourceArticle id:article\\/a1 ;
    nkg:speechMode nkg:DirectSpeech ; nkg:text "The border stays open" .
id:statement\\/indirect a nkg:Statement ; nkg:speaker id:person\\/ana-lima ; nkg:sourceArticle id:article\\/a1 ;
    nkg:speechMode nkg:IndirectSpeech ; nkg:text "the border would stay open for trade" .
id:statement\\/mixed a nkg:Statement ; nkg:speaker id:person\\/ana-lima ; nkg:sourceArticle id:article\\/a1 ;
    nkg:speechMode nkg:MixedSpeech ; nkg:text "the border would stay “open for good” at the crossing" .
"""


@pytest.fixture(scope="module")
def speech_client(tmp_path_factory):  # type: ignore[no-untyped-def]
    from server import create_app

    path = tmp_path_factory.mktemp("speech") / "speech.ttl"
    path.write_text(SPEECH, encoding="utf-8")
    return create_app(files=[path]).test_client()


def _answer_of(html: str, statement: str) -> str:
    return next(part.split("</li>")[0] for part in html.split('<li class="answer">')[1:]
                if f"/id/statement/{statement}" in part)


def test_search_page_tells_quotes_from_paraphrases(speech_client):
    html = speech_client.get("/", query_string={"q": "border open"}).get_data(as_text=True)
    direct, indirect, mixed = (_answer_of(html, s) for s in ("direct", "indirect", "mixed"))
    # a direct quote: in quotation marks, and called a quote
    assert 'class="speech direct"' in direct and "“The border stays open”" in direct
    assert "Direct quote" in direct and "paraphrase" not in direct
    # reported speech: "said that ...", another style, no quotation marks, called a paraphrase
    assert 'class="speech indirect"' in indirect and "<blockquote" not in indirect
    assert "said that</span> the border would stay open for trade" in indirect
    assert "“" not in indirect and "Reported speech" in indirect and "paraphrase" in indirect
    # mixed speech: reported, with the quoted words marked as theirs
    assert 'class="speech mixed"' in mixed and "<blockquote" not in mixed
    assert '<mark class="quoted">“open for good”</mark>' in mixed and "Mixed speech" in mixed


@pytest.mark.parametrize("statement,shown,words", [
    ("direct", "“The border stays open”", "Direct quote"),
    ("indirect", "said that</span> the border would stay open for trade", "Reported speech"),
    ("mixed", '<mark class="quoted">“open for good”</mark>', "Mixed speech"),
])
def test_statement_page_tells_quotes_from_paraphrases(speech_client, statement, shown, words):
    r = speech_client.get(f"/id/statement/{statement}", headers={"Accept": BROWSER})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and shown in html and words in html
    assert "<h1>Statement by Ana Lima</h1>" in html
    if statement != "direct":
        assert "<blockquote" not in html


def test_mixed_speech_marking_escapes_the_text():
    from server.pages import _mark_quoted

    assert str(_mark_quoted('<b> said "x" & “y”')) == (
        '&lt;b&gt; said <mark class="quoted">&#34;x&#34;</mark> &amp; <mark class="quoted">“y”</mark>')


# -- the build bookkeeping is not served (issue 17, major 4) -------------------------------------


def test_the_endpoint_cannot_see_the_build_records(client):
    def rows(query: str) -> list[dict]:
        r = client.get("/sparql", query_string={"query": query})
        assert r.status_code == 200
        return r.get_json()["results"]["bindings"]

    graphs = {row["g"]["value"] for row in rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert graphs and "https://w3id.org/newskg/build" not in graphs
    assert not rows("SELECT * WHERE { GRAPH <https://w3id.org/newskg/build> { ?s ?p ?o } }")
    assert not rows("SELECT * WHERE { ?s ?p ?o FILTER STRSTARTS(STR(?p), 'https://w3id.org/newskg/build') }")
    dump = client.get("/sparql", query_string={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"},
                      headers={"Accept": "application/n-triples"}).get_data(as_text=True)
    assert str(REPO) not in dump and "/tmp/" not in dump


def test_the_article_page_shows_no_local_path(client):
    iri = first_iri(client, "Article")
    html = client.get("/id/" + iri[len(BASE):], headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "<h1>" in html and str(REPO) not in html and "examples/articles" not in html
    assert "fingerprint" not in html and "inputSha256" not in html


def test_a_store_with_public_build_records_is_not_served(tmp_path):
    import pyoxigraph as ox

    from kg.errors import ConfigError
    from server import create_app

    old = ox.Store(str(tmp_path / "old"))
    old.add(ox.Quad(ox.NamedNode(BASE + "article/a"), ox.NamedNode("https://w3id.org/newskg/build#source"),
                    ox.Literal("/home/me/a.txt"), ox.NamedNode("https://w3id.org/newskg/build")))
    old.flush()
    del old
    with pytest.raises(ConfigError, match="run `kg build` into it once"):
        create_app(store=tmp_path / "old")


# -- entity pages speak in names, the home page says what is here (issue 17) ----------------------


def test_person_page_names_things_instead_of_showing_iris(client):
    html = client.get("/id/person/pete-hegseth", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "<h1>Pete Hegseth</h1>" in html
    # property names from the ontology's rdfs:label, not the raw local names
    assert ">alternative name</th>" in html and ">holds</th>" in html
    assert ">altName<" not in html and ">inCapacityOf<" not in html
    # the office by its name, a mention by its words, a meeting by its date and place
    assert ">Secretary of Defense (United States)</a>" in html
    assert "“Pete Hegseth” (characters " in html and ">char=" not in html
    assert "<h2>Statements</h2>" in html and "<h2>Meetings</h2>" in html and "<h2>Offices held</h2>" in html
    meetings = html.split("<h2>Meetings</h2>")[1].split("</ul>")[0]
    assert ">Meeting on 2025-02-12 in Brussels</a>" in meetings
    assert ">pete-hegseth_us.secretary-of-defense" not in html  # the holding is named by its office


def test_meetings_are_named_by_kind_status_date_and_place(client):
    html = client.get("/id/person/helena-varga", headers={"Accept": BROWSER}).get_data(as_text=True)
    meetings = html.split("<h2>Meetings</h2>")[1].split("</ul>")[0]
    assert ">Phone call on 2025-03-18</a>" in meetings  # held: no status said
    assert ">Meeting (planned) on 2025-04-02</a>" in meetings
    assert ">Meeting<" not in meetings.replace(">Meetings<", "")


@pytest.mark.parametrize("cls", ["Meeting", "OfficeHolding"])
def test_resources_without_a_name_are_titled_in_words(client, cls):
    iri = first_iri(client, cls)
    html = client.get("/id/" + iri[len(BASE):], headers={"Accept": BROWSER}).get_data(as_text=True)
    title = html.split("<h1>")[1].split("</h1>")[0]
    assert title.startswith(("Meeting", "Phone call", "Video call")) if cls == "Meeting" else " as " in title, title
    assert "/" not in title and "_" not in title


def test_article_page_keeps_the_paragraphs_of_its_text(client):
    query = ("PREFIX dct: <http://purl.org/dc/terms/> "
             "SELECT ?a WHERE { ?a dct:identifier 'seed-aljazeera-trump-putin-call' }")
    iri = client.get("/sparql", query_string={"query": query}).get_json()["results"]["bindings"][0]["a"]["value"]
    html = client.get("/id/" + iri[len(BASE):], headers={"Accept": BROWSER}).get_data(as_text=True)
    body = html.split('<section class="body">')[1].split("</section>")[0]
    assert body.count("<p>") >= 10
    assert "Ukraine’s ambition to join NATO was unrealistic" in body


def test_home_page_says_what_the_endpoint_holds_and_where_to_ask(client):
    def count(cls: str) -> int:
        query = f"PREFIX nkg: <https://w3id.org/newskg/ontology#> SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a nkg:{cls} }}"
        rows = client.get("/sparql", query_string={"query": query}).get_json()["results"]["bindings"]
        return int(rows[0]["n"]["value"])

    html = client.get("/").get_data(as_text=True)
    for cls, word in (("Article", "article"), ("Statement", "statements"), ("Person", "persons"),
                      ("Meeting", "meetings")):
        n = count(cls)
        assert f'<li id="count-{cls.lower()}"><span class="n">{n:,}</span> {word}' in html
    assert count("Statement") > 1 and count("Person") > 1
    assert 'href="/sparql"' in html and 'href="/editor"' in html and 'href="/queries"' in html
    assert 'href="/editor?example=who-said"' in html and 'href="/editor?example=statements-by-person"' in html
    latest = html.split('<ul class="latest">')[1].split("</ul>")[0]
    assert "/id/article/" in latest and "Trump speaks to Putin" in latest
    # a search shows the answers, not the overview
    assert 'id="overview"' not in client.get("/", query_string={"q": SEED_CLAIM}).get_data(as_text=True)


def test_home_page_without_counts_still_searches(monkeypatch):
    from server import create_app, pages

    client = create_app(store=seed_store()).test_client()
    monkeypatch.setattr(pages, "_COUNTS", "SELECT nonsense")  # fails as a query over the time limit would
    r = client.get("/")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'role="search"' in html and 'class="counts"' not in html
    assert 'href="/sparql"' in html


# -- error pages look like every other page; API clients keep their plain-text errors (issue 17) --


@pytest.mark.parametrize("path,accept,message", [
    ("/id/person/nobody-at-all", BROWSER, f"This store holds nothing about {BASE}person/nobody-at-all."),
    ("/id/person/nobody-at-all", None, f"This store holds nothing about {BASE}person/nobody-at-all."),
    ("/no/such/page", BROWSER, "There is no page at /no/such/page."),
])
def test_a_page_that_is_not_there_is_a_styled_404(client, path, accept, message):
    r = client.get(path, headers={"Accept": accept} if accept else {})
    html = r.get_data(as_text=True)
    assert r.status_code == 404 and r.mimetype == "text/html" and "Accept" in r.headers["Vary"]
    assert '<link rel="stylesheet" href="/static/style.css">' in html and '<a class="brand" href="/">' in html
    assert "<h1>Not found</h1>" in html and f'<p class="message">{message}</p>' in html
    assert '<a class="home" href="/">' in html


def test_the_error_page_escapes_what_it_names(client):
    html = client.get("/no/<script>alert(1)</script>", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_other_errors_of_the_pages_are_styled_too(client):
    r = client.post("/editor", headers={"Accept": BROWSER})
    assert r.status_code == 405 and r.mimetype == "text/html" and "GET" in r.headers["Allow"]
    assert "<h1>Method Not Allowed</h1>" in r.get_data(as_text=True)


@pytest.mark.parametrize("path,accept,status,start", [
    ("/id/person/nobody-at-all", "text/turtle", 404, "404 Not Found: This store holds nothing about"),
    ("/id/person/pete-hegseth", "image/png", 406, "this resource is available as HTML"),
    ("/no/such/page", None, 404, "404 Not Found: "),
    ("/no/such/page", "*/*", 404, "404 Not Found: "),
    ("/sparql?query=SELEC", BROWSER, 400, "invalid SPARQL"),
    ("/queries/no-such-question", BROWSER, 404, "unknown named query 'no-such-question'"),
    ("/queries/who-said", BROWSER, 400, ""),
    ("/update", BROWSER, 405, "405 Method Not Allowed"),
])
def test_clients_of_the_api_and_of_rdf_keep_plain_text_errors(client, path, accept, status, start):
    r = client.get(path, headers={"Accept": accept} if accept else {})
    text = r.get_data(as_text=True)
    assert r.status_code == status and r.mimetype == "text/plain", text
    assert text.startswith(start) and text.count("\n") == 1 and "<" not in text.split(":", 1)[0]


# -- a statement's date, and its words marked in their paragraph (issue 17) -----------------------

EVIDENCE_BODY = ("Ministers met at the border.\n\n"
                 "Ana Lima said the border would stay open <for trade> & more.\n"
                 "She said: “The border stays\nopen” and left.")


def _evidence_graph() -> Graph:
    from rdflib import Namespace
    from rdflib.namespace import RDF, XSD

    nkg, body = Namespace("https://w3id.org/newskg/ontology#"), EVIDENCE_BODY
    article, person = URIRef(BASE + "article/e1"), URIRef(BASE + "person/ana-lima")
    g = Graph()
    g.add((article, RDF.type, nkg.Article))
    g.add((article, nkg.headline, Literal("Ministers on the border")))
    g.add((article, nkg.body, Literal(body)))
    g.add((article, nkg.datePublished, Literal("2025-02-12", datatype=XSD.date)))
    g.add((person, RDF.type, nkg.Person))
    g.add((person, nkg.name, Literal("Ana Lima")))

    def span(words: str) -> URIRef:
        b = body.index(words)
        node = URIRef(f"{article}#char={b},{b + len(words)}")
        g.add((node, RDF.type, nkg.TextSpan))
        g.add((node, nkg.inArticle, article))
        g.add((node, nkg.beginIndex, Literal(b)))
        g.add((node, nkg.endIndex, Literal(b + len(words))))
        g.add((node, nkg.anchorOf, Literal(words)))
        return node

    g.add((person, nkg.evidence, span("Ana Lima")))
    for key, words, mode, stated in (
            ("e-indirect", "the border would stay open <for trade> & more", "IndirectSpeech", "2025-02-10"),
            ("e-direct", "The border stays\nopen", "DirectSpeech", None),
            ("e-same-day", "Ministers met at the border", "IndirectSpeech", "2025-02-12")):
        st = URIRef(BASE + "statement/" + key)
        g.add((st, RDF.type, nkg.Statement))
        g.add((st, nkg.speaker, person))
        g.add((st, nkg.text, Literal(words)))
        g.add((st, nkg.speechMode, nkg[mode]))
        g.add((st, nkg.sourceArticle, article))
        g.add((st, nkg.evidence, span(words)))
        if stated:
            g.add((st, nkg.statedOn, Literal(stated, datatype=XSD.date)))
    return g


@pytest.fixture(scope="module")
def evidence_client(tmp_path_factory):  # type: ignore[no-untyped-def]
    from server import create_app

    path = tmp_path_factory.mktemp("evidence") / "evidence.nt"
    _evidence_graph().serialize(path, format="nt", encoding="utf-8")
    return create_app(files=[path]).test_client()


def _chars(words: str) -> str:
    b = EVIDENCE_BODY.index(words)
    return f"char={b},{b + len(words)}"


@pytest.mark.parametrize("statement,when", [
    ("e-indirect", 'Said on <time datetime="2025-02-10">Monday 10 February 2025</time>;\n    '
                   'the article was published on <time class="published" datetime="2025-02-12">Wednesday 12 February 2025</time>'),
    ("e-direct", 'Reported on <time class="published" datetime="2025-02-12">Wednesday 12 February 2025</time>, '
                 "the day the article was published"),
    ("e-same-day", 'Said on <time datetime="2025-02-12">Wednesday 12 February 2025</time>\n'),
])
def test_statement_page_says_when_in_words(evidence_client, statement, when):
    html = evidence_client.get(f"/id/statement/{statement}", headers={"Accept": BROWSER}).get_data(as_text=True)
    shown = html.split('<p class="when">')[1].split("</p>")[0]
    assert when in shown, shown
    if statement == "e-same-day":
        assert "published" not in shown


def test_human_dates():
    from server.pages import human_date

    assert human_date("2025-02-12") == "Wednesday 12 February 2025"
    assert human_date("2024-12-31") == "Tuesday 31 December 2024"
    assert human_date("2025-02") == "2025-02" and human_date("not a date") == "not a date"


def test_statement_page_links_to_its_words_in_the_article(evidence_client):
    html = evidence_client.get("/id/statement/e-indirect", headers={"Accept": BROWSER}).get_data(as_text=True)
    link = f'/id/article/e1#{_chars("the border would stay open <for trade> & more")}'
    assert f'<a class="evidence" href="{link}">See these words in the article</a>' in html
    assert f'<a href="{link}">“the border would stay open &lt;for trade&gt; &amp; more”' in html  # the evidence row


def test_article_page_marks_each_quote_in_its_paragraph(evidence_client):
    html = evidence_client.get("/id/article/e1", headers={"Accept": BROWSER}).get_data(as_text=True)
    body = html.split('<section class="body">')[1].split("</section>")[0]
    paragraphs = [p.split("</p>")[0] for p in body.split("<p>")[1:]]
    assert len(paragraphs) == 4
    assert paragraphs[0] == f'<mark class="quote" id="{_chars("Ministers met at the border")}">Ministers met at the border</mark>.'
    # escaped, never markup from the article's text
    assert paragraphs[1] == (
        f'<mark class="span" id="{_chars("Ana Lima")}">Ana Lima</mark> said '
        f'<mark class="quote" id="{_chars("the border would stay open <for trade> & more")}">'
        "the border would stay open &lt;for trade&gt; &amp; more</mark>.")
    assert "<for trade>" not in html
    # a quote across a line break: marked in both paragraphs, the anchor on its first part
    assert paragraphs[2] == f'She said: “<mark class="quote" id="{_chars("The border stays" + chr(10) + "open")}">The border stays</mark>'
    assert paragraphs[3] == '<mark class="quote">open</mark>” and left.'


def test_marks_nest_split_where_spans_cross_and_escape():
    from server.evidence import Span, paragraphs

    body = "a <b> said\n  “x  y z” & w\n"
    spans = [Span(0, 10, "char=0,10", "span"), Span(2, 5, "char=2,5", "quote"),
             Span(4, 16, "char=4,16", "quote"), Span(14, 17, "char=14,17", "span"), Span(3, 3, "char=3,3", "span")]
    assert [str(p) for p in paragraphs(body, spans)] == [
        '<mark class="span" id="char=0,10">a <mark class="quote" id="char=2,5">&lt;b'
        '<mark class="quote" id="char=4,16">&gt;</mark></mark><mark class="quote"> said</mark></mark>',
        # the quote goes on from the first line; the span that crosses its end goes on after it
        '<mark class="quote">“<mark class="span" id="char=14,17">x </mark></mark><mark class="span"> </mark>'
        'y z” &amp; w',
    ]


def test_seed_article_marks_hegseths_words_where_they_stand(client):
    query = """PREFIX nkg: <https://w3id.org/newskg/ontology#>
    SELECT ?st ?b ?e ?words WHERE { ?st nkg:speaker <https://w3id.org/newskg/id/person/pete-hegseth> ;
      nkg:text ?t ; nkg:evidence ?span . ?span nkg:beginIndex ?b ; nkg:endIndex ?e ; nkg:anchorOf ?words
      FILTER CONTAINS(?t, "unrealistic") } LIMIT 1"""
    rows = client.get("/sparql", query_string={"query": query}).get_json()["results"]["bindings"]
    b, e, words = (rows[0][k]["value"] for k in ("b", "e", "words"))
    statement = client.get("/id/" + rows[0]["st"]["value"][len(BASE):], headers={"Accept": BROWSER})
    href = statement.get_data(as_text=True).split('<a class="evidence" href="')[1].split('"')[0]
    assert href.endswith(f"#char={b},{e}") and href.startswith("/id/article/")
    article = client.get(href.split("#")[0], headers={"Accept": BROWSER}).get_data(as_text=True)
    assert f'<mark class="quote" id="char={b},{e}">{words}</mark>' in article


# -- the home page's example questions come from the store, and each finds something (issue 17) --


def _examples_of(html: str) -> list[tuple[str, str]]:
    import html as html_lib
    import re

    shown = html.split('<ul class="examples">')[1].split("</ul>")[0]
    return [(html_lib.unescape(href), html_lib.unescape(text))
            for href, text in re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', shown)]


def test_home_page_example_questions_each_find_an_answer(client):
    from urllib.parse import parse_qsl, urlsplit

    examples = _examples_of(client.get("/").get_data(as_text=True))
    searches = [(href, text) for href, text in examples if href.startswith("/?q=")]
    named = [(href, text) for href, text in examples if href.startswith("/editor?")]
    assert len(searches) == 3 and len(named) == 2, examples
    speakers = set()
    for href, text in searches:
        claim = dict(parse_qsl(urlsplit(href).query))["q"]
        assert text == f"Who said “{claim}”?"
        page = client.get(href).get_data(as_text=True)
        first = page.split('<li class="answer">')[1].split("</li>")[0]
        assert claim in first.replace("&#39;", "'"), first
        speakers.add(first.split('class="speaker"')[1].split(">")[1].split("<")[0])
    assert len(speakers) == 3  # three people, not three sayings of one
    for href, text in named:
        args = dict(parse_qsl(urlsplit(href).query))
        name = args.pop("example")
        assert args.pop("run") == "1" and "?" in text
        rows = client.get(f"/queries/{name}", query_string=args).get_json()["results"]["bindings"]
        assert rows, (name, args)


def test_home_page_example_questions_are_made_of_the_stores_own_statements(speech_client):
    examples = _examples_of(speech_client.get("/").get_data(as_text=True))
    texts = [text for _, text in examples]
    assert len(texts) == 1 and texts[0] in {"Who said “The border stays open”?",
                                            "Who said “the border would stay open for trade”?",
                                            "Who said “the border would stay “open for good” at the crossing”?"}
    html = speech_client.get(examples[0][0]).get_data(as_text=True)
    assert "Ana Lima" in html.split('<li class="answer">')[1]


def test_home_page_without_examples_still_counts(monkeypatch):
    from server import create_app, pages

    client = create_app(store=seed_store()).test_client()
    monkeypatch.setattr(pages, "_EXAMPLE_STATEMENTS", "SELECT nonsense")
    html = client.get("/").get_data(as_text=True)
    assert 'class="counts"' in html and 'class="examples"' not in html and 'class="latest"' in html
