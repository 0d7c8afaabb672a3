"""The training corpus as one file: final labels (adjudicated where doubly labelled), splits by
document, agreement between labellers and the counts the datasheet reports."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

from movewatch.extraction.evaluation import DEFAULT_SHARED_ROOT, source_of
from movewatch.extraction.scoring import load_records, score, score_by_type
from movewatch.training.labelling import LATER_SUPPLEMENTS, labelled_before, read_label_files

SPLITS = (("train", 0.70), ("validation", 0.15), ("test", 0.15))
SPLIT_SEED = 20261203


def final_labels(labels_dir: Path, adjudicated_dir: Path) -> dict[str, dict]:
    """Pass A (and supplements S, T, U, V and W) labels, replaced by the adjudicated labels where a
    document was labelled twice."""
    final = {d: r for prefix in ("A", "S", *LATER_SUPPLEMENTS)
             for d, r in read_label_files(labels_dir, prefix).items()}
    final.update({d: r for d, r in read_label_files(adjudicated_dir, "J").items() if d in final})
    return final


def assign_splits(doc_ids: list[str], seed: int = SPLIT_SEED) -> dict[str, str]:
    """train / validation / test by document, 70/15/15 within each source, reproducibly."""
    rng = random.Random(seed)
    splits: dict[str, str] = {}
    by_source: dict[str, list[str]] = {}
    for doc_id in sorted(doc_ids):
        by_source.setdefault(source_of(doc_id), []).append(doc_id)
    for docs in by_source.values():
        rng.shuffle(docs)
        start = 0
        for n, (name, share) in enumerate(SPLITS):
            end = len(docs) if n == len(SPLITS) - 1 else start + round(share * len(docs))
            splits.update(dict.fromkeys(docs[start:end], name))
            start = end
    return splits


def corpus_splits(records: dict[str, dict], training_only: set[str]) -> dict[str, str]:
    """Splits of the corpus: ``assign_splits`` over the documents of the first selection and
    its supplement, ``train`` for ``training_only`` (the later supplements, the second chosen
    partly by the model's predictions: kept out of validation and test so that those stay as
    drawn and comparable from one training to the next)."""
    splits = assign_splits([d for d in records if d not in training_only])
    splits.update(dict.fromkeys((d for d in records if d in training_only), "train"))
    return splits


def agreement(first: dict[str, dict], second: dict[str, dict]) -> dict[str, dict]:
    """score.py's report of ``second`` against ``first`` overall and per fact type, on the
    documents both labelled."""
    common = sorted(set(first) & set(second))
    a = {d: first[d] for d in common}
    b = {d: second[d] for d in common}
    return {"overall": score(a, b)["overall"], "documents": len(common), **score_by_type(a, b)}


def type_counts(records: dict[str, dict]) -> Counter:
    """Certain facts per type (``<type>``) and uncertain ones (``<type> (uncertain)``)."""
    counts: Counter = Counter()
    for record in records.values():
        for kind, field in (("company_moves", "move_type"), ("policy_actions", "action_type")):
            for fact in record[kind]:
                suffix = " (uncertain)" if fact.get("uncertain") else ""
                counts[f"{fact[field]}{suffix}"] += 1
    return counts


def write_corpus(records: dict[str, dict], splits: dict[str, str], path: Path) -> None:
    """One JSONL of the final labels, each line with its source and split."""
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id in sorted(records):
            row = {"doc_id": doc_id, "source": source_of(doc_id), "split": splits[doc_id],
                   "company_moves": records[doc_id]["company_moves"],
                   "policy_actions": records[doc_id]["policy_actions"]}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def agreement_table(report: dict[str, dict]) -> list[str]:
    """``agreement``'s report as Markdown table lines."""
    lines = ["| | P | R | F1 | tp | fp | fn |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, row in report.items():
        if isinstance(row, dict):
            lines.append(f"| {name} | {row['precision']} | {row['recall']} | {row['f1']} | "
                         f"{row['tp']} | {row['fp']} | {row['fn']} |")
    return lines


def render_stats(records: dict[str, dict], splits: dict[str, str],
                 first: dict[str, dict], second: dict[str, dict],
                 dev_check: tuple[dict[str, dict], dict[str, dict]] | None = None) -> str:
    """The datasheet's figures as Markdown; ``dev_check``: the dev gold and the labellers'
    blind labels of the same articles, to score the labellers against the guidelines' authors."""
    lines = ["# Training corpus figures", "",
             "Made by `uv run python -m movewatch.training.corpus_stats`.", ""]
    by_source = Counter(source_of(d) for d in records)
    with_facts = sum(1 for r in records.values() if r["company_moves"] or r["policy_actions"])
    sources = ", ".join(f"{s} {n}" for s, n in sorted(by_source.items()))
    lines += [f"Documents: {len(records)} ({sources}); "
              f"with at least one fact: {with_facts} "
              f"({with_facts / max(len(records), 1):.0%}).", ""]
    split_counts = Counter(splits[d] for d in records)
    counted = ", ".join(f"{name} {split_counts[name]}" for name, _ in SPLITS)
    lines += ["Splits (by document, 70/15/15 within each source; the later supplements "
              f"all train): {counted}.", ""]
    counts = type_counts(records)
    lines += ["| fact type | certain | uncertain |", "|---|---:|---:|"]
    for name in sorted({k.replace(" (uncertain)", "") for k in counts}):
        lines.append(f"| {name} | {counts[name]} | {counts[name + ' (uncertain)']} |")
    report = agreement(first, second)
    lines += ["", f"Agreement of the two independent passes on the {report['documents']} "
              "doubly labelled documents, before adjudication (`score.py`: pass A as gold, "
              "pass B as prediction):", "", *agreement_table(report)]
    # The scorer is asymmetric (uncertain gold facts are neither rewarded nor penalised): the
    # other direction too.
    reverse = agreement(second, first)["overall"]
    lines += ["", f"The other way round (pass B as gold, pass A as prediction): overall "
              f"P {reverse['precision']}, R {reverse['recall']}, F1 {reverse['f1']} "
              f"(tp {reverse['tp']}, fp {reverse['fp']}, fn {reverse['fn']})."]
    if dev_check:
        gold, labelled = dev_check
        report = agreement(gold, labelled)
        lines += ["", f"The labellers against the guidelines' authors: {report['documents']} dev "
                  "articles (`../shared/gold/dev.jsonl`) labelled blind by the same protocol "
                  "(`dev_check/`, never trained on), scored with `score.py` against the dev "
                  "gold:", "", *agreement_table(report)]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write data/training/corpus.jsonl and data/training/STATS.md from the label files."""
    root = Path("data/training")
    first = read_label_files(root / "labels", "A")
    second = read_label_files(root / "labels", "B")
    records = final_labels(root / "labels", root / "adjudicated")
    splits = corpus_splits(records, labelled_before("".join(LATER_SUPPLEMENTS)))
    write_corpus(records, splits, root / "corpus.jsonl")
    dev_gold = DEFAULT_SHARED_ROOT / "gold" / "dev.jsonl"
    dev_labels = read_label_files(root / "dev_check", "D")
    dev_check = (load_records(dev_gold), dev_labels) if dev_labels and dev_gold.exists() else None
    (root / "STATS.md").write_text(render_stats(records, splits, first, second, dev_check),
                                   encoding="utf-8")
    print(f"{len(records)} documents -> {root / 'corpus.jsonl'}, {root / 'STATS.md'}")


if __name__ == "__main__":
    main()
