"""Training the fact model (run by ``movewatch train``, see ``trainer``): candidates of every
labelled article, their labels from the gold facts, one logistic regression per fact type,
thresholds and the regularisation chosen by cross-validation, and a learning curve.

A candidate (a company or government in a sentence) is a positive example of type T when a
certain gold fact of type T names it and the fact's evidence is that sentence; other
sentences naming the same fact's actor are left out (they may state it again), and the rest
are negatives. Seeded and deterministic: the same corpus gives the same weights.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from movewatch.companies import same_company
from movewatch.extraction.extractor import article_candidates
from movewatch.extraction.learned.candidates import MOVE, POLICY, Candidate
from movewatch.extraction.learned.decisions import choose, mentions_of, probabilities
from movewatch.extraction.learned.fact_model import TYPES, FactModel
from movewatch.extraction.learned.status_model import StatusModel
from movewatch.extraction.merging import (
    best_mention,
    merged_move_status,
    move_company,
    move_groups,
    policy_groups,
)
from movewatch.extraction.scoring import score, score_by_type

SEED = 20261203
MIN_FEATURE_COUNT = 2
# Positive examples weigh this much more than negatives (a few hundred facts among thousands
# of candidates): cross-validated F1 0.474 at 1, 0.480 at 3, 0.483 at 5.
POSITIVE_WEIGHT = 5.0
# Regularisation tried per kind, the kinds paired run by run (they are fitted and tuned apart):
# moves chose the smallest and policies the largest of (0.1, 0.3, 1.0) on 4,350 articles.
C_GRID = {MOVE: (0.03, 0.1, 0.3), POLICY: (0.3, 1.0, 3.0)}
# Thresholds tried on validation: for vetoing a rule's fact, and for adding one no rule found.
# Additions start at 0.3: lower ones fitted the few validation facts of a type, not the type.
VETO_GRID = tuple(round(x, 2) for x in np.arange(0.0, 0.51, 0.05))
ADD_GRID = tuple(round(x, 2) for x in np.arange(0.3, 0.91, 0.05))
# A type with fewer facts than this keeps the rules' decisions and the default threshold for
# additions: a handful of facts cannot tell thresholds apart.
MIN_TUNING_FACTS = 8
DEFAULT_THRESHOLD = 0.5
NEVER = 1.01  # a threshold no probability reaches
CURVE_FRACTIONS = (0.25, 0.5, 1.0)
N_FOLDS = 5
# Splits of the corpus the model learns and is tuned on; "test" is only ever evaluated.
TUNING_SPLITS = ("train", "validation")
TRAINING_CORPUS = Path(__file__).resolve().parents[2] / "data" / "training" / "corpus.jsonl"
GOLD_KIND = {MOVE: "company_moves", POLICY: "policy_actions"}
TYPE_FIELD = {MOVE: "move_type", POLICY: "action_type"}


@dataclass
class Example:
    """A candidate, its article, its labels per type (1, 0, or -1 for left out) and, where
    the label is 1, the status of the gold fact."""

    doc_id: str
    candidate: Candidate
    labels: list[int]
    statuses: list[str | None]


def _words(text: str) -> str:
    return " ".join(text.split()).lower()


def states(sentence: str, evidence: str) -> bool:
    """Whether the sentence is the evidence sentence (the segmenter may split or join it)."""
    s, e = _words(sentence), _words(evidence)
    if not s or not e:
        return False
    if e in s or s in e:
        return True
    a, b = set(s.split()), set(e.split())
    return len(a & b) / len(a | b) >= 0.6


def _actor_matches(kind: str, cand: Candidate, fact: dict) -> bool:
    if kind == MOVE:
        return same_company(fact.get("company"), cand.name)
    return (fact.get("actor_country") or "") == cand.key


def label_candidates(doc_id: str, text: str, candidates: list[Candidate], gold: dict
                     ) -> list[Example]:
    """Labels of an article's candidates from its gold facts."""
    out = []
    for cand in candidates:
        types = TYPES[cand.kind]
        labels = [0] * len(types)
        statuses: list[str | None] = [None] * len(types)
        sentence = text[cand.sent_start:cand.sent_end]
        for fact in gold.get(GOLD_KIND[cand.kind]) or []:
            fact_type = fact.get(TYPE_FIELD[cand.kind])
            if fact_type not in types or not _actor_matches(cand.kind, cand, fact):
                continue
            t = types.index(fact_type)
            if not fact.get("uncertain") and states(sentence, fact.get("evidence") or ""):
                labels[t] = 1
                statuses[t] = statuses[t] or fact.get("status")
            elif labels[t] != 1:
                labels[t] = -1
        out.append(Example(doc_id, cand, labels, statuses))
    return out


