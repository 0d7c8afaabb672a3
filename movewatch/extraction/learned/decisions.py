"""From scored candidates to mentions: per article, the best candidate of each company (or
government) and fact type is kept when its probability reaches the type's threshold; the
rules' mentions of that company and type carry the fact's slots, or, where no rule fired,
the slots are read from the candidate's sentence; the status model, when trained, gives each
mention its status."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from movewatch.extraction.learned.candidates import MOVE, Candidate
from movewatch.extraction.learned.fact_model import FactModel
from movewatch.extraction.learned.slots import move_mention, policy_mention, with_likely_target
from movewatch.extraction.learned.status_model import StatusModel
from movewatch.extraction.merging import move_groups
from movewatch.extraction.rules import MoveMention, PolicyMention


def probabilities(candidates: list[Candidate], models: dict[str, FactModel]
                  ) -> dict[str, np.ndarray]:
    """Per kind, the ``[candidates of the kind, types]`` probabilities."""
    return {kind: model.probabilities([c for c in candidates if c.kind == kind])
            for kind, model in models.items()}


def choose(candidates: list[Candidate], models: dict[str, FactModel],
           probs_by_kind: dict[str, np.ndarray] | None = None
           ) -> list[tuple[Candidate, str, float]]:
    """``(best candidate, type, probability)`` of each (company or government, type) of the
    article whose best probability reaches the type's threshold: the rule threshold when a
    rule found that company's (government's) fact of that type, else the model's own."""
    if probs_by_kind is None:
        probs_by_kind = probabilities(candidates, models)
    best: dict[tuple[str, str, str], tuple[Candidate, float]] = {}
    ruled: set[tuple[str, str, str]] = set()
    for kind, model in models.items():
        of_kind = [c for c in candidates if c.kind == kind]
        if not of_kind:
            continue
        for cand, row in zip(of_kind, probs_by_kind[kind], strict=True):
            for mention in cand.rule_mentions:
                ruled.add((kind, cand.key, mention_type(mention)))
            for t, fact_type in enumerate(model.types):
                key = (kind, cand.key, fact_type)
                p = float(row[t])
                if key not in best or p > best[key][1]:
                    best[key] = (cand, p)
    kept = []
    for key, (cand, p) in best.items():
        model = models[key[0]]
        t = model.types.index(key[2])
        if key in ruled:
            threshold = model.rule_thresholds[t]
        elif cand.rule_mentions:
            # The rules read this actor in this sentence as a fact of another type: a second
            # type for the same words is the model confusing types, not a second fact.
            continue
        else:
            threshold = model.thresholds[t]
        if p >= threshold:
            kept.append((cand, key[2], p))
    return kept


def mention_type(mention: MoveMention | PolicyMention) -> str:
    """The move or action type of a mention."""
    return mention.move_type if isinstance(mention, MoveMention) else mention.action_type


def mentions(candidates: list[Candidate], models: dict[str, FactModel],
             probs_by_kind: dict[str, np.ndarray] | None = None,
             status_model: StatusModel | None = None
             ) -> tuple[list[MoveMention], list[PolicyMention]]:
    """The move and policy mentions of the facts the model keeps."""
    return mentions_of(choose(candidates, models, probs_by_kind), candidates, status_model)


def mentions_of(chosen: list[tuple[Candidate, str, float]], candidates: list[Candidate],
                status_model: StatusModel | None = None
                ) -> tuple[list[MoveMention], list[PolicyMention]]:
    """The mentions of the chosen facts: the rules' mentions of the same company (government)
    and type, or where no rule found it, a mention read from the candidate's sentence; with
    ``status_model``, each mention's status is the one it predicts."""
    moves: list[MoveMention] = []
    policies: list[PolicyMention] = []
    for cand, fact_type, p in chosen:
        group = [c for c in candidates if c.kind == cand.kind and c.key == cand.key]
        if cand.kind == MOVE:
            found: list = [(c, m) for c in group for m in c.rule_mentions
                           if isinstance(m, MoveMention) and m.move_type == fact_type]
            made = [(cand, move_mention(cand, fact_type, p))] if not found else []
            out: list = moves
        else:
            found = [(c, with_likely_target(m, c)) for c in group for m in c.rule_mentions
                     if isinstance(m, PolicyMention) and m.action_type == fact_type]
            made = [(cand, policy_mention(cand, fact_type, p))] if not found else []
            out = policies
        readings = found or made
        if status_model is not None:
            readings = _with_status(readings, fact_type, bool(found), status_model)
        out.extend(m for _, m in readings)
    return moves, policies


def _with_status(readings: list[tuple[Candidate, MoveMention | PolicyMention]], fact_type: str,
                 ruled: bool, status_model: StatusModel
                 ) -> list[tuple[Candidate, MoveMention | PolicyMention]]:
    """The mentions with the status model's status: one per fact they will merge into (a
    move's mentions with the same target, a policy's with the same target country), from the
    probabilities summed over that fact's sentences. The rules' mentions are copied, not
    changed (they are read again while thresholds are tuned)."""
    if isinstance(readings[0][1], MoveMention):
        index = {id(m): n for n, (_, m) in enumerate(readings)}
        facts = [[index[id(m)] for m in group]
                 for group in move_groups([m for _, m in readings])]
    else:
        by_target: dict[str | None, list[int]] = {}
        for n, (_, m) in enumerate(readings):
            by_target.setdefault(m.target_country, []).append(n)
        facts = list(by_target.values())
    out = list(readings)
    for members in facts:
        status = status_model.status([(readings[n][0], fact_type, readings[n][1].status, ruled)
                                      for n in members])
        for n in members:
            out[n] = (readings[n][0], replace(readings[n][1], status=status))
    return out
