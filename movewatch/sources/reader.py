"""read_sources: folders, files and feed URLs → one SourceBatch of articles and rejects."""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from movewatch.sources.decoding import BinaryContentError, decode_text, looks_binary
from movewatch.sources.documents import (
    ExtractedArticle,
    NoArticleError,
    parse_html_document,
    parse_text_document,
)
from movewatch.sources.feeds import FeedSource, read_feed
from movewatch.sources.fetching import FetchError, fetch_bytes
from movewatch.sources.json_records import (
    iter_json_document,
    map_record,
    map_record_frame,
    read_ndjson_records,
)
from movewatch.sources.records import (
    RecordCollector,
    SourceBatch,
    SourceSettings,
    make_source_key,
    sha256_hex,
)

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# A file of this name among the sources lists feed URLs, one a line, '#' starts a comment.
FEEDS_LIST_NAME = "feeds.txt"


@dataclass(frozen=True)
class SourceFile:
    """A file to read: source is its absolute path, source_id its stable relative name."""

    path: Path
    source: str
    source_id: str


def is_url(value: str | Path) -> bool:
    """True for http(s) URLs given as paths."""
    return isinstance(value, str) and urlsplit(value).scheme in ("http", "https")


def _is_skipped_name(path: Path) -> bool:
    """Hidden files and README/licence files are documentation, not articles."""
    name = path.name.lower()
    return name.startswith(".") or name.startswith(("readme", "license", "licence"))


