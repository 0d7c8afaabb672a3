"""Parse stated numbers of people or jobs into (minimum, maximum) bounds.

"700 to 800 people" -> (700, 800); "about 45,000" -> (45000, 45000); "up to 300" ->
(None, 300); "more than 1,000" -> (1000, None); "1.2 million" -> (1200000, 1200000);
"two thousand" -> (2000, 2000).
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000,
           "m": 1_000_000, "k": 1_000, "billion": 1_000_000_000, "bn": 1_000_000_000}
_WORD = "|".join(sorted((w for w in _UNITS if len(w) > 1), key=len, reverse=True))
_SCALE = "hundred|thousand|million|mln|billion|bn|m|k"
# One number: digits with separators and optional scale, or number words with scales.
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s*(?:{_SCALE})\b)?"
    rf"|(?:(?:{_WORD})(?:[\s-]+(?:{_WORD}|{_SCALE}|and))*)\b"
)
_LOWER = r"more than|over|at least|upwards of|in excess of|a minimum of|not less than"
_UPPER = r"up to|as many as|fewer than|less than|no more than|at most|a maximum of|under"
_ABOUT = r"about|around|some|approximately|roughly|nearly|almost|an estimated|close to|just over"
RANGE = re.compile(
    rf"(?:(?P<lower>{_LOWER})\s+|(?P<upper>{_UPPER})\s+|(?:{_ABOUT})\s+)?"
    rf"(?:a\s+total\s+of\s+)?(?:about\s+)?"
    rf"(?P<first>{NUMBER})(?:\s*(?:to|-|–|and|or)\s*(?P<second>{NUMBER}))?",
    re.IGNORECASE,
)


def parse_number(text: str) -> int | None:
    """Integer value of a number written in digits or words ("1.2 million", "two thousand")."""
    text = text.strip().lower().replace(",", "")
    match = re.fullmatch(rf"(\d+(?:\.\d+)?)\s*({_SCALE})?", text)
    if match:
        value = float(match.group(1)) * _SCALES.get(match.group(2) or "", 1)
        return int(round(value))
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", text):
        if word == "and" or not word:
            continue
        if word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _SCALES:
            scale = _SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_headcount(phrase: str) -> tuple[int | None, int | None] | None:
    """Bounds of the first number in ``phrase``, or None when it states no number."""
    for match in RANGE.finditer(phrase):
        first = parse_number(match.group("first"))
        if first is None or (match.group("first").lower() in ("a", "an")):
            continue
        second = parse_number(match.group("second")) if match.group("second") else None
        if second is not None and second >= first:
            return (first, second)
        if match.group("lower"):
            return (first, None)
        if match.group("upper"):
            return (None, first)
        return (first, first)
    return None
