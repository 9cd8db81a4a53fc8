"""kg.readers, one format at a time: HTML, RSS, Atom, JSON Lines, JSON, plain text; cleaning."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.model import Article
from kg.readers import ReadProblem, read_inputs
from tests.conftest import DATA

INPUTS = DATA / "inputs"


def read(*inputs: str | Path, **options: object) -> list[Article | ReadProblem]:
    return list(read_inputs([str(i) for i in inputs], **options))  # type: ignore[arg-type]


def only_article(*inputs: str | Path, **options: object) -> Article:
    [item] = read(*inputs, **options)
    assert isinstance(item, Article), item
    return item


def by_source(items: list[Article | ReadProblem]) -> dict[str, Article | ReadProblem]:
    return {Path(item.source).name: item for item in items}


# --- HTML -----------------------------------------------------------------------------------


def test_html_page_metadata() -> None:
    article = only_article(INPUTS / "page.html")
    assert (
        article.headline
        == "Trump speaks to Putin, says talks to end Ukraine war to start ‘immediately’"
    )
    assert article.publisher == "Example Daily"
    assert article.authors == ("Jane Doe",)
    assert (article.published, article.published_inferred) == (date(2025, 2, 12), False)
    assert (
        article.url == "https://news.example.org/2025/02/12/trump-putin-call"
    )  # canonical, not og:url
    assert (article.language, article.identifier) == ("en", "page")


def test_html_page_main_text_without_navigation_ads_or_promos() -> None:
    body = only_article(INPUTS / "page.html").body
    paragraphs = body.split("\n\n")
    assert (
        paragraphs[0]
        == "Trump speaks to Putin, says talks to end Ukraine war to start ‘immediately’"
    )
    assert paragraphs[2].startswith("United States President Donald Trump has signalled")
    for furniture in (
        "Advertisement",
        "Skip to content",
        "Home",
        "Read more",
        "Share on",
        "newsletter",
        "Subscribe",
        "All rights reserved",
        "Related",
        "Getty Images",
        "Privacy",
    ):
        assert furniture not in body, furniture
    assert all(p.strip() == p and p for p in paragraphs)


def test_html_embedded_tweet_is_kept_as_a_post() -> None:
    article = only_article(INPUTS / "page.html")
    [post] = article.posts
    assert (post.author, post.handle, post.posted) == (
        "Volodymyr Zelenskyy",
        "ZelenskyyUa",
        date(2025, 2, 12),
    )
    assert post.span.slice(article.body).startswith("I had a long and detailed conversation")


def test_truncated_html_is_still_read(tmp_path: Path) -> None:
    page = (INPUTS / "page.html").read_text()
    cut = tmp_path / "cut.html"
    cut.write_text(page[: page.index("<p>Trump said that he would")])
    problem, article = read(cut)
    assert problem == ReadProblem(
        str(cut), "HTML ends before </html>: truncated; read as far as it goes", warning=True
    )
    assert isinstance(article, Article) and article.body.endswith(
        "Trump told reporters in the Oval Office."
    )


def test_html_without_text_is_a_problem(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text(
        "<html><head><title></title></head><body><nav>Home</nav><script>x()</script></body></html>"
    )
    [problem] = read(empty)
    assert isinstance(problem, ReadProblem) and problem.source == str(empty)


# --- RSS and Atom ---------------------------------------------------------------------------


def test_rss_items_are_articles_with_full_content_when_present() -> None:
    items = read(INPUTS / "feed.rss")
    first, second, third = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (
        first.headline
        == "Lee, China's Xi to discuss peace, denuclearization on Korean Peninsula at Monday summit in Beijing"
    )
    assert first.url == "https://wire.example.org/world/2026/01/02/lee-xi-summit"
    assert first.published == date(2026, 1, 2) and not first.published_inferred
    assert first.publisher == "Example Wire – World"
    assert first.authors == ("Kim Eun-jung",)
    assert first.identifier == "wire-2026-0102-001"
    assert (
        'Wi replied, "There will be discussions on peace' in first.body
    )  # content:encoded, not description
    assert "Advertisement" not in first.body and "newsletter" not in first.body
    assert second.body.split("\n\n")[1].startswith("Rep. Kim Byung-kee")  # HTML description cleaned
    assert "<p>" not in second.body
    assert second.authors == ("Park Min-ji",)
    assert third == ReadProblem(
        f"{INPUTS / 'feed.rss'}:30", "feed item has no content, description or summary"
    )


def test_atom_entries_are_articles() -> None:
    selfies, hearing, summary = read(INPUTS / "feed.atom")
    assert (
        isinstance(selfies, Article)
        and isinstance(hearing, Article)
        and isinstance(summary, Article)
    )
    assert selfies.url == "https://herald.example.com/2026/01/06/selfies"
    assert (selfies.published, selfies.authors, selfies.publisher) == (
        date(2026, 1, 6),
        ("Lee Soo-jin",),
        "Example Herald",
    )
    assert "the more the Korea-China relationship warms" in selfies.body
    assert hearing.headline == "Tempers flare at National Assembly's hearing on Coupang"
    assert hearing.body.split("\n\n")[1:] == [
        "A contentious parliamentary hearing on key controversies surrounding e-commerce giant Coupang took place at the National Assembly on Tuesday, with heated comments from both sides of the table.",
        "A total of 13 witnesses were summoned, including former Coupang Korea CEO Park Dae-jun.",
    ]  # xhtml content, "Share" dropped
    assert summary.body.endswith("bilateral talks and a signing ceremony.")


def test_malformed_feed_keeps_the_items_before_the_damage(tmp_path: Path) -> None:
    feed = (INPUTS / "feed.rss").read_text()
    cut = tmp_path / "cut.rss"
    cut.write_text(feed[: feed.index("<title>Ruling Party")])
    items = read(cut)
    assert isinstance(items[0], Article)
    assert isinstance(items[1], ReadProblem) and "malformed XML" in items[1].message
    assert len(items) == 2


def test_feed_entities_are_not_expanded(tmp_path: Path) -> None:
    feed = tmp_path / "xxe.xml"
    feed.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel>'
        "<item><title>&x;</title><description>The president said on Wednesday that talks would "
        "start immediately in Riyadh.</description></item></channel></rss>"
    )
    [article] = read(feed)
    assert isinstance(article, Article) and "root:" not in article.body


# --- JSON Lines and JSON --------------------------------------------------------------------


def test_jsonl_common_field_names_without_configuration() -> None:
    items = read(INPUTS / "articles.jsonl")
    found = {item.source.rsplit(":", 1)[1]: item for item in items}
    yonhap, joongang, bbc, guardian_like, wordpress = (found[str(n)] for n in (1, 2, 4, 5, 6))
    assert isinstance(yonhap, Article)
    assert (yonhap.identifier, yonhap.publisher, yonhap.published, yonhap.authors) == (
        "yna-0015826107",
        "Yonhap News Agency",
        date(2026, 1, 2),
        ("Kim Eun-jung",),
    )
    assert (
        yonhap.body.split("\n\n")[2]
        == "Lee is scheduled to pay a four-day state visit to China beginning Sunday."
    )
    assert isinstance(joongang, Article)
    assert (joongang.identifier, joongang.url, joongang.publisher, joongang.published) == (
        "articles-2",
        "https://n.news.example/article/640/0000082382",
        "Korea JoongAng Daily",
        date(2025, 12, 30),
    )
    assert joongang.authors == ("Lee Jae-lim", "Seo Ji-eun")
    assert "Advertisement" not in joongang.body
    assert isinstance(bbc, Article)
    assert (bbc.publisher, bbc.published) == ("BBC News", date(2025, 10, 28))
    assert (
        "[+5120 chars]" not in bbc.body and "Praise, Nobel nominations" in bbc.body
    )  # content over description
    assert isinstance(guardian_like, Article)
    assert guardian_like.url == "https://www.independent.example/world/netanyahu-un"
    assert guardian_like.published == date(2025, 9, 26)
    assert isinstance(wordpress, Article)
    assert wordpress.headline == "Ruling Party floor leader resigns"
    assert (
        "“Today, I will resign as the Democratic Party’s floor leader,” Kim said." in wordpress.body
    )


def test_jsonl_bad_lines_are_problems_naming_file_and_line() -> None:
    path = INPUTS / "articles.jsonl"
    assert [str(p) for p in read(path) if isinstance(p, ReadProblem)] == [
        f"{path}:7: record is a JSON array, not an object",
        f"{path}:8: line is not valid JSON: Unterminated string starting at (line 1, column 34)",
        f"{path}:9: skipped: language is 'de', not English",
        f"{path}:10: record has no article text (looked for text/body/content/articleBody)",
    ]


def test_field_map_names_the_users_fields() -> None:
    field_map = {
        "headline": "hed",
        "body": "story.paragraphs",
        "url": "permalink",
        "published": "when",
        "publisher": "outlet",
        "author": "writers",
        "id": "key",
    }
    article = only_article(INPUTS / "custom.jsonl", field_map=field_map)
    assert (
        article.headline,
        article.url,
        article.published,
        article.publisher,
        article.authors,
        article.identifier,
    ) == (
        "Lee takes Xiaomi phone selfies with Xi",
        "https://daily.example/selfies",
        date(2026, 1, 6),
        "Korea JoongAng Daily",
        ("Shim Sun-ah",),
        "6",
    )
    assert article.body.split("\n\n")[1].startswith("BEIJING — Korean President Lee Jae Myung")
    [problem] = read(INPUTS / "custom.jsonl")
    assert isinstance(problem, ReadProblem) and "no article text" in problem.message


def test_json_object_holding_a_list_of_articles() -> None:
    first, second = read(INPUTS / "newsapi.json")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.publisher, first.published, first.identifier) == (
        "Al Jazeera English",
        date(2025, 2, 12),
        "newsapi-1",
    )
    assert second.headline == "Hegseth says Ukraine NATO bid unrealistic"


def test_json_array_streams_records_and_names_lines(tmp_path: Path) -> None:
    records = [
        {
            "title": "One",
            "body": "The president said on Wednesday that talks would start immediately.",
        },
        "a string",
        {
            "title": "Three",
            "body": "The minister said on Thursday that the alliance faced a moment of truth.",
        },
    ]
    path = tmp_path / "list.json"
    path.write_text(json.dumps(records, indent=2) + "\n")
    one, two, three = read(path)
    assert isinstance(one, Article) and isinstance(three, Article)
    assert (one.source, one.identifier, three.source, three.identifier) == (
        f"{path}:2",
        "list-1",
        f"{path}:7",
        "list-3",
    )
    assert two == ReadProblem(f"{path}:6", "record is a JSON string, not an object")


def test_truncated_json_array_reports_where_it_breaks(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text(
        '[{"title": "One", "body": "The president said on Wednesday that talks would start."},\n {"title": "Tw'
    )
    one, problem = read(path)
    assert isinstance(one, Article)
    assert isinstance(problem, ReadProblem) and problem.source == f"{path}:2"
    assert problem.message.startswith("not valid JSON: Unterminated string")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("42", "JSON holds a number, not an object or a list of objects"),
        ('{"title": "x"', "not valid JSON: Expecting ',' delimiter (line 1, column 14)"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON: nested too deeply"),
    ],
)
def test_json_that_is_not_articles(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    [problem] = read(path)
    assert isinstance(problem, ReadProblem) and problem.message == message


# --- plain text -----------------------------------------------------------------------------


def test_text_header_and_footer_lines_become_metadata() -> None:
    article = only_article(INPUTS / "aggregator.txt")
    assert article.headline == "NATO chief says Ukraine must be involved in any peace talks"
    assert (article.aggregator_id, article.publisher) == ("wire-88213", "Reuters")
    assert article.authors == ("Jane Doe", "John Roe")
    for noise in (
        "Story ID",
        "Published:",
        "Skip to content",
        "By Jane",
        "Advertisement",
        "Read more",
        "Share this",
        "منبع",
        "حقوق",
    ):
        assert noise not in article.body, noise
    assert article.body.count("\n\n") == 3


def test_hard_wrapped_text_is_unwrapped() -> None:
    body = only_article(INPUTS / "wrapped.txt").body
    assert body.split("\n\n")[1] == (
        "France's defence minister warned on Wednesday that NATO faces a moment of reckoning on its "
        "future, as allies met in Brussels to discuss the war in Ukraine and the new US administration's plans."
    )


def test_sidecar_metadata_wins_and_the_printed_headline_stays_in_the_body() -> None:
    article = only_article(INPUTS / "with-sidecar.txt")
    assert (
        article.headline,
        article.identifier,
        article.url,
        article.publisher,
        article.authors,
    ) == (
        "Trump says peace talks to start",
        "with-sidecar",
        "https://example.org/talks",
        "Example Daily",
        ("Jane Doe",),
    )
    assert (article.published, article.published_inferred) == (date(2025, 2, 13), False)
    assert article.body.startswith("Trump says talks to start\n\nThe president said")


def test_a_broken_sidecar_is_reported_and_the_article_still_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Talks to start\n\nThe president said on Wednesday that talks would start immediately."
    )
    (tmp_path / "a.meta.json").write_text("{broken")
    problem, article = read(tmp_path)
    assert isinstance(problem, ReadProblem) and problem.source == str(tmp_path / "a.meta.json")
    assert isinstance(article, Article) and article.headline == "Talks to start"


def test_legacy_encoding_and_crlf_are_decoded_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(
        "Café talks\r\n\r\nThe minister said the café talks were \u201cconstructive\u201d on Monday, and that more would follow.\r\n".encode(
            "cp1252"
        )
    )
    article = only_article(path)
    assert article.headline == "Café talks"
    assert "\r" not in article.body and "“constructive”" in article.body
    decomposed = tmp_path / "nfd.txt"
    decomposed.write_text(
        "Cafe\u0301 talks\n\nThe minister said the cafe\u0301 talks were constructive on Monday and would go on."
    )
    assert only_article(decomposed).body.startswith("Café talks")


def test_non_english_text_is_a_problem_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text(
        "Reform angekündigt\n\nDer Bundeskanzler hat am Mittwoch in Berlin eine umfassende Reform der Rentenversicherung angekündigt."
    )
    assert read(path) == [ReadProblem(str(path), "skipped: language is 'de', not English")]


# --- embedded posts -------------------------------------------------------------------------


def test_post_spans_index_the_body_exactly(tmp_path: Path) -> None:
    path = tmp_path / "posts.txt"
    path.write_text(
        "Leaders react to the call\n\n"
        "The Ukrainian president said he spoke to Trump. He later wrote on X:\n\n"
        "We agreed to keep working together. pic.twitter.com/AbC123\n\n"
        "— Volodymyr Zelenskyy (@ZelenskyyUa) February 12, 2025\n\n"
        "Rutte also posted a message.\n\n"
        "Good call with @POTUS today.\n\n"
        "Ukraine must be at the table.\n\n"
        "— Mark Rutte (@SecGenNATO) 12 February 2025\n\n"
        "The photographer Jane Roe shared the scene.\n\n"
        "Sunset over Kyiv tonight.\n\n"
        "A post shared by Jane Roe (@janeroe_photos)\n\n"
        "— Someone (@nobody) March 1, 2025\n\n"
        "The end of the article came on Thursday, February 13, 2025."
    )
    article = only_article(path)
    assert [(p.author, p.handle, p.posted) for p in article.posts] == [
        ("Volodymyr Zelenskyy", "ZelenskyyUa", date(2025, 2, 12)),
        ("Mark Rutte", "SecGenNATO", date(2025, 2, 12)),
        ("Jane Roe", "janeroe_photos", None),
    ]
    texts = [p.span.slice(article.body) for p in article.posts]
    assert texts == [
        "We agreed to keep working together.",
        "Good call with @POTUS today.\n\nUkraine must be at the table.",
        "Sunset over Kyiv tonight.",
    ]
    for post in article.posts:
        assert 0 <= post.span.begin < post.span.end <= len(article.body)
        words = post.span.slice(article.body)
        assert words == words.strip() and "— " not in words
        assert article.body[post.span.end : post.span.end + 2] == "\n\n"


def test_byline_before_the_headline_is_metadata(tmp_path: Path) -> None:
    path = tmp_path / "byline.txt"
    path.write_text(
        "By Jane Doe\nTalks to start in Riyadh\n\n"
        "The president said on Wednesday that talks would start immediately in Riyadh."
    )
    article = only_article(path)
    assert (article.headline, article.authors) == ("Talks to start in Riyadh", ("Jane Doe",))
    assert "Jane Doe" not in article.body


def test_truncated_html_is_counted_once_as_written_with_a_warning(kg, tmp_path: Path) -> None:
    page = (INPUTS / "page.html").read_text()
    cut = tmp_path / "cut.html"
    cut.write_text(page[: page.index("<p>Trump said that he would")])
    run = kg("build", cut, "-o", tmp_path / "g.nq", "--report", tmp_path / "report.json")
    assert run.code == 0, run.err
    assert "truncated; read as far as it goes" in run.err
    assert "1 article(s) read, 1 written, 0 unchanged, 0 skipped" in run.err
    import json

    report = json.loads((tmp_path / "report.json").read_text())
    assert report["skipped"] == [] and len(report["warnings"]) == 1