def _source_file(path: Path, root: Path | None) -> SourceFile:
    absolute = path.resolve()
    if root is None:
        source_id = path.name
    else:
        source_id = absolute.relative_to(root.resolve().parent).as_posix()
    return SourceFile(path=absolute, source=str(absolute), source_id=source_id)


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs of a feeds.txt file: one a line, blank lines and '#' comments ignored."""
    urls = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        url = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if url:
            urls.append(url)
    return urls


def _discover(
    paths: Sequence[str | Path], settings: SourceSettings
) -> tuple[list[SourceFile], list[str]]:
    """Expand folders (recursively, sorted) into files; collect feed URLs in order, deduplicated."""
    files: list[SourceFile] = []
    urls: list[str] = []
    if settings.feeds_config is not None and Path(settings.feeds_config).is_file():
        urls.extend(read_feed_list(Path(settings.feeds_config)))
    for given in paths:
        if is_url(given):
            urls.append(str(given))
            continue
        path = Path(given)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = found.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if found.name.lower() == FEEDS_LIST_NAME:
                    urls.extend(read_feed_list(found))
                elif not _is_skipped_name(found):
                    files.append(_source_file(found, path))
        elif path.name.lower() == FEEDS_LIST_NAME:
            urls.extend(read_feed_list(path))
        else:
            files.append(_source_file(path, None))
    return files, list(dict.fromkeys(urls))


def read_sources(
    paths: Sequence[str | Path],
    settings: SourceSettings | None = None,
    known_raw_hashes: Collection[str] = frozenset(),
) -> SourceBatch:
    """Read every article under paths (folders, files, http(s) feed URLs).

    Bad input becomes reject rows and never stops the run. Records whose raw_hash is in
    known_raw_hashes (input unchanged since an earlier run) are left out before any parsing
    or link following.
    """
    settings = settings or SourceSettings()
    out = RecordCollector()
    files, urls = _discover(paths, settings)
    for file in files:
        _read_file(file, settings, out, known_raw_hashes)
    for url in urls:
        _read_feed_url(url, settings, out, known_raw_hashes)
    return out.to_batch()


def _read_feed_url(
    url: str, settings: SourceSettings, out: RecordCollector, known: Collection[str]
) -> None:
    try:
        data = fetch_bytes(url, settings, max_bytes=settings.feed_max_bytes)
    except FetchError as error:
        out.add_reject(url, "", f"feed URL failed: {error}", b"")
        return
    read_feed(data, FeedSource(source=url, source_id=url), settings, out, known)


def _read_file(
    file: SourceFile, settings: SourceSettings, out: RecordCollector, known: Collection[str]
) -> None:
    suffix = file.path.suffix.lower()
    if suffix in JSONL_SUFFIXES | JSON_SUFFIXES:
        cap = settings.max_file_bytes
    elif suffix in FEED_SUFFIXES:
        cap = settings.feed_max_bytes
    elif suffix in TEXT_SUFFIXES | HTML_SUFFIXES:
        cap = settings.max_article_bytes
    else:
        log.info("skipping %s: not a supported article file type", file.source)
        return
    try:
        size = file.path.stat().st_size
        if size > cap:
            out.add_reject(file.source, "", f"too large: {size} bytes > cap of {cap}", b"")
            return
        data = file.path.read_bytes()
    except OSError as error:
        out.add_reject(file.source, "", f"unreadable file: {error}", b"")
        return
    if not data.strip():
        out.add_reject(file.source, "", "empty file", data)
        return
    if suffix in JSONL_SUFFIXES:
        _read_jsonl(data, file, settings, out, known)
    elif suffix in JSON_SUFFIXES:
        _read_json(data, file, settings, out, known)
    elif suffix in FEED_SUFFIXES:
        if looks_binary(data):
            out.add_reject(file.source, "", "binary content in a feed file", data)
            return
        read_feed(data, FeedSource(file.source, file.source_id), settings, out, known)
    else:
        _read_document(data, file, suffix, out, known)


def _read_document(
    data: bytes, file: SourceFile, suffix: str, out: RecordCollector, known: Collection[str]
) -> None:
    raw_hash = sha256_hex(data)
    if raw_hash in known:
        return
    kind = "html" if suffix in HTML_SUFFIXES else "text"
    try:
        if kind == "html":
            article: ExtractedArticle = parse_html_document(data)
        else:
            article = parse_text_document(data)
    except (BinaryContentError, NoArticleError) as error:
        out.add_reject(file.source, "", str(error), data)
        return
    out.add_article(
        source=file.source,
        source_kind=kind,
        position="",
        source_key=make_source_key(article.url, file.source_id, ""),
        raw_hash=raw_hash,
        text=article.text,
        title=article.title,
        url=article.url,
        outlet=article.outlet,
        author=article.author,
        published_raw=article.published_raw,
        fixes=list(article.fixes),
    )


def _add_json_record(
    record: object,
    raw: bytes,
    default_position: str,
    kind: str,
    file: SourceFile,
    out: RecordCollector,
    fixes: list[str],
) -> None:
    if not isinstance(record, dict):
        out.add_reject(file.source, default_position, "JSON record is not an object", raw)
        return
    mapped = map_record(record)
    position = mapped.record_id or default_position
    if not mapped.text:
        out.add_reject(file.source, position, "record with no text", raw)
        return
    out.add_article(
        source=file.source,
        source_kind=kind,
        position=position,
        source_key=make_source_key(mapped.url, file.source_id, position),
        raw_hash=sha256_hex(raw),
        text=mapped.text,
        title=mapped.title,
        url=mapped.url,
        outlet=mapped.outlet,
        author=mapped.author,
        published_raw=mapped.published_raw,
        fixes=fixes,
    )


def _read_jsonl(
    data: bytes,
    file: SourceFile,
    settings: SourceSettings,
    out: RecordCollector,
    known: Collection[str],
) -> None:
    if b"\x00" in data[:8192]:
        out.add_reject(file.source, "", "binary content in a JSONL file", data)
        return
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    numbered = [(n, line) for n, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    cap = settings.max_article_bytes
    if all(len(line) <= cap for _, line in numbered):
        frame = read_ndjson_records([line for _, line in numbered])
        if frame is not None:
            _add_jsonl_frame(frame, numbered, file, out, known)
            return
    # Some line is bad (or too large): handle every line on its own.
    for line_number, line in numbered:
        _read_jsonl_line(line_number, line, cap, file, out, known)


def _add_jsonl_frame(
    frame: pl.DataFrame,
    numbered: list[tuple[int, bytes]],
    file: SourceFile,
    out: RecordCollector,
    known: Collection[str],
) -> None:
    """Articles of a JSONL file that polars read whole (the fast path)."""
    mapped = map_record_frame(frame).with_columns(
        line=pl.Series([str(n) for n, _ in numbered], dtype=pl.String),
        raw_hash=pl.Series([sha256_hex(line) for _, line in numbered], dtype=pl.String),
    )
    if known:
        mapped = mapped.filter(~pl.col("raw_hash").is_in(list(known)))
    position = pl.coalesce("record_id", "line")
    mapped = mapped.with_columns(position=position)
    without_text = mapped.filter(pl.col("text") == "")
    if without_text.height:
        line_bytes = dict(numbered)
        for position_value, line_number in zip(
            without_text["position"], without_text["line"], strict=True
        ):
            sample = line_bytes[int(line_number)]
            out.add_reject(file.source, position_value, "record with no text", sample)
    articles = mapped.filter(pl.col("text") != "").with_columns(
        source=pl.lit(file.source),
        source_kind=pl.lit("jsonl"),
        source_key=pl.coalesce("url", pl.lit(f"{file.source_id}#") + pl.col("position")),
        fixes=pl.lit([], pl.List(pl.String())),
    )
    out.add_article_frame(articles)


def _read_jsonl_line(
    line_number: int,
    line: bytes,
    cap: int,
    file: SourceFile,
    out: RecordCollector,
    known: Collection[str],
) -> None:
    position = str(line_number)
    if len(line) > cap:
        out.add_reject(file.source, position, f"too large: {len(line)} bytes > cap of {cap}", line)
        return
    if sha256_hex(line) in known:
        return
    fixes: list[str] = []
    try:
        record = json.loads(line)
    except UnicodeDecodeError:
        try:
            decoded = decode_text(line)
            record = json.loads(decoded.text)
            fixes = list(decoded.fixes)
        except (BinaryContentError, ValueError) as error:
            out.add_reject(file.source, position, f"malformed JSON line: {error}", line)
            return
    except ValueError as error:
        out.add_reject(file.source, position, f"malformed JSON line: {error}", line)
        return
    _add_json_record(record, line, position, "jsonl", file, out, fixes)


def _read_json(
    data: bytes,
    file: SourceFile,
    settings: SourceSettings,
    out: RecordCollector,
    known: Collection[str],
) -> None:
    try:
        decoded = decode_text(data)
        items = list(iter_json_document(decoded.text.encode("utf-8")))
    except BinaryContentError as error:
        out.add_reject(file.source, "", str(error), data)
        return
    except ValueError as error:
        out.add_reject(file.source, "", f"malformed JSON: {error}", data)
        return
    cap = settings.max_article_bytes
    for item in items:
        position = "" if item.index < 0 else str(item.index)
        if len(item.raw) > cap:
            out.add_reject(
                file.source, position, f"too large: {len(item.raw)} bytes > cap of {cap}", item.raw
            )
            continue
        if sha256_hex(item.raw) in known:
            continue
        _add_json_record(item.record, item.raw, position, "json", file, out, list(decoded.fixes))
