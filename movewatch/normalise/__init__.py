"""Normalisation of raw source rows into raw.articles rows (polars, vectorised).

- text: mojibake repaired with ftfy (only texts a regex flags), whitespace normalised (one
  paragraph a line, hard-wrapped newswire joined), photo captions/credits and boilerplate lines
  dropped (text_cleaning); a title that was really a photo caption is dropped.
- published_at: UTC timestamp parsed from published_raw (ISO 8601, RFC 822, Reuters
  "26-FEB-1987 15:01:01.79", "July 20, 2021", ...); unparseable → null.
- outlet: the record's own source/site (or a feed's title) else the URL host without www.
- language: stop-word counts per language, or the dominant non-Latin script; word_count.
- ids (see movewatch.normalise.ids): content_hash = sha256(title + "\\n" + text)[:16],
  article_id = sha256(source_key + "\\n" + content_hash)[:16].
- minhash: datasketch MinHash (128 permutations, seed 1, affine32) of word 5-shingles of the
  lower-cased text (see movewatch.normalise.signatures).
- mark_duplicates: exact (content_hash) and near (MinHash LSH, Jaccard ≥ 0.8) copies of
  earlier articles (see movewatch.normalise.duplicates).
"""

from movewatch.normalise.articles import ARTICLE_COLUMNS, normalise_articles
from movewatch.normalise.duplicates import NEAR_DUPLICATE_THRESHOLD, mark_duplicates

__all__ = ["ARTICLE_COLUMNS", "NEAR_DUPLICATE_THRESHOLD", "mark_duplicates", "normalise_articles"]
