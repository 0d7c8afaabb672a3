"""Fitting the status model: the stages it learns, and its shape when the examples hold one
or two stages."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from movewatch.training.fact_training import matrix, vocabulary
from movewatch.training.status_training import StatusExample, fit_status, out_of_fold_status


def _rows(spec: list[tuple[str, list[str], str]]) -> list[StatusExample]:
    return [StatusExample(doc, "move", features, stage, "announced")
            for doc, features, stage in spec]


def test_the_model_learns_the_stage_each_cue_tells() -> None:
    cues = [("cue=plans", "considering"), ("cue=completed", "done"), ("cue=will", "announced"),
            ("cue=scrapped", "undone")]
    rows = _rows([(f"d{i}", [cues[i % 4][0], f"noise{i % 3}"], cues[i % 4][1])
                  for i in range(40)])
    model = fit_status(rows, 1.0)
    assert model.stage(["cue=plans"]) == "considering"
    assert model.stage(["cue=completed", "noise1"]) == "done"
    assert model.stage(["cue=scrapped"]) == "undone"
    by_doc, accuracy = out_of_fold_status(rows, sorted({r.doc_id for r in rows}), 1.0)
    assert set(by_doc) == {r.doc_id for r in rows}
    assert accuracy["move"]["model"] == 1.0 and accuracy["move"]["rules"] == 0.25


def test_two_stages_keep_the_classifiers_probabilities() -> None:
    rows = _rows([(f"d{i}", ["a"] if i % 3 else ["b", "a"], "done" if i % 3 else "announced")
                  for i in range(30)])
    model = fit_status(rows, 1.0)
    features = [r.features for r in rows]
    vocab = vocabulary(features)
    reference = LogisticRegression(C=1.0, max_iter=5000).fit(
        matrix(features, vocab), [r.stage for r in rows])
    expected = reference.predict_proba(matrix([["b", "a"]], vocab))[0]
    got = model.stage_probabilities(["b", "a"])
    assert np.allclose([got[1], got[2]], expected, atol=1e-3)  # announced, done
    assert got[0] < 1e-6 and got[3] < 1e-6  # stages no example had


def test_one_stage_or_none_gives_a_constant_model() -> None:
    assert fit_status(_rows([("d1", ["a"], "done"), ("d2", ["a"], "done")]), 1.0).stage(
        ["a"]) == "done"
    assert fit_status([], 1.0).stage(["a"]) == "announced"
