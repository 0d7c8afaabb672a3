"""Story clustering: group the articles that report one story, however many outlets retell it.

Three kinds of link join two articles; a story is a connected component of the links
(union-find), so every article belongs to exactly one story, singletons included.

1. Duplicates: an article with `duplicate_of` joins the article it duplicates, whatever the dates.
2. Near-duplicate text: datasketch `MinHashLSH` over the stored signatures proposes candidate
   pairs; a pair links when its estimated Jaccard similarity is at least `text_threshold` and
   the two dates are within `window_days` (an article with no `published_at` has no known date,
   so text alone decides). The date check keeps apart recurring templated reports. When either
   text is shorter than `short_text_words` words, the titles must also agree (rapidfuzz ratio
   >= 90): short templated items such as dividend notices share most of their few shingles.
3. Shared entities in time: two articles link when their facts name the same *entity*, the
   articles fall in the same time segment of that entity, and they share a *key*:
   - company moves: entity = company_key; key = the move_type, or any country of `countries`
     or `to_countries`. So two move articles link when they name the same company AND (the
     same move type OR an overlapping country), which separates "Microsoft moves staff out of
     China" from a Microsoft acquisition in the US reported the same week.
   - policy actions: entity = key = (actor_country, action_type, target_country), all known.
     Policies with no actor or target country give no link: "the US regulates" is too generic
     to say two articles are one story.

   An article without `published_at` is dated by its ingestion, which says nothing about when
   the event happened (a whole undated corpus is ingested at once), so it links only through
   strict keys: company + move type + a shared country, or the policy key above.

   Against chaining (a company in the news every week would otherwise pull months of articles
   into one story), each entity's articles are cut, in date order, into segments anchored at
   the segment's first article: an article more than `window_days` after it starts a new
   segment. Links never cross segments, so the links through one company span at most
   `window_days`; only articles naming several entities, or text links, can bridge segments.

The article date is coalesce(published_at, ingested_at). story_id is "s_" + the smallest
article_id of the story: the same input gives the same output in any row order.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from datasketch import LeanMinHash, MinHashLSH
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from movewatch.stories.graph import component_labels

# How raw.article_signatures is computed (see movewatch.normalise): datasketch MinHash with
# 128 permutations, seed 1, and datasketch 2's default hashing scheme.
MINHASH_NUM_PERM = 128
MINHASH_SEED = 1
MINHASH_SCHEME = "affine32"

SECONDS_PER_DAY = 86_400.0
SHORT_TEXT_TITLE_RATIO = 90.0

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
    words: np.ndarray,
    titles: list[str],
    *,
    threshold: float,
    window_days: int,
    short_text_words: int,
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
    a, b = a[keep], b[keep]
    # Short templated items ("X Corp sets quarterly dividend") share most of their few
    # shingles; for them the titles must agree too.
    short = np.minimum(words[a], words[b]) < short_text_words
    titles_agree = np.array(
        [
            not is_short or fuzz.ratio(titles[i], titles[j]) >= SHORT_TEXT_TITLE_RATIO
            for i, j, is_short in zip(a, b, short, strict=True)
        ],
        dtype=bool,
    )
    return a[titles_agree], b[titles_agree]


def _entity_keys(moves: pl.DataFrame, policies: pl.DataFrame) -> pl.DataFrame:
    """article_id, entity, key, strict: the story keys each article's facts carry.

    entity is what time segments are cut for (the company, or the whole policy key); key is what
    two articles of one segment must share to link; strict keys are the ones an undated article
    may use (see the module docstring).
    """
    frames: list[pl.DataFrame] = []
    if moves.height:
        base = moves.select(
            pl.col("article_id").cast(pl.String),
            pl.concat_str(pl.lit("move|"), pl.col("company_key").cast(pl.String)).alias("entity"),
            pl.col("move_type").cast(pl.String),
            pl.concat_list(
                pl.col("countries").fill_null([]), pl.col("to_countries").fill_null([])
            ).alias("country"),
        ).filter(pl.col("entity").is_not_null() & (pl.col("entity") != "move|"))
        by_country = base.explode("country").filter(pl.col("country").is_not_null())
        frames.append(
            base.select(
                "article_id",
                "entity",
                pl.concat_str(pl.lit("type|"), "move_type").alias("key"),
                pl.lit(False).alias("strict"),
            )
        )
        frames.append(
            by_country.select(
                "article_id",
                "entity",
                pl.concat_str(pl.lit("country|"), "country").alias("key"),
                pl.lit(False).alias("strict"),
            )
        )
        frames.append(
            by_country.select(
                "article_id",
                "entity",
                pl.concat_str(pl.lit("type|"), "move_type", pl.lit("|country|"), "country").alias(
                    "key"
                ),
                pl.lit(True).alias("strict"),
            )
        )
    if policies.height:
        frames.append(
            policies.filter(
                pl.col("actor_country").is_not_null() & pl.col("target_country").is_not_null()
            )
            .select(
                pl.col("article_id").cast(pl.String),
                pl.concat_str(
                    pl.lit("policy|"),
                    "actor_country",
                    pl.lit("|"),
                    "action_type",
                    pl.lit("|"),
                    "target_country",
                ).alias("entity"),
            )
            .with_columns(pl.col("entity").alias("key"), pl.lit(True).alias("strict"))
        )
    schema = {"article_id": pl.String, "entity": pl.String, "key": pl.String, "strict": pl.Boolean}
    if not frames:
        return pl.DataFrame(schema=schema)
    return pl.concat([frame.cast(schema) for frame in frames]).unique()  # type: ignore[arg-type]


def _anchored_segments(entity_codes: np.ndarray, day: np.ndarray, window_days: int) -> np.ndarray:
    """Segment number of each row (rows sorted by entity, then day).

    A row starts a new segment when its entity changes or it is more than `window_days` after
    the first row of the current segment.
    """
    segment = np.zeros(len(day), dtype=np.int64)
    current = 0
    segment_start = day[0] if len(day) else 0.0
    for row in range(1, len(day)):
        if entity_codes[row] != entity_codes[row - 1] or day[row] - segment_start > window_days:
            current += 1
            segment_start = day[row]
        segment[row] = current
    return segment


def _entity_links(
    index: pl.DataFrame,
    moves: pl.DataFrame,
    policies: pl.DataFrame,
    *,
    window_days: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of articles sharing a story key within one anchored time segment of their entity."""
    keyed = (
        _entity_keys(moves, policies)
        .join(index.select("article_id", "idx", "day", "date_known"), on="article_id")
        .filter(
            pl.col("day").is_not_null()
            & pl.col("day").is_not_nan()
            & (pl.col("strict") | pl.col("date_known"))
        )
        .drop("strict", "date_known")
        .unique()
    )
    if keyed.height < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    # Segments are cut per entity over its articles in time order (each article once).
    per_entity = keyed.select("entity", "idx", "day").unique().sort("entity", "day", "idx")
    per_entity = per_entity.with_columns(
        pl.Series(
            "segment",
            _anchored_segments(
                per_entity["entity"].rank("dense").to_numpy(),
                per_entity["day"].to_numpy(),
                window_days,
            ),
        )
    )
    # Within a segment, chain the articles that share a key: enough for connectivity.
    chained = (
        keyed.join(per_entity, on=["entity", "idx", "day"], how="inner")
        .sort("segment", "key", "idx")
        .with_columns(
            pl.col("idx").shift(1).alias("previous_idx"),
            (
                (pl.col("segment") == pl.col("segment").shift(1))
                & (pl.col("key") == pl.col("key").shift(1))
            ).alias("same_group"),
        )
        .filter(pl.col("same_group"))
    )
    return (
        chained["previous_idx"].to_numpy().astype(np.int64),
        chained["idx"].to_numpy().astype(np.int64),
    )


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
    short_text_words: int = 60,
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
    text_shape = index.select("article_id").join(
        articles.select(
            pl.col("article_id").cast(pl.String),
            pl.col("text").cast(pl.String).str.count_matches(r"\w+").fill_null(0).alias("words"),
            pl.col("title").cast(pl.String).fill_null("").alias("title"),
        ).unique("article_id", keep="first"),
        on="article_id",
        how="left",
        maintain_order="left",
    )
    words = text_shape["words"].fill_null(0).to_numpy()
    titles = [default_process(title or "") for title in text_shape["title"]]

    links = [
        _duplicate_links(articles, index),
        _text_links(
            index,
            signatures,
            days,
            date_known,
            words,
            titles,
            threshold=text_threshold,
            window_days=window_days,
            short_text_words=short_text_words,
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
