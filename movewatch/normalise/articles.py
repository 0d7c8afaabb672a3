"""normalise_articles: raw source rows → rows shaped like raw.articles, plus a minhash column."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from movewatch.normalise.dates import UTC_DATETIME, parse_published
from movewatch.normalise.ids import article_ids, content_hashes
from movewatch.normalise.language import detect_languages
from movewatch.normalise.outlets import outlet_expr
from movewatch.normalise.signatures import minhash_signatures
from movewatch.normalise.text_cleaning import (
    PHOTO_CREDIT_LINE,
    fix_mojibake,
    normalise_whitespace,
    strip_boilerplate_expr,
)

# Column order of raw.articles (movewatch/warehouse/schema.py), then the signature.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "content_hash",
    "raw_hash",
    "source_key",
    "version_of",
    "source",
    "source_kind",
    "position",
    "url",
    "outlet",
    "title",
    "text",
    "author",
    "published_raw",
    "published_at",
    "language",
    "word_count",
    "duplicate_of",
    "duplicate_kind",
    "fixes",
    "ingested_at",
    "minhash",
)

MOJIBAKE_FIX = "repaired mojibake (ftfy)"
CONTROL_CHARS_FIX = "removed NUL and control characters"
# spaCy's default max_length: no article text is longer, so none can fail the parser (E088).
MAX_TEXT_CHARS = 1_000_000
TEXT_CAPPED_FIX = f"text capped at {MAX_TEXT_CHARS:,} characters"
# C0 controls other than tab, newline and carriage return (NUL included), and DEL.
_CONTROL_CHARS = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]"
CAPTION_TITLE_FIX = "title line was a photo caption (dropped)"


def _with_fix(fixes: pl.Expr, condition: pl.Expr, note: str) -> pl.Expr:
    return pl.when(condition).then(fixes.list.concat(pl.lit([note]))).otherwise(fixes)


def normalise_articles(raw: pl.DataFrame, ingested_at: datetime) -> pl.DataFrame:
    """Clean, date, identify and sign raw article rows (movewatch.sources.ARTICLE_SCHEMA).

    Returns ARTICLE_COLUMNS: the raw.articles columns (version_of, duplicate_of and
    duplicate_kind null; see mark_duplicates) and `minhash` (List[UInt64]) for
    raw.article_signatures. Never drops a row.
    """
    if ingested_at.tzinfo is None:
        ingested_at = ingested_at.replace(tzinfo=UTC)
    text, text_fixed = fix_mojibake(raw["text"].fill_null(""))
    title, title_fixed = fix_mojibake(raw["title"])
    frame = raw.with_columns(
        text=text,
        title=title.str.replace_all(_CONTROL_CHARS, ""),
        _mojibake=text_fixed | title_fixed.fill_null(False),
        _controls=text.str.contains(_CONTROL_CHARS),
        _capped=text.str.len_chars() > MAX_TEXT_CHARS,
        fixes=pl.col("fixes").fill_null(pl.lit([], pl.List(pl.String))),
    ).with_columns(
        text=pl.col("text").str.replace_all(_CONTROL_CHARS, "").str.slice(0, MAX_TEXT_CHARS),
        fixes=_with_fix(
            _with_fix(pl.col("fixes"), pl.col("_controls"), CONTROL_CHARS_FIX),
            pl.col("_capped"),
            TEXT_CAPPED_FIX,
        ),
    )
    frame = frame.with_columns(_spaced=normalise_whitespace(frame["text"])).with_columns(
        _stripped=strip_boilerplate_expr(pl.col("_spaced")),
        # A text file whose second line is a photo credit had a caption, not a title, first.
        _caption_title=pl.col("_spaced").str.contains(rf"(?m)\A(?:{PHOTO_CREDIT_LINE})"),
    )
    # Stripping must never leave an article empty: then the spaced text is kept.
    kept_text = pl.when(pl.col("_stripped") != "").then("_stripped").otherwise("_spaced")
    single_line_title = pl.col("title").str.replace_all(r"\s+", " ").str.strip_chars()
    frame = frame.with_columns(
        text=kept_text,
        title=pl.when((single_line_title != "") & ~pl.col("_caption_title")).then(
            single_line_title
        ),
        fixes=_with_fix(
            _with_fix(pl.col("fixes"), pl.col("_mojibake"), MOJIBAKE_FIX),
            pl.col("_caption_title") & pl.col("title").is_not_null(),
            CAPTION_TITLE_FIX,
        ),
        outlet=outlet_expr(pl.col("outlet"), pl.col("url")),
    ).with_columns(
        # Whitespace is normalised: words are separated by exactly one space or newline.
        word_count=pl.when(pl.col("text") != "")
        .then(pl.col("text").str.count_matches(r"[ \n]") + 1)
        .otherwise(0)
        .cast(pl.Int32),
        published_at=parse_published(frame["published_raw"]),
        ingested_at=pl.lit(ingested_at).cast(UTC_DATETIME),
        version_of=pl.lit(None, pl.String),
        duplicate_of=pl.lit(None, pl.String),
        duplicate_kind=pl.lit(None, pl.String),
    )
    content_hash = content_hashes(frame["title"], frame["text"])
    frame = frame.with_columns(
        language=detect_languages(frame["text"]),
        content_hash=content_hash,
        article_id=article_ids(frame["source_key"], content_hash),
        minhash=minhash_signatures(frame["text"]),
    )
    return frame.select(ARTICLE_COLUMNS)
