"""read_sources on files built in tmp_path: good records kept, each bad input rejected."""

import json
import shutil
import time
from pathlib import Path

import polars as pl
import pytest

from movewatch.sources import ARTICLE_SCHEMA, REJECT_SCHEMA, SourceSettings, read_sources

FIXTURES = Path(__file__).parents[2] / "fixtures" / "bad_inputs"

ARTICLE_HTML = """<!DOCTYPE html><html><head>
<title>Gamma to build battery plant | Daily Bugle</title>
<meta property="og:site_name" content="Daily Bugle">
<meta name="author" content="Pat Writer">
<meta property="article:published_time" content="2021-07-20T10:00:00Z">
<link rel="canonical" href="https://www.dailybugle.example/gamma-plant"></head>
<body><nav>Home | World | Business</nav><article><h1>Gamma to build battery plant</h1>
<p>Gamma Industries said on Tuesday that it would build a battery plant in Poland, creating
about 1,200 jobs over the next three years, according to a company statement.</p>
<p>The company said the factory near Wroclaw would supply carmakers across Europe and that
production would start in 2023 if the permits arrive on time.</p>
<p>Analysts said the decision reflected rising demand for electric vehicles in the region and
lower energy costs than in Germany, where Gamma already runs two plants.</p>
<p>The Polish government welcomed the investment and said it would offer a tax break under its
special economic zone rules, the statement added.</p></article>
<footer>Copyright Daily Bugle</footer></body></html>"""


def reasons(batch) -> dict[str, str]:
    """Reject reasons keyed by file name#position."""
    rows = batch.rejects.select("source", "position", "reason").rows()
    return {f"{Path(source).name}#{position}": reason for source, position, reason in rows}


