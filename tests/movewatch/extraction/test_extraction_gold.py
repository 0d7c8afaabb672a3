"""Seeds and dev-set regression tests against the shared gold files (skipped without them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from movewatch.extraction import evaluate, extract_documents, extract_file, to_gold_record
from movewatch.extraction.evaluation import DEFAULT_SHARED_ROOT
from movewatch.extraction.learned.fact_model import RULES_ONLY_ENV, shipped_models

GOLD = DEFAULT_SHARED_ROOT / "gold"
needs_shared = pytest.mark.skipif(not (GOLD / "dev.jsonl").exists(),
                                  reason="shared gold files (../shared/gold) are absent")


def _seeds() -> list[dict]:
    with open(GOLD / "seeds.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@needs_shared
@pytest.mark.parametrize("index", [0, 1])
def test_seed_facts_match_gold(index: int) -> None:
    gold = _seeds()[index]
    text = (DEFAULT_SHARED_ROOT / "seeds" / gold["doc_id"].split("/", 1)[1]).read_text(
        encoding="utf-8")
    record = to_gold_record(next(extract_documents([(gold["doc_id"], text)])))
    (move,) = record["company_moves"]
    expected = gold["company_moves"][0]
    for field in ("company", "move_type", "countries", "to_countries", "headcount_min",
                  "headcount_max", "status"):
        assert move[field] == expected[field], field
    assert move["evidence"] == expected["evidence"]
    got = sorted((p["actor_country"], p["action_type"], p["target_country"] or "", p["status"])
                 for p in record["policy_actions"])
    want = sorted((p["actor_country"], p["action_type"], p["target_country"] or "", p["status"])
                  for p in gold["policy_actions"])
    assert got == want
    for fact in record["company_moves"] + record["policy_actions"]:
        assert text[fact["evidence_start"]:fact["evidence_end"]] == fact["evidence"]
    assert record["links"], "the relocation should link to the export controls"
    if index == 0:
        assert "Journal" in (move["attributed_to"] or "")
        assert move["is_unverified"] is True


@pytest.fixture(scope="module")
def dev_result():
    return evaluate(GOLD / "dev.jsonl", GOLD / "dev.docs.jsonl")


@pytest.fixture(scope="module")
def rules_dev_result():
    """Dev scored with the rules alone (``MOVEWATCH_RULES_ONLY=1``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(RULES_ONLY_ENV, "1")
        shipped_models.cache_clear()
        try:
            yield evaluate(GOLD / "dev.jsonl", GOLD / "dev.docs.jsonl")
        finally:
            patch.delenv(RULES_ONLY_ENV)
            shipped_models.cache_clear()


@needs_shared
def test_dev_set_floor_of_the_rules(rules_dev_result) -> None:
    # The rules alone were developed on dev (overall 0.863, moves 0.874, policies 0.846):
    # they are the learned model's base and features, so they must not regress.
    report = rules_dev_result.report
    assert report["overall"]["f1"] >= 0.85, rules_dev_result.text
    assert report["policy_actions"]["f1"] >= 0.82, rules_dev_result.text
    assert report["company_moves"]["f1"] >= 0.85, rules_dev_result.text


@needs_shared
def test_dev_set_floor(dev_result) -> None:
    # With the learned model dev is a further test set, never tuned on: overall 0.857 (moves
    # 0.864, policies 0.846) with the weights trained on data/training (rules-2026.12.3).
    assert dev_result.report["overall"]["f1"] >= 0.75, dev_result.text
    assert dev_result.report["policy_actions"]["f1"] >= 0.65, dev_result.text
    assert dev_result.report["company_moves"]["f1"] >= 0.8, dev_result.text


@needs_shared
def test_dev_evidence_is_verbatim(dev_result) -> None:
    texts = {}
    with open(GOLD / "dev.docs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            texts[row["doc_id"]] = row["text"]
    for doc_id, record in dev_result.predictions.items():
        for fact in record["company_moves"] + record["policy_actions"]:
            assert texts[doc_id][fact["evidence_start"]:fact["evidence_end"]] == fact["evidence"]


@needs_shared
def test_scorer_agrees_with_reference(dev_result, tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("reference_score", GOLD / "score.py")
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(r) + "\n" for r in dev_result.predictions.values()))
    expected = reference.score(reference.load(GOLD / "dev.jsonl"), reference.load(pred_path))
    assert dev_result.report == expected


def test_bad_input_lines_become_error_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"doc_id": "a", "text": "Globex Corp said it will cut 500 jobs in Ohio."}\n'
        "this is not json\n"
        "\n"
        '{"doc_id": "b", "text": ""}\n'
        '{"doc_id": "c", "text": 42}\n'
        "[1, 2]\n",
        encoding="utf-8")
    out = tmp_path / "out.jsonl"
    counts = extract_file(source, out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in rows] == ["a", "line:2", "line:3", "b", "c", "line:6"]
    assert counts["documents"] == 6 and counts["errors"] == 5
    assert "error" not in rows[0] and rows[0]["company_moves"]
    for row in rows[1:]:
        assert row["error"] and row["company_moves"] == [] and row["policy_actions"] == []


def test_non_string_texts_yield_errors_in_order() -> None:
    docs = [("x", None), ("y", "   "), ("z", "Nothing to see here.")]
    results = list(extract_documents(docs))
    assert [r.doc_id for r in results] == ["x", "y", "z"]
    assert results[0].error and results[1].error and results[2].error is None


@needs_shared
def test_no_sentence_with_a_mention_is_judged_unable_to_state_a_fact() -> None:
    """``may_state_fact`` (before entities) holds wherever the rules (after them) find a move or
    a policy action: on every sentence of the dev texts that the pre-filters keep."""
    from movewatch.extraction.extractor import _rules, parse_plan
    from movewatch.extraction.model import NER, parser
    from movewatch.extraction.rules import DocContext

    with open(GOLD / "dev.docs.jsonl", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    texts = {d["doc_id"]: d["text"] for d in docs}
    sentences = [texts[doc_id][a:b].replace("\n", " ")
                 for doc_id, spans in parse_plan(texts.items()).items() for a, b in spans]
    nlp, rules = parser(), _rules()
    stating = 0
    for full, bare in zip(nlp.pipe(sentences), nlp.pipe(sentences, disable=[NER]), strict=True):
        # A known company and country let the rules find a mention wherever the type allows.
        ctx = DocContext(home_country="US", focus_company="Acme")
        result = rules.run(full, 0, ctx)
        if result.moves or result.policies:
            stating += 1
            assert rules.may_state_fact(bare), full.text
    assert stating >= 50  # the check ran on real mentions
