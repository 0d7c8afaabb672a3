"""The `movewatch` command: run the Dagster job in process, extract facts, evaluate on gold.

movewatch run [--source PATH_OR_URL ...] [--db PATH] [--workers N] [--verbose]
movewatch extract INPUT.jsonl -o OUT.jsonl [--workers N]
movewatch eval GOLD.jsonl [--docs DOCS.jsonl] [--workers N]
"""

import argparse
import contextlib
import io
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from movewatch import settings
from movewatch.warehouse.connection import LOCK_WAIT_SECONDS, WarehouseLockedError, writer_lock

SUMMARY_QUERIES = {
    "articles": "select count(*) from raw.articles",
    "duplicates marked": "select count(*) from raw.articles where duplicate_of is not null",
    "rejects": "select count(*) from raw.rejects",
    "company moves (facts)": "select count(*) from raw.company_moves",
    "policy actions (facts)": "select count(*) from raw.policy_actions",
    "stories": "select count(distinct story_id) from raw.article_stories",
    "company move events": "select count(*) from marts.fct_company_moves",
    "policy action events": "select count(*) from marts.fct_policy_actions",
    "move-policy links": "select count(*) from marts.fct_move_policy_links",
}


@contextmanager
def _instance() -> Iterator[object]:
    """DAGSTER_HOME's instance when set (runs then show in the UI), else an ephemeral one."""
    import dagster as dg

    if os.environ.get("DAGSTER_HOME"):
        with dg.DagsterInstance.get() as instance:
            yield instance
    else:
        with dg.DagsterInstance.ephemeral() as instance:
            yield instance


def _summary(db: Path) -> list[tuple[str, object]]:
    from movewatch.warehouse.connection import connect

    con = connect(db, read_only=True)
    try:
        rows = []
        for label, sql in SUMMARY_QUERIES.items():
            try:
                rows.append((label, con.execute(sql).fetchall()[0][0]))
            except Exception:  # a table a failed run did not build
                rows.append((label, "-"))
        return rows
    finally:
        con.close()


