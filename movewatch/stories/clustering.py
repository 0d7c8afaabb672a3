"""Story clustering: group the articles that report one story, however many outlets retell it.

Three kinds of link join two articles; a story is a connected component of the links
(union-find), so every article belongs to exactly one story, singletons included.

1. Duplicates: an article with `duplicate_of` joins the article it duplicates, whatever the dates.
2. Near-duplicate text: MinHash LSH over the stored signatures proposes candidates: two
   articles are candidates when they share a *bucket*, i.e. one band of their signatures is
   identical (datasketch `MinHashLSH`'s bands for `text_threshold`). A pair links when its
   estimated Jaccard similarity is at least `text_threshold` and the two dates are within
   `window_days` (an article with no `published_at` has no known date, so text alone decides).
   The date check keeps apart recurring templated reports. When either text is shorter than
   `short_text_words` words, the titles must also agree (rapidfuzz ratio >= 90): short
   templated items such as dividend notices share most of their few shingles.

   Which pairs are compared (so that memory and time stay linear in the input): articles
   are ordered by (date, article_id); in round d = 1 .. `lsh_neighbours`, each article is
   paired with the member d places before it in each of its buckets, and a pair is compared at
   most once. A pair already in one story is skipped (its link would change nothing) and so
   are buckets whose members are all in one story. Each article is compared with at most
   `lsh_neighbours` earlier articles; the skipped pairs do not count. Hence, when no article
   has more than `lsh_neighbours` earlier candidates, every candidate pair is considered and
   the stories are exactly those of comparing all candidate pairs. Only beyond that (hundreds
   of mass-produced near-identical items) can two matching articles stay uncompared: they then
   join only through links via other articles. Copies that match each other, as
   near-duplicates do, cost about one comparison per article: each joins its neighbour.

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

from dataclasses import dataclass

import numpy as np
import polars as pl
from datasketch import MinHashLSH
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

# Each article is compared with at most this many earlier LSH candidates (module docstring).
LSH_NEIGHBOURS = 100
# Near-duplicate candidate pairs are verified in batches of this many (memory per batch:
# two gathers of MINHASH_NUM_PERM u64 per pair, about 2 KB).
MIN_PAIR_BATCH = 1_024
MAX_PAIR_BATCH = 32_768

STORY_COLUMNS = {"article_id": pl.String, "story_id": pl.String}
# The article columns cluster_stories reads (stages.build_stories selects them from raw.articles).
ARTICLE_COLUMNS = {
    "article_id": pl.String,
    "published_at": pl.Datetime("us", "UTC"),
    "ingested_at": pl.Datetime("us", "UTC"),
    "title": pl.String,
    "text": pl.String,
    "duplicate_of": pl.String,
}


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


@dataclass(frozen=True)
class _TextInputs:
    """What near-duplicate pairs are verified on; arrays by signature row, except `rows`."""

    matrix: np.ndarray  # signature rows × MINHASH_NUM_PERM hashvalues
    rows: np.ndarray  # article index (idx) of each signature row
    days: np.ndarray  # by idx
    date_known: np.ndarray  # by idx
    words: np.ndarray  # by idx
    titles: list[str]  # by idx, processed for rapidfuzz
    threshold: float
    window_days: int
    short_text_words: int


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


def _verify_pairs(inputs: _TextInputs, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Which candidate pairs (signature rows a[i], b[i]) link: similar text, dates, titles.

    Every comparison of two articles' texts goes through here, one bounded batch at a time.
    """
    ia, ib = inputs.rows[a], inputs.rows[b]
    undated = ~(inputs.date_known[ia] & inputs.date_known[ib])
    close = np.abs(inputs.days[ia] - inputs.days[ib]) <= inputs.window_days
    keep = undated | close
    # LSH only proposes; keep the pairs whose estimated Jaccard clears the threshold.
    in_time = np.flatnonzero(keep)
    similarity = (inputs.matrix[a[in_time]] == inputs.matrix[b[in_time]]).mean(axis=1)
    keep[in_time] = similarity >= inputs.threshold
    # Short templated items ("X Corp sets quarterly dividend") share most of their few
    # shingles; for them the titles must agree too.
    short = keep & (np.minimum(inputs.words[ia], inputs.words[ib]) < inputs.short_text_words)
    titles = inputs.titles
    for k in np.flatnonzero(short):
        keep[k] = fuzz.ratio(titles[ia[k]], titles[ib[k]]) >= SHORT_TEXT_TITLE_RATIO
    return keep


