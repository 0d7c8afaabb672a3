"""`movewatch train` end to end on a small labelled corpus built here: labels from the gold
facts, seeded and reproducible weights, the report, and bad articles skipped with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from movewatch.extraction.learned.fact_model import FactModel, model_paths
from movewatch.extraction.learned.status_model import STAGES, StatusModel, status_model_path
from movewatch.training.fact_training import label_candidates, states
from movewatch.training.trainer import run_training
from orchestration.cli import main

BUYERS = ["Zentra", "Halvex", "Morlan", "Quintec", "Borvale", "Celmont", "Darnel", "Evrium",
          "Folvane", "Gartex", "Hollin", "Istra"]
TARGETS = ["Corvane", "Linkwave", "Pellton", "Rostrum", "Sabrel", "Tovin", "Ulmar", "Vantel",
           "Wexler", "Yarrow", "Zephor", "Abton"]


def _write_corpus(root: Path) -> Path:
    folder = root / "corpora" / "bbc" / "business"
    folder.mkdir(parents=True)
    rows = []
    for n, (buyer, target) in enumerate(zip(BUYERS, TARGETS, strict=True)):
        sentence = f"{buyer} Corp has agreed to buy {target} Ltd for $2bn."
        text = (f"{buyer} deal\n\n{sentence} Shares of {buyer} rose 2% in London on Monday. "
                f"Analysts at {target} said results were strong.")
        (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
        rows.append({"doc_id": f"bbc/business/{n:03d}", "split": "train" if n < 9 else "test",
                     "company_moves": [{"company": buyer, "move_type": "acquisition",
                                        "status": "announced", "evidence": sentence}],
                     "policy_actions": []})
    # Bad input: an empty article, a missing one, a 1 MB sentence, a non-English one.
    (folder / "100.txt").write_text("", encoding="utf-8")
    (folder / "101.txt").write_text("Acme Corp will buy " + "very " * 200_000 + "Beta Ltd.",
                                    encoding="utf-8")
    (folder / "102.txt").write_text("Der Konzern kauft die Firma für zwei Milliarden Euro.",
                                    encoding="utf-8")
    for n in (100, 101, 102, 103):
        rows.append({"doc_id": f"bbc/business/{n}", "split": "validation",
                     "company_moves": [], "policy_actions": []})
    path = root / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_evidence_sentence_matching() -> None:
    assert states("Zentra Corp has agreed to buy Corvane.", "Zentra Corp has agreed to buy "
                  "Corvane.")
    # The segmenter cut the evidence sentence short; line breaks do not count.
    assert states("Zentra Corp has agreed\nto buy Corvane for $2bn,", "Zentra Corp has agreed "
                  "to buy Corvane for $2bn, it said on Monday.")
    assert not states("Shares of Zentra rose.", "Zentra Corp has agreed to buy Corvane.")


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, Path]:
    root = tmp_path_factory.mktemp("shared")
    corpus = _write_corpus(root)
    weights = tmp_path_factory.mktemp("weights")
    report = run_training(corpus, weights, shared_root=root, log=lambda _: None)
    return root, report, weights


def test_training_writes_loadable_weights_and_a_report(trained) -> None:
    _root, report, weights = trained
    models = {kind: FactModel.load(path) for kind, path in model_paths(weights).items()}
    assert models["move"].vocabulary and models["move"].weights.shape[1] == 9
    assert report["articles"]["test"] == 3  # counted, never trained on
    assert [p["fraction"] for p in report["learning_curve"]] == [0.25, 0.5, 1.0]
    saved = json.loads((weights / "training_report.json").read_text())
    assert saved["corpus_sha256"] == report["corpus_sha256"]
    status = StatusModel.load(status_model_path(weights))
    assert status.stages == STAGES and status.vocabulary
    assert set(report["status"]["fact_accuracy"]) == {"company_moves", "policy_actions"}


def test_bad_articles_are_skipped_with_a_reason(trained) -> None:
    _root, report, _weights = trained
    skipped = report["skipped"]
    assert "no text" in skipped["bbc/business/100"]  # empty
    assert "no text" in skipped["bbc/business/103"]  # no file
    # The 1 MB sentence and the German article are read, not skipped, and crash nothing.
    assert "bbc/business/101" not in skipped and "bbc/business/102" not in skipped


def test_training_is_reproducible(trained, tmp_path: Path) -> None:
    root, _report, weights = trained
    run_training(root / "corpus.jsonl", tmp_path, shared_root=root, curve=False,
                 log=lambda _: None)
    for kind, path in model_paths(weights).items():
        a, b = FactModel.load(path), FactModel.load(model_paths(tmp_path)[kind])
        assert a.vocabulary == b.vocabulary
        assert np.array_equal(a.weights, b.weights) and np.array_equal(a.bias, b.bias)
    a, b = (StatusModel.load(status_model_path(w)) for w in (weights, tmp_path))
    assert a.vocabulary == b.vocabulary and np.array_equal(a.weights, b.weights)


def test_the_buyer_is_labelled_positive_and_the_target_negative(trained) -> None:
    from movewatch.extraction.extractor import article_candidates
    from movewatch.extraction.learned.fact_model import MOVE_TYPES

    root, _report, _weights = trained
    text = (root / "corpora" / "bbc" / "business" / "000.txt").read_text()
    (_, candidates, error), = article_candidates([("bbc/business/000", text)])
    assert error is None
    gold = json.loads((root / "corpus.jsonl").read_text().splitlines()[0])
    labels = {(ex.candidate.name, ex.candidate.sentence): ex.labels
              for ex in label_candidates("bbc/business/000", text, candidates, gold)
              if ex.candidate.kind == "move"}
    t = MOVE_TYPES.index("acquisition")
    buyer = [v[t] for (name, _), v in labels.items() if name.startswith("Zentra")]
    target = [v[t] for (name, _), v in labels.items() if name.startswith("Corvane")]
    assert 1 in buyer and set(buyer) <= {1, -1}  # other sentences naming it are left out
    assert target and set(target) == {0}


def test_train_command_prints_the_report(trained, tmp_path: Path, capsys) -> None:
    root, _report, _weights = trained
    assert main(["train", "--corpus", str(root / "corpus.jsonl"), "--weights", str(tmp_path),
                 "--shared-root", str(root), "--no-curve"]) == 0
    out = capsys.readouterr().out
    assert "cross-validation" in out and f"weights written to {tmp_path}" in out
    assert (tmp_path / "move.npz").exists()
