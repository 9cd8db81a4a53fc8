"""kg.readers: the public API, the dev corpus and seed acceptance, inputs, limits and dates."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.model import Article
from kg.readers import FORMATS, ReadProblem, read_inputs
from kg.readers.limits import SNIFF_BYTES
from kg.readers.sources import Source, expand
from tests.conftest import DATA, REPO

INPUTS = DATA / "inputs"
DEV = REPO.parent / "shared" / "corpus" / "dev"
SEED = DEV / "seed-aljazeera-trump-putin-call.txt"
needs_dev = pytest.mark.skipif(not SEED.is_file(), reason=f"dev corpus not found at {DEV}")


def read(*inputs: str | Path, **options: object) -> list[Article | ReadProblem]:
    return list(read_inputs([str(i) for i in inputs], **options))  # type: ignore[arg-type]


def articles(items: Iterable[Article | ReadProblem]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def problems(items: Iterable[Article | ReadProblem]) -> list[ReadProblem]:
    return [item for item in items if isinstance(item, ReadProblem)]


# --- the API ---------------------------------------------------------------------------------


def test_formats_are_the_documented_five() -> None:
    assert FORMATS == ("text", "html", "jsonl", "json", "rss")


def test_read_problem_prints_as_one_line_naming_its_source() -> None:
    problem = ReadProblem("feed.xml:12", "malformed XML:\n  mismatched tag")
    assert str(problem) == "feed.xml:12: malformed XML: mismatched tag"
    assert "\n" not in str(problem)


def test_unknown_format_and_bad_field_map_are_config_errors_raised_at_once() -> None:
    with pytest.raises(ConfigError, match="unknown input format 'pdf'; known: text, html"):
        read_inputs(["x"], fmt="pdf")
    with pytest.raises(ConfigError, match="unknown field 'text'"):
        read_inputs(["x"], field_map={"text": "story"})
    with pytest.raises(ConfigError, match="must be a non-empty string"):
        read_inputs(["x"], field_map={"body": ""})


def test_read_inputs_is_lazy() -> None:
    items = read_inputs(["does-not-exist.txt"])
    assert not isinstance(items, list)
    assert next(items) == ReadProblem("does-not-exist.txt", "no such file or directory")


# --- acceptance: the seed and the dev corpus ----------------------------------------------------


@needs_dev
def test_seed_article_reads_with_metadata_from_its_aggregator_header() -> None:
    [article] = articles(read(SEED))
    assert article.publisher == "Al Jazeera English"
    assert (
        article.headline
        == "Trump speaks to Putin, says talks to end Ukraine war to start ‘immediately’"
    )
    assert article.aggregator_id == "71342709"
    assert article.identifier == "seed-aljazeera-trump-putin-call"
    assert article.language == "en"
    assert article.body.startswith(article.headline + "\n\n")


@needs_dev
def test_seed_body_has_no_persian_lines_and_no_advertisements() -> None:
    [article] = articles(read(SEED))
    lines = article.body.split("\n")
    assert not any("\u0600" <= char <= "\u06ff" for char in article.body)
    assert "Advertisement" not in lines
    assert "pic.twitter.com" not in article.body
    assert "\n\n\n" not in article.body


@needs_dev
def test_seed_embedded_post_is_attributed_to_zelenskyy() -> None:
    [article] = articles(read(SEED))
    [post] = article.posts
    assert (post.author, post.handle, post.posted) == (
        "Volodymyr Zelenskyy",
        "ZelenskyyUa",
        date(2025, 2, 12),
    )
    words = post.span.slice(article.body)
    assert words.startswith("I had a long and detailed conversation with President Trump.")
    assert words.endswith("President Trump informed me about what…")
    assert article.body[post.span.end :].startswith(
        "\n\n— Volodymyr Zelenskyy / Володимир Зеленський"
    )


@needs_dev
def test_seed_date_is_inferred_from_the_latest_date_printed() -> None:
    [article] = articles(read(SEED))
    assert (article.published, article.published_inferred) == (date(2025, 2, 12), True)
    [given] = articles(read(SEED, published=date(2025, 2, 13)))
    assert (given.published, given.published_inferred) == (date(2025, 2, 13), False)


@needs_dev
@pytest.mark.parametrize("stem", [f"dev0{n}" for n in range(1, 7)])
def test_dev_articles_read_with_their_sidecar_metadata(stem: str) -> None:
    meta = json.loads((DEV / f"{stem}.meta.json").read_text())
    [article] = articles(read(DEV / f"{stem}.txt"))
    assert article.identifier == stem
    assert article.headline == meta["title"]
    assert article.publisher == meta["publisher"]
    assert article.url == meta["url"]
    assert article.published == date.fromisoformat(meta["published"])
    assert not article.published_inferred
    assert article.body.startswith(meta["title"])


@needs_dev
def test_dev_folder_skips_companion_files_and_keeps_gold_strings_in_the_bodies() -> None:
    items = read(DEV)
    assert problems(items) == []
    by_stem = {a.identifier: a for a in articles(items)}
    assert {f"dev0{n}" for n in range(1, 7)} | {"seed-aljazeera-trump-putin-call"} <= set(by_stem)
    assert not any(".json" in a.source for a in by_stem.values())
    for gold_file in sorted(DEV.glob("*.gold.json")):
        gold = json.loads(gold_file.read_text())
        body = by_stem[gold_file.name.removesuffix(".gold.json")].body
        for statement in gold["statements"]:
            assert statement["text"] in body, (gold_file.name, statement["text"])


# --- inputs: files, folders, globs, stdin ---------------------------------------------------


def test_folders_are_walked_sorted_skipping_hidden_entries(tmp_path: Path) -> None:
    for name in ("b/2.txt", "a/1.txt", ".hidden/x.txt", "a/.secret.txt", "c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    names = [Path(s.name).relative_to(tmp_path).as_posix() for s in expand([str(tmp_path)])]  # type: ignore[union-attr]
    assert names == ["c.txt", "a/1.txt", "b/2.txt"]


def test_globs_missing_paths_and_empty_globs(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("x")
    (tmp_path / "two.html").write_text("x")
    found = list(expand([str(tmp_path / "*.txt"), str(tmp_path / "*.pdf"), str(tmp_path / "nope")]))
    assert found == [
        Source(str(tmp_path / "one.txt"), tmp_path / "one.txt"),
        ReadProblem(str(tmp_path / "*.pdf"), "no files match this pattern"),
        ReadProblem(str(tmp_path / "nope"), "no such file or directory"),
    ]


def test_standard_input_is_read_and_its_format_detected() -> None:
    record = {
        "title": "Talks to start",
        "text": "The president said on Wednesday that talks would start immediately in Riyadh.",
    }
    stdin = io.BytesIO((json.dumps(record) + "\n[1]\n").encode())
    items = read("-", stdin=stdin)
    assert [str(p) for p in problems(items)] == ["<stdin>:2: record is a JSON array, not an object"]
    [article] = articles(items)
    assert (article.source, article.identifier, article.headline) == (
        "<stdin>:1",
        "stdin-1",
        "Talks to start",
    )


def test_a_plain_text_on_standard_input_has_no_identifier() -> None:
    stdin = io.BytesIO(
        b"Talks to start\n\nThe president said on Wednesday that talks would start immediately.\n"
    )
    [article] = read("-", stdin=stdin)
    assert isinstance(article, Article)
    assert (article.source, article.identifier, article.headline) == (
        "<stdin>",
        None,
        "Talks to start",
    )


def test_fmt_forces_a_format(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "<p>The president said on Wednesday that talks would start immediately in Riyadh.</p>"
    )
    [as_text] = read(page, fmt="text")
    [as_html] = read(page)
    assert (
        isinstance(as_text, Article)
        and as_text.headline is not None
        and as_text.headline.startswith("<p>")
    )
    assert isinstance(as_html, Article) and "<p>" not in as_html.body


class _CountingFile(io.RawIOBase):
    """A file opened by the readers, counting the bytes they take from it."""

    def __init__(self, inner: io.BufferedReader, taken: list[int]) -> None:
        self.inner, self.taken = inner, taken

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        data = self.inner.read(len(buffer))
        buffer[:len(data)] = data
        self.taken.append(len(data))
        return len(data)

    def close(self) -> None:
        self.inner.close()
        super().close()


@pytest.fixture()
def opened(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """Each file the readers open, as the sizes of the reads they made from it."""
    files: list[list[int]] = []
    real_open = Path.open

    def counting_open(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if mode != "rb":  # the test writing its files
            return real_open(self, mode, *args, **kwargs)
        taken: list[int] = []
        files.append(taken)
        return io.BufferedReader(_CountingFile(real_open(self, mode, *args, **kwargs), taken))

    monkeypatch.setattr(Path, "open", counting_open)
    return files


def test_a_folder_of_10000_files_streams(tmp_path: Path, opened: list[list[int]]) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(10_000):
        (folder / f"{number:05}.txt").write_bytes(b"")
    first = list(itertools.islice(read_inputs([str(folder)]), 3))
    assert len(opened) == 3  # files are listed, not read ahead
    assert [str(p) for p in first] == [f"{folder / f'{n:05}.txt'}: empty file" for n in range(3)]
    assert sum(1 for _ in expand([str(folder)])) == 10_000


# --- limits ---------------------------------------------------------------------------------


def test_a_50_megabyte_file_is_a_problem_and_is_not_read(
    tmp_path: Path, opened: list[list[int]]
) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Headline\n\n" + b"The president said so. " * (50 * 1024 * 1024 // 23))
    assert read(big) == [
        ReadProblem(str(big), "file is 50.0 MB; one article may be at most 16.0 MB")
    ]
    assert len(opened) == 1 and sum(opened[0]) <= SNIFF_BYTES  # its head only, to tell its format


def test_an_overlong_json_line_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    good = json.dumps(
        {
            "title": "T",
            "text": "The president said on Wednesday that talks would start immediately.",
        }
    )
    path.write_bytes(b'{"text": "' + b"a" * (17 * 1024 * 1024) + b'"}\n' + good.encode() + b"\n")
    items = read(path)
    assert [str(p) for p in problems(items)] == [f"{path}:1: line is longer than 16.0 MB; skipped"]
    assert [a.source for a in articles(items)] == [f"{path}:2"]


# --- publication dates ----------------------------------------------------------------------


def test_metadata_date_wins_over_the_published_option_and_the_text(tmp_path: Path) -> None:
    [article] = read(INPUTS / "aggregator.txt", published=date(2020, 1, 1))
    assert isinstance(article, Article)
    assert (article.published, article.published_inferred) == (date(2025, 2, 13), False)


def test_latest_printed_date_is_used_when_nothing_else_dates_the_article() -> None:
    [article] = read(INPUTS / "wrapped.txt")
    assert isinstance(article, Article)
    assert (article.published, article.published_inferred) == (date(2025, 2, 12), True)
