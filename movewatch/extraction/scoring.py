"""Score predicted facts against gold facts by the matching rules of GUIDELINES.md.

A faithful re-implementation of the shared reference scorer (``gold/score.py``): same
matching, same greedy one-to-one pairing (certain gold facts first), same report shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from movewatch.companies import same_company

FACT_KINDS = ("company_moves", "policy_actions")


def move_match(gold: dict, pred: dict) -> bool:
    return gold.get("move_type") == pred.get("move_type") and same_company(
        gold.get("company"), pred.get("company"))


def policy_match(gold: dict, pred: dict) -> bool:
    if gold.get("action_type") != pred.get("action_type"):
        return False
    if (gold.get("actor_country") or None) != (pred.get("actor_country") or None):
        return False
    target = gold.get("target_country")
    return target is None or target == pred.get("target_country")


MATCH: dict[str, Callable[[dict, dict], bool]] = {
    "company_moves": move_match, "policy_actions": policy_match,
}
SLOTS: dict[str, dict[str, Callable[[dict, dict], bool]]] = {
    "company_moves": {
        "status": lambda g, p: g.get("status") == p.get("status"),
        "countries": lambda g, p: sorted(g.get("countries") or [])
        == sorted(p.get("countries") or []),
        "to_countries": lambda g, p: sorted(g.get("to_countries") or [])
        == sorted(p.get("to_countries") or []),
        "headcount": lambda g, p: (g.get("headcount_min"), g.get("headcount_max"))
        == (p.get("headcount_min"), p.get("headcount_max")),
    },
    "policy_actions": {
        "status": lambda g, p: g.get("status") == p.get("status"),
        "target_country": lambda g, p: g.get("target_country") == p.get("target_country"),
    },
}


def load_records(path: Path) -> dict[str, dict]:
    """One record per doc_id from a JSONL file (blank lines skipped)."""
    out: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                out[row["doc_id"]] = row
    return out


def pair(gold: list[dict], pred: list[dict], match: Callable[[dict, dict], bool]
         ) -> tuple[list[tuple[dict, dict]], set[int]]:
    """Greedy one-to-one matching; certain gold facts are matched first."""
    order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("uncertain")))
    used: set[int] = set()
    pairs: list[tuple[dict, dict]] = []
    for gi in order:
        for pi, p in enumerate(pred):
            if pi not in used and match(gold[gi], p):
                used.add(pi)
                pairs.append((gold[gi], p))
                break
    return pairs, used


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold_docs: dict[str, dict], pred_docs: dict[str, dict]) -> dict:
    """Precision/recall/F1 per fact kind and overall, plus slot accuracy on matches."""
    report: dict = {}
    for kind, match in MATCH.items():
        tp = fp = fn = 0
        slots = {s: [0, 0] for s in SLOTS[kind]}
        for doc_id, g in gold_docs.items():
            gold = g.get(kind) or []
            pred = (pred_docs.get(doc_id) or {}).get(kind) or []
            pairs, used = pair(gold, pred, match)
            certain = [(a, b) for a, b in pairs if not a.get("uncertain")]
            tp += len(certain)
            fn += sum(1 for x in gold if not x.get("uncertain")) - len(certain)
            fp += len(pred) - len(used)
            for a, b in certain:
                for slot, ok in SLOTS[kind].items():
                    slots[slot][0] += bool(ok(a, b))
                    slots[slot][1] += 1
        p, r, f = _prf(tp, fp, fn)
        report[kind] = {
            "tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f, 3),
            "slot_accuracy": {s: round(a / n, 3) if n else None for s, (a, n) in slots.items()},
        }
    tp = sum(report[k]["tp"] for k in FACT_KINDS)
    fp = sum(report[k]["fp"] for k in FACT_KINDS)
    fn = sum(report[k]["fn"] for k in FACT_KINDS)
    p, r, f = _prf(tp, fp, fn)
    report["overall"] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3),
                         "recall": round(r, 3), "f1": round(f, 3) if p + r else 0.0}
    return report


TYPE_FIELD = {"company_moves": "move_type", "policy_actions": "action_type"}


def _only_type(record: dict, kind: str, type_name: str) -> dict:
    return {"company_moves": [], "policy_actions": [],
            kind: [f for f in record.get(kind) or [] if f.get(TYPE_FIELD[kind]) == type_name]}


def score_by_type(gold_docs: dict[str, dict], pred_docs: dict[str, dict],
                  only: str | None = None) -> dict[str, dict]:
    """``score``'s report for each fact type (move_type or action_type) on its own; with
    ``only``, for that type alone (if either side has a fact of it)."""
    out: dict[str, dict] = {}
    for kind, field in TYPE_FIELD.items():
        types = {f.get(field) for docs in (gold_docs, pred_docs) for r in docs.values()
                 for f in r.get(kind) or []}
        for type_name in sorted(t for t in types if t and only in (None, t)):
            gold = {d: _only_type(r, kind, type_name) for d, r in gold_docs.items()}
            pred = {d: _only_type(pred_docs.get(d) or {}, kind, type_name) for d in gold_docs}
            out[type_name] = score(gold, pred)[kind]
    return out


def score_by_group(gold_docs: dict[str, dict], pred_docs: dict[str, dict],
                   group_of: Callable[[str], str]) -> dict[str, dict]:
    """``score``'s overall report for each group of documents (e.g. each source)."""
    groups: dict[str, dict[str, dict]] = {}
    for doc_id, record in gold_docs.items():
        groups.setdefault(group_of(doc_id), {})[doc_id] = record
    return {name: score(docs, pred_docs)["overall"] for name, docs in sorted(groups.items())}


def render(report: dict) -> str:
    """The table the reference scorer prints."""
    lines = []
    for kind, v in report.items():
        line = (f"{kind:15s} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f} "
                f"(tp={v['tp']} fp={v['fp']} fn={v['fn']})")
        if "slot_accuracy" in v:
            line += "  slots: " + ", ".join(f"{s}={a}" for s, a in v["slot_accuracy"].items())
        lines.append(line)
    return "\n".join(lines)
