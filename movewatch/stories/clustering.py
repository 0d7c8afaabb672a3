"""Story clustering: group the articles that report one story, however many outlets retell it.

Three kinds of link join two articles; a story is a connected component of the links
(union-find), so every article belongs to exactly one story, singletons included.

1. Duplicates: an article with `duplicate_of` joins the article it duplicates, whatever the dates.
2. Near-duplicate text: datasketch `MinHashLSH` over the stored signatures proposes candidate
   pairs; a pair links when its estimated Jaccard similarity is at least `text_threshold` and
   the two dates are within `window_days` (an article with no `published_at` has no known date,
   so text alone decides). The date check keeps apart recurring templated reports.
3. Shared entities in time: two articles link when their facts share a *story key* and the
   articles fall in the same time segment of that key. Keys are
   - company move, same company and move type: `(company_key, move_type)`;
   - company move, same company and a shared country (of `countries` or `to_countries`):
     `(company_key, country)`;
   - policy action, same actor country, action type and target country (both countries known):
     `(actor_country, action_type, target_country)`.
   So two move articles link when they name the same company AND (the same move type OR an
   overlapping country), which is what separates "Microsoft moves staff out of China" from a
   Microsoft acquisition reported the same week. Policies with no actor or target country
   give no key: "the US regulates" is too generic to say two articles are one story.

   Against chaining (a company in the news every week would otherwise pull months of articles
   into one story), each key's articles are cut into segments anchored at the segment's first
   article: an article more than `window_days` after the segment's first article starts a new
   segment. Links never cross segments, so a key's story spans at most `window_days`.

The article date is coalesce(published_at, ingested_at). story_id is "s_" + the smallest
article_id of the story: the same input gives the same output in any row order.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from datasketch import LeanMinHash, MinHashLSH

from movewatch.stories.graph import component_labels

# How raw.article_signatures is computed (see movewatch.normalise): datasketch MinHash with
# 128 permutations, seed 1, and datasketch 2's default hashing scheme.
MINHASH_NUM_PERM = 128
MINHASH_SEED = 1
MINHASH_SCHEME = "affine32"

SECONDS_PER_DAY = 86_400.0

STORY_COLUMNS = {"article_id": pl.String, "story_id": pl.String}


def _as_utc(frame: pl.DataFrame, column: str) -> pl.Expr:
    """The column as a UTC datetime (naive values are taken to be UTC already)."""
    dtype = frame.schema[column]
    expr = pl.col(column)
    if isinstance(dtype, pl.Datetime):
        expr = (
            expr.dt.replace_time_zone("UTC")
            if dtype.time_zone is None
            else expr.dt.convert_time_zone("UTC")
        )
        return expr.dt.cast_time_unit("us")
    return expr.cast(pl.Datetime("us", "UTC"))


def article_dates(articles: pl.DataFrame) -> pl.DataFrame:
    """One row per article: article_id, day (days since epoch, float) and date_known.

    day comes from coalesce(published_at, ingested_at); date_known says published_at was set.
    """
    published = _as_utc(articles, "published_at")
    ingested = _as_utc(articles, "ingested_at")
    return (
        articles.select(
            pl.col("article_id").cast(pl.String),
            (pl.coalesce(published, ingested).dt.epoch("s") / SECONDS_PER_DAY).alias("day"),
            published.is_not_null().alias("date_known"),
        )
        .unique("article_id", keep="first")
        .sort("article_id")
    )


def _lean_minhash(hashvalues: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=MINHASH_SEED, hashvalues=hashvalues, scheme=MINHASH_SCHEME)


def _signature_matrix(
    index: pl.DataFrame, signatures: pl.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """(article indices, hashvalue matrix) for the articles with a well-formed signature."""
    sig = (
        signatures.select(pl.col("article_id").cast(pl.String), pl.col("minhash"))
        .unique("article_id", keep="first")
        .filter(pl.col("minhash").list.len() == MINHASH_NUM_PERM)
        .join(index.select("article_id", "idx"), on="article_id", how="inner")
        .sort("idx")
    )
    if sig.height == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, MINHASH_NUM_PERM), dtype=np.uint64)
    matrix = sig["minhash"].cast(pl.List(pl.UInt64)).list.to_array(MINHASH_NUM_PERM).to_numpy()
    return sig["idx"].to_numpy().astype(np.int64), np.ascontiguousarray(matrix, dtype=np.uint64)


def _text_links(
    index: pl.DataFrame,
    signatures: pl.DataFrame,
    days: np.ndarray,
    date_known: np.ndarray,
    *,
    threshold: float,
    window_days: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of near-duplicate articles: LSH candidates, verified on the signatures."""
    rows, matrix = _signature_matrix(index, signatures)
    if len(rows) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lsh = MinHashLSH(threshold=threshold, num_perm=MINHASH_NUM_PERM)
    minhashes = [_lean_minhash(matrix[i]) for i in range(len(rows))]
    with lsh.insertion_session() as session:
        for position, minhash in enumerate(minhashes):
            session.insert(position, minhash, check_duplication=False)
    left: list[int] = []
    right: list[int] = []
    for position, minhash in enumerate(minhashes):
        for other in lsh.query(minhash):
            if other > position:
                left.append(position)
                right.append(other)
    if not left:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    a = np.asarray(left, dtype=np.int64)
    b = np.asarray(right, dtype=np.int64)
    # LSH only proposes; keep the pairs whose estimated Jaccard clears the threshold.
    similarity = (matrix[a] == matrix[b]).mean(axis=1)
    a, b = rows[a], rows[b]
    undated = ~(date_known[a] & date_known[b])
    close = np.abs(days[a] - days[b]) <= window_days
    keep = (similarity >= threshold) & (undated | close)
    return a[keep], b[keep]


