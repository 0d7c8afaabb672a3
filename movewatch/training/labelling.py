"""Labelling batches for the training corpus, and the checks every returned label file passes.

``prepare`` writes batches of article texts outside the repository (the corpora's text is not
copied into it); labellers return one gold-format JSON line per article; ``check`` validates a
label file against its batch (every article once, fields and codes valid, evidence a sentence of
the article) and ``collect`` stores the checked labels, evidence repaired to the article's exact
characters, under ``data/training/labels/``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from movewatch.training.corpus import (
    BROAD_STRATA,
    CorpusDocument,
    corpus_documents,
    excluded_doc_ids,
    select_for_labelling,
    select_second_supplement,
    select_supplement,
)

MOVE_TYPES = {"relocation", "layoff", "hiring", "facility_opening", "facility_closure",
              "market_exit", "investment", "acquisition", "divestment"}
MOVE_STATUSES = {"considering", "announced", "completed", "cancelled"}
POLICY_TYPES = {"export_control", "import_restriction", "sanction", "investment_restriction",
                "regulation", "subsidy", "antitrust"}
POLICY_STATUSES = {"considering", "announced", "in_force", "lifted"}
MOVE_FIELDS = ["company", "move_type", "countries", "to_countries", "headcount_min",
               "headcount_max", "target", "status", "evidence"]
POLICY_FIELDS = ["actor", "actor_country", "action_type", "target_country", "subject", "status",
                 "evidence"]
_CODE = re.compile(r"^[A-Z]{2}$")


def exact_evidence(evidence: str, text: str) -> str | None:
    """The article's own characters for an evidence sentence copied with other whitespace."""
    if evidence and evidence in text:
        return evidence
    words = evidence.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return match.group(0) if match else None


def _check_codes(values: object, where: str, problems: list[str]) -> None:
    if not isinstance(values, list):
        problems.append(f"{where}: must be a list of ISO codes")
        return
    for code in values:
        if not (isinstance(code, str) and _CODE.match(code)):
            problems.append(f"{where}: {code!r} is not an ISO alpha-2 code")


def check_record(record: dict, text: str) -> list[str]:
    """Problems of one label line against its article's text (repairs evidence in place)."""
    doc = record.get("doc_id")
    problems: list[str] = []
    for kind, fields in (("company_moves", MOVE_FIELDS), ("policy_actions", POLICY_FIELDS)):
        facts = record.get(kind)
        if not isinstance(facts, list):
            problems.append(f"{doc}: {kind} must be a list")
            continue
        for i, fact in enumerate(facts):
            where = f"{doc} {kind}[{i}]"
            if not isinstance(fact, dict):
                problems.append(f"{where}: not an object")
                continue
            missing = [f for f in fields if f not in fact]
            if missing:
                problems.append(f"{where}: missing {missing}")
            evidence = exact_evidence(str(fact.get("evidence") or ""), text)
            if evidence is None:
                problems.append(f"{where}: evidence is not verbatim in the article")
            else:
                fact["evidence"] = evidence
            if kind == "company_moves":
                if fact.get("move_type") not in MOVE_TYPES:
                    problems.append(f"{where}: move_type {fact.get('move_type')!r}")
                if fact.get("status") not in MOVE_STATUSES:
                    problems.append(f"{where}: status {fact.get('status')!r}")
                if not str(fact.get("company") or "").strip():
                    problems.append(f"{where}: empty company")
                _check_codes(fact.get("countries"), f"{where} countries", problems)
                _check_codes(fact.get("to_countries"), f"{where} to_countries", problems)
                for bound in ("headcount_min", "headcount_max"):
                    value = fact.get(bound)
                    if value is not None and not isinstance(value, int):
                        problems.append(f"{where}: {bound} must be an integer or null")
            else:
                if fact.get("action_type") not in POLICY_TYPES:
                    problems.append(f"{where}: action_type {fact.get('action_type')!r}")
                if fact.get("status") not in POLICY_STATUSES:
                    problems.append(f"{where}: status {fact.get('status')!r}")
                for key in ("actor_country", "target_country"):
                    value = fact.get(key)
                    if value is not None and not (isinstance(value, str) and _CODE.match(value)):
                        problems.append(f"{where}: {key} {value!r} is not an ISO code or null")
            if "uncertain" in fact and not isinstance(fact["uncertain"], bool):
                problems.append(f"{where}: uncertain must be true or false")
    return problems


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSONL file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def check_file(labels_path: Path, batch_path: Path) -> tuple[list[dict], list[str]]:
    """Checked label records of a batch, in batch order, and the problems found."""
    texts = {row["doc_id"]: row["text"] for row in read_jsonl(batch_path)}
    problems: list[str] = []
    try:
        records = read_jsonl(labels_path)
    except (OSError, json.JSONDecodeError) as exc:
        return [], [f"{labels_path}: cannot read: {exc}"]
    seen: dict[str, dict] = {}
    for record in records:
        doc = record.get("doc_id")
        if doc not in texts:
            problems.append(f"{doc}: not in the batch")
        elif doc in seen:
            problems.append(f"{doc}: labelled twice")
        else:
            seen[doc] = record
            problems.extend(check_record(record, texts[doc]))
    problems.extend(f"{doc}: no label line" for doc in texts if doc not in seen)
    ordered = [{"doc_id": d, "company_moves": seen[d].get("company_moves", []),
                "policy_actions": seen[d].get("policy_actions", [])}
               for d in texts if d in seen]
    return ordered, problems