def test_frames_have_the_documented_columns(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nBody text here.\n")
    batch = read_sources([tmp_path])
    assert batch.articles.schema == pl.Schema(ARTICLE_SCHEMA)
    assert batch.rejects.schema == pl.Schema(REJECT_SCHEMA)


def test_text_and_markdown_articles(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "one.txt").write_text("\n\nFirst title\n\nFirst body line.\nSecond line.\n")
    (folder / "two.md").write_text("# Heading title\n\nMarkdown body.\n")
    (folder / "README.md").write_text("# Not an article\n\nDocs.\n")
    (folder / "notes.csv").write_text("a,b\n")
    batch = read_sources([folder])
    rows = {r["title"]: r for r in batch.articles.to_dicts()}
    assert set(rows) == {"First title", "Heading title"}
    assert rows["First title"]["text"] == "First body line.\nSecond line."
    assert rows["First title"]["source_kind"] == "text"
    assert rows["First title"]["position"] == ""
    assert rows["First title"]["source_key"] == "inbox/one.txt#"
    assert rows["First title"]["source"] == str((folder / "one.txt").resolve())
    assert len(rows["First title"]["raw_hash"]) == 64
    assert reasons(batch) == {"notes.csv#": "unsupported file type: .csv"}


def test_a_long_first_line_is_text_not_a_title(tmp_path):
    paragraph = " ".join(["Gamma said on Monday that it would move its head office to Dublin."] * 4)
    (tmp_path / "untitled.txt").write_text(f"{paragraph}\nSecond paragraph.\n")
    row = read_sources([tmp_path]).articles.row(0, named=True)
    assert row["title"] is None
    assert row["text"] == f"{paragraph}\nSecond paragraph."
    assert row["fixes"] == ["first line is a paragraph, not a title: kept as text"]


def test_source_key_does_not_depend_on_where_the_folder_lives(tmp_path):
    for parent in ("here", "there/deeper"):
        folder = tmp_path / parent / "inbox"
        folder.mkdir(parents=True)
        (folder / "a.txt").write_text("T\n\nSame text.\n")
    keys = [
        read_sources([tmp_path / parent / "inbox"]).articles["source_key"][0]
        for parent in ("here", "there/deeper")
    ]
    assert keys[0] == keys[1] == "inbox/a.txt#"


def test_bad_files_are_rejected_next_to_good_ones(tmp_path):
    (tmp_path / "good.txt").write_text("Good title\n\nGood body.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("   \n\n  \n")
    (tmp_path / "title_only.txt").write_text("Just a title\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "huge.txt").write_text("Huge\n\n" + "x" * 5000)
    (tmp_path / "page.html").write_text(ARTICLE_HTML)
    (tmp_path / "nobody.html").write_text("<html><head><title>x</title></head><body></body></html>")
    batch = read_sources([tmp_path], SourceSettings(max_article_bytes=4000))
    assert sorted(batch.articles["title"].to_list()) == [
        "Gamma to build battery plant",
        "Good title",
    ]
    got = reasons(batch)
    assert got["empty.txt#"] == "empty file"
    assert got["blank.md#"] == "empty file"
    assert got["title_only.txt#"] == "no text after the title line"
    assert got["binary.txt#"].startswith("binary content")
    assert got["huge.txt#"].startswith("too large")
    assert got["nobody.html#"] == "HTML with no article body"
    assert len(got) == 6
    assert batch.rejects.filter(pl.col("source").str.ends_with("binary.txt"))["sample"][0]


def test_html_metadata_comes_from_trafilatura(tmp_path):
    (tmp_path / "page.html").write_text(ARTICLE_HTML)
    row = read_sources([tmp_path]).articles.row(0, named=True)
    assert row["source_kind"] == "html"
    assert row["title"] == "Gamma to build battery plant"
    assert "battery plant in Poland" in row["text"]
    assert "Home | World" not in row["text"]
    assert row["url"] == "https://www.dailybugle.example/gamma-plant"
    assert row["source_key"] == row["url"]
    assert row["outlet"] == "Daily Bugle"
    assert row["published_raw"] == "2021-07-20"


def test_cp1252_text_file_loads_with_a_fix(tmp_path):
    shutil.copy(FIXTURES / "cp1252_pound.txt", tmp_path)
    batch = read_sources([tmp_path])
    assert batch.rejects.is_empty()
    row = batch.articles.row(0, named=True)
    assert "£1.20" in row["text"]
    assert row["fixes"] == ["decoded as cp1252 after invalid UTF-8 at byte 31"]


def test_truncated_jsonl_line_is_rejected_alone():
    batch = read_sources([FIXTURES / "truncated_line.jsonl"])
    assert batch.articles["position"].to_list() == ["a1", "a3"]
    assert batch.articles["title"].to_list() == ["Acme opens plant", "Beta exits market"]
    assert batch.articles["source_key"].to_list() == [
        "truncated_line.jsonl#a1",
        "truncated_line.jsonl#a3",
    ]
    assert batch.rejects.select("position").to_series().to_list() == ["2"]
    assert batch.rejects["reason"][0].startswith("malformed JSON line")
    assert batch.rejects["sample"][0].startswith('{"id": "a2"')


def _write_jsonl(path: Path, records: list, extra_lines: tuple[bytes, ...] = ()) -> None:
    lines = [json.dumps(r).encode() for r in records] + list(extra_lines)
    path.write_bytes(b"\n".join(lines) + b"\n")


RECORDS = [
    {"id": 1, "title": "One", "body": "Body one.", "date": "26-FEB-1987 15:01:01.79"},
    {"id": 2, "title": "Two", "body": "", "date": "26-FEB-1987 15:02:20.00"},
    {"title": "Three", "body": "Body three.", "url": "https://news.example/3"},
]


def test_jsonl_fast_and_per_line_paths_give_the_same_articles(tmp_path):
    clean, dirty = tmp_path / "clean" / "r.jsonl", tmp_path / "dirty" / "r.jsonl"
    clean.parent.mkdir()
    dirty.parent.mkdir()
    _write_jsonl(clean, RECORDS)
    _write_jsonl(dirty, RECORDS, extra_lines=(b'{"id": 9, "body": "cut', b"[1, 2]"))
    fast, slow = read_sources([clean]), read_sources([dirty])
    columns = [c for c in ARTICLE_SCHEMA if c != "source"]
    assert fast.articles.select(columns).equals(slow.articles.select(columns))
    assert fast.articles["position"].to_list() == ["1", "3"]  # id when present, else line
    assert fast.articles["source_key"].to_list() == ["r.jsonl#1", "https://news.example/3"]
    assert reasons(fast) == {"r.jsonl#2": "record with no text"}
    assert reasons(slow) == {
        "r.jsonl#2": "record with no text",
        "r.jsonl#4": reasons(slow)["r.jsonl#4"],
        "r.jsonl#5": "JSON record is not an object",
    }
    assert reasons(slow)["r.jsonl#4"].startswith("malformed JSON line")


def test_jsonl_line_with_invalid_utf8_is_kept_with_a_fix(tmp_path):
    path = tmp_path / "r.jsonl"
    _write_jsonl(path, RECORDS[:1], extra_lines=(b'{"title": "Pound", "body": "costs \xa35"}',))
    batch = read_sources([path])
    assert batch.rejects.is_empty()
    pound = batch.articles.filter(pl.col("title") == "Pound").row(0, named=True)
    assert pound["text"] == "costs £5"
    assert pound["fixes"][0].startswith("decoded as cp1252")


def test_jsonl_record_over_the_size_cap_is_rejected(tmp_path):
    path = tmp_path / "r.jsonl"
    _write_jsonl(path, [RECORDS[0], {"title": "Big", "body": "y" * 3000}])
    batch = read_sources([path], SourceSettings(max_article_bytes=1000))
    assert batch.articles["title"].to_list() == ["One"]
    assert reasons(batch)["r.jsonl#2"].startswith("too large")


@pytest.mark.parametrize("wrap", ["list", "articles", "object"])
def test_json_document_shapes(tmp_path, wrap):
    records = [RECORDS[0], RECORDS[2]]
    document = {"list": records, "articles": {"articles": records}, "object": records[0]}[wrap]
    (tmp_path / "r.json").write_text(json.dumps(document))
    batch = read_sources([tmp_path])
    expected = ["One"] if wrap == "object" else ["One", "Three"]
    assert batch.articles["title"].to_list() == expected
    assert set(batch.articles["source_kind"]) == {"json"}
    if wrap != "object":
        assert batch.articles["position"].to_list() == ["1", "1"]  # ids, then list index


def test_malformed_json_file_is_rejected(tmp_path):
    (tmp_path / "bad.json").write_text('{"title": "x", "body": ')
    (tmp_path / "good.txt").write_text("Good\n\nBody.\n")
    batch = read_sources([tmp_path])
    assert batch.articles["title"].to_list() == ["Good"]
    assert reasons(batch)["bad.json#"].startswith("malformed JSON")


def test_known_raw_hashes_are_skipped(tmp_path):
    (tmp_path / "a.txt").write_text("A\n\nText a.\n")
    (tmp_path / "b.txt").write_text("B\n\nText b.\n")
    first = read_sources([tmp_path])
    known = set(first.articles.filter(pl.col("title") == "A")["raw_hash"])
    again = read_sources([tmp_path], known_raw_hashes=known)
    assert again.articles["title"].to_list() == ["B"]


def test_billion_laughs_feed_is_rejected_without_expansion(tmp_path):
    shutil.copy(FIXTURES / "billion_laughs.xml", tmp_path)
    (tmp_path / "good.txt").write_text("Good\n\nBody.\n")
    started = time.monotonic()
    batch = read_sources([tmp_path])
    assert time.monotonic() - started < 5
    assert batch.articles["title"].to_list() == ["Good"]
    reason = reasons(batch)["billion_laughs.xml#"]
    assert "entity-expansion" in reason


def test_feed_file_with_full_content(tmp_path):
    feed = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Test Wire</title><link>https://wire.example/</link>
<item><title>Delta moves HQ</title><link>https://www.wire.example/delta</link>
<guid>delta-1</guid><pubDate>Mon, 06 Sep 2021 16:45:00 +0000</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>Delta Corp said it would move its headquarters to Dublin.</p>
<p>About 200 staff will relocate next year.</p>]]></content:encoded></item>
<item><title>No link item</title><description>Epsilon said profits rose.</description></item>
<item><title>Empty item</title></item>
</channel></rss>"""
    (tmp_path / "wire.rss").write_text(feed)
    batch = read_sources([tmp_path], SourceSettings(follow_article_pages=False))
    rows = {r["title"]: r for r in batch.articles.to_dicts()}
    delta = rows["Delta moves HQ"]
    assert delta["source_kind"] == "feed"
    assert delta["text"] == (
        "Delta Corp said it would move its headquarters to Dublin.\n"
        "About 200 staff will relocate next year."
    )
    assert delta["position"] == "delta-1"
    assert delta["source_key"] == "https://www.wire.example/delta"
    assert delta["published_raw"] == "Mon, 06 Sep 2021 16:45:00 +0000"
    assert delta["outlet"] is None  # the link's host names the outlet when normalising
    assert rows["No link item"]["outlet"] == "Test Wire"
    assert rows["No link item"]["source_key"] == f"{tmp_path.name}/wire.rss#1"
    assert reasons(batch) == {"wire.rss#2": "feed entry with no text"}
