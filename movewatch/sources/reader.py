"""read_sources: folders, files and feed URLs → one SourceBatch of articles and rejects."""

from __future__ import annotations

import gzip
import json
import logging
import os
import stat
import zipfile
import zlib
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
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
    TOO_DEEP,
    iter_json_document,
    map_ndjson_lines,
    map_record,
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
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
# A gzip of a supported file (e.g. .jsonl.gz) is read as the file; a .zip member by member.
GZIP_SUFFIXES = frozenset({".gz"})
ZIP_SUFFIXES = frozenset({".zip"})
# Archives and compressed files that are not read (and not read inside an archive).
ARCHIVE_SUFFIXES = frozenset(
    {".gz", ".zip", ".tgz", ".tar", ".bz2", ".xz", ".zst", ".lz4", ".7z", ".rar", ".gzip"}
)
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


def _is_skipped_name(path: PurePath) -> bool:
    """Hidden files and README/licence files are documentation, not articles."""
    name = path.name.lower()
    return name.startswith(".") or name.startswith(("readme", "license", "licence"))


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs of a feeds.txt file: one a line, blank lines and '#' comments ignored."""
    urls = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        url = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if url:
            urls.append(url)
    return urls


def _feed_list(path: Path, settings: SourceSettings, out: RecordCollector) -> list[str]:
    """read_feed_list of a regular file within max_article_bytes, else a reject and no URLs."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            out.add_reject(str(path), "", "not a regular file", b"")
            return []
        if info.st_size > settings.max_article_bytes:
            reason = f"too large: {info.st_size} bytes > cap of {settings.max_article_bytes}"
            out.add_reject(str(path), "", reason, b"")
            return []
        return read_feed_list(path)
    except OSError as error:
        out.add_reject(str(path), "", f"unreadable feed list: {error}", b"")
        return []


def _walk_folder(folder: Path, out: RecordCollector) -> Iterator[Path]:
    """Files under folder, depth first in name order, hidden files and folders left out.

    Symlinks are resolved: one pointing outside the folder, a broken one and a loop become
    rejects; one to a folder inside it is not followed (its files are read where they really
    are), so symlinked folder cycles end. Unreadable folders become rejects.
    """
    root = folder.resolve()

    def listing(directory: Path) -> Iterator[os.DirEntry[str]]:
        try:
            with os.scandir(directory) as entries:
                return iter(sorted(entries, key=lambda entry: entry.name))
        except OSError as error:
            out.add_reject(str(directory.absolute()), "", f"unreadable folder: {error}", b"")
            return iter(())

    stack = [listing(folder)]  # iterative: deep trees cannot exhaust the recursion limit
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path).absolute()
        try:
            if entry.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
                    out.add_reject(str(path), "", f"broken symlink or symlink loop: {error}", b"")
                    continue
                if not target.is_relative_to(root):
                    out.add_reject(
                        str(path), "", f"symlink points outside the source folder ({target})", b""
                    )
                    continue
                if target.is_dir():
                    continue
            elif entry.is_dir(follow_symlinks=False):
                stack.append(listing(path))
                continue
        except OSError as error:
            out.add_reject(str(path), "", f"unreadable path: {error}", b"")
            continue
        yield path


def _discover(
    paths: Sequence[str | Path], settings: SourceSettings, out: RecordCollector
) -> tuple[list[SourceFile], list[str]]:
    """Expand folders (recursively, sorted) into files; collect feed URLs in order, deduplicated.

    A file reached twice (a folder given twice, a symlink to a file in the folder) is read once.
    """
    files: list[SourceFile] = []
    urls: list[str] = []
    seen: set[Path] = set()

    def add(found: Path, root: Path | None) -> None:
        try:
            absolute = found.resolve()
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
            out.add_reject(str(found), "", f"broken symlink or symlink loop: {error}", b"")
            return
        if absolute in seen:
            return
        seen.add(absolute)
        if root is None:
            source_id = found.name
        else:
            source_id = absolute.relative_to(root.resolve().parent).as_posix()
        files.append(SourceFile(path=absolute, source=str(absolute), source_id=source_id))

    if settings.feeds_config is not None and Path(settings.feeds_config).is_file():
        urls.extend(_feed_list(Path(settings.feeds_config), settings, out))
    for given in paths:
        if is_url(given):
            urls.append(str(given))
            continue
        path = Path(given)
        if path.is_dir():
            for found in _walk_folder(path, out):
                if found.name.lower() == FEEDS_LIST_NAME:
                    urls.extend(_feed_list(found, settings, out))
                elif not _is_skipped_name(found):
                    add(found, path)
        elif path.name.lower() == FEEDS_LIST_NAME:
            urls.extend(_feed_list(path, settings, out))
        else:
            add(path, None)
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
    files, urls = _discover(paths, settings, out)
    for file in files:
        try:
            _read_file(file, settings, out, known_raw_hashes)
        except Exception as error:  # noqa: BLE001 - one bad file never stops the run
            log.exception("reading %s failed", file.source)
            out.add_reject(file.source, "", f"unreadable: {type(error).__name__}: {error}", b"")
    for url in urls:
        try:
            _read_feed_url(url, settings, out, known_raw_hashes)
        except Exception as error:  # noqa: BLE001 - one bad feed never stops the run
            log.exception("reading feed %s failed", url)
            out.add_reject(url, "", f"feed unreadable: {type(error).__name__}: {error}", b"")
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


