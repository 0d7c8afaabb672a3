"""Mojibake repair, whitespace, captions and boilerplate."""

import polars as pl

from movewatch.normalise.text_cleaning import (
    fix_mojibake,
    normalise_whitespace,
    strip_boilerplate_expr,
)


def strip(text: str) -> str:
    return pl.select(strip_boilerplate_expr(pl.lit(text))).item()


def test_mojibake_is_repaired_only_where_detected():
    texts = pl.Series(
        ["a \u00c2\u00a315m deal", "Microsoft\u00e2\u20ac\u2122s staff", "plain £5 text", None]
    )
    fixed, changed = fix_mojibake(texts)
    assert fixed.to_list() == ["a £15m deal", "Microsoft’s staff", "plain £5 text", None]
    assert changed.to_list() == [True, True, False, False]


def test_whitespace_is_normalised_and_paragraphs_kept():
    text = "First  para\u00a0here.\r\n\r\n\r\n  Second\tpara. \n\u200bThird."
    assert (
        normalise_whitespace(pl.Series([text])).item() == "First para here.\nSecond para.\nThird."
    )


def test_hard_wrapped_newswire_is_unwrapped_at_indented_paragraphs():
    body = (
        "Standard Oil Co and BP North America Inc said they plan to\n"
        "form a venture to manage the money market borrowing and the\n"
        "investment activities of both companies, it said today.\n"
        "    BP North America is a subsidiary of British Petroleum Co\n"
        "Plc, which also owns a 55 pct interest in Standard Oil Co.\n"
        " Reuter\n"
    )
    assert normalise_whitespace(pl.Series([body])).item() == (
        "Standard Oil Co and BP North America Inc said they plan to form a venture to manage the "
        "money market borrowing and the investment activities of both companies, it said today.\n"
        "BP North America is a subsidiary of British Petroleum Co Plc, which also owns a 55 pct "
        "interest in Standard Oil Co.\nReuter"
    )


def test_short_lines_of_a_normal_text_are_not_joined():
    text = "One line.\nTwo line.\nThree."
    assert normalise_whitespace(pl.Series([text])).item() == text


def test_caption_and_credit_lines_are_removed():
    text = (
        "A man walks past the headquarters in Beijing on July 20, 2021.\n"
        "Noel Celis | AFP | Getty Images\n"
        "Microsoft is reportedly considering relocating staff.\n"
        "Photo: Jane Doe/Reuters\n"
        "The move comes amid tensions."
    )
    assert strip(text) == (
        "Microsoft is reportedly considering relocating staff.\nThe move comes amid tensions."
    )


def test_boilerplate_lines_are_removed_but_article_sentences_stay():
    text = (
        "The company cut 300 jobs.\n"
        "Read the full Wall Street Journal report.\n"
        "Share this article\n"
        "We use cookies to improve your experience. Accept all cookies\n"
        "Advertisement\n"
        "Analysts read the full report as a warning.\n"
        "Reuter"
    )
    assert strip(text) == "The company cut 300 jobs.\nAnalysts read the full report as a warning."
