"""kg.readers against bad input: random bytes, damaged fixtures, malformed files.

Seeded and bounded, so every run throws the same few hundred inputs. The contract under test:
read_inputs never raises for input, every bad input yields a ReadProblem naming it, nothing is
dropped silently, and no reader fails with an unexpected error.
"""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from kg.model import Article
from kg.readers import FORMATS, ReadProblem, read_inputs
from tests.conftest import DATA

INPUTS = DATA / "inputs"
FIXTURES = sorted(p for p in INPUTS.iterdir() if not p.name.endswith(".meta.json"))
SUFFIXES = ("", ".txt", ".html", ".json", ".jsonl", ".xml", ".rss", ".bin")
assert len(FIXTURES) >= 8, "fixtures missing under tests/data/inputs"


def read_all(paths: list[Path], **options: object) -> list[Article | ReadProblem]:
    return list(read_inputs([str(p) for p in paths], **options))  # type: ignore[arg-type]


def file_of(item: Article | ReadProblem) -> str:
    """The file an item came from: its source without a ':line' or ':#n' suffix."""
    source = item.source
    head, _, tail = source.rpartition(":")
    return head if head and (tail.isdigit() or tail.startswith("#")) else source


def assert_contract(paths: list[Path], items: list[Article | ReadProblem]) -> None:
    unexpected = [
        str(p) for p in items if isinstance(p, ReadProblem) and "unexpected error" in p.message
    ]
    assert not unexpected, unexpected
    seen = {file_of(item) for item in items}
    silent = [str(p) for p in paths if str(p) not in seen]
    assert not silent, f"inputs that yielded nothing: {silent}"
    for item in items:
        if isinstance(item, ReadProblem):
            assert "\n" not in str(item) and str(item).startswith(item.source + ": ")
        else:
            assert item.body.strip() and all(p.span.end <= len(item.body) for p in item.posts)


def test_random_bytes_are_each_reported(tmp_path: Path) -> None:
    rng = random.Random(20250212)
    paths = []
    for number in range(60):
        path = tmp_path / f"random{number:02}{rng.choice(SUFFIXES)}"
        path.write_bytes(rng.randbytes(rng.randint(1, 4096)))
        paths.append(path)
    items = read_all(paths)
    assert_contract(paths, items)
    assert all(isinstance(item, ReadProblem) for item in items), [
        i for i in items if isinstance(i, Article)
    ]


def test_random_bytes_in_every_forced_format(tmp_path: Path) -> None:
    rng = random.Random(7)
    paths = []
    for number in range(10):
        path = tmp_path / f"junk{number}"
        path.write_bytes(rng.randbytes(rng.randint(1, 2048)))
        paths.append(path)
    for fmt in FORMATS:
        items = read_all(paths, fmt=fmt)
        assert_contract(paths, items)
        assert not any(isinstance(item, Article) for item in items), fmt


def test_damaged_fixtures_never_crash_the_reader(tmp_path: Path) -> None:
    rng = random.Random(12)
    paths = []
    for number in range(60):
        source = rng.choice(FIXTURES)
        data = bytearray(source.read_bytes())
        damage = rng.choice(("truncate", "flip", "splice", "nul"))
        if damage == "truncate":
            data = data[: rng.randint(0, len(data))]
        elif damage == "flip":
            for _ in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif damage == "splice":
            at = rng.randrange(len(data))
            data[at:at] = rng.randbytes(rng.randint(1, 200))
        else:
            data[rng.randrange(len(data))] = 0
        path = tmp_path / f"{number:02}-{damage}{source.suffix}"
        path.write_bytes(bytes(data))
        paths.append(path)
    assert_contract(paths, read_all(paths))


MALFORMED = {
    "empty.txt": b"",
    "blank.txt": b" \n\t\n  \n",
    "bom-only.txt": codecs.BOM_UTF8,
    "nul.txt": b"Headline\n\nBody\x00with a NUL byte in it.",
    "doc.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj",
    "archive.txt": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(200)),
    "image.html": b"\x89PNG\r\n\x1a\n" + bytes(100),
    "undecodable.txt": bytes(range(128, 256)) * 8,
    "only-ads.txt": b"Advertisement\n\nShare\n\nRead more\n",
    "only-header.txt": "شناسهٔ خبر: 1 - سرویس سیاسی\nنسخه قابل چاپ منبع: رویترز\n".encode(),
    "symbols.txt": b"#### ---- ==== ++++ 1234 5678 !!!! ????\n" * 20,
    "truncated.html": b"<html><head><title>Talks</title></head><body><article><p>The president said on",
    "tags-only.html": b"<html><body><div><span></span></div></body></html>",
    "scalar.json": b"42",
    "null.json": b"null",
    "array-of-numbers.json": b"[1, 2, 3]",
    "empty-array.json": b"[]",
    "unclosed.json": b'[{"title": "A", "body": "The president said on Wednesday that talks would start."',
    "not-object-lines.jsonl": b'1\n"two"\n[3]\nnull\n{"title": "no body"}\n',
    "bad-utf8.jsonl": b'{"title": "A", "text": "caf\xe9 talks"}\n',
    "not-a-feed.xml": b"<?xml version='1.0'?><catalog><book>Words</book></catalog>",
    "truncated.rss": b"<rss><channel><title>Wire</title><item><title>Talks</title><description>The pres",
    "undefined-entity.rss": b"<rss><channel><item><title>A&nbsp;B</title><description>Words here.</description></item></channel></rss>",
    "german.txt": "Reform angekündigt\n\nDer Bundeskanzler hat am Mittwoch in Berlin eine umfassende Reform angekündigt.".encode(),
    "utf16.txt": "Talks\n\nThe president said on Wednesday that talks would start immediately.".encode(
        "utf-16"
    ),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_each_malformed_file_is_reported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(MALFORMED[name])
    items = read_all([path])
    assert_contract([path], items)
    kinds = [type(item) for item in items]
    if name == "utf16.txt":  # a byte-order mark makes it readable text
        assert kinds == [Article]
    elif name == "truncated.html":  # reported, and read as far as it goes
        assert kinds == [ReadProblem, Article]
    else:
        assert kinds and set(kinds) == {ReadProblem}, items


def test_a_line_count_of_problems_for_a_bad_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_bytes(MALFORMED["not-object-lines.jsonl"])
    assert [p.source for p in read_all([path])] == [f"{path}:{n}" for n in range(1, 6)]