def _entity_keys(moves: pl.DataFrame, policies: pl.DataFrame) -> pl.DataFrame:
    """article_id, key: the story keys each article's facts carry (see the module docstring)."""
    frames: list[pl.DataFrame] = []
    if moves.height:
        base = moves.select(
            pl.col("article_id").cast(pl.String),
            pl.col("company_key").cast(pl.String),
            pl.col("move_type").cast(pl.String),
            pl.concat_list(
                pl.col("countries").fill_null([]), pl.col("to_countries").fill_null([])
            ).alias("all_countries"),
        ).filter(pl.col("company_key").is_not_null() & (pl.col("company_key") != ""))
        frames.append(
            base.select(
                "article_id",
                pl.concat_str(pl.lit("move|"), "company_key", pl.lit("|type|"), "move_type").alias(
                    "key"
                ),
            )
        )
        frames.append(
            base.explode("all_countries")
            .filter(pl.col("all_countries").is_not_null())
            .select(
                "article_id",
                pl.concat_str(
                    pl.lit("move|"), "company_key", pl.lit("|country|"), "all_countries"
                ).alias("key"),
            )
        )
    if policies.height:
        frames.append(
            policies.filter(
                pl.col("actor_country").is_not_null() & pl.col("target_country").is_not_null()
            ).select(
                pl.col("article_id").cast(pl.String),
                pl.concat_str(
                    pl.lit("policy|"),
                    "actor_country",
                    pl.lit("|"),
                    "action_type",
                    pl.lit("|"),
                    "target_country",
                ).alias("key"),
            )
        )
    if not frames:
        return pl.DataFrame(schema={"article_id": pl.String, "key": pl.String})
    return pl.concat(frames).unique()


def _entity_links(
    index: pl.DataFrame,
    moves: pl.DataFrame,
    policies: pl.DataFrame,
    *,
    window_days: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of articles sharing a story key within one anchored time segment of that key."""
    keyed = (
        _entity_keys(moves, policies)
        .join(index.select("article_id", "idx", "day"), on="article_id", how="inner")
        .filter(pl.col("day").is_not_null() & pl.col("day").is_not_nan())
        .sort("key", "day", "idx")
    )
    if keyed.height < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    key_codes = keyed["key"].rank("dense").to_numpy()
    article_idx = keyed["idx"].to_numpy().astype(np.int64)
    day = keyed["day"].to_numpy()
    # One pass over the sorted rows: chain each row to the previous row of its segment.
    left: list[int] = []
    right: list[int] = []
    segment_start = day[0]
    for row in range(1, len(key_codes)):
        if key_codes[row] != key_codes[row - 1] or day[row] - segment_start > window_days:
            segment_start = day[row]
            continue
        left.append(article_idx[row - 1])
        right.append(article_idx[row])
    return np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)


def _duplicate_links(articles: pl.DataFrame, index: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    pairs = (
        articles.select(
            pl.col("article_id").cast(pl.String), pl.col("duplicate_of").cast(pl.String)
        )
        .filter(pl.col("duplicate_of").is_not_null())
        .join(index.select("article_id", "idx"), on="article_id", how="inner")
        .join(
            index.select("article_id", "idx").rename(
                {"article_id": "duplicate_of", "idx": "original_idx"}
            ),
            on="duplicate_of",
            how="inner",
        )
    )
    return pairs["idx"].to_numpy().astype(np.int64), pairs["original_idx"].to_numpy().astype(
        np.int64
    )


def cluster_stories(
    articles: pl.DataFrame,
    signatures: pl.DataFrame,
    moves: pl.DataFrame,
    policies: pl.DataFrame,
    *,
    window_days: int = 14,
    text_threshold: float = 0.5,
) -> pl.DataFrame:
    """Assign every article to a story; returns [article_id, story_id] (raw.article_stories).

    articles: article_id, published_at, ingested_at, duplicate_of (title/text may be present but
    are not read: text similarity comes from `signatures`: article_id, minhash). moves and
    policies are raw.company_moves / raw.policy_actions rows (article_id, company_key,
    move_type, countries, to_countries; actor_country, action_type, target_country).
    The linking rules are in the module docstring.
    """
    dates = article_dates(articles)
    if dates.height == 0:
        return pl.DataFrame(schema=STORY_COLUMNS)
    index = dates.with_row_index("idx").with_columns(pl.col("idx").cast(pl.Int64))
    days = dates["day"].to_numpy()
    date_known = dates["date_known"].to_numpy()

    links = [
        _duplicate_links(articles, index),
        _text_links(
            index,
            signatures,
            days,
            date_known,
            threshold=text_threshold,
            window_days=window_days,
        ),
        _entity_links(index, moves, policies, window_days=window_days),
    ]
    left = np.concatenate([pair[0] for pair in links])
    right = np.concatenate([pair[1] for pair in links])
    labels = component_labels(dates.height, left, right)

    return (
        index.with_columns(pl.Series("component", labels))
        .with_columns(
            pl.concat_str(pl.lit("s_"), pl.col("article_id").min().over("component")).alias(
                "story_id"
            )
        )
        .select("article_id", "story_id")
    )
