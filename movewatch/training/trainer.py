"""``movewatch train``: the fact model and the status model trained on the labelled corpus's
train and validation splits, their settings chosen by cross-validation, the weights saved
and a report written beside them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from movewatch.extraction.evaluation import DEFAULT_SHARED_ROOT, resolve_texts
from movewatch.extraction.learned.fact_model import WEIGHTS_DIR, model_paths
from movewatch.extraction.learned.status_model import status_model_path
from movewatch.extraction.scoring import load_records, score
from movewatch.training.fact_training import (
    GOLD_KIND,
    N_FOLDS,
    SEED,
    TRAINING_CORPUS,
    TUNING_SPLITS,
    choose_c,
    collect,
    fit_models,
    learning_curve,
    predict,
)
from movewatch.training.status_training import choose_status_c, fit_status, status_examples

__all__ = ["TRAINING_CORPUS", "render_report", "run_training"]


def run_training(corpus_path: Path, weights_dir: Path = WEIGHTS_DIR, *,
                 shared_root: Path = DEFAULT_SHARED_ROOT, curve: bool = True,
                 log=print) -> dict:
    """Train on the corpus's train and validation splits (never its test split), choose the
    regularisation and thresholds by cross-validation over them, save the weights; return
    the report (cross-validated and validation-split scores, learning curve, settings,
    skipped articles)."""
    corpus = load_records(corpus_path)
    texts = resolve_texts(list(corpus), shared_root)
    examples, skipped = collect(corpus, texts)
    log(f"{len(examples)} labelled articles, {len(skipped)} skipped")
    tuning = {d: exs for d, exs in examples.items()
              if corpus[d].get("split", "train") in TUNING_SPLITS}
    if len(tuning) < N_FOLDS:
        raise ValueError(f"{corpus_path} has too few articles in its train and validation "
                         "splits (the 'split' field) to train on")
    gold = {d: corpus[d] for d in tuning}
    log(f"candidates: {sum(map(len, tuning.values()))} in {len(tuning)} articles")
    c_by_kind, result, tuned = choose_c(tuning, gold)
    log(f"regularisation C: {c_by_kind}")
    models = fit_models(tuning, c_by_kind)
    for kind, model in models.items():
        model.thresholds[:] = tuned[kind].thresholds
        model.rule_thresholds[:] = tuned[kind].rule_thresholds
    rows = status_examples(tuning)
    status_c, status_by_doc, status_accuracy = choose_status_c(rows, sorted(tuning))
    log(f"status model: C {status_c}, out-of-fold accuracy {status_accuracy}")
    with_status = score(gold, predict(tuning, tuned, result["probs"],
                                      status_models=status_by_doc))
    weights_dir.mkdir(parents=True, exist_ok=True)
    for kind, path in model_paths(weights_dir).items():
        models[kind].save(path)
    fit_status(rows, status_c).save(status_model_path(weights_dir))
    validation = {d for d in tuning if corpus[d].get("split") == "validation"}
    val_report = score({d: gold[d] for d in validation},
                       {d: r for d, r in result["predictions"].items() if d in validation})
    report = {
        "corpus": str(corpus_path.name),
        "corpus_sha256": hashlib.sha256(corpus_path.read_bytes()).hexdigest(),
        "seed": SEED, "folds": N_FOLDS, "c": c_by_kind,
        "articles": {split: sum(1 for d in examples if corpus[d].get("split", "train") == split)
                     for split in ("train", "validation", "test")},
        "skipped": dict(sorted(skipped.items())),
        "features": {kind: len(m.vocabulary) for kind, m in models.items()},
        "thresholds": {kind: dict(zip(m.types, map(float, m.thresholds), strict=True))
                       for kind, m in models.items()},
        "rule_thresholds": {kind: dict(zip(m.types, map(float, m.rule_thresholds), strict=True))
                            for kind, m in models.items()},
        "cross_validated": summary(result["report"]),
        "status": {
            "c": status_c,
            "sentence_accuracy": status_accuracy,
            "fact_accuracy": {
                kind: {"rules": result["report"][kind]["slot_accuracy"]["status"],
                       "model": with_status[kind]["slot_accuracy"]["status"]}
                for kind in GOLD_KIND.values()},
        },
        "validation_split": summary(val_report),
        "cross_validated_by_type": {t: {m: v[m] for m in ("precision", "recall", "f1", "tp", "fn")}
                                    for t, v in result["by_type"].items()},
    }
    if curve:
        report["learning_curve"] = learning_curve(tuning, gold, c_by_kind, result)
    (weights_dir / "training_report.json").write_text(json.dumps(report, indent=2) + "\n")
    return report


def summary(report: dict) -> dict:
    """Precision, recall and F1 of moves, policies and overall."""
    return {k: {m: report[k][m] for m in ("precision", "recall", "f1")}
            for k in ("company_moves", "policy_actions", "overall")}


def render_report(report: dict) -> str:
    """The training report as the command prints it."""
    lines = [f"articles: {report['articles']} ({len(report['skipped'])} skipped)",
             f"features: {report['features']}, C: {report['c']}"]
    for title, key in ((f"{report['folds']}-fold cross-validation over train+validation",
                        "cross_validated"),
                       ("its validation-split articles", "validation_split")):
        lines.append(f"{title} (mentions merged into facts as the extractor merges them):")
        for kind, v in report[key].items():
            lines.append(f"  {kind:15s} P={v['precision']:.3f} R={v['recall']:.3f} "
                         f"F1={v['f1']:.3f}")
    lines.append("per type, cross-validated:")
    for type_name, v in report["cross_validated_by_type"].items():
        lines.append(f"  {type_name:22s} F1={v['f1']:.3f} (tp={v['tp']} fn={v['fn']})")
    status = report.get("status")
    if status:
        lines.append(f"status model (C {status['c']}), cross-validated accuracy on matched facts:")
        for kind, v in status["fact_accuracy"].items():
            lines.append(f"  {kind:15s} {v['model']} (the rules' status cues alone {v['rules']})")
    for point in report.get("learning_curve", []):
        lines.append(f"learning curve: {point['fraction']:.0%} of the training folds "
                     f"(~{point['articles']} articles) F1={point['f1']:.3f} "
                     f"(moves {point['moves_f1']:.3f}, policies {point['policies_f1']:.3f})")
    for doc_id, reason in list(report["skipped"].items())[:10]:
        lines.append(f"skipped {doc_id}: {reason}")
    return "\n".join(lines)
