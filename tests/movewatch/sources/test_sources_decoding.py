"""Decoding fallbacks and binary detection."""

import pytest

from movewatch.sources.decoding import BinaryContentError, decode_text, looks_binary


def test_utf8_is_decoded_without_fixes():
    decoded = decode_text("Café – £5".encode())
    assert decoded.text == "Café – £5"
    assert decoded.fixes == ()


def test_utf8_bom_is_dropped():
    assert decode_text(b"\xef\xbb\xbfHello").text == "Hello"


def test_invalid_utf8_falls_back_to_cp1252_with_a_fix():
    decoded = decode_text(b"a \xa315.8m signing and \x93quotes\x94")
    assert decoded.text == "a £15.8m signing and \u201cquotes\u201d"
    assert decoded.fixes == ("decoded as cp1252 after invalid UTF-8 at byte 2",)


def test_bytes_undefined_in_cp1252_fall_back_to_latin1():
    decoded = decode_text(b"x \x81 y")
    assert decoded.text == "x \x81 y"
    assert decoded.fixes[0].startswith("decoded as latin-1")


def test_utf16_with_bom_is_text():
    decoded = decode_text("Hello world".encode("utf-16"))
    assert decoded.text == "Hello world"
    assert "UTF-16" in decoded.fixes[0]


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04\x00\x00binary zip", bytes(range(0, 32)) * 10, b"\x89PNG\r\n\x1a\n\x00\x00"],
)
def test_binary_is_refused(data):
    assert looks_binary(data)
    with pytest.raises(BinaryContentError):
        decode_text(data)


def test_text_with_a_few_control_bytes_is_not_binary():
    assert not looks_binary(b"Reuters text with a \x03 end marker " * 5)
