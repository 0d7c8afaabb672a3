"""Ingestion sources: folders, text/Markdown, HTML, JSON/JSONL and RSS/Atom feeds.

A gzip of a supported file (`.jsonl.gz`, `.txt.gz`, ...) is read as that file; a `.zip` is read
member by member, each member's source being `archive.zip!member/path`. Other file types,
symlinks leading out of a scanned folder, and every bad file or record become reject rows.

`read_sources(paths, settings)` returns a SourceBatch of raw article rows and reject rows.

Article columns (records.ARTICLE_SCHEMA): source (absolute file path or feed URL), source_kind
(text|html|json|jsonl|feed), position ('' for a whole file; the record's `id` when it has one,
else the 1-based line number (JSONL) or list index (JSON); the entry id or link for feeds),
source_key (the article URL when known, else `source_id#position` where source_id is the file's
path relative to the parent of the scanned folder, e.g. `inbox/bbc_business_201.txt`, so it
survives moving the project), raw_hash (sha256 hex of the record as read: file bytes, JSONL
line, canonical JSON of a list item, canonical JSON of a feed entry), text, title, url, outlet,
author, published_raw, fixes (what was done to the input, e.g. a decoding fallback).

Reject columns: source, position, reason, sample (the first 200 bytes as text).
"""

from movewatch.sources.reader import read_sources
from movewatch.sources.records import (
    ARTICLE_SCHEMA,
    REJECT_SCHEMA,
    SourceBatch,
    SourceSettings,
)

__all__ = ["ARTICLE_SCHEMA", "REJECT_SCHEMA", "SourceBatch", "SourceSettings", "read_sources"]
