"""One-article files: plain text / Markdown (first line = title) and HTML pages (trafilatura)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from movewatch.sources.decoding import BinaryContentError, decode_text, looks_binary


class NoArticleError(ValueError):
    """The input holds no article text; str(error) is the reject reason."""


@dataclass(frozen=True)
class ExtractedArticle:
    """Fields of one article taken from a document."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published_raw: str | None = None
    fixes: tuple[str, ...] = ()


# An HTML page is an article only when its extracted text is prose: at least this many words
# and at least one sentence (ending in . ! ? or …) of MIN_SENTENCE_WORDS words. Navigation,
# link lists, headers and footers are short lines without sentence punctuation.
MIN_ARTICLE_WORDS = 40
MIN_SENTENCE_WORDS = 8
# A line this long is prose even without sentence punctuation (Thai has none); navigation
# lines are a few words each.
MIN_PARAGRAPH_WORDS = 20
_SENTENCE = re.compile(r"[^.!?\u2026\u3002\uff01\uff1f\n]*[.!?\u2026\u3002\uff01\uff1f]")
# Scripts written without spaces between words: two characters count as a word.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _word_count(text: str) -> int:
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


def has_prose(text: str) -> bool:
    """True when text reads as article prose, not a list of links or headings."""
    if _word_count(text) < MIN_ARTICLE_WORDS:
        return False
    return (any(_word_count(m.group()) >= MIN_SENTENCE_WORDS for m in _SENTENCE.finditer(text))
            or any(_word_count(line) >= MIN_PARAGRAPH_WORDS for line in text.splitlines()))


# A first line longer than this is a paragraph, not a title: the file has no title line.
MAX_TITLE_CHARS = 200


def parse_text_document(data: bytes) -> ExtractedArticle:
    """A .txt/.md article: the first non-empty line is the title, the rest is the text.

    A first line longer than MAX_TITLE_CHARS is kept as text (no title).
    Raises BinaryContentError or NoArticleError.
    """
    decoded = decode_text(data)
    lines = decoded.text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise NoArticleError("empty file (only whitespace)")
    title = lines[first].strip().lstrip("#").strip()  # a Markdown heading is still the title
    if len(title) > MAX_TITLE_CHARS:
        text = "\n".join(lines[first:]).strip()
        fixes = (*decoded.fixes, "first line is a paragraph, not a title: kept as text")
        return ExtractedArticle(text=text, title=None, fixes=fixes)
    text = "\n".join(lines[first + 1 :]).strip()
    if not text:
        raise NoArticleError("no text after the title line")
    return ExtractedArticle(text=text, title=title or None, fixes=decoded.fixes)


def parse_html_document(data: bytes | str, url: str | None = None) -> ExtractedArticle:
    """Main text and metadata of an HTML page via trafilatura.

    Raises BinaryContentError or NoArticleError.
    """
    fixes: tuple[str, ...] = ()
    if isinstance(data, bytes):
        if looks_binary(data):
            raise BinaryContentError("binary content (NUL or control bytes) in a text file")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            # Pages in other charsets declare them; trafilatura reads the declaration.
            fixes = (f"charset detected by trafilatura after invalid UTF-8 at byte {error.start}",)
    import trafilatura  # deferred: a 0.4 s import that JSON-only runs never need

    document = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = (document.text or "").strip() if document is not None else ""
    if not text:
        raise NoArticleError("HTML with no article body")
    if not has_prose(text):
        raise NoArticleError(
            "HTML with no article prose (only navigation, links or headings; fewer than "
            f"{MIN_ARTICLE_WORDS} words or no sentence of {MIN_SENTENCE_WORDS} words)"
        )
    return ExtractedArticle(
        text=text,
        title=document.title or None,
        url=document.url or url,
        outlet=document.sitename or None,
        author=document.author or None,
        published_raw=document.date or None,
        fixes=fixes,
    )


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (feed content or summary), one paragraph a line."""
    if "<" not in fragment:
        return fragment.strip()
    import trafilatura

    wrapped = f"<html><body>{fragment}</body></html>"
    text = trafilatura.extract(wrapped, include_comments=False, include_tables=False)
    if not text:
        text = trafilatura.html2txt(wrapped)
    return (text or "").strip()


__all__ = [
    "BinaryContentError",
    "ExtractedArticle",
    "NoArticleError",
    "has_prose",
    "html_fragment_to_text",
    "parse_html_document",
    "parse_text_document",
]
