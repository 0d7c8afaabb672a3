"""The status model: its features, its stages as each kind's statuses, its file, and the one
status it gives a fact stated in several sentences."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from movewatch.extraction.extractor import article_candidates
from movewatch.extraction.learned.candidates import MOVE, POLICY, Candidate
from movewatch.extraction.learned.decisions import mentions_of
from movewatch.extraction.learned.status_model import STAGES, StatusModel, status_features


def _candidates(text: str) -> list[Candidate]:
    [(_, candidates, error)] = list(article_candidates([("d", text)]))
    assert error is None
    return candidates


def _model(weights: dict[str, dict[str, float]]) -> StatusModel:
    """A status model giving each feature its weight per stage (announced by default)."""
    vocab = {f: i for i, f in enumerate(sorted(weights))}
    matrix = np.zeros((len(vocab), len(STAGES)), dtype=np.float32)
    for feature, by_stage in weights.items():
        for stage, w in by_stage.items():
            matrix[vocab[feature], STAGES.index(stage)] = w
    bias = np.zeros(len(STAGES))
    bias[STAGES.index("announced")] = 0.5
    return StatusModel(STAGES, vocab, matrix, bias)


def test_status_features_read_the_rules_cue_the_trigger_and_the_actor_verb() -> None:
    [buyer] = [c for c in _candidates("Deal news\n\nCorvane Holdings acquired Linkwave Inc "
                                      "for $25 million.") if c.kind == MOVE and c.rule_mentions]
    features = status_features(buyer, "acquisition", "completed", True)
    assert "rule=done" in features  # a move's "completed" is the stage "done"
    assert "actor_verb=acquire|VBD" in features and "trig=acquire" in features
    # Each feature once plain (shared by both kinds) and once for moves alone.
    assert "move:actor_verb=acquire|VBD" in features
    assert not any(f.startswith("policy:") for f in features)


def test_a_stage_is_each_kinds_own_status() -> None:
    model = _model({"s=past": {"done": 3.0}})
    text = ("Trade news\n\nIn the past, Washington imposed tariffs on Japanese cars, "
            "Zentra Corp said.")
    candidates = _candidates(text)
    policy = next(c for c in candidates if c.kind == POLICY)
    move = next(c for c in candidates if c.kind == MOVE)
    assert model.status([(policy, "import_restriction", "announced", True)]) == "in_force"
    assert model.status([(move, "relocation", "announced", False)]) == "completed"


def test_a_fact_stated_twice_gets_the_stage_most_likely_over_both_sentences() -> None:
    text = ("Deal news\n\nZentra Corp is weighing a bid for Corvane.\n\n"
            "Zentra Corp has made a bid for Corvane, sources said.")
    candidates = [c for c in _candidates(text) if c.kind == MOVE and c.name.startswith("Zentra")]
    assert len(candidates) == 2
    readings = [(c, "acquisition", "announced", True) for c in candidates]
    leaning = _model({"s=weighing": {"considering": 2.0}, "s=sources": {"considering": 0.2}})
    assert leaning.status(readings) == "considering"
    # One sentence's cue is not enough when the other sentence speaks against it.
    against = _model({"s=weighing": {"considering": 0.3}, "s=made": {"announced": 2.0}})
    assert against.status(readings) == "announced"


def test_mentions_take_the_model_status_and_leave_the_rules_mentions_as_they_were() -> None:
    text = "Deal news\n\nCorvane Holdings agreed to buy Linkwave Inc for $25 million."
    candidates = _candidates(text)
    buyer = next(c for c in candidates if c.kind == MOVE and c.rule_mentions)
    assert buyer.rule_mentions[0].status == "announced"
    model = _model({"trig=buy": {"undone": 9.0}})
    moves, _ = mentions_of([(buyer, "acquisition", 0.9)], candidates, model)
    assert [(m.move_type, m.status) for m in moves] == [("acquisition", "cancelled")]
    assert buyer.rule_mentions[0].status == "announced"
    # Without the status model, the rules' cues decide.
    moves, _ = mentions_of([(buyer, "acquisition", 0.9)], candidates)
    assert [m.status for m in moves] == ["announced"]


def test_status_model_file_round_trip(tmp_path: Path) -> None:
    model = _model({"s=plans": {"considering": 1.5}, "s=scrapped": {"undone": 2.5}})
    model.save(tmp_path / "status.npz")
    loaded = StatusModel.load(tmp_path / "status.npz")
    assert loaded.stages == STAGES and loaded.vocabulary == model.vocabulary
    for features in (["s=plans"], ["s=scrapped", "unseen"], []):
        assert np.allclose(loaded.stage_probabilities(features),
                           model.stage_probabilities(features), atol=1e-3)
    assert loaded.stage(["s=scrapped"]) == "undone"


def test_each_fact_of_an_actor_gets_its_own_status() -> None:
    text = ("Trade news\n\nWashington imposed tariffs on Japanese cars in April.\n\n"
            "Washington is also considering tariffs on Chinese steel.")
    candidates = _candidates(text)
    us = [c for c in candidates if c.kind == POLICY and c.rule_mentions]
    assert {m.target_country for c in us for m in c.rule_mentions} == {"JP", "CN"}
    model = _model({"s=considering": {"considering": 3.0}, "s=imposed": {"done": 3.0}})
    _, policies = mentions_of([(us[0], "import_restriction", 0.9)], candidates, model)
    assert {(p.target_country, p.status) for p in policies} == {("JP", "in_force"),
                                                               ("CN", "considering")}