def _cap_for(suffix: str, settings: SourceSettings) -> int:
    """The size cap of one file (or archive member) of a supported suffix."""
    if suffix in JSONL_SUFFIXES | JSON_SUFFIXES:
        return settings.max_file_bytes
    if suffix in FEED_SUFFIXES:
        return settings.feed_max_bytes
    return settings.max_article_bytes


def _unsupported_reason(suffix: str) -> str:
    if suffix in ARCHIVE_SUFFIXES:
        return f"unsupported file type: {suffix} archive (only .gz of one file and .zip are read)"
    return f"unsupported file type: {suffix or 'no suffix'}"


def _read_file(
    file: SourceFile, settings: SourceSettings, out: RecordCollector, known: Collection[str]
) -> None:
    name = file.path.name.lower()
    suffix = PurePosixPath(name).suffix
    try:
        info = file.path.stat()
    except OSError as error:
        out.add_reject(file.source, "", f"unreadable file: {error}", b"")
        return
    if not stat.S_ISREG(info.st_mode):
        out.add_reject(file.source, "", "not a regular file", b"")
        return
    if suffix in ZIP_SUFFIXES:
        _read_zip(file, settings, out, known)
        return
    if suffix in GZIP_SUFFIXES:
        inner = PurePosixPath(name[: -len(suffix)]).suffix
        if inner not in SUPPORTED_SUFFIXES:
            reason = _unsupported_reason(inner)
            if inner in ARCHIVE_SUFFIXES:
                reason = f"nested archive: {inner} inside gzip is not read"
            out.add_reject(file.source, "", reason, b"")
            return
        cap = min(_cap_for(inner, settings), settings.max_file_bytes)
        if info.st_size > settings.max_file_bytes:
            reason = f"too large: {info.st_size} bytes > cap of {settings.max_file_bytes}"
            out.add_reject(file.source, "", reason, b"")
            return
        try:
            with gzip.open(file.path, "rb") as handle:
                data = handle.read(cap + 1)
        except (OSError, EOFError, zlib.error) as error:
            out.add_reject(file.source, "", f"corrupt gzip file: {error}", b"")
            return
        if len(data) > cap:
            reason = f"too large: decompresses to over the cap of {cap} bytes"
            out.add_reject(file.source, "", reason, data)
            return
        _read_data(data, file, inner, settings, out, known)
        return
    if suffix not in SUPPORTED_SUFFIXES:
        out.add_reject(file.source, "", _unsupported_reason(suffix), b"")
        return
    cap = _cap_for(suffix, settings)
    if info.st_size > cap:
        out.add_reject(file.source, "", f"too large: {info.st_size} bytes > cap of {cap}", b"")
        return
    try:
        with file.path.open("rb") as handle:
            data = handle.read(cap + 1)  # the file may have grown since stat
    except OSError as error:
        out.add_reject(file.source, "", f"unreadable file: {error}", b"")
        return
    if len(data) > cap:
        out.add_reject(file.source, "", f"too large: over the cap of {cap} bytes", b"")
        return
    _read_data(data, file, suffix, settings, out, known)


