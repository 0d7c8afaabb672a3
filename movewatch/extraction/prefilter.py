"""Cheap polars pre-filter: which documents and sentences can hold a fact at all.

The regexes cover the surface forms of the terms that name a move or a measure by themselves
(``lexicon.py``); generic trigger verbs ("cut", "take", "close") count only with a word that
makes them about companies or governments ("jobs", "plant", "stake", a ministry). Anything the
regexes reject is never parsed. Matching runs vectorised over a whole batch.
"""

from __future__ import annotations

import polars as pl

_MOVE_TERMS = (
    r"acqui|\bbuy|\bbought|purchas|take-?overs?\b|\btak(?:e|es|ing|en)\s+over|\btook\s+over"
    r"|\bbuy-?outs?\b|\bbids?\b|tender\s+offer|\bmerg|\bstake|\bsnap|\bsells?\b|\bselling"
    r"|\bsold\b"
    r"|\bsale\b|divest|dispos|\bspin|\bspun|\bjobs?\b|lay-?offs?|laid\s+off|\blay(?:s|ing)?\s+off"
    r"|redundanc|workers|workforce|\bstaff|employees|\bhir(?:e|es|ed|ing)\b|recruit"
    r"|\bplants?\b|factor(?:y|ies)|\boffices?\b|facilit|\bstores?\b|\bmills?\b|refiner"
    r"|headquarters|\binvest(?:s|ed|ing|ment|ments)?\b|relocat|\bmov(?:e|es|ed|ing)\b"
    r"|\bshift|\btransfer|offshor|outsourc|\bclos(?:e|es|ed|ing|ure|ures)\b|\bshut"
    r"|withdr[ae]w|pull(?:s|ed|ing)?\s+out|\bexit|\boffer|\bbuyer|purchaser"
)
_POLICY_TERMS = (
    r"tariff|\bdut(?:y|ies)\b|quota|sanction|embargo|export|import|\bban(?:s|ned|ning)?\b"
    r"|\blaws?\b|legislat|\bbills?\b|regulat|licen[cs]|subsid|\baid\b|\bgrants?\b"
    r"|tax\s+(?:break|incentive|credit)|antitrust|anti-trust|competition|monopol"
    r"|\bprobe|investigation|restrict|\bcurb(?:s|ed|ing)?\b|guardrail|\bveto|\blev(?:y|ies)\b"
    r"|\bloans?\b"
    r"|\bfr[eo]e?z|blacklist|\bhalt|\border(?:s|ed)?\b|oversight|\brules?\b|deregulat"
    r"|liberali[sz]|privati[sz]|nationali[sz]|\breform"
)
TRIGGER_PATTERN = f"(?i)(?:{_MOVE_TERMS}|{_POLICY_TERMS})"


def candidate_mask(texts: pl.Series) -> pl.Series:
    """Boolean mask of documents that contain a trigger term and could hold a candidate
    sentence (the sentence-level test run on the whole text is a superset of it)."""
    text = pl.col("text")
    return pl.DataFrame({"text": texts}).select(
        text.str.contains(TRIGGER_PATTERN) & _sentence_test(text)
    ).to_series()


