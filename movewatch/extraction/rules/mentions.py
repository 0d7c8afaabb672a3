"""What the sentence rules produce and read: the mention dataclasses, the sentence
result, and ``DocContext`` (what the rules know about the article beyond one
sentence).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MoveMention:
    """One sentence's evidence for a company move."""

    company: str
    move_type: str
    countries: list[str]
    to_countries: list[str]
    headcount: tuple[int | None, int | None] | None
    target: str | None
    status: str
    sent_start: int
    sent_end: int
    attributed_to: str | None
    explicit_company: bool
    score: float
    countries_inferred: bool = False  # from the dateline or the article, not the sentence


@dataclass
class PolicyMention:
    """One sentence's evidence for a policy action."""

    actor: str
    actor_country: str | None
    action_type: str
    target_country: str | None
    subject: str | None
    status: str
    sent_start: int
    sent_end: int
    attributed_to: str | None
    score: float
    # Found only through a generic vehicle noun ("the draft legislation", "a law").
    vehicle: bool = False


@dataclass
class LinkCue:
    """A cause/context cue ("amid", "as Washington cracks down") in a sentence."""

    cue: str
    countries: set[str]
    sent_start: int
    sent_end: int
    refers_to_previous_move: bool
    clause: tuple[int, int]  # token range of the cue clause, sentence-relative


@dataclass
class DocContext:
    """What the rules know about the article beyond the current sentence."""

    home_country: str | None = None
    dateline_country: str | None = None
    focus_company: str | None = None
    organisations: list[str] = field(default_factory=list)
    reporting_outlet: str | None = None
    # Type and target of measures named so far, by lemma, for "the ban" later on.
    measures: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    article: str = ""  # the whole article text (for article-wide name checks)


@dataclass
class SentenceResult:
    moves: list[MoveMention]
    policies: list[PolicyMention]
    cues: list[LinkCue]
    offers: list[tuple[str, tuple[int | None, int | None], str | None]]  # continuation
    # The sentence in the article without surrounding whitespace, as its mentions cite it.
    sent_start: int
    sent_end: int