def collect(corpus: dict[str, dict], texts: dict[str, str]
            ) -> tuple[dict[str, list[Example]], dict[str, str]]:
    """Labelled candidates of every article of the corpus, by article, and the articles
    skipped with their reason (no text, unreadable, failed to parse)."""
    out: dict[str, list[Example]] = {}
    skipped: dict[str, str] = {}
    docs = []
    for doc_id in corpus:
        text = texts.get(doc_id)
        if not isinstance(text, str) or not text.strip():
            skipped[doc_id] = "no text in the shared corpora"
        else:
            docs.append((doc_id, text))
    for doc_id, candidates, error in article_candidates(docs):
        if error:
            skipped[doc_id] = error
        else:
            out[doc_id] = label_candidates(doc_id, texts[doc_id], candidates, corpus[doc_id])
    return out, skipped


def vocabulary(feature_lists: list[list[str]]) -> dict[str, int]:
    """The features seen in at least ``MIN_FEATURE_COUNT`` examples, numbered."""
    counts: dict[str, int] = {}
    for features in feature_lists:
        for f in set(features):
            counts[f] = counts.get(f, 0) + 1
    kept = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    return {f: i for i, f in enumerate(kept)}


def matrix(feature_lists: list[list[str]], vocab: dict[str, int]) -> csr_matrix:
    """The examples' binary feature matrix over ``vocab``."""
    indptr, indices = [0], []
    for features in feature_lists:
        indices.extend(sorted({vocab[f] for f in features if f in vocab}))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, indices, indptr), shape=(len(feature_lists), len(vocab)))


def fit(kind: str, examples: list[Example], c: float) -> FactModel:
    """One logistic regression per type of ``kind`` over the examples' features."""
    types = TYPES[kind]
    features = [ex.candidate.all_features() for ex in examples]
    vocab = vocabulary(features)
    x = matrix(features, vocab)
    labels = np.array([ex.labels for ex in examples], dtype=np.int8).reshape(-1, len(types))
    weights = np.zeros((len(vocab), len(types)), dtype=np.float32)
    bias = np.full(len(types), -8.0)
    for t in range(len(types)):
        rows = labels[:, t] >= 0
        y = labels[rows, t]
        if y.sum() == 0 or y.sum() == len(y):
            continue
        model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000,
                                   class_weight={0: 1.0, 1: POSITIVE_WEIGHT})
        model.fit(x[rows], y)
        weights[:, t] = model.coef_[0]
        bias[t] = model.intercept_[0]
    return FactModel(kind, types, vocab, weights, bias,
                     np.full(len(types), DEFAULT_THRESHOLD), np.zeros(len(types)))