def _lsh_buckets(inputs: _TextInputs) -> tuple[np.ndarray, np.ndarray]:
    """Every LSH bucket of at least two signature rows, over all bands, as (rows, bucket).

    Rows are grouped by bucket (bands in order) and ordered within a bucket by (date,
    article_id); bucket numbers are increasing and unique across bands.
    """
    lsh = MinHashLSH(threshold=inputs.threshold, num_perm=MINHASH_NUM_PERM)
    n_rows = len(inputs.rows)
    rank = np.empty(n_rows, dtype=np.int64)
    rank[np.lexsort((inputs.rows, inputs.days[inputs.rows]))] = np.arange(n_rows)
    members: list[np.ndarray] = []
    buckets: list[np.ndarray] = []
    offset = 0
    for start, end in lsh.hashranges:
        # A band's values as one opaque key per row: equal bytes, equal band (as datasketch).
        band = np.ascontiguousarray(inputs.matrix[:, start:end])
        keys = band.view(np.dtype((np.void, band.dtype.itemsize * (end - start)))).ravel()
        _, bucket, counts = np.unique(keys, return_inverse=True, return_counts=True)
        bucket = bucket.ravel()
        shared = np.flatnonzero(counts[bucket] >= 2)
        members.append(shared)
        buckets.append(bucket[shared] + offset)
        offset += len(counts)
    rows = np.concatenate(members)
    bucket = np.concatenate(buckets)
    order = np.lexsort((rank[rows], bucket))
    return rows[order], bucket[order]


def _merge_labels(labels: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Component labels (0..k-1) after adding the links left[i]–right[i] (article indices)."""
    merged = component_labels(int(labels.max()) + 1, labels[left], labels[right])
    return merged[labels]


def _open_buckets(
    members: np.ndarray, bucket: np.ndarray, row_labels: np.ndarray, distance: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The buckets that still matter at `distance`: more than `distance` members, spanning
    several components. Returns their (members, bucket, position in the bucket)."""
    if len(members) == 0:
        return members, bucket, members
    starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]])
    sizes = np.diff(np.r_[starts, len(members)])
    member_labels = row_labels[members]
    spread = np.maximum.reduceat(member_labels, starts) != np.minimum.reduceat(
        member_labels, starts
    )
    open_ = spread & (sizes > distance)
    keep = np.repeat(open_, sizes)
    members, bucket, sizes = members[keep], bucket[keep], sizes[open_]
    starts = np.cumsum(sizes) - sizes
    return members, bucket, np.arange(len(members)) - np.repeat(starts, sizes)


