"""Cheap polars pre-filter: which documents and sentences can hold a fact at all.

The regexes are a superset of the surface forms of the trigger lexicons in ``lexicon.py``;
anything they reject is never parsed. Matching runs vectorised over a whole batch.
"""

from __future__ import annotations

import polars as pl

_MOVE_TERMS = (
    r"acqui|\bbuy|\bbought|purchas|take-?overs?\b|\btak(?:e|es|ing|en)\s+over|\btook\s+over"
    r"|\bbuy-?outs?\b|\bbids?\b|tender\s+offer|\bstake|\bsnap|\bsells?\b|\bselling|\bsold\b"
    r"|\bsale\b|divest|dispos|\bspin|\bspun|\bjobs?\b|lay-?offs?|laid\s+off|\blay(?:s|ing)?\s+off"
    r"|redundanc|workers|workforce|\bstaff|employees|\bhir(?:e|es|ed|ing)\b|recruit"
    r"|\bplants?\b|factor(?:y|ies)|\boffices?\b|facilit|\bstores?\b|\bmills?\b|refiner"
    r"|headquarters|\binvest(?:s|ed|ing|ment|ments)?\b|relocat|\bmov(?:e|es|ed|ing)\b"
    r"|\bshift|\btransfer|offshor|outsourc|\bclos(?:e|es|ed|ing|ure|ures)\b|\bshut"
    r"|withdr[ae]w|pull(?:s|ed|ing)?\s+out|\bexit|\boffer|\bbuyer|purchaser"
)
_POLICY_TERMS = (
    r"tariff|\bdut(?:y|ies)\b|quota|sanction|embargo|export|import|\bbans?\b|\bbanned"
    r"|\blaws?\b|legislat|\bbills?\b|regulat|licen[cs]|subsid|\baid\b|\bgrants?\b"
    r"|tax\s+(?:break|incentive|credit)|antitrust|anti-trust|competition|monopol"
    r"|\bprobe|investigation|restrict|\bcurbs?\b|guardrail|\bveto|\blev(?:y|ies)\b|\bloans?\b"
    r"|\bfr[eo]e?z|blacklist|\bhalt|\border(?:s|ed)?\b|oversight|\brules?\b|deregulat"
    r"|liberali[sz]|privati[sz]|nationali[sz]|\breform"
)
TRIGGER_PATTERN = f"(?i)(?:{_MOVE_TERMS}|{_POLICY_TERMS})"


def candidate_mask(texts: pl.Series) -> pl.Series:
    """Boolean mask of texts that contain a trigger term."""
    frame = pl.DataFrame({"text": texts})
    return frame.select(pl.col("text").str.contains(TRIGGER_PATTERN)).to_series()