def predict(examples: dict[str, list[Example]], models: dict[str, FactModel],
            probs: dict[str, dict[str, np.ndarray]] | None = None,
            memo: dict | None = None,
            status_models: dict[str, StatusModel] | None = None) -> dict[str, dict]:
    """Gold-format records of the facts the models keep (the fields the scorer matches),
    their mentions merged as the extractor merges them. ``probs``: each article's
    probabilities, when computed beforehand (out of fold); ``memo`` keeps each article's
    record while its chosen facts stay the same (threshold search); ``status_models``: the
    status model of each article (out of fold), else the rules' status cues decide."""
    out = {}
    for doc_id, exs in examples.items():
        candidates = [ex.candidate for ex in exs]
        doc_probs = probs[doc_id] if probs is not None else probabilities(candidates, models)
        chosen = choose(candidates, models, doc_probs)
        key = tuple((id(c), t) for c, t, _ in chosen)
        if memo is not None and doc_id in memo and memo[doc_id][0] == key:
            out[doc_id] = memo[doc_id][1]
            continue
        status_model = status_models.get(doc_id) if status_models is not None else None
        moves, policies = mentions_of(chosen, candidates, status_model)
        out[doc_id] = {
            "company_moves": [{"company": move_company(g), "move_type": g[0].move_type,
                               "status": merged_move_status([m.status for m in g])}
                              for g in move_groups(moves)],
            "policy_actions": [{"actor_country": p.actor_country, "action_type": p.action_type,
                                "target_country": p.target_country, "status": p.status}
                               for p in map(best_mention, policy_groups(policies))],
        }
        if memo is not None:
            memo[doc_id] = (key, out[doc_id])
    return out


def fit_models(train: dict[str, list[Example]], c_by_kind: dict[str, float]
               ) -> dict[str, FactModel]:
    return {kind: fit(kind, [ex for exs in train.values() for ex in exs
                             if ex.candidate.kind == kind], c_by_kind[kind])
            for kind in (MOVE, POLICY)}


def folds_of(doc_ids: list[str], n_folds: int = N_FOLDS) -> list[set[str]]:
    """A seeded split of the articles into ``n_folds`` folds."""
    order = sorted(doc_ids)
    random.Random(SEED).shuffle(order)
    return [set(order[i::n_folds]) for i in range(n_folds)]


def out_of_fold(examples: dict[str, list[Example]], c_by_kind: dict[str, float],
                fraction: float = 1.0) -> tuple[dict[str, dict[str, np.ndarray]],
                                                dict[str, FactModel]]:
    """Each article's probabilities from models trained on the other folds (on ``fraction``
    of them, for the learning curve), and one of those models (for types and thresholds)."""
    probs: dict[str, dict[str, np.ndarray]] = {}
    models: dict[str, FactModel] = {}
    for held in folds_of(list(examples)):
        rest = sorted(d for d in examples if d not in held)
        random.Random(SEED).shuffle(rest)
        train = {d: examples[d] for d in rest[:round(len(rest) * fraction)]}
        models = fit_models(train, c_by_kind)
        for doc_id in held:
            probs[doc_id] = probabilities([ex.candidate for ex in examples[doc_id]], models)
    return probs, models


def tune_thresholds(models: dict[str, FactModel], examples: dict[str, list[Example]],
                    gold: dict[str, dict], probs: dict[str, dict[str, np.ndarray]]) -> None:
    """Per type, on out-of-fold probabilities, first the rule threshold (with no additions),
    then the threshold for additions, each the one with the best F1 of that type. A type with
    too few facts keeps the rules' decisions and the default threshold."""
    memo: dict = {}

    def type_f1(fact_type: str) -> float:
        report = score_by_type(gold, predict(examples, models, probs, memo), only=fact_type)
        return report.get(fact_type, {}).get("f1", 0.0)

    for model in models.values():
        kind_field = GOLD_KIND[model.kind]
        model.rule_thresholds[:] = 0.0
        model.thresholds[:] = DEFAULT_THRESHOLD
        for t, fact_type in enumerate(model.types):
            n_gold = sum(1 for r in gold.values() for f in r.get(kind_field) or []
                         if f.get(TYPE_FIELD[model.kind]) == fact_type and not f.get("uncertain"))
            if n_gold < MIN_TUNING_FACTS:
                continue
            model.thresholds[t] = NEVER
            best = (-1.0, 0.0)
            for threshold in VETO_GRID:
                model.rule_thresholds[t] = threshold
                # Ties go to the lowest: the rules' decision stands unless the model is sure.
                key = (type_f1(fact_type), -threshold)
                if key > best:
                    best, chosen = key, threshold
            model.rule_thresholds[t] = chosen
            best = (-1.0, 0.0)
            for threshold in (*ADD_GRID, NEVER):
                model.thresholds[t] = threshold
                # Ties go to the highest: an addition must earn its place.
                key = (type_f1(fact_type), threshold)
                if key > best:
                    best, chosen = key, threshold
            model.thresholds[t] = chosen


