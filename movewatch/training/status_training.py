"""Training the status model: the gold status of every fact the corpus states in a sentence
with a candidate for its actor, described by ``status_features``; a multinomial logistic
regression over the stages, its regularisation chosen by cross-validation over the same
folds of articles as the fact model's."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from movewatch.extraction.learned.candidates import MOVE, Candidate
from movewatch.extraction.learned.decisions import mention_type
from movewatch.extraction.learned.fact_model import TYPES
from movewatch.extraction.learned.slots import move_mention, policy_mention
from movewatch.extraction.learned.status_model import (
    STAGE_OF,
    STAGES,
    StatusModel,
    status_features,
)
from movewatch.training.fact_training import SEED, Example, folds_of, matrix, vocabulary

C_GRID = (0.3, 1.0, 3.0)


@dataclass
class StatusExample:
    """The status of one fact in one sentence: its features, its stage, the rules' stage."""

    doc_id: str
    kind: str
    features: list[str]
    stage: str
    rule_stage: str


def rule_status(cand: Candidate, fact_type: str) -> tuple[str, bool]:
    """What the rules' status cues read for the candidate's fact of ``fact_type``, and whether
    a rule found that fact there (else the cues are read from the nearest trigger)."""
    for mention in cand.rule_mentions:
        if mention_type(mention) == fact_type:
            return mention.status, True
    if cand.kind == MOVE:
        return move_mention(cand, fact_type, 1.0).status, False
    return policy_mention(cand, fact_type, 1.0).status, False


def status_examples(examples: dict[str, list[Example]]) -> list[StatusExample]:
    """A status example for each positive (candidate, type) with a known gold status."""
    out = []
    for doc_id, exs in examples.items():
        for ex in exs:
            cand = ex.candidate
            for t, (label, status) in enumerate(zip(ex.labels, ex.statuses, strict=True)):
                stage = STAGE_OF[cand.kind].get(status or "")
                if label != 1 or stage is None:
                    continue
                fact_type = TYPES[cand.kind][t]
                rule, ruled = rule_status(cand, fact_type)
                out.append(StatusExample(doc_id, cand.kind,
                                         status_features(cand, fact_type, rule, ruled), stage,
                                         STAGE_OF[cand.kind].get(rule, rule)))
    return out


def fit_status(rows: list[StatusExample], c: float) -> StatusModel:
    """The status model fitted on ``rows``; with fewer than two stages among them, a model
    that always gives the one stage (announced if there are no rows)."""
    features = [r.features for r in rows]
    vocab = vocabulary(features)
    weights = np.zeros((len(vocab), len(STAGES)), dtype=np.float32)
    # Stages no example had get no weight and a bias no score reaches.
    bias = np.full(len(STAGES), -1e9)
    seen = sorted({r.stage for r in rows})
    if len(seen) < 2:
        bias[STAGES.index(seen[0] if seen else "announced")] = 0.0
        return StatusModel(STAGES, vocab, weights, bias)
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    model.fit(matrix(features, vocab), [r.stage for r in rows])
    stages = [str(s) for s in model.classes_]
    coef, intercept = model.coef_, model.intercept_
    if len(stages) == 2:  # one row of weights: the second class's log-odds over the first
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        intercept = np.array([0.0, intercept[0]])
    for i, stage in enumerate(stages):
        weights[:, STAGES.index(stage)] = coef[i]
        bias[STAGES.index(stage)] = intercept[i]
    return StatusModel(STAGES, vocab, weights, bias)


def out_of_fold_status(rows: list[StatusExample], doc_ids: list[str], c: float
                       ) -> tuple[dict[str, StatusModel], dict[str, dict[str, float]]]:
    """Each article's status model trained on the other folds' examples, and the
    out-of-fold accuracy per kind of the model and of the rules' cues."""
    by_doc: dict[str, StatusModel] = {}
    hits: dict[str, list[int]] = {}
    for held in folds_of(doc_ids):
        model = fit_status([r for r in rows if r.doc_id not in held], c)
        for doc_id in held:
            by_doc[doc_id] = model
        for r in rows:
            if r.doc_id in held:
                counts = hits.setdefault(r.kind, [0, 0, 0])
                counts[0] += model.stage(r.features) == r.stage
                counts[1] += r.rule_stage == r.stage
                counts[2] += 1
    accuracy = {kind: {"model": round(m / n, 3), "rules": round(rl / n, 3), "examples": n}
                for kind, (m, rl, n) in sorted(hits.items())}
    return by_doc, accuracy


def choose_status_c(rows: list[StatusExample], doc_ids: list[str]
                    ) -> tuple[float, dict[str, StatusModel], dict]:
    """The regularisation with the best out-of-fold accuracy (over both kinds), its
    out-of-fold models by article and accuracies."""
    best = None
    for c in C_GRID:
        by_doc, accuracy = out_of_fold_status(rows, doc_ids, c)
        correct = sum(a["model"] * a["examples"] for a in accuracy.values())
        if best is None or correct > best[0] + 1e-9:
            best = (correct, c, by_doc, accuracy)
    assert best is not None
    return best[1], best[2], best[3]
