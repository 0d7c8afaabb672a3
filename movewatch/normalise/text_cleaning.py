"""Text clean-up as polars expressions: mojibake (ftfy), whitespace, captions and boilerplate."""

from __future__ import annotations

import ftfy
import polars as pl

# Typical UTF-8-read-as-cp1252 sequences ("Â£", "â€™", "Ã©"): only texts matching this go
# through ftfy, which is slow per text.
MOJIBAKE_CANDIDATE = (
    r"[ÂÃâÅÆ][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC"
    r"\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]"
)

# Agencies and picture desks whose names end photo-credit lines.
_CREDIT_NAMES = (
    r"Getty Images|AFP|Reuters|AP(?: Photo)?|EPA(?:-EFE)?|Bloomberg|Shutterstock"
    r"|PA(?: Media| Wire)?|Alamy|Xinhua|Anadolu(?: Agency)?|NurPhoto|SOPA Images"
    r"|LightRocket|Corbis|Pool|Handout"
)
# An agency credit line: "Noel Celis | AFP | Getty Images", "Jane Doe/Reuters".
AGENCY_CREDIT_LINE = rf"^[ \t]*\(?(?:[^\n|:]{{0,60}}[|/][ \t]*)+(?:{_CREDIT_NAMES})[ \t]*\)?[ \t]*$"
# A labelled caption or credit: "Photo: ...", "Image source, Getty Images".
LABELLED_CAPTION_LINE = (
    r"^[ \t]*\(?(?:Photo|Photograph|Image|Picture|Credit|Photo credit)s?(?: by)?[ \t]*[:\-–]"
    r"[^\n]{0,120}$"
    r"|^[ \t]*(?:Image source|Image caption|Media caption)[, ][^\n]{0,150}$"
)
PHOTO_CREDIT_LINE = rf"{AGENCY_CREDIT_LINE}|{LABELLED_CAPTION_LINE}"
# Lines that are site furniture rather than article text.
BOILERPLATE_LINE = (
    r"(?i)^[ \t]*(?:"
    r"read (?:the )?(?:full|more|original)\b[^\n]{0,100}"
    r"|share (?:this|the) (?:article|story|page)[^\n]{0,40}"
    r"|share on (?:facebook|twitter|linkedin|whatsapp|email)[^\n]{0,40}"
    r"|(?:sign up|subscribe)(?: now)? (?:for|to) (?:our|the)[^\n]{0,80}newsletters?[^\n]{0,40}"
    r"|click here (?:to|for)[^\n]{0,100}"
    r"|follow us on[^\n]{0,80}"
    r"|advertisement|advertising|skip advert(?:isement)?|story continues below[^\n]{0,30}"
    r"|(?:copyright )?(?:©|\(c\))[^\n]{0,100}|all rights reserved\.?"
    r"|[^\n]{0,200}\b(?:we|this (?:site|website)) uses? cookies\b[^\n]{0,300}"
    r"|[^\n]{0,100}\b(?:accept|manage) (?:all )?cookies\b[^\n]{0,100}"
    r"|reuter|reuters"
    r")[ \t]*$"
)


def normalise_whitespace(texts: pl.Series) -> pl.Series:
    """Uniform whitespace: one space inside lines, one '\\n' between paragraphs, no blank lines.

    Hard-wrapped texts (newswire bodies wrapped at ~70 columns, like Reuters) get their lines
    joined: a paragraph there starts at a blank line or an indented line.
    """
    # One step per column: eager polars would recompute a subexpression used twice.
    frame = pl.DataFrame({"text": texts.fill_null("")}).with_columns(
        text=pl.col("text")
        .str.replace_all(r"\r\n?", "\n")
        .str.replace_all(r"[\u00A0\u2000-\u200A\u202F\u205F\u3000]", " ")
        .str.replace_all(r"[\u200B\u200C\u200D\u2060\uFEFF]", "")
    )
    frame = frame.with_columns(
        lengths=pl.col("text").str.split("\n").list.eval(pl.element().str.len_chars())
    )
    wrapped_share = pl.col("lengths").list.eval(pl.element().is_between(40, 90).mean()).list.first()
    frame = frame.with_columns(
        hard_wrapped=(pl.col("lengths").list.len() >= 5)
        & (pl.col("lengths").list.max() <= 100)
        & (wrapped_share >= 0.5)
    )
    unwrapped = (
        pl.col("text")
        .str.replace_all(r"\n[ \t]*\n\s*|\n[ \t]+", "\u2029")
        .str.replace_all(r"\n", " ")
        .str.replace_all("\u2029", "\n")
    )
    spaced = (
        pl.when(pl.col("hard_wrapped"))
        .then(unwrapped)
        .otherwise(pl.col("text"))
        .str.replace_all(r"[ \t\f\v]+", " ")
        .str.replace_all(r"(?m)^ | $", "")
        .str.replace_all(r"\n{2,}", "\n")
        .str.strip_chars()
    )
    return frame.select(spaced.alias(texts.name))[texts.name]


def strip_boilerplate_expr(column: pl.Expr) -> pl.Expr:
    """Drop photo captions with their credit lines and boilerplate lines (whitespace-normalised
    input: one paragraph a line)."""
    # A caption is the short line just above an agency credit line (the CNBC/Getty layout).
    without_captions = column.str.replace_all(
        rf"(?m)(?:^[^\n]{{1,200}}\n)?(?:{AGENCY_CREDIT_LINE})\n?", ""
    ).str.replace_all(rf"(?m)(?:{LABELLED_CAPTION_LINE})\n?", "")
    without_boilerplate = without_captions.str.replace_all(rf"(?m){BOILERPLATE_LINE}\n?", "")
    return without_boilerplate.str.replace_all(r"\n{2,}", "\n").str.strip_chars()


def fix_mojibake(texts: pl.Series) -> tuple[pl.Series, pl.Series]:
    """ftfy.fix_text on the texts that look like mojibake; returns (texts, changed mask)."""
    candidate = texts.str.contains(MOJIBAKE_CANDIDATE).fill_null(False)
    if not candidate.any():
        return texts, candidate
    fixed = texts.to_list()
    changed = [False] * len(fixed)
    for index in candidate.arg_true().to_list():
        # Only undo the encoding damage: typographic quotes stay as the outlet wrote them.
        repaired = ftfy.fix_text(fixed[index], normalization="NFC", uncurl_quotes=False)
        if repaired != fixed[index]:
            fixed[index] = repaired
            changed[index] = True
    return pl.Series(texts.name, fixed, dtype=pl.String), pl.Series(changed, dtype=pl.Boolean)
