"""Run the extractor on the documents a gold file names and score it (GUIDELINES.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from movewatch.extraction.extractor import extract_documents
from movewatch.extraction.facts import to_gold_record
from movewatch.extraction.scoring import (
    MATCH,
    load_records,
    pair,
    render,
    score,
    score_by_group,
    score_by_type,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED_ROOT = PROJECT_ROOT.parent / "shared"


@dataclass
class EvalResult:
    """Scores (``report``, shaped like score.py's) and a text rendering with the errors."""

    report: dict
    missed: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    predictions: dict[str, dict] = field(default_factory=dict)
    by_type: dict[str, dict] = field(default_factory=dict)
    by_source: dict[str, dict] = field(default_factory=dict)

    @property
    def text(self) -> str:
        lines = [render(self.report), "", "per type:", render(self.by_type), "",
                 "per source:", render(self.by_source), "", f"missed ({len(self.missed)}):"]
        lines += [_error_line(e) for e in self.missed]
        lines += ["", f"false positives ({len(self.false_positives)}):"]
        lines += [_error_line(e) for e in self.false_positives]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text


def _error_line(entry: dict) -> str:
    evidence = " ".join((entry.get("evidence") or "").split())[:160]
    return (f"  {entry['doc_id']}  {entry['type']}  {entry['who']}  [{entry.get('status')}]"
            f"  {evidence}")


def reuters_text(record: dict) -> str:
    """Article text of a Reuters-21578 record, as the dev set gives it: title, dateline, body."""
    return f"{record.get('title') or ''}\n{record.get('dateline') or ''} {record.get('body') or ''}"


def resolve_texts(doc_ids: list[str], shared_root: Path) -> dict[str, str]:
    """Texts of gold doc_ids from the shared corpora and seeds."""
    corpora = shared_root / "corpora"
    texts: dict[str, str] = {}
    reuters_wanted = {d.split("/", 1)[1] for d in doc_ids if d.startswith("reuters/")}
    if reuters_wanted:
        with open(corpora / "reuters21578" / "reuters21578.jsonl", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if str(record.get("id")) in reuters_wanted:
                    texts[f"reuters/{record['id']}"] = reuters_text(record)
    for doc_id in doc_ids:
        kind, _, rest = doc_id.partition("/")
        path = {"bbc": corpora / "bbc" / f"{rest}.txt",
                "web": corpora / "newspaper_testpages" / "text" / f"{rest}.txt",
                "seed": shared_root / "seeds" / rest}.get(kind)
        # A doc_id with no file is left out: callers report it (evaluate) or skip it (train).
        if path is not None and path.is_file():
            texts[doc_id] = read_corpus_text(path)
    return texts


def read_corpus_text(path: Path) -> str:
    """A corpus file's text (a few BBC files are not UTF-8: cp1252, as the corpus reader does)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def source_of(doc_id: str) -> str:
    """The corpus a doc_id names: reuters, bbc, web or seed."""
    return doc_id.split("/", 1)[0]


def _docs_from_file(path: Path) -> dict[str, str]:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                out[row["doc_id"]] = row["text"]
    return out


def evaluate(gold_path: Path, docs_path: Path | None = None, *,
             shared_root: Path = DEFAULT_SHARED_ROOT, n_process: int = 1,
             split: str | None = None) -> EvalResult:
    """Extract the documents ``gold_path`` names and score them against it.

    With ``split``, only the gold lines of that split (the training corpus's ``split`` field).
    """
    gold = load_records(Path(gold_path))
    if split is not None:
        gold = {d: r for d, r in gold.items() if r.get("split") == split}
    ids = list(gold)
    texts = _docs_from_file(Path(docs_path)) if docs_path else resolve_texts(ids, shared_root)
    missing = [d for d in ids if d not in texts]
    if missing:
        raise FileNotFoundError(f"no text for {len(missing)} gold documents, e.g. {missing[:3]}")

    def pairs() -> Iterator[tuple[str, str]]:
        for doc_id in ids:
            yield doc_id, texts[doc_id]

    predictions = {f.doc_id: to_gold_record(f)
                   for f in extract_documents(pairs(), n_process=n_process)}
    report = score(gold, predictions)
    result = EvalResult(report=report, predictions=predictions,
                        by_type=score_by_type(gold, predictions),
                        by_source=score_by_group(gold, predictions, source_of))
    for doc_id in ids:
        for kind, match in MATCH.items():
            gold_facts = gold[doc_id].get(kind) or []
            pred_facts = predictions.get(doc_id, {}).get(kind) or []
            matched, used = pair(gold_facts, pred_facts, match)
            matched_gold = [id(g) for g, _ in matched]
            for g in gold_facts:
                if not g.get("uncertain") and id(g) not in matched_gold:
                    result.missed.append(_entry(doc_id, kind, g))
            for i, p in enumerate(pred_facts):
                if i not in used:
                    result.false_positives.append(_entry(doc_id, kind, p))
    return result


def _entry(doc_id: str, kind: str, fact: dict) -> dict:
    if kind == "company_moves":
        kind_label = fact.get("move_type")
        who = fact.get("company")
    else:
        kind_label = fact.get("action_type")
        who = f"{fact.get('actor')} ({fact.get('actor_country')}->{fact.get('target_country')})"
    return {"doc_id": doc_id, "type": kind_label, "who": who, "status": fact.get("status"),
            "evidence": fact.get("evidence")}
