"""Article identity hashes.

content_hash = first 16 hex of sha256(normalised title + "\\n" + normalised text) (title '' when
missing): equal for exact copies wherever they come from.
article_id = first 16 hex of sha256(source_key + "\\n" + content_hash): one row per version of
an article at one source; an exact copy at another source is its own row (duplicate_of marks it).
"""

from __future__ import annotations

import hashlib

import polars as pl

HASH_HEX_CHARS = 16


def short_sha256(text: str) -> str:
    """First HASH_HEX_CHARS hex digits of sha256 of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_HEX_CHARS]


def content_hashes(titles: pl.Series, texts: pl.Series) -> pl.Series:
    """content_hash of each (title, text) pair."""
    return pl.Series(
        "content_hash",
        [short_sha256(f"{title or ''}\n{text}") for title, text in zip(titles, texts, strict=True)],
        dtype=pl.String,
    )


def article_ids(source_keys: pl.Series, content_hash: pl.Series) -> pl.Series:
    """article_id of each (source_key, content_hash) pair."""
    return pl.Series(
        "article_id",
        [
            short_sha256(f"{key}\n{digest}")
            for key, digest in zip(source_keys, content_hash, strict=True)
        ],
        dtype=pl.String,
    )
