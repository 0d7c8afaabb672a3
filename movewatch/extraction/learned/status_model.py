"""The status model: how far along a fact the model keeps is (considering, announced, done,
undone), from the words around its trigger, the verb its actor is an argument of, and what
the rules' status cues read there. One multinomial linear model serves both kinds of fact:
a move's ``completed`` and a policy's ``in_force`` are the same stage (done), as are
``cancelled`` and ``lifted`` (undone); features are given once plain and once per kind, so
the kinds share what they have in common and keep what they do not. Saved as
``weights/status.npz`` beside the fact model."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from movewatch.extraction.facts import RULES_ONLY_ENV, WEIGHTS_DIR
from movewatch.extraction.learned.candidates import MOVE, POLICY, Candidate
from movewatch.extraction.learned.fact_model import feature_ids
from movewatch.extraction.learned.features import lemma_or_name, verb_of
from movewatch.extraction.learned.slots import fact_trigger

# Each kind's statuses as stages of one scale (GUIDELINES: a move is considering, announced,
# completed or cancelled; a policy considering, announced, in force or lifted).
STAGE_OF = {
    MOVE: {"considering": "considering", "announced": "announced", "completed": "done",
           "cancelled": "undone"},
    POLICY: {"considering": "considering", "announced": "announced", "in_force": "done",
             "lifted": "undone"},
}
STATUS_OF = {kind: {stage: status for status, stage in stages.items()}
             for kind, stages in STAGE_OF.items()}
STAGES = ("considering", "announced", "done", "undone")
# Dependents of the trigger's chain that tell tense, mood and intent ("will", "not", "plans").
CHAIN_CHILD_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "amod", "prt", "xcomp",
                              "dobj", "nsubj", "nsubjpass"})
VERB_TAGS = frozenset({"VBD", "VBN", "VBZ", "VBP", "VBG", "MD"})
# The candidate's own features that describe the verb it is an argument of.
MENTION_PREFIXES = ("verb=", "v_aux", "v_neg", "role_verb=", "dh=", "head=", "up=")


def status_features(cand: Candidate, fact_type: str, rule_status: str, ruled: bool
                    ) -> list[str]:
    """Features of the status of the candidate's fact of ``fact_type``: ``rule_status`` is
    what the rules' cues read, ``ruled`` whether a rule (not the model alone) found the fact."""
    plain = [f"rule={STAGE_OF[cand.kind].get(rule_status, rule_status)}", f"type={fact_type}",
             f"ruled={ruled}"]
    trigger = fact_trigger(cand, fact_type)
    if trigger is not None:
        plain += [f"trig={trigger.lemma_.lower()}", f"trig_tag={trigger.tag_}",
                  f"trig_dep={trigger.dep_}", f"trig_head={trigger.head.lemma_.lower()}"]
        for tok in cand.state.climb(trigger):
            plain += [f"chain={tok.lemma_.lower()}", f"chain_tag={tok.tag_}"]
            plain += [f"chain_{c.dep_}={lemma_or_name(c)}" for c in tok.children
                      if c.dep_ in CHAIN_CHILD_DEPS]
        plain += [f"trig_{c.dep_}={lemma_or_name(c)}" for c in trigger.children]
    else:
        plain.append("no_trigger")
    doc = cand.state.doc
    plain += [f"s={t.lower_}" for t in doc if t.is_alpha]
    plain += [f"tag={t.tag_}" for t in doc if t.tag_ in VERB_TAGS]
    plain += [f"m_{f}" for f in cand.features if f.startswith(MENTION_PREFIXES)]
    plain += [f for f in cand.context if f.startswith("bi=")]
    verb = verb_of(cand.root)[0] if cand.root is not None else None
    if verb is not None:
        plain += [f"actor_verb={verb.lemma_.lower()}|{verb.tag_}", f"actor_verb_tag={verb.tag_}"]
        plain += [f"actor_verb_{c.dep_}={c.lower_}" for c in verb.children
                  if c.dep_ in ("aux", "auxpass", "neg")]
    return plain + [f"{cand.kind}:{f}" for f in plain]


@dataclass
class StatusModel:
    """Weights ``[features, stages]`` and biases of the status model."""

    stages: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray

    def stage_probabilities(self, features: list[str]) -> np.ndarray:
        """The probability of each stage."""
        rows = self.weights[feature_ids(self.vocabulary, features)]
        scores = rows.sum(axis=0, dtype=np.float64) + self.bias
        exp = np.exp(scores - scores.max())
        return exp / exp.sum()

    def stage(self, features: list[str]) -> str:
        return self.stages[int(np.argmax(self.stage_probabilities(features)))]

    def status(self, readings: list[tuple[Candidate, str, str, bool]]) -> str:
        """The status of one fact stated in one or more sentences, each reading a
        ``(candidate, fact type, the rules' status there, whether a rule found it)``: the
        stage with the highest probability summed over the sentences."""
        total = sum(self.stage_probabilities(status_features(*r)) for r in readings)
        return STATUS_OF[readings[0][0].kind][self.stages[int(np.argmax(total))]]

    def save(self, path: Path) -> None:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(path, stages=np.array(self.stages), vocabulary=np.array(words),
                            weights=self.weights.astype(np.float16), bias=self.bias)

    @classmethod
    def load(cls, path: Path) -> StatusModel:
        with np.load(path, allow_pickle=False) as data:
            words = [str(w) for w in data["vocabulary"]]
            return cls(stages=tuple(str(s) for s in data["stages"]),
                       vocabulary={w: i for i, w in enumerate(words)},
                       weights=data["weights"].astype(np.float32), bias=data["bias"])


def status_model_path(weights_dir: Path = WEIGHTS_DIR) -> Path:
    return weights_dir / "status.npz"


@lru_cache(maxsize=1)
def shipped_status_model() -> StatusModel | None:
    """The trained status model shipped with the package, or None (the rules' status cues
    decide: no weights, or ``MOVEWATCH_RULES_ONLY=1``)."""
    path = status_model_path()
    if os.environ.get(RULES_ONLY_ENV) == "1" or not path.exists():
        return None
    return StatusModel.load(path)
