"""Loaders append idempotently, link edited versions and roll back on failure."""

from datetime import UTC, datetime

import duckdb
import polars as pl
import pytest

from movewatch.warehouse import loaders
from movewatch.warehouse.loaders import load_articles, replace_tables
from movewatch.warehouse.schema import ensure_schema

NOW = datetime(2026, 1, 2, tzinfo=UTC)
LATER = datetime(2026, 1, 3, tzinfo=UTC)


def article(article_id: str, source_key: str, text: str, at: datetime = NOW) -> dict:
    return {
        "article_id": article_id, "content_hash": f"c{article_id}", "raw_hash": f"r{article_id}",
        "source_key": source_key, "version_of": None, "source": "inbox/a.txt",
        "source_kind": "text", "position": "", "url": None, "outlet": None, "title": "T",
        "text": text, "author": None, "published_raw": None, "published_at": None,
        "language": "en", "word_count": len(text.split()), "duplicate_of": None,
        "duplicate_kind": None, "fixes": [], "ingested_at": at, "minhash": [1, 2, 3],
    }


def frame(*rows: dict) -> pl.DataFrame:
    return pl.DataFrame(list(rows)).with_columns(
        pl.col("version_of", "url", "outlet", "author", "published_raw", "duplicate_of",
               "duplicate_kind").cast(pl.String),
        pl.col("published_at").cast(pl.Datetime("us", "UTC")),
        pl.col("fixes").cast(pl.List(pl.String)),
        pl.col("minhash").cast(pl.List(pl.UInt64)),
    )


REJECTS = pl.DataFrame(
    {"source": ["bad.jsonl"], "position": ["3"], "reason": ["malformed JSON"],
     "sample": ["{oops"], "rejected_at": [NOW]}
)


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    ensure_schema(con)
    return con


def test_same_input_twice_adds_nothing(con) -> None:
    first = load_articles(con, frame(article("a1", "k1", "one")), REJECTS)
    second = load_articles(con, frame(article("a1", "k1", "one")), REJECTS)
    assert (first.articles_added, first.rejects_added) == (1, 1)
    assert (second.articles_added, second.rejects_added) == (0, 0)
    assert con.execute("select count(*) from raw.article_signatures").fetchall()[0][0] == 1


def test_edited_article_is_a_new_version_never_an_overwrite(con) -> None:
    load_articles(con, frame(article("a1", "k1", "first text")), REJECTS.clear())
    result = load_articles(con, frame(article("a2", "k1", "edited text", LATER)), REJECTS.clear())
    assert result.new_versions == 1
    rows = con.execute(
        "select article_id, version_of, text from raw.articles order by ingested_at"
    ).fetchall()
    assert rows == [("a1", None, "first text"), ("a2", "a1", "edited text")]


def test_failed_load_leaves_previous_state(con, monkeypatch) -> None:
    load_articles(con, frame(article("a1", "k1", "one")), REJECTS.clear())

    def broken_insert(*args, **kwargs):
        raise RuntimeError("killed half way")

    original = loaders._insert
    calls = {"n": 0}

    def insert_then_fail(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:  # articles are in, the rejects insert fails
            broken_insert()
        return original(*args, **kwargs)

    monkeypatch.setattr(loaders, "_insert", insert_then_fail)
    with pytest.raises(RuntimeError):
        load_articles(con, frame(article("a2", "k2", "two")), REJECTS)
    assert con.execute("select count(*) from raw.articles").fetchall()[0][0] == 1
    assert con.execute("select count(*) from raw.rejects").fetchall()[0][0] == 0
    monkeypatch.setattr(loaders, "_insert", original)
    assert load_articles(con, frame(article("a2", "k2", "two")), REJECTS).articles_added == 1


def test_replace_tables_swaps_contents_together(con) -> None:
    stories = pl.DataFrame({"article_id": ["a1", "a2"], "story_id": ["s1", "s1"]})
    events = pl.DataFrame({"fact_id": ["f1"], "fact_kind": ["company_move"], "event_id": ["e1"]})
    replace_tables(con, {"raw.article_stories": stories, "raw.fact_events": events})
    replace_tables(con, {"raw.article_stories": stories.head(1), "raw.fact_events": events})
    assert con.execute("select count(*) from raw.article_stories").fetchall()[0][0] == 1
    assert con.execute("select count(*) from raw.fact_events").fetchall()[0][0] == 1
