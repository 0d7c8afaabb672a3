"""The bundled sample inbox and the real invalid-UTF-8 file of the BBC corpus."""

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from movewatch.normalise import mark_duplicates, normalise_articles
from movewatch.sources import read_sources

ROOT = Path(__file__).resolve().parents[3]
BBC_CP1252 = ROOT.parent / "shared" / "corpora" / "bbc" / "sport" / "199.txt"


def test_sample_inbox_reads_cleanly_with_one_exact_duplicate():
    batch = read_sources([ROOT / "data" / "inbox"])
    assert batch.rejects.is_empty()
    assert batch.articles.height == 20
    assert batch.articles["source_kind"].value_counts().sort("source_kind").rows() == [
        ("feed", 3),
        ("html", 2),
        ("jsonl", 5),
        ("text", 10),
    ]
    marked = mark_duplicates(normalise_articles(batch.articles, datetime.now(UTC)))
    exact = marked.filter(pl.col("duplicate_kind") == "exact")
    assert exact["source_key"].to_list() == ["inbox/bbc/business_253.txt#"]


@pytest.mark.skipif(not BBC_CP1252.exists(), reason="shared BBC corpus not present")
def test_the_bbc_file_that_is_not_utf8_loads_with_a_fix():
    batch = read_sources([BBC_CP1252])
    assert batch.rejects.is_empty()
    row = batch.articles.row(0, named=True)
    assert row["title"] == "Chelsea sack Mutu"
    assert "a £15.8m signing from Parma" in row["text"]
    assert row["fixes"] == ["decoded as cp1252 after invalid UTF-8 at byte 257"]