def cross_validated(examples: dict[str, list[Example]], gold: dict[str, dict],
                    c_by_kind: dict[str, float], fraction: float = 1.0
                    ) -> tuple[dict, dict[str, FactModel]]:
    """Out-of-fold scores with thresholds tuned on the out-of-fold probabilities, and the
    tuned thresholds (on one fold's models)."""
    probs, models = out_of_fold(examples, c_by_kind, fraction)
    tune_thresholds(models, examples, gold, probs)
    predictions = predict(examples, models, probs)
    return {"report": score(gold, predictions), "predictions": predictions,
            "by_type": score_by_type(gold, predictions), "probs": probs}, models


def choose_c(examples: dict[str, list[Example]], gold: dict[str, dict]
             ) -> tuple[dict[str, float], dict, dict[str, FactModel]]:
    """The regularisation of each kind with the best cross-validated F1 of that kind, the
    cross-validated result at those settings and the models with their tuned thresholds.
    Kinds are fitted, scored and tuned apart, so each kind's part of its best run is what a
    run at the chosen settings would give."""
    best: dict[str, tuple[float, int]] = {}
    runs = {}
    for run in range(len(C_GRID[MOVE])):
        setting = {kind: grid[run] for kind, grid in C_GRID.items()}
        runs[run] = cross_validated(examples, gold, setting)
        for kind in (MOVE, POLICY):
            f1 = runs[run][0]["report"][GOLD_KIND[kind]]["f1"]
            if kind not in best or f1 > best[kind][0]:
                best[kind] = (f1, run)
    chosen = {kind: run for kind, (_, run) in best.items()}
    c_by_kind = {kind: C_GRID[kind][run] for kind, run in chosen.items()}
    predictions = {
        doc_id: {GOLD_KIND[kind]: runs[run][0]["predictions"][doc_id][GOLD_KIND[kind]]
                 for kind, run in chosen.items()}
        for doc_id in examples}
    probs = {doc_id: {kind: runs[run][0]["probs"][doc_id][kind] for kind, run in chosen.items()}
             for doc_id in examples}
    result = {"report": score(gold, predictions), "predictions": predictions,
              "by_type": score_by_type(gold, predictions), "probs": probs}
    return c_by_kind, result, {kind: runs[run][1][kind] for kind, run in chosen.items()}


def learning_curve(examples: dict[str, list[Example]], gold: dict[str, dict],
                   c_by_kind: dict[str, float], full: dict | None = None) -> list[dict]:
    """Cross-validated F1 when each fold's model sees 25, 50 and 100% of the other folds.
    ``full``: the cross-validated result at ``c_by_kind`` on all the data, when already
    computed (``choose_c`` returns it), taken as the 100% point instead of fitting again."""
    points = []
    for fraction in CURVE_FRACTIONS:
        if fraction == 1.0 and full is not None:
            report = full["report"]
        else:
            report = cross_validated(examples, gold, c_by_kind, fraction)[0]["report"]
        points.append({"fraction": fraction,
                       "articles": round(len(examples) * (N_FOLDS - 1) / N_FOLDS * fraction),
                       "f1": report["overall"]["f1"],
                       "moves_f1": report["company_moves"]["f1"],
                       "policies_f1": report["policy_actions"]["f1"]})
    return points