def _batches(members: list[tuple[str, str]], max_chars: int) -> list[list[tuple[str, str]]]:
    """Consecutive documents grouped so that a batch's texts stay under ``max_chars``."""
    batches: list[list[tuple[str, str]]] = [[]]
    size = 0
    for doc_id, text in members:
        if batches[-1] and size + len(text) > max_chars:
            batches.append([])
            size = 0
        batches[-1].append((doc_id, text))
        size += len(text)
    return [batch for batch in batches if batch]


def _write_batches(out_dir: Path, pass_name: str, members: list[tuple[str, str]],
                   max_chars: int) -> list[dict]:
    """Write ``batch_<pass><n>.jsonl`` files of (doc_id, text); their manifest rows."""
    rows = []
    for number, batch in enumerate(_batches(members, max_chars)):
        name = f"{pass_name}{number:03d}"
        with open(out_dir / f"batch_{name}.jsonl", "w", encoding="utf-8") as fh:
            for doc_id, text in batch:
                fh.write(json.dumps({"doc_id": doc_id, "text": text}, ensure_ascii=False))
                fh.write("\n")
        rows.append({"batch": name, "pass": pass_name, "doc_ids": [d for d, _ in batch]})
    return rows


def prepare_supplement(selection: list[tuple[str, str]], out_dir: Path, *, seed: int,
                       max_chars: int, pass_name: str = "S") -> list[dict]:
    """Write batches ``batch_<pass_name><n>.jsonl`` (one labelling pass) and append them to the
    manifest."""
    docs = list(selection)
    random.Random(seed).shuffle(docs)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = _write_batches(out_dir, pass_name, docs, max_chars)
    with open(out_dir / "manifest.jsonl", "a", encoding="utf-8") as fh:
        for row in manifest:
            fh.write(json.dumps(row) + "\n")
    return manifest


