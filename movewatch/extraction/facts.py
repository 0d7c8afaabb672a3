"""Fact records produced by the extractor, and their gold-format (GUIDELINES.md) dicts."""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

RULES_VERSION = "rules-2026.12.3"
# The fact model's shipped weights (``movewatch.extraction.learned``), and the switch to
# extract with the rules alone.
WEIGHTS_DIR = Path(__file__).parent / "learned" / "weights"
RULES_ONLY_ENV = "MOVEWATCH_RULES_ONLY"


def _extractor_version() -> str:
    """The rules' version, and the digest of the fact model's weights when it is used (a
    retrained model changes the facts, so articles are extracted again)."""
    files = sorted(WEIGHTS_DIR.glob("*.npz"))
    if os.environ.get(RULES_ONLY_ENV) == "1" or len(files) < 2:
        return RULES_VERSION
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
    return f"{RULES_VERSION}+model-{digest.hexdigest()[:10]}"


EXTRACTOR_VERSION = _extractor_version()


@dataclass(frozen=True)
class CompanyMove:
    """A named company changing its footprint, workforce or ownership."""

    company: str
    company_key: str
    move_type: str
    countries: tuple[str, ...]
    to_countries: tuple[str, ...]
    headcount_min: int | None
    headcount_max: int | None
    target: str | None
    status: str
    evidence: str
    evidence_start: int
    evidence_end: int
    attributed_to: str | None
    is_unverified: bool
    confidence: float


@dataclass(frozen=True)
class PolicyAction:
    """A government or public authority acting on companies or trade."""

    actor: str
    actor_country: str | None
    action_type: str
    target_country: str | None
    subject: str | None
    status: str
    evidence: str
    evidence_start: int
    evidence_end: int
    attributed_to: str | None
    is_unverified: bool
    confidence: float


@dataclass(frozen=True)
class MovePolicyLink:
    """A move citing a policy action of the same article as its context or cause."""

    move_index: int
    policy_index: int
    cue: str
    evidence: str


@dataclass(frozen=True)
class DocumentFacts:
    """Everything extracted from one article (``error`` set when it could not be read)."""

    doc_id: str
    company_moves: list[CompanyMove] = field(default_factory=list)
    policy_actions: list[PolicyAction] = field(default_factory=list)
    links: list[MovePolicyLink] = field(default_factory=list)
    error: str | None = None


def to_gold_record(doc: DocumentFacts) -> dict:
    """The article's facts in the gold format of GUIDELINES.md (extra fields included)."""
    moves = []
    for move in doc.company_moves:
        row = asdict(move)
        row["countries"] = list(move.countries)
        row["to_countries"] = list(move.to_countries)
        moves.append(row)
    record: dict = {
        "doc_id": doc.doc_id,
        "company_moves": moves,
        "policy_actions": [asdict(p) for p in doc.policy_actions],
        "links": [asdict(link) for link in doc.links],
        "extractor_version": EXTRACTOR_VERSION,
    }
    if doc.error is not None:
        record["error"] = doc.error
    return record
