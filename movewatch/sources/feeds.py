"""RSS/Atom feeds (files or URLs) via feedparser, after a defusedxml check for entity attacks.

An entry that carries only a summary (no full content, summary shorter than
SourceSettings.summary_only_chars) has its link followed and the page extracted with
trafilatura; when that fails the summary is kept and the failure recorded in `fixes`. Links
to loopback, private, link-local, multicast, reserved or unspecified addresses (also reached by
a redirect) are refused the same way, the page never fetched, unless
SourceSettings.allow_private_addresses is set.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from movewatch.sources.documents import NoArticleError, html_fragment_to_text, parse_html_document
from movewatch.sources.fetching import BlockedURLError, FetchError, fetch_bytes
from movewatch.sources.records import (
    RecordCollector,
    SourceSettings,
    make_source_key,
    sha256_hex,
)


class UnsafeXmlError(ValueError):
    """The XML declares entities or external references; it is never parsed further."""


def check_xml_safety(data: bytes) -> None:
    """Raise UnsafeXmlError if the XML declares entities (billion laughs) or external refs.

    Malformed XML passes: feedparser's lenient parser decides what to make of it.
    """
    import defusedxml
    import defusedxml.ElementTree

    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False)
    except defusedxml.DefusedXmlException as error:
        raise UnsafeXmlError(
            f"XML declares entities or external references ({type(error).__name__}); "
            "not parsed (possible entity-expansion attack)"
        ) from error
    except Exception:  # noqa: BLE001 - malformed XML is feedparser's to judge
        return


@dataclass(frozen=True)
class FeedSource:
    """Where a feed came from: source is the file path or URL, source_id its stable name."""

    source: str
    source_id: str


def _entry_raw(entry: Mapping[str, Any]) -> bytes:
    """The entry as read, serialised stably, for raw_hash."""
    fields = {
        key: dict.get(entry, key)  # dict.get: no feedparser key aliasing (and its warnings)
        for key in ("id", "link", "title", "published", "updated", "author", "summary")
    }
    fields["content"] = [part.get("value") for part in entry.get("content", [])]
    return json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _full_content(entry: Mapping[str, Any]) -> str:
    """The longest text/html content block of an entry (content:encoded, atom content)."""
    values = [part.get("value") or "" for part in entry.get("content", [])]
    return max(values, key=len, default="")


def _follow_link(link: str, settings: SourceSettings) -> tuple[str | None, str]:
    """Extract the article page at link: (text or None, what happened for `fixes`)."""
    if urlsplit(link).scheme not in ("http", "https"):
        return None, f"kept the feed summary: entry link {link!r} is not http(s)"
    try:
        page = fetch_bytes(
            link,
            settings,
            max_bytes=settings.max_article_bytes,
            public_only=not settings.allow_private_addresses,
        )
    except BlockedURLError as error:
        return None, f"kept the feed summary: article link refused ({error})"
    except FetchError as error:
        return None, f"kept the feed summary: article page failed ({error})"
    try:
        article = parse_html_document(page, url=link)
    except (NoArticleError, ValueError, RecursionError) as error:
        return None, f"kept the feed summary: article page failed ({error})"
    return article.text, "text taken from the article page (the feed entry had only a summary)"


def read_feed(
    data: bytes,
    origin: FeedSource,
    settings: SourceSettings,
    out: RecordCollector,
    known_raw_hashes: Collection[str] = (),
) -> None:
    """Parse feed bytes and add one article per entry (or a reject) to out."""
    try:
        check_xml_safety(data)
    except UnsafeXmlError as error:
        out.add_reject(origin.source, "", str(error), data)
        return
    import feedparser  # deferred: feed-free runs never need it

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        reason = "feed with no entries"
        if parsed.get("bozo"):
            reason = f"malformed feed: {parsed.get('bozo_exception')}"
        out.add_reject(origin.source, "", reason, data)
        return
    feed_fixes = ["feed was not well-formed XML; parsed leniently"] if parsed.get("bozo") else []
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for index, entry in enumerate(parsed.entries):
        try:
            context = (feed_fixes, feed_title)
            _add_entry(entry, index, origin, settings, out, known_raw_hashes, *context)
        except Exception as error:  # noqa: BLE001 - one bad entry never loses the others
            out.add_reject(
                origin.source,
                str(index),
                f"unreadable feed entry: {type(error).__name__}: {error}",
                b"",
            )


def _add_entry(
    entry: Mapping[str, Any],
    index: int,
    origin: FeedSource,
    settings: SourceSettings,
    out: RecordCollector,
    known_raw_hashes: Collection[str],
    feed_fixes: list[str],
    feed_title: str | None,
) -> None:
    """One article (or reject) of a feed entry, its link followed when it has only a summary."""
    position = entry.get("id") or entry.get("link") or str(index)
    raw = _entry_raw(entry)
    raw_hash = sha256_hex(raw)
    if raw_hash in known_raw_hashes:
        return
    fixes = list(feed_fixes)
    link = (entry.get("link") or "").strip() or None
    content = _full_content(entry)
    text = html_fragment_to_text(content) if content else ""
    if not text:
        text = html_fragment_to_text(entry.get("summary") or "")
        if len(text) < settings.summary_only_chars and link and settings.follow_article_pages:
            page_text, what = _follow_link(link, settings)
            fixes.append(what)
            if page_text and len(page_text) > len(text):
                text = page_text
    if not text:
        out.add_reject(origin.source, position, "feed entry with no text", raw)
        return
    entry_source = entry.get("source") or {}
    # Outlet order (see movewatch.normalise): the entry's own source, else the link's host
    # (derived when normalising), else the feed's title.
    outlet = entry_source.get("title") or (None if link else feed_title)
    out.add_article(
        source=origin.source,
        source_kind="feed",
        position=position,
        source_key=make_source_key(link, origin.source_id, position),
        raw_hash=raw_hash,
        text=text,
        title=(entry.get("title") or "").strip() or None,
        url=link,
        outlet=outlet,
        author=(entry.get("author") or "").strip() or None,
        published_raw=dict.get(entry, "published") or dict.get(entry, "updated"),
        fixes=fixes,
    )