def _sorted_contains(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Which `keys` are in `sorted_keys` (sorted, unique)."""
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    found = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[found] == keys


def _within_budget(later: np.ndarray, budget: np.ndarray) -> np.ndarray:
    """Which pairs of a batch are compared: each later article's first budget[later] pairs."""
    order = np.argsort(later, kind="stable")
    ordered = later[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    sizes = np.diff(np.r_[starts, len(ordered)])
    occurrence = np.empty(len(later), dtype=np.int64)
    occurrence[order] = np.arange(len(later)) - np.repeat(starts, sizes)
    return occurrence < budget[later]


def _link_near_duplicates(
    inputs: _TextInputs, labels: np.ndarray, *, lsh_neighbours: int, chunk: int
) -> np.ndarray:
    """Component labels by article index after adding the near-duplicate text links.

    `labels` are the components of the other links (0..k-1). Round `d` pairs every bucket
    member with the member `d` places before it (see the module docstring); a pair is compared
    once, unless its articles are already in one component, and each article is the later one
    of at most `lsh_neighbours` compared pairs. The labels are updated after every batch of at
    most `chunk` pairs; memory stays linear in the input.
    """
    n_rows = len(inputs.rows)
    if n_rows < 2:
        return labels
    members, bucket = _lsh_buckets(inputs)
    budget = np.full(n_rows, lsh_neighbours, dtype=np.int64)
    failed = np.zeros(0, dtype=np.int64)  # sorted keys of the pairs compared without a link
    for distance in range(1, lsh_neighbours + 1):
        members, bucket, position = _open_buckets(members, bucket, labels[inputs.rows], distance)
        if len(members) == 0:
            break
        later = np.flatnonzero((position >= distance) & (budget[members] > 0))
        # Within a bucket, earlier members come first in the global (date, article_id) order,
        # so the key names the pair the same way in every band.
        keys = members[later - distance] * n_rows + members[later]
        # A pair can share several bands: take it once, at its first band.
        _, first = np.unique(keys, return_index=True)
        keys = keys[np.sort(first)]
        keys = keys[~_sorted_contains(failed, keys)]
        failed_now: list[np.ndarray] = []
        for begin in range(0, len(keys), chunk):
            earlier_rows, later_rows = np.divmod(keys[begin : begin + chunk], n_rows)
            row_labels = labels[inputs.rows]
            apart = row_labels[earlier_rows] != row_labels[later_rows]
            earlier_rows, later_rows = earlier_rows[apart], later_rows[apart]
            allowed = _within_budget(later_rows, budget)
            earlier_rows, later_rows = earlier_rows[allowed], later_rows[allowed]
            if len(later_rows) == 0:
                continue
            budget -= np.bincount(later_rows, minlength=n_rows)
            link = _verify_pairs(inputs, earlier_rows, later_rows)
            failed_now.append(earlier_rows[~link] * n_rows + later_rows[~link])
            if link.any():
                labels = _merge_labels(
                    labels, inputs.rows[earlier_rows[link]], inputs.rows[later_rows[link]]
                )
        if failed_now:
            # New keys are not in `failed` yet: insert them in order (np.union1d is slower).
            new_failed = np.sort(np.concatenate(failed_now))
            failed = np.insert(failed, np.searchsorted(failed, new_failed), new_failed)
    return labels


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
    lsh_neighbours: int = LSH_NEIGHBOURS,
) -> pl.DataFrame:
    """Assign every article to a story; returns [article_id, story_id] (raw.article_stories).

    articles: article_id, published_at, ingested_at, duplicate_of, title, text (title and the
    word count of text matter for short texts only; text similarity comes from `signatures`:
    article_id, minhash). moves and policies are raw.company_moves / raw.policy_actions rows
    (article_id, company_key, move_type, countries, to_countries; actor_country, action_type,
    target_country). The linking rules are in the module docstring.
    """
    dates = article_dates(articles)
    if dates.height == 0:
        return pl.DataFrame(schema=STORY_COLUMNS)
    index = dates.with_row_index("idx").with_columns(pl.col("idx").cast(pl.Int64))
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

    links = [
        _duplicate_links(articles, index),
        _entity_links(index, moves, policies, window_days=window_days),
    ]
    labels = component_labels(
        dates.height,
        np.concatenate([pair[0] for pair in links]),
        np.concatenate([pair[1] for pair in links]),
    )
    rows, matrix = _signature_matrix(index, signatures)
    inputs = _TextInputs(
        matrix=matrix,
        rows=rows,
        days=dates["day"].to_numpy(),
        date_known=dates["date_known"].to_numpy(),
        words=text_shape["words"].fill_null(0).to_numpy(),
        titles=[default_process(title or "") for title in text_shape["title"]],
        threshold=text_threshold,
        window_days=window_days,
        short_text_words=short_text_words,
    )
    # Label updates cost O(articles): batches of about that many pairs keep the total linear.
    chunk = min(max(dates.height, MIN_PAIR_BATCH), MAX_PAIR_BATCH)
    labels = _link_near_duplicates(inputs, labels, lsh_neighbours=lsh_neighbours, chunk=chunk)

    return (
        index.with_columns(pl.Series("component", labels))
        .with_columns(
            pl.concat_str(pl.lit("s_"), pl.col("article_id").min().over("component")).alias(
                "story_id"
            )
        )
        .select("article_id", "story_id")
    )
