"""Publication dates: many string formats to UTC timestamps, vectorised with polars.

Formats with an offset are converted to UTC; formats without one are taken as UTC.
Anything unparseable (or outside 1900-2100) becomes null; the original stays in published_raw.
"""

from __future__ import annotations

import polars as pl

UTC_DATETIME = pl.Datetime("us", "UTC")

# US zone abbreviations seen in feeds (RFC 822 allows them); everything else must be numeric.
_ZONE_OFFSETS = {
    "GMT": "+0000", "UTC": "+0000", "UT": "+0000", "Z": "+0000",
    "EST": "-0500", "EDT": "-0400", "CST": "-0600", "CDT": "-0500",
    "MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
    "BST": "+0100", "CET": "+0100", "CEST": "+0200",
}  # fmt: skip

# Formats carrying an offset (%z, or %#z which also takes "Z" and "+02:00").
_FORMATS_WITH_OFFSET = (
    "%Y-%m-%dT%H:%M:%S%.f%#z",
    "%Y-%m-%dT%H:%M:%S%#z",
    "%Y-%m-%dT%H:%M%#z",
    "%Y-%m-%d %H:%M:%S%.f%#z",
    "%Y-%m-%d %H:%M:%S%#z",
    "%Y-%m-%d %H:%M:%S %z",
    "%a, %d %b %Y %H:%M:%S %z",  # RFC 822 / RSS
    "%a, %d %b %Y %H:%M %z",
    "%d %b %Y %H:%M:%S %z",
    "%A, %d %B %Y %H:%M:%S %z",
)
# Formats without an offset: taken as UTC.
_NAIVE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d-%b-%Y %H:%M:%S%.f",  # Reuters-21578: 26-FEB-1987 15:01:01.79
    "%d-%b-%Y %H:%M:%S",
    "%d-%b-%Y",
    "%a, %d %b %Y %H:%M:%S",
    "%B %d, %Y %H:%M",
    "%B %d, %Y",  # July 20, 2021
    "%b %d, %Y",
    "%d %B %Y",  # 20 July 2021
    "%d %b %Y",
    "%A, %B %d, %Y",
    "%A %d %B %Y",
)


def _prepared(raw: pl.Expr) -> pl.Expr:
    """Cut at control junk, trimmed, single spaces, "Sept" as "Sep", zone names as offsets."""
    # Trailing junk after control characters or character references ("...59.13&#5;&#5;RM").
    text = raw.str.replace(r"(?:&#\d+;|[\x00-\x08\x0B\x0C\x0E-\x1F]).*$", "")
    text = text.str.strip_chars().str.replace_all(r"\s+", " ")
    text = text.str.replace_all(r"\bSept\b", "Sep")
    for name, offset in _ZONE_OFFSETS.items():
        if name == "Z":
            continue
        text = text.str.replace(rf"(\d) \(?{name}\)?$", f"${{1}} {offset}")
    return text


def parse_published_expr(text: pl.Expr) -> pl.Expr:
    """UTC timestamp (Datetime us UTC) from a prepared date string (see parse_published),
    without the plausibility check of parse_published."""
    attempts = [
        text.str.to_datetime(fmt, strict=False, time_unit="us").dt.convert_time_zone("UTC")
        for fmt in _FORMATS_WITH_OFFSET
    ]
    attempts += [
        text.str.to_datetime(fmt, strict=False, time_unit="us").dt.replace_time_zone("UTC")
        for fmt in _NAIVE_FORMATS
    ]
    return pl.coalesce(attempts).cast(UTC_DATETIME)


def parse_published(raw: pl.Series) -> pl.Series:
    """parse_published_expr over a Series, parsing each distinct string once."""
    frame = pl.DataFrame({"raw": raw.cast(pl.String)})
    # Prepared once as a column: eager polars would recompute it for every format.
    distinct = (
        frame.unique("raw")
        .with_columns(prepared=_prepared(pl.col("raw")))
        .with_columns(parsed=parse_published_expr(pl.col("prepared")))
    )
    plausible = pl.col("parsed").dt.year().is_between(1900, 2100)
    distinct = distinct.select("raw", parsed=pl.when(plausible).then("parsed"))
    joined = frame.join(distinct, on="raw", how="left", nulls_equal=True, maintain_order="left")
    return joined["parsed"].alias("published_at")
