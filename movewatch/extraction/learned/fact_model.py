"""The fact model: per fact type, a linear model over candidate features (one for company
moves, one for policy actions), its vocabulary and its decision thresholds, saved as
``weights/<kind>.npz`` beside this module."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from movewatch.extraction.facts import RULES_ONLY_ENV, WEIGHTS_DIR
from movewatch.extraction.learned.candidates import MOVE, POLICY, Candidate

__all__ = ["RULES_ONLY_ENV", "WEIGHTS_DIR", "FactModel", "feature_ids", "shipped_models"]

MOVE_TYPES = ("relocation", "layoff", "hiring", "facility_opening", "facility_closure",
              "market_exit", "investment", "acquisition", "divestment")
POLICY_TYPES = ("export_control", "import_restriction", "sanction", "investment_restriction",
                "regulation", "subsidy", "antitrust")
TYPES = {MOVE: MOVE_TYPES, POLICY: POLICY_TYPES}


def feature_ids(vocabulary: dict[str, int], features: list[str]) -> list[int]:
    """The rows of a linear model's weights that ``features`` switch on (unknown ones none)."""
    return sorted({vocabulary[f] for f in features if f in vocabulary})


@dataclass
class FactModel:
    """Weights ``[features, types]`` and biases of one kind of fact, and per type two
    thresholds: one for a fact the rules also found (below it the model vetoes the rules),
    one for a fact only the model finds."""

    kind: str
    types: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    thresholds: np.ndarray
    rule_thresholds: np.ndarray

    def probabilities(self, candidates: list[Candidate]) -> np.ndarray:
        """``[candidates, types]`` probability that the candidate states a fact of the type."""
        out = np.empty((len(candidates), len(self.types)), dtype=np.float64)
        for row, cand in enumerate(candidates):
            ids = feature_ids(self.vocabulary, cand.all_features())
            logit = self.weights[ids].sum(axis=0, dtype=np.float64) + self.bias
            out[row] = 1.0 / (1.0 + np.exp(-logit))
        return out

    def save(self, path: Path) -> None:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(path, kind=np.array(self.kind), types=np.array(self.types),
                            vocabulary=np.array(words), weights=self.weights.astype(np.float16),
                            bias=self.bias, thresholds=self.thresholds,
                            rule_thresholds=self.rule_thresholds)

    @classmethod
    def load(cls, path: Path) -> FactModel:
        with np.load(path, allow_pickle=False) as data:
            words = [str(w) for w in data["vocabulary"]]
            return cls(kind=str(data["kind"]), types=tuple(str(t) for t in data["types"]),
                       vocabulary={w: i for i, w in enumerate(words)},
                       weights=data["weights"].astype(np.float32), bias=data["bias"],
                       thresholds=data["thresholds"], rule_thresholds=data["rule_thresholds"])


def model_paths(weights_dir: Path = WEIGHTS_DIR) -> dict[str, Path]:
    return {kind: weights_dir / f"{kind}.npz" for kind in (MOVE, POLICY)}


@lru_cache(maxsize=1)
def shipped_models() -> dict[str, FactModel] | None:
    """The trained models shipped with the package, or None to use the rules alone (no
    weights, or ``MOVEWATCH_RULES_ONLY=1``)."""
    if os.environ.get(RULES_ONLY_ENV) == "1":
        return None
    paths = model_paths()
    if not all(p.exists() for p in paths.values()):
        return None
    return {kind: FactModel.load(p) for kind, p in paths.items()}
