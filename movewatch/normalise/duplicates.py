"""mark_duplicates: exact copies (same content_hash) and near copies (MinHash LSH) of earlier
articles, from earlier runs or earlier in the batch.

Batch order, which decides which of two copies is "earlier": published_at (unknown last), then
source_key, then article_id. Articles of earlier runs (`existing`) always come first, in the
order given (pass them ordered by ingestion). A near duplicate needs an estimated Jaccard
similarity of at least NEAR_DUPLICATE_THRESHOLD with an original (datasketch MinHashLSH finds
the candidates, the signatures confirm them); the most similar original wins, ties go to the
earliest. Only originals are indexed, so duplicate_of always names an original. An article
with the same source_key as the candidate (an edited version, see version_of) is not a duplicate.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from datasketch import MinHashLSH

from movewatch.normalise.signatures import NUM_PERM, lean_minhash

NEAR_DUPLICATE_THRESHOLD = 0.8
BATCH_ORDER = ("published_at", "source_key", "article_id")


def _signature_matrix(minhash: pl.Series) -> np.ndarray:
    if minhash.is_empty():
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    return minhash.cast(pl.Array(pl.UInt64, NUM_PERM)).to_numpy().astype(np.uint32)


def mark_duplicates(new: pl.DataFrame, existing: pl.DataFrame | None = None) -> pl.DataFrame:
    """new (from normalise_articles) with duplicate_of and duplicate_kind filled in.

    existing: article_id, content_hash, minhash of earlier runs, optionally source_key.
    Never drops or reorders rows; the same input always gives the same marks.
    """
    if existing is None:
        existing = pl.DataFrame(
            schema={
                "article_id": pl.String,
                "content_hash": pl.String,
                "minhash": pl.List(pl.UInt64),
            }
        )
    if "source_key" not in existing.columns:
        existing = existing.with_columns(source_key=pl.lit(None, pl.String))
    # An article already stored under the same id is this article, not an earlier copy.
    existing = existing.filter(~pl.col("article_id").is_in(new["article_id"].implode()))

    ordered = new.with_row_index("_row").sort(list(BATCH_ORDER), nulls_last=True)
    exact = _exact_duplicates(ordered, existing)
    near = _near_duplicates(ordered, existing, exact)
    marks = ordered.select(
        "_row",
        duplicate_of=pl.coalesce(exact, near),
        duplicate_kind=pl.when(exact.is_not_null())
        .then(pl.lit("exact"))
        .when(near.is_not_null())
        .then(pl.lit("near")),
    ).sort("_row")
    return new.with_columns(
        duplicate_of=marks["duplicate_of"], duplicate_kind=marks["duplicate_kind"]
    )


def _exact_duplicates(ordered: pl.DataFrame, existing: pl.DataFrame) -> pl.Series:
    """Per ordered row: the article_id of the first earlier article with its content_hash."""
    first_existing = existing.unique("content_hash", keep="first", maintain_order=True).select(
        "content_hash", existing_id="article_id"
    )
    marked = ordered.select(
        "article_id",
        "content_hash",
        first_in_batch=pl.col("article_id").first().over("content_hash"),
    ).join(first_existing, on="content_hash", how="left", maintain_order="left")
    earlier_in_batch = pl.when(pl.col("first_in_batch") != pl.col("article_id")).then(
        "first_in_batch"
    )
    return marked.select(pl.coalesce("existing_id", earlier_in_batch))["existing_id"]


def _rows_sharing_a_band(signatures: np.ndarray, bands: list[tuple[int, int]]) -> np.ndarray:
    """Rows that share at least one LSH band with another row (a superset, via fingerprints).

    Only these can be returned by an LSH query, so the others skip the (Python-speed) index.
    """
    shared = np.zeros(len(signatures), dtype=bool)
    multipliers = np.random.RandomState(0).randint(1, 2**62, NUM_PERM, dtype=np.int64)
    multipliers = multipliers.astype(np.uint64) | np.uint64(1)
    for start, end in bands:
        # Equal bands give equal fingerprints (wrapping arithmetic), so no collision is missed.
        fingerprints = (signatures[:, start:end].astype(np.uint64) * multipliers[start:end]).sum(
            axis=1, dtype=np.uint64
        )
        _, inverse, counts = np.unique(fingerprints, return_inverse=True, return_counts=True)
        shared |= counts[inverse] > 1
    return shared


def _near_duplicates(ordered: pl.DataFrame, existing: pl.DataFrame, exact: pl.Series) -> pl.Series:
    """Per ordered row: the article_id of the most similar earlier original, if ≥ threshold."""
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    # Index entries are ints: existing rows 0..E-1, then batch rows E + position in order.
    ids: list[str] = existing["article_id"].to_list() + ordered["article_id"].to_list()
    keys: list[str | None] = existing["source_key"].to_list() + ordered["source_key"].to_list()
    signatures = np.concatenate(
        [_signature_matrix(existing["minhash"]), _signature_matrix(ordered["minhash"])]
    )
    n_existing = existing.height
    in_lsh_reach = _rows_sharing_a_band(signatures, lsh.hashranges).tolist()
    for index in range(n_existing):
        if in_lsh_reach[index]:
            lsh.insert(index, lean_minhash(signatures[index]), check_duplication=False)
    result: list[str | None] = [None] * ordered.height
    is_exact = exact.is_not_null().to_list()
    for position in range(ordered.height):
        if is_exact[position] or not in_lsh_reach[n_existing + position]:
            continue
        index = n_existing + position
        minhash = lean_minhash(signatures[index])
        candidates = [c for c in lsh.query(minhash) if keys[c] is None or keys[c] != keys[index]]
        if candidates:
            similarity = (signatures[candidates] == signatures[index]).mean(axis=1)
            best = max((s, -c) for s, c in zip(similarity.tolist(), candidates, strict=True))
            if best[0] >= NEAR_DUPLICATE_THRESHOLD:
                result[position] = ids[-best[1]]
                continue
        lsh.insert(index, minhash, check_duplication=False)
    return pl.Series("near_of", result, dtype=pl.String)
