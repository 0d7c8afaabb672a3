"""Extract facts from a JSONL file of ``{"doc_id", "text"}`` lines into a gold-format JSONL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from movewatch.extraction.extractor import extract_documents
from movewatch.extraction.facts import to_gold_record


def _read(input_path: Path, bad: dict[int, dict]) -> Iterator[tuple[str, str]]:
    with open(input_path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                bad[n] = {"doc_id": f"line:{n}", "error": "empty line"}
                yield f"line:{n}", ""
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                bad[n] = {"doc_id": f"line:{n}", "error": f"not JSON: {exc.msg}"}
                yield f"line:{n}", ""
                continue
            if not isinstance(row, dict):
                bad[n] = {"doc_id": f"line:{n}", "error": "not a JSON object"}
                yield f"line:{n}", ""
                continue
            doc_id = row.get("doc_id")
            doc_id = str(doc_id) if doc_id not in (None, "") else f"line:{n}"
            yield doc_id, row.get("text")


def extract_file(input_path: Path, output_path: Path, *, n_process: int = 1) -> dict:
    """One output line per input line; bad lines become error lines. Returns counts."""
    bad: dict[int, dict] = {}
    counts = {"documents": 0, "errors": 0, "company_moves": 0, "policy_actions": 0,
              "links": 0}
    output_path = Path(output_path)
    output_path.parent.mkdir(parents=True, exist_ok=True)
    with open(output_path, "w", encoding="utf-8") as out:
        for n, facts in enumerate(extract_documents(_read(Path(input_path), bad),
                                                    n_process=n_process), 1):
            counts["documents"] += 1
            if n in bad:
                record = {**bad[n], "company_moves": [], "policy_actions": []}
            else:
                record = to_gold_record(facts)
            if record.get("error"):
                counts["errors"] += 1
            counts["company_moves"] += len(record["company_moves"])
            counts["policy_actions"] += len(record["policy_actions"])
            counts["links"] += len(record.get("links", []))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return counts
