"""normalise_articles end to end on a small raw frame, and the id hashes."""

import hashlib
from datetime import UTC, datetime

import polars as pl

from movewatch.normalise import ARTICLE_COLUMNS, normalise_articles
from movewatch.sources import ARTICLE_SCHEMA
from movewatch.warehouse.schema import DDL

INGESTED = datetime(2024, 5, 17, 12, 0, tzinfo=UTC)


def raw_frame(rows: list[dict]) -> pl.DataFrame:
    defaults = {column: None for column in ARTICLE_SCHEMA} | {
        "source": "/inbox/a.txt",
        "source_kind": "text",
        "position": "",
        "raw_hash": "0" * 64,
        "fixes": [],
    }
    return pl.DataFrame([defaults | row for row in rows], schema=ARTICLE_SCHEMA)


def test_columns_match_the_raw_articles_table_plus_minhash():
    ddl = next(statement for statement in DDL if "raw.articles" in statement)
    table_columns = [
        line.split()[0]
        for line in ddl.splitlines()
        if line.strip() and line.startswith("        ") and not line.strip().startswith(")")
    ]
    assert list(ARTICLE_COLUMNS) == [*table_columns, "minhash"]
    out = normalise_articles(raw_frame([{"source_key": "k", "text": "x"}]), INGESTED)
    assert out.columns == list(ARTICLE_COLUMNS)
    assert out.schema["published_at"] == pl.Datetime("us", "UTC")
    assert out.schema["minhash"] == pl.List(pl.UInt64)


def test_a_cnbc_style_text_is_cleaned_and_identified():
    raw = raw_frame(
        [
            {
                "source_key": "inbox/cnbc.txt#",
                "title": "A man walks past Microsoft\u00e2\u20ac\u2122s office on July 20, 2021.",
                "text": "Noel Celis | AFP | Getty Images\n"
                "Microsoft is  reportedly considering relocating staff from the region to the "
                "rest of the world.\n\n"
                "Read the full Wall Street Journal report.",
                "url": "https://www.cnbc.com/2024/05/17/microsoft.html",
                "published_raw": "2024-05-17T08:30:00-04:00",
                "fixes": ["decoded as cp1252 after invalid UTF-8 at byte 3"],
            }
        ]
    )
    row = normalise_articles(raw, INGESTED).row(0, named=True)
    assert row["text"] == (
        "Microsoft is reportedly considering relocating staff from the region to the rest of "
        "the world."
    )
    assert row["title"] is None
    assert row["fixes"] == [
        "decoded as cp1252 after invalid UTF-8 at byte 3",
        "repaired mojibake (ftfy)",
        "title line was a photo caption (dropped)",
    ]
    assert row["outlet"] == "cnbc.com"
    assert row["published_raw"] == "2024-05-17T08:30:00-04:00"
    assert row["published_at"] == datetime(2024, 5, 17, 12, 30, tzinfo=UTC)
    assert row["language"] == "en"
    assert row["word_count"] == 15
    assert row["ingested_at"] == INGESTED
    assert row["duplicate_of"] is None and row["version_of"] is None
    content_hash = hashlib.sha256(f"\n{row['text']}".encode()).hexdigest()[:16]
    assert row["content_hash"] == content_hash
    article_id = hashlib.sha256(f"inbox/cnbc.txt#\n{content_hash}".encode()).hexdigest()[:16]
    assert row["article_id"] == article_id


def test_same_content_at_two_sources_shares_content_hash_not_article_id():
    raw = raw_frame(
        [
            {"source_key": "a#", "title": "Same", "text": "Same  text here."},
            {"source_key": "b#", "title": "Same", "text": "Same text here.\n"},
        ]
    )
    out = normalise_articles(raw, INGESTED)
    assert out["content_hash"][0] == out["content_hash"][1]
    assert out["article_id"][0] != out["article_id"][1]
    assert out["minhash"][0].to_list() == out["minhash"][1].to_list()


def test_text_made_only_of_boilerplate_is_kept_rather_than_emptied():
    raw = raw_frame([{"source_key": "a#", "title": "T", "text": "Share this article"}])
    assert normalise_articles(raw, INGESTED)["text"].item() == "Share this article"


def test_naive_ingested_at_is_taken_as_utc():
    raw = raw_frame([{"source_key": "a#", "text": "x"}])
    out = normalise_articles(raw, datetime(2024, 1, 1, 9, 0))
    assert out["ingested_at"].item() == datetime(2024, 1, 1, 9, 0, tzinfo=UTC)


def test_nul_and_control_characters_anywhere_in_the_text_are_removed_and_recorded():
    text = "Acme said it would close a plant. " * 400 + "\x00\x01tail\x00 words."
    assert len(text) > 8192  # beyond the binary sniffing window of the readers
    out = normalise_articles(raw_frame([{"source_key": "k", "text": text}]), INGESTED)
    assert "\x00" not in out["text"][0] and "\x01" not in out["text"][0]
    assert out["text"][0].endswith("tail words.")
    assert "removed NUL and control characters" in out["fixes"][0].to_list()


def test_a_text_longer_than_the_parser_limit_is_capped_and_recorded():
    from movewatch.normalise.articles import MAX_TEXT_CHARS

    text = "word " * (MAX_TEXT_CHARS // 5 + 1000)
    out = normalise_articles(raw_frame([{"source_key": "k", "text": text}]), INGESTED)
    assert len(out["text"][0]) <= MAX_TEXT_CHARS
    assert any("capped" in fix for fix in out["fixes"][0].to_list())
    short = normalise_articles(raw_frame([{"source_key": "k", "text": "word " * 10}]), INGESTED)
    assert short["fixes"][0].to_list() == []
