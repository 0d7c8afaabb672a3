"""Two runs on one warehouse: the second waits for the first (never a raw DuckDB lock error),
or stops with a message naming the holder when it waited longer than it was told to."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from pipeline_runs import SEEDS, make_warehouse

RUN = "from orchestration.cli import main; raise SystemExit(main())"
HOLD = textwrap.dedent(
    """
    import sys, time
    from movewatch.warehouse.connection import writer_lock
    with writer_lock(sys.argv[1], holder="test holder"):
        print("ready", flush=True)
        time.sleep(60)
    """
)


def _env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["MOVEWATCH_REPORTS"] = str(tmp / "reports")
    env["MOVEWATCH_WORKERS"] = "1"
    env.pop("DAGSTER_HOME", None)
    return env


def test_a_run_on_a_held_warehouse_stops_with_the_holder_named(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path, SEEDS, "*.txt")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(warehouse.db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        done = subprocess.run(
            [sys.executable, "-c", RUN, "run", "--db", str(warehouse.db), "--source",
             str(warehouse.inbox), "--wait", "1"],
            capture_output=True, text=True, env=_env(tmp_path), timeout=300,
        )
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 75, done.stderr
    assert f"is locked by test holder (PID {holder.pid})" in done.stderr
    assert "IOException" not in done.stderr
    assert not warehouse.db.exists()  # nothing was written


def test_two_runs_started_together_both_succeed_one_after_the_other(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path, SEEDS, "*.txt")
    command = [sys.executable, "-c", RUN, "run", "--db", str(warehouse.db), "--source",
               str(warehouse.inbox), "--wait", "300"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, env=_env(tmp_path)) for _ in range(2)]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    for run, output in zip(runs, outputs, strict=True):
        assert run.returncode == 0, output
        assert "IOException" not in output and "Could not set lock" not in output, output
    assert sum("articles" in output for output in outputs) == 2
