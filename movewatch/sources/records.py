"""Settings and result types of the source readers, and the column layout they produce."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

ARTICLE_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "source_kind": pl.String(),
    "position": pl.String(),
    "source_key": pl.String(),
    "raw_hash": pl.String(),
    "text": pl.String(),
    "title": pl.String(),
    "url": pl.String(),
    "outlet": pl.String(),
    "author": pl.String(),
    "published_raw": pl.String(),
    "fixes": pl.List(pl.String()),
}

REJECT_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "position": pl.String(),
    "reason": pl.String(),
    "sample": pl.String(),
}

SAMPLE_BYTES = 200
FIX_SEPARATOR = "\x1f"

DEFAULT_USER_AGENT = "movewatch/0.1 (+https://github.com/movewatch)"


ALLOW_PRIVATE_ENV = "MOVEWATCH_ALLOW_PRIVATE_LINKS"


def _env_flag(name: str) -> bool:
    """True when the environment variable is set to 1/true/yes/on."""
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class SourceSettings:
    """Limits and switches of one ingestion run.

    max_article_bytes caps one article: a whole .txt/.md/.html file, one JSON(L) record, one
    followed article page. max_file_bytes caps a file holding many records (.json, .jsonl).
    Feeds (files and URLs) are capped by feed_max_bytes. Every fetch (feed URLs and followed
    article links) must finish within feed_timeout_seconds in total: connect, headers and body.

    Followed article links are refused when their host resolves to a loopback, private,
    link-local, multicast, reserved or unspecified address, unless allow_private_addresses is
    set (default: the environment variable MOVEWATCH_ALLOW_PRIVATE_LINKS=1). Feed URLs given
    explicitly are always fetched.
    """

    max_article_bytes: int = 10 * 1024 * 1024
    max_file_bytes: int = 1024 * 1024 * 1024
    feed_timeout_seconds: float = 10.0
    feed_max_bytes: int = 20 * 1024 * 1024
    user_agent: str = DEFAULT_USER_AGENT
    follow_article_pages: bool = True
    # A feed entry without full content whose summary is shorter than this is "summary only".
    summary_only_chars: int = 1000
    feeds_config: Path | None = None
    allow_private_addresses: bool = field(default_factory=lambda: _env_flag(ALLOW_PRIVATE_ENV))


@dataclass
class SourceBatch:
    """What one read produced: articles (ARTICLE_SCHEMA) and rejects (REJECT_SCHEMA)."""

    articles: pl.DataFrame
    rejects: pl.DataFrame


@dataclass
class RecordCollector:
    """Accumulates article and reject rows (row by row, or as whole frames) in reading order."""

    articles: dict[str, list] = field(default_factory=lambda: {c: [] for c in ARTICLE_SCHEMA})
    rejects: dict[str, list] = field(default_factory=lambda: {c: [] for c in REJECT_SCHEMA})
    article_frames: list[pl.DataFrame] = field(default_factory=list)

    def add_article(
        self,
        *,
        source: str,
        source_kind: str,
        position: str,
        source_key: str,
        raw_hash: str,
        text: str,
        title: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        author: str | None = None,
        published_raw: str | None = None,
        fixes: list[str] | None = None,
    ) -> None:
        row = {
            "source": source,
            "source_kind": source_kind,
            "position": position,
            "source_key": source_key,
            "raw_hash": raw_hash,
            "text": text,
            "title": title,
            "url": url,
            "outlet": outlet,
            "author": author,
            "published_raw": published_raw,
            # Joined here, split when framed: polars builds list columns from Python slowly.
            "fixes": FIX_SEPARATOR.join(fixes) if fixes else None,
        }
        for name, value in row.items():
            self.articles[name].append(value)

    def add_article_frame(self, frame: pl.DataFrame) -> None:
        """Add many articles at once; frame has the ARTICLE_SCHEMA columns."""
        self._flush_rows()
        self.article_frames.append(frame.select(list(ARTICLE_SCHEMA)).cast(ARTICLE_SCHEMA))

    def add_reject(self, source: str, position: str, reason: str, sample: bytes | str) -> None:
        self.rejects["source"].append(source)
        self.rejects["position"].append(position)
        self.rejects["reason"].append(reason)
        self.rejects["sample"].append(sample_text(sample))

    def _flush_rows(self) -> None:
        if not self.articles["source"]:
            return
        rows = pl.DataFrame(self.articles, schema={**ARTICLE_SCHEMA, "fixes": pl.String()})
        no_fixes = pl.lit([], pl.List(pl.String()))
        rows = rows.with_columns(pl.col("fixes").str.split(FIX_SEPARATOR).fill_null(no_fixes))
        self.article_frames.append(rows)
        self.articles = {c: [] for c in ARTICLE_SCHEMA}

    def to_batch(self) -> SourceBatch:
        self._flush_rows()
        articles = pl.concat(
            [pl.DataFrame(schema=ARTICLE_SCHEMA), *self.article_frames], how="vertical"
        )
        return SourceBatch(
            articles=articles,
            rejects=pl.DataFrame(self.rejects, schema=REJECT_SCHEMA),
        )


def sample_text(sample: bytes | str) -> str:
    """The first SAMPLE_BYTES of a bad input as printable text (undecodable bytes replaced)."""
    if isinstance(sample, str):
        sample = sample.encode("utf-8", errors="replace")
    text = sample[:SAMPLE_BYTES].decode("utf-8", errors="replace")
    return text.replace("\x00", "\\x00")


def sha256_hex(data: bytes) -> str:
    """Hex sha256 of bytes: the raw_hash of a record as read."""
    return hashlib.sha256(data).hexdigest()


def make_source_key(url: str | None, source_id: str, position: str) -> str:
    """The identity of an article across edits: its URL, else `source_id#position`.

    source_id is the file's path relative to the parent of the folder that was scanned (so it
    starts with that folder's name and does not change when the project moves), or the file
    name for a file given directly, or the feed URL.
    """
    if url:
        return url
    return f"{source_id}#{position}"
