"""Extraction throughput vs. the full spaCy pipeline on every document; prints one JSON line.

usage: uv run python benchmarks/extraction_benchmark.py [--limit N] [--sample 500] [-j 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import psutil

from movewatch.extraction import extract_documents
from movewatch.extraction.evaluation import DEFAULT_SHARED_ROOT, reuters_text
from movewatch.extraction.model import parser


def peak_rss_mb() -> float:
    """Peak resident set size of this process plus its (finished) children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    live = sum(c.memory_info().rss for c in psutil.Process().children(recursive=True)) / 1024
    return round((own + max(children, live)) / 1024, 1)


def main() -> int:
    args = argparse.ArgumentParser()
    args.add_argument("--corpus", type=Path,
                      default=DEFAULT_SHARED_ROOT / "corpora/reuters21578/reuters21578.jsonl")
    args.add_argument("--limit", type=int, default=0)
    args.add_argument("--sample", type=int, default=500)
    args.add_argument("-j", "--processes", type=int, default=2)
    opts = args.parse_args()
    docs = []
    with open(opts.corpus, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record.get("body"):
                docs.append((f"reuters/{record['id']}", reuters_text(record)))
    if opts.limit:
        docs = docs[: opts.limit]
    nlp = parser()
    nlp("warm up")
    sample = [text for _, text in docs[: opts.sample]]
    start = time.perf_counter()
    for _ in nlp.pipe(sample, batch_size=64):
        pass
    baseline = len(sample) / (time.perf_counter() - start)

    start = time.perf_counter()
    facts = sum(len(d.company_moves) + len(d.policy_actions)
                for d in extract_documents(docs, n_process=opts.processes))
    seconds = time.perf_counter() - start
    rate = len(docs) / seconds
    print(json.dumps({
        "docs": len(docs), "seconds": round(seconds, 1), "docs_per_s": round(rate, 1),
        "baseline_docs_per_s": round(baseline, 1), "ratio": round(rate / baseline, 2),
        "processes": opts.processes, "facts": facts, "peak_rss_mb": peak_rss_mb(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
