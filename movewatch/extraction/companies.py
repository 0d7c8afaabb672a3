"""Company name keys for joining: case-folded, accents and legal suffixes dropped.

The key follows the matching notion of the gold scorer (GUIDELINES.md, "How predictions
are matched"), so two names with the same key are always the same company to the scorer.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

LEGAL_SUFFIXES = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited",
    "plc", "ag", "sa", "nv", "bv", "se", "spa", "gmbh", "llc", "lp", "group",
    "holdings", "holding", "the", "cos", "and",
})


def company_key(name: str | None) -> str:
    """Normalised key of a company name ("Microsoft Corp." -> "microsoft")."""
    folded = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded.lower())
    return " ".join(w for w in words if w not in LEGAL_SUFFIXES)


def same_company(a: str | None, b: str | None) -> bool:
    """True when two names denote the same company under the scorer's rule."""
    ka, kb = company_key(a), company_key(b)
    if not ka or not kb:
        return False
    if ka == kb or ka in kb or kb in ka:
        return True
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.85
