"""The learned fact model's parts: mention features, candidates, the model file, and the
decisions that veto rule facts and add facts no rule found."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from movewatch.extraction import extract_documents, to_gold_record
from movewatch.extraction.extractor import article_candidates
from movewatch.extraction.learned.candidates import MOVE, POLICY, Candidate
from movewatch.extraction.learned.decisions import choose
from movewatch.extraction.learned.fact_model import (
    MOVE_TYPES,
    POLICY_TYPES,
    FactModel,
    shipped_models,
)
from movewatch.extraction.learned.features import mention_features
from movewatch.extraction.learned.slots import with_likely_target
from movewatch.extraction.model import parser
from movewatch.extraction.rules import MoveMention, PolicyMention


def _token(doc, text: str):
    return next(t for t in doc if t.text == text)


def test_mention_features_give_the_role_and_the_verb() -> None:
    doc = parser()("Zentra Corp agreed to buy Corvane for $25 million.")
    trigger = _token(doc, "buy")
    buyer = mention_features(_token(doc, "Corp"), [("MOVE_VERB", trigger)])
    target = mention_features(_token(doc, "Corvane"), [("MOVE_VERB", trigger)])
    assert "role_verb=nsubj|agree" in buyer
    assert "v_xcomp=buy" in buyer
    assert "trig_governs=MOVE_VERB:buy" in target
    assert not any(f.startswith("role_verb=nsubj") for f in target)
    # The role in a sentence with this trigger, whatever governs what.
    assert "role_trig=nsubj|MOVE_VERB:buy" in buyer
    # Names are not features: the model learns how news is written, not who was in it.
    assert "mod=NAME" in buyer and not any("zentra" in f for f in buyer)


def test_a_company_named_before_is_a_candidate_where_a_pronoun_may_stand_for_it() -> None:
    text = ("Plant news\n\nZentra Corp makes boats in Ohio.\n\n"
            "The company said it will close its plant in Toledo next year.")
    [(_, candidates, error)] = list(article_candidates([("d", text)]))
    assert error is None
    later = [c for c in candidates if c.kind == MOVE and c.sentence > 0]
    zentra = next(c for c in later if c.name == "Zentra")
    assert zentra.root is not None and zentra.root.text in ("company", "it", "its")
    assert {"via=first", "via=recent"} & set(zentra.features)
    assert any(f.startswith("anaphor=") for f in zentra.features)


def test_a_policy_aimed_at_the_one_other_country_named_gets_it_as_target() -> None:
    mention = PolicyMention("Washington", "US", "import_restriction", None, None, "announced",
                            0, 10, None, 1.0)
    cand = Candidate(POLICY, "Washington", "US", 0, 0, 10, [], [], None, other_countries=["JP"])
    assert with_likely_target(mention, cand).target_country == "JP"
    assert with_likely_target(replace(mention, target_country="CN"), cand).target_country == "CN"
    alone = Candidate(POLICY, "Washington", "US", 0, 0, 10, [], [], None)
    assert with_likely_target(mention, alone).target_country is None


def _model(kind: str, weights: dict[str, dict[str, float]], threshold: float,
           rule_threshold: float) -> FactModel:
    types = MOVE_TYPES if kind == MOVE else POLICY_TYPES
    vocab = {f: i for i, f in enumerate(sorted({f for w in weights.values() for f in w}))}
    matrix = np.zeros((len(vocab), len(types)), dtype=np.float32)
    for type_name, by_feature in weights.items():
        for feature, w in by_feature.items():
            matrix[vocab[feature], types.index(type_name)] = w
    return FactModel(kind, types, vocab, matrix, np.zeros(len(types)),
                     np.full(len(types), threshold), np.full(len(types), rule_threshold))


def _candidate(name: str, features: list[str], rule_type: str | None = None) -> Candidate:
    cand = Candidate(MOVE, name, name.lower(), 0, 0, 10, [], features, None)
    if rule_type:
        cand.rule_mentions.append(MoveMention(name, rule_type, [], [], None, None, "announced",
                                              0, 10, None, True, 1.0))
    return cand


def test_decisions_veto_rules_below_their_threshold_and_add_above_their_own() -> None:
    model = _model(MOVE, {"acquisition": {"strong": 4.0, "weak": -4.0}}, 0.7, 0.2)
    confident = _candidate("Alpha", ["strong"])
    doubtful_rule = _candidate("Beta", ["weak"], rule_type="acquisition")
    trusted_rule = _candidate("Gamma", [], rule_type="acquisition")  # p = 0.5 >= 0.2
    unsure = _candidate("Delta", [])  # p = 0.5 < 0.7
    chosen = {(c.name, t) for c, t, _ in choose(
        [confident, doubtful_rule, trusted_rule, unsure], {MOVE: model})}
    assert ("Alpha", "acquisition") in chosen
    assert ("Gamma", "acquisition") in chosen
    assert ("Beta", "acquisition") not in chosen
    assert ("Delta", "acquisition") not in chosen


def test_no_second_type_for_words_the_rules_read_as_another() -> None:
    model = _model(MOVE, {"divestment": {"strong": 4.0}}, 0.5, 0.0)
    cand = _candidate("Alpha", ["strong"], rule_type="acquisition")
    chosen = {(c.name, t) for c, t, _ in choose([cand], {MOVE: model})}
    assert chosen == {("Alpha", "acquisition")}


def test_model_file_round_trip(tmp_path: Path) -> None:
    model = _model(POLICY, {"sanction": {"w=sanction": 2.0}}, 0.6, 0.1)
    model.save(tmp_path / "policy.npz")
    loaded = FactModel.load(tmp_path / "policy.npz")
    assert loaded.types == POLICY_TYPES and loaded.vocabulary == model.vocabulary
    cand = Candidate(POLICY, "Washington", "US", 0, 0, 10, ["w=sanction", "unseen"], [], None)
    assert np.allclose(loaded.probabilities([cand]), model.probabilities([cand]), atol=1e-3)
    assert loaded.probabilities([cand])[0, POLICY_TYPES.index("sanction")] == pytest.approx(
        1 / (1 + np.exp(-2.0)), abs=1e-3)


def test_shipped_weights_load_and_are_small() -> None:
    models = shipped_models()
    assert models is not None, "the trained weights ship with the package"
    assert set(models) == {MOVE, POLICY}
    size = sum(p.stat().st_size for p in (Path(__file__).parents[3] / "movewatch" / "extraction"
                                          / "learned" / "weights").glob("*.npz"))
    assert size < 5_000_000


@pytest.mark.parametrize(
    ("text", "company", "move_type"),
    [
        ("Pharmaceutical giant Hartwell & Hartwell has agreed to buy medical device maker "
         "Corvane for $25.4bn.", "Hartwell & Hartwell", "acquisition"),
        ("Last week, Telcom Holdings agreed to buy its former parent Linkwave for about $16bn.",
         "Telcom", "acquisition"),
    ],
)
def test_plain_sentences_give_their_fact(text: str, company: str, move_type: str) -> None:
    record = to_gold_record(next(extract_documents([("d", f"Deal news\n\n{text}")])))
    assert (company, move_type) in {(m["company"], m["move_type"])
                                    for m in record["company_moves"]}
    for fact in record["company_moves"]:
        assert fact["evidence"] in text