def run_command(args: argparse.Namespace) -> int:
    """Materialise every asset of the main job in this process and print a summary."""
    if args.db:
        os.environ["MOVEWATCH_DB"] = str(settings.resolve(args.db))
    if args.workers:
        os.environ["MOVEWATCH_WORKERS"] = str(args.workers)
    db = settings.warehouse_path()
    os.environ["MOVEWATCH_DB"] = str(db)

    from orchestration.definitions import defs

    job = defs().resolve_job_def("movewatch_job")
    run_config: dict = {
        "loggers": {"console": {"config": {"log_level": "INFO" if args.verbose else "WARNING"}}}
    }
    if args.source:
        sources = [s if "://" in s else str(Path(s).resolve()) for s in args.source]
        run_config["ops"] = {"ingest_articles": {"config": {"sources": sources}}}

    started = time.perf_counter()
    started_at = time.strftime("%Y-%m-%d %H:%M:%S")
    print(f"movewatch: running the main job into {db}", file=sys.stderr)
    # dagster-dbt echoes every dbt event to stdout; unless --verbose, keep them in a log file.
    captured = io.StringIO()
    try:
        # The whole run holds the warehouse's writer lock (its stages take it again): a second
        # run on the same warehouse waits for it, or stops with a message naming this one.
        with (
            writer_lock(db, wait_seconds=args.wait, holder=f"movewatch run (started {started_at})"),
            _instance() as instance,
            contextlib.redirect_stdout(sys.stdout if args.verbose else captured),
        ):
            result = job.execute_in_process(
                run_config=run_config, instance=instance, raise_on_error=False
            )
    except WarehouseLockedError as error:
        print(f"movewatch run did not start: {error}", file=sys.stderr)
        return 75  # EX_TEMPFAIL: try again later
    if not args.verbose:
        log = settings.reports_path() / "last-run-dbt.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(captured.getvalue(), encoding="utf-8")
    seconds = time.perf_counter() - started

    failed_steps = [e.step_key for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    failed_checks = [
        e.event_specific_data.check_name
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION" and not e.event_specific_data.passed
    ]
    print(f"\nmovewatch run {'succeeded' if result.success else 'FAILED'} in {seconds:.1f} s")
    print(f"warehouse: {db}")
    snapshot = settings.snapshot_path(db)
    if snapshot.exists():
        print(f"analyst snapshot: {snapshot}")
    if not args.verbose:
        print(f"dbt log: {settings.reports_path() / 'last-run-dbt.log'}")
    durations = [
        f"{e.step_key} {e.event_specific_data.duration_ms / 1000:.1f}s"
        for e in result.all_events
        if e.event_type_value == "STEP_SUCCESS"
    ]
    if durations:
        print("steps: " + ", ".join(durations))
    checks = [
        e.event_specific_data
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    ]
    passed = sum(1 for check in checks if check.passed)
    print(f"asset checks: {passed} passed, {len(checks) - passed} failed")
    if db.exists():
        for label, value in _summary(db):
            print(f"  {label:24s} {value}")
    for step in failed_steps:
        print(f"failed step: {step}", file=sys.stderr)
        for event in result.all_events:
            if event.step_key == step and event.event_type_value == "STEP_FAILURE":
                error = event.event_specific_data.error
                print(f"  {error.message.strip() if error else ''}", file=sys.stderr)
    for check in failed_checks:
        print(f"failed check: {check}", file=sys.stderr)
    return 0 if result.success else 1


def extract_command(args: argparse.Namespace) -> int:
    """Extract facts from a JSONL of {doc_id, text} into the gold format."""
    from movewatch.extraction import extract_file

    workers = args.workers or os.cpu_count() or 1
    counts = extract_file(Path(args.input), Path(args.output), n_process=workers)
    print(counts, file=sys.stderr)
    return 0


def eval_command(args: argparse.Namespace) -> int:
    """Extract the documents a gold file names and score them; print misses and false alarms."""
    from movewatch.extraction import evaluate
    from movewatch.extraction.learned.fact_model import RULES_ONLY_ENV

    if args.rules_only:
        os.environ[RULES_ONLY_ENV] = "1"
    result = evaluate(
        Path(args.gold),
        Path(args.docs) if args.docs else None,
        n_process=args.workers or os.cpu_count() or 1,
        split=args.split,
    )
    print(result.text)
    return 0


def train_command(args: argparse.Namespace) -> int:
    """Train the fact model and the status model on the labelled corpus and write their
    weights."""
    from movewatch.extraction.learned.fact_model import WEIGHTS_DIR
    from movewatch.training.trainer import TRAINING_CORPUS, render_report, run_training

    weights = Path(args.weights) if args.weights else WEIGHTS_DIR
    options = {"shared_root": Path(args.shared_root)} if args.shared_root else {}
    report = run_training(Path(args.corpus) if args.corpus else TRAINING_CORPUS, weights,
                          curve=not args.no_curve, **options)
    print(render_report(report))
    print(f"weights written to {weights}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the `movewatch` command."""
    parser = argparse.ArgumentParser(prog="movewatch", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run the main Dagster job in this process")
    run.add_argument(
        "--source",
        action="append",
        metavar="PATH_OR_URL",
        help="folder, file or feed URL to ingest (repeatable; default: data/inbox)",
    )
    run.add_argument("--db", help="warehouse file (default $MOVEWATCH_DB, data/warehouse.duckdb)")
    run.add_argument("--workers", type=int, help="extraction processes (default: CPU count)")
    run.add_argument("--verbose", action="store_true", help="show Dagster's INFO logs")
    run.add_argument("--wait", type=float, default=LOCK_WAIT_SECONDS,
                     help="seconds to wait for another run on the same warehouse (default 60)")
    run.set_defaults(func=run_command)

    extract = commands.add_parser("extract", help="extract facts from {doc_id, text} JSONL")
    extract.add_argument("input")
    extract.add_argument("-o", "--output", required=True)
    extract.add_argument("--workers", type=int)
    extract.set_defaults(func=extract_command)

    evaluate = commands.add_parser("eval", help="score the extractor on a gold file")
    evaluate.add_argument("gold")
    evaluate.add_argument("--docs", help="JSONL of {doc_id, text} (default: shared corpora)")
    evaluate.add_argument("--workers", type=int)
    evaluate.add_argument("--split", choices=["train", "validation", "test"],
                          help="only that split of a training corpus file (its 'split' field)")
    evaluate.add_argument("--rules-only", action="store_true",
                          help="extract with the rules alone (as MOVEWATCH_RULES_ONLY=1)")
    evaluate.set_defaults(func=eval_command)

    train = commands.add_parser("train", help="train the fact and status models on the labelled "
                                              "corpus")
    train.add_argument("--corpus",
                       help="labelled corpus with train/validation splits "
                            "(default data/training/corpus.jsonl)")
    train.add_argument("--weights",
                       help="folder for the weights (default: the package's, which runs use)")
    train.add_argument("--shared-root", help="folder holding corpora/ (default ../shared)")
    train.add_argument("--no-curve", action="store_true", help="skip the learning curve")
    train.set_defaults(func=train_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `movewatch` command."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
