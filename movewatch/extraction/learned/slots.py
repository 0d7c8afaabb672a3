"""Slots of a fact the model found where no rule did, read with the rules' general slot
readers (status cues, places, headcount, acquisition targets, target countries) from the
trigger of the fact's type nearest the candidate."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from movewatch.extraction.learned.candidates import MOVE, Candidate
from movewatch.extraction.rules import MoveMention, PolicyMention
from movewatch.extraction.rules.phrases import _actor_span


def _nearest(triggers: list[Token], root: Token | None) -> Token | None:
    if not triggers:
        return None
    if root is None:
        return triggers[0]
    governing = [t for t in triggers if t in root.ancestors]
    if governing:
        return governing[0]
    return min(triggers, key=lambda t: abs(t.i - root.i))


def fact_trigger(cand: Candidate, fact_type: str) -> Token | None:
    """The trigger of ``fact_type`` in the candidate's sentence nearest the candidate (for a
    move, any move trigger if none of its type)."""
    state = cand.state
    if cand.kind == MOVE:
        typed, any_move = [], []
        for tok in state.doc:
            kind, _obj = state.classify_move(tok)
            if kind is not None:
                any_move.append(tok)
                if kind == fact_type:
                    typed.append(tok)
        return _nearest(typed, cand.root) or _nearest(any_move, cand.root)
    return _nearest([t for t in state.doc if state.classify_policy(t) == fact_type], cand.root)


def move_mention(cand: Candidate, move_type: str, score: float) -> MoveMention:
    """A move of ``move_type`` by the candidate's company, stated in its sentence."""
    state = cand.state
    doc = state.doc
    trigger = fact_trigger(cand, move_type)
    status, headcount, target, attributed = "announced", None, None, None
    to_countries: list[str] = []
    scope = list(doc)
    if trigger is not None:
        chain = state.climb(trigger)
        status = state.move_status(trigger, chain)
        _, obj = state.classify_move(trigger)
        headcount = state.headcount(trigger, obj, scope)
        attributed = state.attribution(chain)
        if move_type in ("acquisition", "divestment"):
            target = state.target_of(trigger, obj)
        if move_type == "relocation":
            to_countries = state.destinations(trigger, chain)
    countries, stated = state.located(scope, to_countries)
    return MoveMention(company=cand.name, move_type=move_type, countries=countries,
                       to_countries=to_countries, headcount=headcount, target=target,
                       status=status, sent_start=cand.sent_start, sent_end=cand.sent_end,
                       attributed_to=attributed, explicit_company=cand.named_here(),
                       score=score, countries_inferred=not stated)


def likely_target(cand: Candidate) -> str | None:
    """Where no reader found the country a government's action is aimed at, the other
    country its sentence names, if it names one ("tariffs on Japanese electronics")."""
    return cand.other_countries[0] if cand.other_countries else None


def with_likely_target(mention: PolicyMention, cand: Candidate) -> PolicyMention:
    """The rules' mention, its target country read as ``likely_target`` if they found none."""
    if mention.target_country is not None:
        return mention
    return replace(mention, target_country=likely_target(cand))


def policy_mention(cand: Candidate, action_type: str, score: float) -> PolicyMention:
    """A policy action of ``action_type`` by the candidate's government, stated in its
    sentence."""
    state = cand.state
    trigger = fact_trigger(cand, action_type)
    actor_ids = {t.i for t in _actor_span(cand.root)} if cand.root is not None else set()
    status, attributed = "announced", None
    targets: list[str] = []
    if trigger is not None:
        chain = state.climb(trigger)
        status = state.policy_status(trigger, chain, actor_ids)
        attributed = state.attribution(chain)
        for tok in state.target_tokens(trigger, chain):
            code = state.place_at.get(tok.i)
            if code and tok.i not in actor_ids and code != cand.key and code not in targets:
                targets.append(code)
    return PolicyMention(actor=cand.name, actor_country=cand.key or None, action_type=action_type,
                         target_country=(targets or [likely_target(cand)])[0], subject=None,
                         status=status,
                         sent_start=cand.sent_start, sent_end=cand.sent_end,
                         attributed_to=attributed, score=score)
