"""Bytes to text: UTF-8 first, then cp1252, then latin-1, refusing what is really binary."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# Bytes that never occur in text files: C0 controls other than tab, LF, FF, CR and ESC.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
_BINARY_CONTROL_RATIO = 0.05
_SNIFF_BYTES = 8192


class BinaryContentError(ValueError):
    """The bytes are not text (NUL bytes, or mostly control bytes)."""


@dataclass(frozen=True)
class DecodedText:
    """Decoded text and what was done to get it (empty when it was plain UTF-8)."""

    text: str
    fixes: tuple[str, ...] = ()


def looks_binary(data: bytes) -> bool:
    """True when the start of data holds NUL bytes or too many control bytes to be text."""
    head = data[:_SNIFF_BYTES]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls / len(head) > _BINARY_CONTROL_RATIO


def decode_text(data: bytes) -> DecodedText:
    """Decode bytes as UTF-8 (BOM allowed), falling back to cp1252 and then latin-1.

    Raises BinaryContentError for binary data; a fallback is recorded in `fixes`.
    """
    if looks_binary(data):
        raise BinaryContentError("binary content (NUL or control bytes) in a text file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return DecodedText(data.decode("utf-16"), ("decoded as UTF-16 (byte order mark)",))
        except UnicodeDecodeError as error:
            raise BinaryContentError("UTF-16 byte order mark but undecodable data") from error
    try:
        return DecodedText(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        where = f"invalid UTF-8 at byte {error.start}"
    try:
        return DecodedText(data.decode("cp1252"), (f"decoded as cp1252 after {where}",))
    except UnicodeDecodeError:
        # latin-1 maps every byte, so this cannot fail.
        return DecodedText(data.decode("latin-1"), (f"decoded as latin-1 after {where}",))