def _read_zip(
    file: SourceFile, settings: SourceSettings, out: RecordCollector, known: Collection[str]
) -> None:
    """Each member with a supported suffix read as a file named `archive.zip!member/path`.

    Members are capped one by one (as files of their type) and together (max_file_bytes of
    uncompressed data); nested archives, encrypted members and unsupported types are rejects.
    Hidden members, README/licence files and folders are skipped.
    """
    try:
        archive = zipfile.ZipFile(file.path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        out.add_reject(file.source, "", f"corrupt zip archive: {error}", b"")
        return
    total_cap = settings.max_file_bytes
    total = 0
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            member_path = PurePosixPath(info.filename)
            member = SourceFile(
                path=file.path,
                source=f"{file.source}!{info.filename}",
                source_id=f"{file.source_id}!{info.filename}",
            )
            parts = member_path.parts
            if any(part.startswith(".") or part == "__MACOSX" for part in parts) or (
                _is_skipped_name(member_path)
            ):
                continue
            suffix = member_path.suffix.lower()
            if member_path.name.lower() == FEEDS_LIST_NAME:
                out.add_reject(member.source, "", "feeds.txt inside an archive is not read", b"")
                continue
            if suffix in ARCHIVE_SUFFIXES:
                out.add_reject(member.source, "", f"nested archive ({suffix}) not read", b"")
                continue
            if suffix not in SUPPORTED_SUFFIXES:
                out.add_reject(member.source, "", _unsupported_reason(suffix), b"")
                continue
            if info.flag_bits & 0x1:
                out.add_reject(member.source, "", "encrypted archive member not read", b"")
                continue
            cap = _cap_for(suffix, settings)
            if info.file_size > cap:
                reason = f"too large: {info.file_size} bytes > cap of {cap}"
                out.add_reject(member.source, "", reason, b"")
                continue
            limit = min(cap, total_cap - total)
            if limit <= 0 or info.file_size > limit:
                reason = f"archive over its cap of {total_cap} uncompressed bytes in total"
                out.add_reject(member.source, "", reason, b"")
                continue
            try:
                with archive.open(info) as handle:
                    data = handle.read(limit + 1)
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                zlib.error,
                NotImplementedError,
                RuntimeError,
                ValueError,
            ) as error:
                out.add_reject(member.source, "", f"unreadable archive member: {error}", b"")
                continue
            total += len(data)
            if len(data) > limit:  # the declared size lied: a decompression bomb
                reason = (
                    f"too large: decompresses to over the cap of {cap} bytes"
                    if limit == cap
                    else f"archive over its cap of {total_cap} uncompressed bytes in total"
                )
                out.add_reject(member.source, "", reason, data)
                continue
            _read_data(data, member, suffix, settings, out, known)


def _read_data(
    data: bytes,
    file: SourceFile,
    suffix: str,
    settings: SourceSettings,
    out: RecordCollector,
    known: Collection[str],
) -> None:
    """Articles of the bytes of one file (or archive member) of a supported suffix."""
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
    if mapped.problem:
        out.add_reject(file.source, position, mapped.problem, raw)
        return
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
        mapped = map_ndjson_lines([line for _, line in numbered])
        if mapped is not None:
            _add_jsonl_frame(mapped, numbered, file, out, known)
            return
    # Some line is bad (or too large): handle every line on its own.
    for line_number, line in numbered:
        _read_jsonl_line(line_number, line, cap, file, out, known)


def _add_jsonl_frame(
    mapped: pl.DataFrame,
    numbered: list[tuple[int, bytes]],
    file: SourceFile,
    out: RecordCollector,
    known: Collection[str],
) -> None:
    """Articles of a JSONL file that polars read whole (the fast path); mapped is the
    map_record_frame of its lines."""
    mapped = mapped.with_columns(
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
        reasons = without_text["problem"].fill_null("record with no text")
        for position_value, line_number, reason in zip(
            without_text["position"], without_text["line"], reasons, strict=True
        ):
            sample = line_bytes[int(line_number)]
            out.add_reject(file.source, position_value, reason, sample)
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
        try:
            record = json.loads(line)
        except UnicodeDecodeError:
            decoded = decode_text(line)
            record = json.loads(decoded.text)
            fixes = list(decoded.fixes)
    except RecursionError:
        out.add_reject(file.source, position, TOO_DEEP, line)
        return
    except ValueError as error:  # also BinaryContentError
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
    except RecursionError:
        out.add_reject(file.source, "", TOO_DEEP, data)
        return
    except ValueError as error:
        out.add_reject(file.source, "", f"malformed JSON: {error}", data)
        return
    cap = settings.max_article_bytes
    for item in items:
        position = "" if item.index < 0 else str(item.index)
        if item.error:
            out.add_reject(file.source, position, item.error, b"")
            continue
        if len(item.raw) > cap:
            out.add_reject(
                file.source, position, f"too large: {len(item.raw)} bytes > cap of {cap}", item.raw
            )
            continue
        if sha256_hex(item.raw) in known:
            continue
        _add_json_record(item.record, item.raw, position, "json", file, out, list(decoded.fixes))