def prepare(selection: list[tuple[str, str]], out_dir: Path, *, double: int, seed: int,
            max_chars: int) -> list[dict]:
    """Write batches of (doc_id, text) for labeller pass A (all) and pass B (``double`` docs).

    Returns the manifest: one row per batch with its pass and doc_ids. A document's two passes
    are in different batches, so no labeller sees an article twice.
    """
    rng = random.Random(seed)
    docs = list(selection)
    rng.shuffle(docs)
    second = sorted(rng.sample(range(len(docs)), min(double, len(docs))))
    manifest: list[dict] = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for pass_name, members in (("A", docs), ("B", [docs[i] for i in second])):
        manifest += _write_batches(out_dir, pass_name, members, max_chars)
    with open(out_dir / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for row in manifest:
            fh.write(json.dumps(row) + "\n")
    return manifest


def collect(labels_dir: Path, batches_dir: Path, target: Path) -> tuple[list[str], list[str]]:
    """Store every returned label file that passes ``check_file`` under ``target``.

    Returns the batch names stored and those refused (their problems are printed).
    """
    target.mkdir(parents=True, exist_ok=True)
    stored, failed = [], []
    for labels_path in sorted(labels_dir.glob("batch_*.jsonl")):
        batch_path = batches_dir / labels_path.name
        records, problems = check_file(labels_path, batch_path)
        if problems:
            failed.append(labels_path.stem)
            for problem in problems:
                print(f"{labels_path.name}: {problem}")
            continue
        with open(target / labels_path.name, "w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        stored.append(labels_path.stem)
    return stored, failed


def adjudication_batches(labels_dir: Path, batches_dir: Path, out_dir: Path, *,
                         seed: int) -> list[str]:
    """For every pass-B batch whose documents both passes labelled, write the adjudicator's
    batch ``batch_J<n>.jsonl``: doc_id, text and the two label sets in a random order (the
    adjudicator is not told which pass is which). Returns the batches written."""
    rng = random.Random(seed)
    first = {r["doc_id"]: r for p in sorted(labels_dir.glob("batch_A*.jsonl"))
             for r in read_jsonl(p)}
    written = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for labels_path in sorted(labels_dir.glob("batch_B*.jsonl")):
        second = {r["doc_id"]: r for r in read_jsonl(labels_path)}
        texts = {r["doc_id"]: r["text"] for r in read_jsonl(batches_dir / labels_path.name)}
        if not all(d in first and d in second for d in texts):
            continue
        name = labels_path.name.replace("batch_B", "batch_J")
        with open(out_dir / name, "w", encoding="utf-8") as fh:
            for doc_id, text in texts.items():
                pair = [first[doc_id], second[doc_id]]
                rng.shuffle(pair)
                row = {"doc_id": doc_id, "text": text,
                       "labels_1": {k: pair[0][k] for k in ("company_moves", "policy_actions")},
                       "labels_2": {k: pair[1][k] for k in ("company_moves", "policy_actions")}}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        written.append(name)
    return written


# The selection labelled in data/training/ (see its DATASHEET.md): reproduced by ``prepare``.
QUOTAS = {"web": 157, "bbc/business": 250, "bbc/politics": 80, "bbc/tech": 80,
          "bbc/entertainment": 10, "bbc/sport": 10, "reuters": 680}
SEED = 20261203
DOUBLE_LABELLED = 310
BATCH_CHARS = 40_000
SECOND_SUPPLEMENT_PER_TYPE = 30
LATER_BATCH_CHARS = 30_000
LATER_SUPPLEMENTS = ("T", "U", "V", "W", "X", "Y")


@dataclass(frozen=True)
class Draw:
    """A further sample of the main selection's kind (``select_for_labelling``) from the
    documents the passes ``after`` had not labelled."""

    quotas: dict[str, int]
    after: str
    seed: int


# Supplements drawn after the learning curve still rose at 100 % of the data: the third (U)
# and the fifth (W, after the fourth, V, took every document of the broad strata); the sixth
# (X) and seventh (Y) when the curve still rose after W.
DRAWS = {
    "U": Draw({"bbc/business": 120, "bbc/politics": 50, "bbc/tech": 50, "reuters": 400},
              after="AST", seed=SEED + 3),
    "W": Draw({"bbc/business": 130, "bbc/politics": 80, "bbc/tech": 80, "reuters": 1300},
              after="ASTUV", seed=SEED + 4),
    "X": Draw({"bbc/business": 40, "bbc/politics": 100, "bbc/tech": 100, "reuters": 1400},
              after="ASTUVW", seed=SEED + 5),
    "Y": Draw({"bbc/politics": 100, "bbc/tech": 100, "reuters": 1400},
              after="ASTUVWX", seed=SEED + 6),
}
LABELS_DIR = Path("data/training/labels")


def read_label_files(folder: Path, prefix: str) -> dict[str, dict]:
    """Label records of every ``batch_<prefix>*.jsonl`` under ``folder``, by doc_id."""
    records: dict[str, dict] = {}
    for path in sorted(folder.glob(f"batch_{prefix}*.jsonl")):
        for record in read_jsonl(path):
            records[record["doc_id"]] = record
    return records


def labelled_before(prefixes: str) -> set[str]:
    """doc_ids of the stored label files of the passes named by ``prefixes`` ("AS")."""
    return {d for prefix in prefixes for d in read_label_files(LABELS_DIR, prefix)}


def predicted_types(facts_path: Path) -> dict[str, set[str]]:
    """doc_id -> fact types predicted, from ``movewatch extract`` output."""
    predicted: dict[str, set[str]] = {}
    for record in read_jsonl(facts_path):
        types = {f["move_type"] for f in record.get("company_moves", [])}
        types |= {f["action_type"] for f in record.get("policy_actions", [])}
        predicted[record["doc_id"]] = types
    return predicted


def later_supplement(name: str, shared: Path, facts: Path | None = None
                     ) -> list[CorpusDocument]:
    """The documents of a later supplement (the datasheet says why each was drawn): T, the
    scarce types' broad strata and the types the model predicted in ``facts``; U and W, drawn
    like the main selection (``DRAWS``); V, every document left matching a broad stratum."""
    documents = list(corpus_documents(shared))
    excluded = excluded_doc_ids(shared)
    if name == "T":
        return select_second_supplement(documents, excluded, labelled_before("AS"),
                                        predicted_types(facts) if facts else {},
                                        per_type=SECOND_SUPPLEMENT_PER_TYPE, seed=SEED)
    if name == "V":
        return select_supplement(documents, excluded, labelled_before("ASTU"), BROAD_STRATA)
    draw = DRAWS[name]
    return select_for_labelling(documents, excluded | labelled_before(draw.after),
                                quotas=draw.quotas, per_stratum=40, stratified_share=0.6,
                                seed=draw.seed)


def main(argv: list[str] | None = None) -> int:
    """``prepare OUT_DIR``: write the labelling batches; ``check LABELS BATCH``: print the
    problems of a label file (exit 1 if any)."""
    parser = argparse.ArgumentParser(prog="python -m movewatch.training.labelling")
    sub = parser.add_subparsers(dest="command", required=True)
    prep = sub.add_parser("prepare", help="write the labelling batches (outside the repo)")
    prep.add_argument("out_dir", type=Path)
    prep.add_argument("--shared", type=Path, default=Path("../shared"))
    prep.add_argument("--supplement", action="store_true",
                      help="also the documents of rare types' strata (batches S...)")
    prep.add_argument("--later", choices=LATER_SUPPLEMENTS,
                      help="only that later supplement's batches (see data/training/DATASHEET.md)")
    prep.add_argument("--facts", type=Path,
                      help="for --later T: `movewatch extract` output on the unlabelled documents")
    check = sub.add_parser("check", help="validate a label file against its batch")
    check.add_argument("labels", type=Path)
    check.add_argument("batch", type=Path)
    collect_cmd = sub.add_parser("collect", help="store checked label files in the repo")
    collect_cmd.add_argument("labels_dir", type=Path, help="returned files, batch_<NAME>.jsonl")
    collect_cmd.add_argument("batches_dir", type=Path)
    collect_cmd.add_argument("--to", type=Path, default=Path("data/training/labels"))
    adjudicate = sub.add_parser("adjudication", help="write the adjudicators' batches")
    adjudicate.add_argument("labels_dir", type=Path)
    adjudicate.add_argument("batches_dir", type=Path)
    adjudicate.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "adjudication":
        written = adjudication_batches(args.labels_dir, args.batches_dir, args.out_dir, seed=SEED)
        print(f"{len(written)} adjudication batch(es) -> {args.out_dir}: {' '.join(written)}")
        return 0
    if args.command == "collect":
        stored, failed = collect(args.labels_dir, args.batches_dir, args.to)
        print(f"stored {len(stored)} batch(es); not stored (problems): {failed or 'none'}")
        return 1 if failed else 0
    if args.command == "prepare":
        if args.later:
            if args.later == "T" and args.facts is None:
                parser.error("--later T needs --facts")
            extra = later_supplement(args.later, args.shared, args.facts)
            rows = prepare_supplement([(d.doc_id, d.text) for d in extra], args.out_dir,
                                      seed=SEED, max_chars=LATER_BATCH_CHARS,
                                      pass_name=args.later)
            print(f"supplement {args.later}: {len(extra)} documents in {len(rows)} batches")
            return 0
        selection = select_for_labelling(
            list(corpus_documents(args.shared)), excluded_doc_ids(args.shared),
            quotas=QUOTAS, per_stratum=70, stratified_share=0.8, seed=SEED)
        manifest = prepare([(d.doc_id, d.text) for d in selection], args.out_dir,
                           double=DOUBLE_LABELLED, seed=SEED, max_chars=BATCH_CHARS)
        print(f"{len(selection)} documents in {len(manifest)} batches -> {args.out_dir}")
        if args.supplement:
            chosen = {d.doc_id for d in selection}
            extra = select_supplement(list(corpus_documents(args.shared)),
                                      excluded_doc_ids(args.shared), chosen)
            rows = prepare_supplement([(d.doc_id, d.text) for d in extra], args.out_dir,
                                      seed=SEED, max_chars=BATCH_CHARS)
            print(f"supplement: {len(extra)} documents in {len(rows)} batches")
        return 0
    _, problems = check_file(args.labels, args.batch)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
