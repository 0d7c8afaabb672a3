"""Command line: ``python -m movewatch.extraction extract IN -o OUT`` / ``eval GOLD``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from movewatch.extraction.evaluation import DEFAULT_SHARED_ROOT, evaluate
from movewatch.extraction.files import extract_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m movewatch.extraction")
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="extract facts from a {doc_id, text} JSONL file")
    ext.add_argument("input", type=Path)
    ext.add_argument("-o", "--output", type=Path, required=True)
    ext.add_argument("-j", "--processes", type=int, default=1)
    ev = sub.add_parser("eval", help="score the extractor against a gold JSONL file")
    ev.add_argument("gold", type=Path)
    ev.add_argument("--docs", type=Path, default=None)
    ev.add_argument("--shared-root", type=Path, default=DEFAULT_SHARED_ROOT)
    ev.add_argument("-j", "--processes", type=int, default=1)
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--predictions", type=Path, default=None,
                    help="also write the predictions (gold format) here")
    args = parser.parse_args(argv)
    if args.command == "extract":
        counts = extract_file(args.input, args.output, n_process=args.processes)
        print(json.dumps(counts))
        return 0
    result = evaluate(args.gold, args.docs, shared_root=args.shared_root,
                      n_process=args.processes)
    if args.predictions:
        with open(args.predictions, "w", encoding="utf-8") as fh:
            for record in result.predictions.values():
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(json.dumps(result.report, indent=1) if args.json else result.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
