"""Speed and memory of the pipeline on a corpus file; prints one JSON line per suite.

    uv run python benchmarks/pipeline_benchmark.py                      # all suites, Reuters
    uv run python benchmarks/pipeline_benchmark.py --suite ingest [--source FILE]
    uv run python benchmarks/pipeline_benchmark.py --suite extract
    uv run python benchmarks/pipeline_benchmark.py --suite end_to_end [--keep DIR]

Suites:
- ingest: read + normalise + deduplicate + load into a fresh DuckDB file, then the same
  input again (nothing new). Targets: >= 3,000 articles/s; second ingest < 2 s.
- extract: benchmarks/extraction_benchmark.py (movewatch extraction vs the full spaCy
  pipeline on every document; target >= 8x, peak RSS < 2 GB).
- end_to_end: `movewatch run --source FILE` twice into a fresh warehouse (ingest, extraction,
  stories, dbt build with tests, brief, snapshot). Targets: < 120 s, then < 20 s.
Each suite runs in its own process, so peak RSS is that suite's own.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl"


def _peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def ingest_suite(source: Path) -> dict:
    """Ingest the source into a fresh warehouse twice; time each stage."""
    started = time.perf_counter()
    import movewatch.normalise  # noqa: F401  (one-time imports, timed apart)
    import movewatch.sources  # noqa: F401
    from movewatch import stages
    from movewatch.warehouse.connection import connect

    import_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        con = connect(Path(tmp) / "bench.duckdb")
        started = time.perf_counter()
        first = stages.ingest(con, [source])
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        second = stages.ingest(con, [source])
        second_seconds = time.perf_counter() - started
        con.close()
    return {
        "suite": "ingest",
        "source": str(source),
        "records": first.records_read + first.rejects_found,
        "articles": first.articles_added,
        "rejects": first.rejects_found,
        "duplicates": first.duplicates_marked,
        "seconds_per_stage": first.seconds,
        "seconds": round(first_seconds, 3),
        "records_per_second": round((first.records_read + first.rejects_found) / first_seconds, 1),
        "import_seconds": round(import_seconds, 3),
        "target_records_per_second": 3000,
        "second_run_seconds": round(second_seconds, 3),
        "second_run_added": second.articles_added,
        "target_second_run_seconds": 2.0,
        "peak_rss_mb": _peak_rss_mb(),
    }


def extract_suite(source: Path) -> dict:
    """Delegate to the extraction benchmark (its own process, its own peak RSS)."""
    script = ROOT / "benchmarks" / "extraction_benchmark.py"
    out = (
        subprocess.run(
            [sys.executable, str(script), "--source", str(source)],
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return {"suite": "extract", **json.loads(out)}


def end_to_end_suite(source: Path, keep: Path | None = None) -> dict:
    """`movewatch run` twice on the source into a fresh warehouse (kept in `keep` if given)."""
    if keep:
        shutil.rmtree(keep, ignore_errors=True)
        keep.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        tmp = str(keep or scratch)
        env = {
            **os.environ,
            "MOVEWATCH_DB": str(Path(tmp) / "bench.duckdb"),
            "MOVEWATCH_REPORTS": str(Path(tmp) / "reports"),
            "MOVEWATCH_WORKERS": os.environ.get("MOVEWATCH_WORKERS", "2"),
        }
        env.pop("DAGSTER_HOME", None)
        times, steps = [], []
        for _ in range(2):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "orchestration.cli", "run", "--source", str(source)],
                check=True,
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            times.append(round(time.perf_counter() - started, 1))
            lines = done.stdout.splitlines()
            steps.append(next((line[7:] for line in lines if line.startswith("steps: ")), ""))
        import duckdb

        con = duckdb.connect(env["MOVEWATCH_DB"], read_only=True)
        counts = {
            name: con.execute(f"select count(*) from {table}").fetchall()[0][0]
            for name, table in {
                "articles": "raw.articles",
                "company_move_facts": "raw.company_moves",
                "company_move_events": "marts.fct_company_moves",
                "policy_action_facts": "raw.policy_actions",
                "policy_action_events": "marts.fct_policy_actions",
                "stories": "marts.dim_story",
            }.items()
        }
        con.close()
    return {
        "suite": "end_to_end",
        "source": str(source),
        **counts,
        "first_run_seconds": times[0],
        "target_first_run_seconds": 120,
        "first_run_steps": steps[0],
        "second_run_seconds": times[1],
        "second_run_steps": steps[1],
        "target_second_run_seconds": 20,
        "peak_rss_mb_children": _peak_rss_mb(children=True),
    }


SUITES = {"ingest": ingest_suite, "extract": extract_suite, "end_to_end": end_to_end_suite}


def main() -> None:
    """Run the chosen suites, each in a fresh process when several are asked for."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--suite", choices=[*SUITES, "all"], default="all")
    parser.add_argument("--source", type=Path, default=REUTERS)
    parser.add_argument("--keep", type=Path, help="end_to_end: keep the warehouse in this folder")
    args = parser.parse_args()
    if args.suite == "end_to_end":
        print(json.dumps(end_to_end_suite(args.source.resolve(), args.keep)), flush=True)
        return
    if args.suite != "all":
        print(json.dumps(SUITES[args.suite](args.source.resolve())), flush=True)
        return
    for suite in SUITES:
        subprocess.run(
            [sys.executable, __file__, "--suite", suite, "--source", str(args.source)],
            check=True,
        )


if __name__ == "__main__":
    main()
