"""Headlines without site names, and a headline the body already opens with is not added again.

Pages of our own: a `<title>` that carries the site's name after or before the headline (as the
og:site_name, the page's publisher, or its domain says), and an `<h1>` that differs from the
title only in its apostrophe.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.model import Article
from kg.readers import read_inputs

BODY = ("<p>The foreign minister said on Monday that the talks would resume in the spring.</p>"
        "<p>Officials from both sides met in the capital for two days of discussions about trade, "
        "fisheries and the border, and agreed to meet again before the summer.</p>")


def _page(title: str, *, site: str | None = None, h1: str | None = None, og_title: str | None = None,
          url: str = "https://news.example.org/2026/03/talks") -> str:
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    if og_title:
        site_meta += f'<meta property="og:title" content="{og_title}">'
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'{site_meta}<link rel="canonical" href="{url}"></head><body><article>{heading}{BODY}'
            f"</article></body></html>")


def _read(tmp_path: Path, page: str, name: str = "page.html") -> Article:
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    (article,) = [a for a in read_inputs([str(path)]) if isinstance(a, Article)]
    return article


@pytest.mark.parametrize(("title", "site", "url"), [
    ("Talks to resume in spring | Example Daily", "Example Daily", None),
    ("Talks to resume in spring - Example Daily", "Example Daily", None),
    ("Talks to resume in spring – The Example Daily", "Example Daily", None),
    ("Talks to resume in spring | Example Daily | by Jane Roe", "Example Daily", None),
    ("Example Daily | Talks to resume in spring", "Example Daily", None),
    ("Talks to resume in spring | Exampledaily", None, "https://www.exampledaily.com/a/b"),
    ("Talks to resume in spring - EXAMPLE DAILY", None, "https://exampledaily.co.uk/a"),
])
def test_a_site_name_around_the_headline_is_dropped(tmp_path, title, site, url) -> None:
    article = _read(tmp_path, _page(title, site=site, url=url or "https://news.example.org/a"))
    assert article.headline == "Talks to resume in spring"
    assert article.body.startswith("Talks to resume in spring\n")
    assert "Example" not in article.body.split("\n")[0]


def test_a_dash_that_is_part_of_the_headline_stays(tmp_path) -> None:
    article = _read(tmp_path, _page("Trade talks - what we know so far", site="Example Daily"))
    assert article.headline == "Trade talks - what we know so far"


def test_a_headline_differing_from_the_first_line_only_in_its_apostrophe_is_not_repeated(
        tmp_path) -> None:
    article = _read(tmp_path, _page("Minister's talks to resume in spring | Example Daily",
                                    og_title="Minister's talks to resume in spring",
                                    site="Example Daily", h1="Minister’s talks to resume in spring"))
    lines = article.body.split("\n")
    assert article.headline.replace("’", "'") == "Minister's talks to resume in spring"
    folded = [line.replace("’", "'") for line in lines]
    assert folded[0] == "Minister's talks to resume in spring"
    assert folded.count("Minister's talks to resume in spring") == 1, lines[:3]


def test_a_json_records_headline_loses_its_publishers_name(tmp_path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps({
        "title": "Talks to resume in spring | Example Daily", "publisher": "Example Daily",
        "text": "The foreign minister said on Monday that the talks would resume in the spring. "
                "Officials met in the capital for two days and agreed to meet again.",
    }) + "\n", encoding="utf-8")
    (article,) = [a for a in read_inputs([str(path)]) if isinstance(a, Article)]
    assert article.headline == "Talks to resume in spring"
