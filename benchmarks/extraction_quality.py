"""Extraction quality on every gold set, with the learned fact model and with the rules alone:
F1 overall, per fact type and per source, status accuracy, and the training report's
cross-validated scores and learning curve. Prints one JSON line last.

usage: uv run python benchmarks/extraction_quality.py [--split test] [-j 2]

The training corpus's test split is never trained or tuned on; the dev set (the rules were
developed on it) and the seeds are further test sets.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "training" / "corpus.jsonl"
REPORT = ROOT / "movewatch" / "extraction" / "learned" / "weights" / "training_report.json"


def _evaluate(args: list[str], rules_only: bool, workers: int) -> dict:
    """Run one evaluation in a fresh process (the rules-only switch is read at start-up)."""
    code = (
        "import json, sys; from pathlib import Path\n"
        "from movewatch.extraction import evaluate\n"
        "a = json.loads(sys.argv[1])\n"
        "r = evaluate(Path(a['gold']), Path(a['docs']) if a.get('docs') else None,"
        " n_process=a['workers'], split=a.get('split'))\n"
        "print(json.dumps({'report': r.report, 'by_type': r.by_type, 'by_source': r.by_source}))"
    )
    spec = dict(zip(("gold", "docs", "split"), args, strict=False))
    spec["workers"] = workers
    env = dict(os.environ, MOVEWATCH_RULES_ONLY="1" if rules_only else "0")
    out = subprocess.run([sys.executable, "-c", code, json.dumps(spec)], env=env, check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def _line(name: str, v: dict) -> str:
    return (f"  {name:24s} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} "
            f"(tp={v['tp']} fp={v['fp']} fn={v['fn']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="test", choices=["validation", "test"])
    parser.add_argument("-j", "--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    gold = ROOT.parent / "shared" / "gold"
    sets = {f"corpus {args.split} split": [str(CORPUS), None, args.split],
            "dev (further test set)": [str(gold / "dev.jsonl"), str(gold / "dev.docs.jsonl")],
            "seeds": [str(gold / "seeds.jsonl")]}
    summary: dict = {}
    for name, spec in sets.items():
        for extractor, rules_only in (("learned", False), ("rules alone", True)):
            result = _evaluate(spec, rules_only, args.workers)
            report = result["report"]
            print(f"{name}, {extractor}:")
            for kind in ("company_moves", "policy_actions", "overall"):
                print(_line(kind, report[kind]))
            status = {k: report[k]["slot_accuracy"]["status"]
                      for k in ("company_moves", "policy_actions")}
            print(f"  status accuracy on matched facts: {status}")
            if not rules_only:
                for type_name, v in result["by_type"].items():
                    print(_line(type_name, v))
                for source, v in result["by_source"].items():
                    print(_line(f"source {source}", v))
            summary[f"{name} / {extractor}"] = report["overall"]["f1"]
    if REPORT.exists():
        training = json.loads(REPORT.read_text())
        cv = training["cross_validated"]["overall"]
        print(f"training report: {training['folds']}-fold CV over train+validation "
              f"F1={cv['f1']:.3f} (P {cv['precision']:.3f}, R {cv['recall']:.3f})")
        for point in training.get("learning_curve", []):
            print(f"  learning curve {point['fraction']:.0%} of training folds: "
                  f"F1={point['f1']:.3f}")
            summary[f"learning curve {point['fraction']}"] = point["f1"]
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
