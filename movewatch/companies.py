"""Company names in one place: the legal forms, the matching key and the matching rule.

The key and the rule follow the gold scorer (GUIDELINES.md, "How predictions are matched"):
names are case-folded, accents and legal suffixes dropped, and two names agree when one
contains the other or their similarity ratio is at least 0.85. Extraction (deduplicating facts,
company keys), scoring and event consolidation (acquisition targets) all use these.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

# Legal forms of companies, lower case without dots ("S.p.A." -> "spa").
LEGAL_FORMS = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "cos", "company", "ltd", "limited",
    "plc", "ag", "sa", "nv", "bv", "se", "spa", "gmbh", "llc", "lp", "ab", "oyj", "bhd", "sdn",
    "pty",
})
# What the scorer drops besides legal forms ("Group, and the like").
NAME_NOISE = LEGAL_FORMS | {"group", "holding", "holdings", "the", "and"}
SAME_COMPANY_RATIO = 0.85


def is_legal_form(word: str) -> bool:
    """True for a legal form as written in a name: "Inc.", "S.p.A.", "PLC", "GmbH"."""
    return word.lower().replace(".", "").strip(",") in LEGAL_FORMS


@lru_cache(maxsize=65536)
def company_key(name: str | None) -> str:
    """Normalised key of a company name ("Microsoft Corp." -> "microsoft")."""
    folded = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded.lower())
    return " ".join(w for w in words if w not in NAME_NOISE)


def same_key(ka: str, kb: str) -> bool:
    """The scorer's rule on two keys: equal, one inside the other, or similar enough."""
    if not ka or not kb:
        return False
    if ka == kb or ka in kb or kb in ka:
        return True
    return difflib.SequenceMatcher(None, ka, kb).ratio() >= SAME_COMPANY_RATIO


def same_company(a: str | None, b: str | None) -> bool:
    """True when two names denote the same company under the scorer's rule."""
    return same_key(company_key(a), company_key(b))
