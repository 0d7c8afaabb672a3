"""Exact and near duplicate marking, within a batch and against earlier runs."""

from datetime import UTC, datetime

import polars as pl

from movewatch.normalise import mark_duplicates, normalise_articles
from movewatch.sources import ARTICLE_SCHEMA

INGESTED = datetime(2024, 5, 17, tzinfo=UTC)
STORY = " ".join(
    f"Sentence {i} says the carmaker will move production of model {i} to Slovakia."
    for i in range(30)
)
SYNDICATED = STORY.replace("Sentence 29 says", "Finally, sentence 29 says")
OTHER = " ".join(f"Paragraph {i} covers rainfall in the cocoa zone of Bahia." for i in range(30))


def articles(rows: list[tuple[str, str, str | None]]) -> pl.DataFrame:
    """Normalised articles from (source_key, text, published_raw)."""
    raw = pl.DataFrame(
        [
            {
                "source": key,
                "source_kind": "text",
                "position": "",
                "source_key": key,
                "raw_hash": key,
                "text": text,
                "title": "Title",
                "url": None,
                "outlet": None,
                "author": None,
                "published_raw": published,
                "fixes": [],
            }
            for key, text, published in rows
        ],
        schema=ARTICLE_SCHEMA,
    )
    return normalise_articles(raw, INGESTED)


def marks(frame: pl.DataFrame) -> dict[str, tuple[str | None, str | None]]:
    by_id = dict(zip(frame["article_id"], frame["source_key"], strict=True))
    return {
        key: (by_id.get(of, of), kind)
        for key, of, kind in frame.select("source_key", "duplicate_of", "duplicate_kind").rows()
    }


def test_exact_and_near_copies_in_one_batch_point_to_the_earliest_original():
    batch = articles(
        [
            ("late-copy", STORY, "2021-07-22"),
            ("original", STORY, "2021-07-20"),
            ("syndicated", SYNDICATED, "2021-07-21"),
            ("other", OTHER, None),
        ]
    )
    marked = mark_duplicates(batch)
    assert marked["source_key"].to_list() == batch["source_key"].to_list()  # order kept
    assert marks(marked) == {
        "late-copy": ("original", "exact"),
        "original": (None, None),
        "syndicated": ("original", "near"),
        "other": (None, None),
    }


def test_earlier_runs_come_first():
    earlier = mark_duplicates(articles([("first-run", STORY, "2021-07-25")]))
    existing = earlier.select("article_id", "content_hash", "minhash")
    batch = articles([("new-copy", STORY, "2021-07-01"), ("new-near", SYNDICATED, None)])
    marked = mark_duplicates(batch, existing)
    first_id = earlier["article_id"][0]
    assert marked.select("duplicate_of", "duplicate_kind").rows() == [
        (first_id, "exact"),
        (first_id, "near"),
    ]


def test_an_article_is_not_a_duplicate_of_itself_or_of_its_own_earlier_version():
    earlier = articles([("same-key", STORY, None)])
    existing = earlier.select("article_id", "content_hash", "minhash", "source_key")
    again = mark_duplicates(earlier, existing)
    assert again["duplicate_of"].to_list() == [None]
    edited = mark_duplicates(articles([("same-key", SYNDICATED, None)]), existing)
    assert edited["duplicate_of"].to_list() == [None]


def test_marks_are_deterministic_whatever_the_input_order():
    rows = [("a", STORY, None), ("b", STORY, None), ("c", SYNDICATED, None), ("d", OTHER, None)]
    forward = marks(mark_duplicates(articles(rows)))
    backward = marks(mark_duplicates(articles(rows[::-1])))
    assert forward == backward
    assert forward["b"] == ("a", "exact")
    assert forward["c"] == ("a", "near")


def test_empty_batch():
    empty = articles([])
    assert mark_duplicates(empty).height == 0