# Sentence level: a term that names a move or a measure by itself, or a weaker term together
# with a word that makes it about companies or governments (both checked vectorised).
_STRONG = (
    r"(?i)acqui|take-?overs?\b|\btak(?:e|es|ing|en)\s+over|\btook\s+over|buy-?outs?\b"
    r"|\bbids?\s+for|tender\s+offer|divest|spin-?off|spun\s+off|dispos(?:e|ed|al)\s+of"
    r"|lay-?offs?|laid\s+off|\blay(?:s|ing)?\s+off|redundanc|job\s+(?:cuts?|loss)|relocat"
    r"|offshor|outsourc|withdr[ae]w\s+from|pull(?:s|ed|ing)?\s+out|\bbuyer\b|purchaser"
    r"|tariff|anti-?dumping|sanction|embargo|subsid|state\s+aid|antitrust|anti-trust"
    r"|guardrail|blacklist|export\s+(?:control|licen|ban|restrict|curb)"
    r"|import\s+(?:quota|ban|restrict|curb|dut)|quotas?\s+on|\bveto"
    r"|\boffers?\s+to\s+(?:[a-z]+\s+){0,4}\d"
    r"|\b(?:transfer|mov|shift)\w*\s+(?:[\w,.-]+\s+){0,8}?(?:to|abroad|overseas|offshore)\b"
)
_WEAK_MOVE = (
    r"(?i)\bbuy|\bbought|purchas|\bsells?\b|\bselling|\bsold\b|\bsale\s+of|\bstake\b"
    r"|\bjobs?\b|workers|workforce|\bstaff\b|employees|\bhir(?:e|es|ed|ing)\b|recruit"
    r"|\bplants?\b|factor(?:y|ies)|\boffices?\b|facilit|\bstores?\b|\bmills?\b|refiner"
    r"|headquarters|\binvest(?:s|ed|ing|ment|ments)?\b|\bmerg|\boffers?\b|\bexit"
)
_MOVE_CONTEXT = (
    r"(?i)\bpct\b|%|percent|\bstake|\bshares\b|compan|\bunit\b|subsidiar|division|business"
    r"|\b(?:inc|corp|co|ltd|plc|group|firms?)\b|<|\b(?:cut|cuts|cutting|slash|shed|axe|axing|ax"
    r"|eliminat|reduc|trim|fire|fired|idle|create|add|open|build|built|construct|close"
    r"|closing|closed|shut|move|moving|moved|shift|transfer|new)\w*|\b(?:dlrs|mln|billion"
    r"|million|bn|m)\b|\d(?:m|bn)\b|[$£€]|euros?\b|yen\b"
)
_WEAK_POLICY = (
    r"(?i)\bdut(?:y|ies)\b|quota|\bban(?:s|ned|ning)?\b|restrict|\bcurb(?:s|ed|ing)?\b"
    r"|\bcontrols?\b"
    r"|\blaws?\b|legislat|\bbills?\b|regulat|licen[cs]|\bgrants?\b|tax\s+(?:break|incentive"
    r"|credit)|competition|monopol|\bprobe|investigation|\blev(?:y|ies)\b|\bloans?\b|freez|froze"
    r"|\bhalt|\border(?:s|ed)?\s+(?:a|the|to|an)|oversight|\brules?\b|\breform|\bpunish"
)
_GOVERNMENT_CONTEXT = (
    r"(?i:government|ministry|minister|congress|parliament|commission|authorit|president"
    r"|administration|officials|agency|department|senate|house|cabinet|regulator|\bstate\b)"
    r"|\b(?:EC|EU|US|UK|MITI)\b|\bU\.S\.|Washington|Tokyo|Brussels|Beijing|London|Bonn|Paris"
    r"|[A-Z][a-z]+(?:an|ese|ish|ian)\b|Japan|China|Britain|France|Germany|Canada|Taiwan"
    r"|Korea|Italy|Brazil|Mexico|India|Russia|Australia"
)

# Buying or selling something named: "bought all of Germany's Hexal", "plan to buy the LSE".
_NAMED_DEAL = (
    r"(?i:\b(?:buy|buys|buying|bought|sell|sells|selling|sold))\s+"
    r"(?:(?i:all|part|most|half|control|a|an|the|its|their|of|in|stake|shares)\s+){0,4}"
    r"(?:[A-Z][\w&.-]*|\w+'s\b)"
)


def _sentence_test(text: pl.Expr) -> pl.Expr:
    return (
        text.str.contains(_STRONG)
        | text.str.contains(_NAMED_DEAL)
        | (text.str.contains(_WEAK_MOVE) & text.str.contains(_MOVE_CONTEXT))
        | (text.str.contains(_WEAK_POLICY) & text.str.contains(_GOVERNMENT_CONTEXT))
    )


def sentence_mask(texts: pl.Series) -> pl.Series:
    """Boolean mask of sentences worth a full parse (see the patterns above)."""
    return pl.DataFrame({"text": texts}).select(_sentence_test(pl.col("text"))).to_series()
