"""The training corpus: selection, label checks, adjudication batches, splits, agreement, and
the stored corpus never holding an evaluation document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from movewatch.extraction.evaluation import DEFAULT_SHARED_ROOT
from movewatch.training.corpus import (
    CorpusDocument,
    excluded_doc_ids,
    select_for_labelling,
    select_second_supplement,
)
from movewatch.training.corpus_stats import (
    agreement,
    assign_splits,
    corpus_splits,
    render_stats,
)
from movewatch.training.labelling import (
    LATER_SUPPLEMENTS,
    adjudication_batches,
    check_file,
    exact_evidence,
    predicted_types,
)

CORPUS = Path(__file__).resolve().parents[3] / "data" / "training" / "corpus.jsonl"


def _move(company: str, evidence: str, **extra: object) -> dict:
    return {"company": company, "move_type": "acquisition", "countries": [], "to_countries": [],
            "headcount_min": None, "headcount_max": None, "target": "Beta", "status": "announced",
            "evidence": evidence, **extra}


def test_evidence_with_other_whitespace_is_restored_to_the_articles_characters() -> None:
    text = "ACME BUYS BETA\nNEW YORK - Acme said it\nwould buy Beta.  More."
    assert exact_evidence("Acme said it would buy Beta.", text) == "Acme said it\nwould buy Beta."
    assert exact_evidence("Acme said it would sell Beta.", text) is None


def test_check_file_reports_missing_unknown_and_invalid_labels(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(r) for r in [
        {"doc_id": "d1", "text": "Acme will buy\nBeta, it said."},
        {"doc_id": "d2", "text": "Nothing happened."}]) + "\n")
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(r) for r in [
        {"doc_id": "d1", "company_moves": [_move("Acme", "Acme will buy Beta, it said.")],
         "policy_actions": []},
        {"doc_id": "d9", "company_moves": [], "policy_actions": []}]) + "\n")
    records, problems = check_file(labels, batch)
    assert records[0]["company_moves"][0]["evidence"] == "Acme will buy\nBeta, it said."
    assert "d9: not in the batch" in problems and "d2: no label line" in problems
    labels.write_text(json.dumps({"doc_id": "d1", "company_moves": [
        _move("Acme", "Acme sells Beta.", move_type="takeover", countries=["USA"])],
        "policy_actions": []}) + "\n")
    _, problems = check_file(labels, batch)
    assert any("move_type 'takeover'" in p for p in problems)
    assert any("'USA' is not an ISO alpha-2 code" in p for p in problems)
    assert any("not verbatim" in p for p in problems)


def test_selection_never_takes_an_excluded_document_and_fills_quotas() -> None:
    docs = [CorpusDocument(f"reuters/{n}", "reuters",
                           "Acme agreed to acquire Beta." if n % 3 else "Wheat prices rose.")
            for n in range(300)]
    excluded = {f"reuters/{n}" for n in range(0, 300, 7)}
    chosen = select_for_labelling(docs, excluded, quotas={"reuters": 100}, per_stratum=30,
                                  stratified_share=0.5, seed=1)
    ids = [d.doc_id for d in chosen]
    assert len(ids) == len(set(ids)) == 100
    assert not set(ids) & excluded
    again = select_for_labelling(docs, excluded, quotas={"reuters": 100}, per_stratum=30,
                                 stratified_share=0.5, seed=1)
    assert [d.doc_id for d in again] == ids


def test_splits_are_by_document_within_each_source_and_reproducible() -> None:
    ids = [f"reuters/{n}" for n in range(200)] + [f"web/page{n}" for n in range(40)]
    splits = assign_splits(ids)
    assert splits == assign_splits(list(reversed(ids)))
    web = [splits[d] for d in ids if d.startswith("web/")]
    assert (web.count("train"), web.count("validation"), web.count("test")) == (28, 6, 6)
    assert sum(1 for d in ids if splits[d] == "test" and d.startswith("reuters/")) == 30


def test_the_second_supplement_is_train_only_and_leaves_the_other_splits_as_they_were() -> None:
    first = {f"reuters/{n}": {} for n in range(200)}
    more = {f"reuters/{n}": {} for n in range(200, 260)}
    splits = corpus_splits({**first, **more}, set(more))
    assert {d: splits[d] for d in first} == assign_splits(list(first))
    assert {splits[d] for d in more} == {"train"}


def test_second_supplement_takes_broad_strata_and_predicted_types_round_robin(
        tmp_path: Path) -> None:
    docs = ([CorpusDocument(f"reuters/{n}", "reuters", "The company will close its Ohio plant.")
             for n in range(10)]
            + [CorpusDocument(f"reuters/{n}", "reuters", "Wheat prices rose.")
               for n in range(10, 20)])
    facts = tmp_path / "facts.jsonl"
    facts.write_text("\n".join(json.dumps(
        {"doc_id": f"reuters/{n}", "company_moves": [{"move_type": "hiring"}],
         "policy_actions": []}) for n in (10, 11, 12)) + "\n")
    chosen = select_second_supplement(docs, {"reuters/0"}, {"reuters/1", "reuters/10"},
                                      predicted_types(facts), per_type=2, seed=3)
    ids = {d.doc_id for d in chosen}
    assert len(ids) == 4 and not ids & {"reuters/0", "reuters/1", "reuters/10"}
    assert len(ids & {"reuters/11", "reuters/12"}) == 2  # hiring, as predicted
    assert all(int(d.split("/")[1]) < 10 or d in {"reuters/11", "reuters/12"} for d in ids)


def test_agreement_is_scored_per_type_on_the_documents_both_passes_labelled() -> None:
    a = {"d1": {"doc_id": "d1", "company_moves": [_move("Acme", "x")], "policy_actions": []},
         "d2": {"doc_id": "d2", "company_moves": [], "policy_actions": []}}
    b = {"d1": {"doc_id": "d1", "company_moves": [_move("Acme Corp", "x"),
                                                  _move("Gamma", "y", move_type="layoff")],
                "policy_actions": []}}
    report = agreement(a, b)
    assert report["documents"] == 1
    assert report["acquisition"]["tp"] == 1 and report["layoff"]["fp"] == 1
    assert report["overall"]["precision"] == 0.5


def test_stats_score_the_labellers_against_the_dev_gold_only_when_given() -> None:
    a = {"d1": {"doc_id": "d1", "company_moves": [_move("Acme", "x")], "policy_actions": []}}
    b = {"d1": {"doc_id": "d1", "company_moves": [], "policy_actions": []}}
    without = render_stats(a, {"d1": "train"}, a, a)
    assert "against the guidelines' authors" not in without
    with_check = render_stats(a, {"d1": "train"}, a, a, dev_check=(a, b))
    assert "against the guidelines' authors: 1 dev articles" in with_check
    assert "| overall | 0.0 | 0.0 | 0.0 | 0 | 0 | 1 |" in with_check


def test_adjudication_batches_pair_the_two_passes_of_each_document(tmp_path: Path) -> None:
    labels, batches, out = tmp_path / "labels", tmp_path / "batches", tmp_path / "out"
    labels.mkdir()
    batches.mkdir()
    record = {"doc_id": "d1", "company_moves": [], "policy_actions": []}
    (labels / "batch_A000.jsonl").write_text(json.dumps(record) + "\n")
    (labels / "batch_B000.jsonl").write_text(json.dumps(
        {**record, "company_moves": [_move("Acme", "x")]}) + "\n")
    (batches / "batch_B000.jsonl").write_text(json.dumps({"doc_id": "d1", "text": "x"}) + "\n")
    assert adjudication_batches(labels, batches, out, seed=1) == ["batch_J000.jsonl"]
    row = json.loads((out / "batch_J000.jsonl").read_text())
    assert row["text"] == "x"
    assert sorted(len(row[k]["company_moves"]) for k in ("labels_1", "labels_2")) == [0, 1]


@pytest.mark.skipif(not (DEFAULT_SHARED_ROOT / "gold").exists(), reason="no ../shared/gold")
def test_the_stored_corpus_holds_no_reserved_dev_or_seed_document() -> None:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 1200
    assert not {r["doc_id"] for r in rows} & excluded_doc_ids(DEFAULT_SHARED_ROOT)
    assert {r["split"] for r in rows} == {"train", "validation", "test"}


def test_the_later_supplements_are_train_only_and_validation_and_test_stay_as_drawn() -> None:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    labels = CORPUS.parent / "labels"
    later = {json.loads(line)["doc_id"] for prefix in LATER_SUPPLEMENTS
             for path in labels.glob(f"batch_{prefix}*.jsonl")
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    first = [r["doc_id"] for r in rows if r["doc_id"] not in later]
    assert later and {r["split"] for r in rows if r["doc_id"] in later} == {"train"}
    assert {r["doc_id"]: r["split"] for r in rows if r["doc_id"] in set(first)} == \
        assign_splits(first)
