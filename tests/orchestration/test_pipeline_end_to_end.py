"""The main job end to end on the bundled sample: rows land, re-runs change nothing,
a killed run leaves a consistent warehouse, an analyst's open snapshot never blocks a run."""

import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
from pipeline_runs import SAMPLE_INBOX, Warehouse, make_warehouse

from movewatch.settings import PROJECT_ROOT, snapshot_path
from movewatch.sources import SourceSettings, read_sources

TABLES = [
    "raw.articles",
    "raw.article_signatures",
    "raw.rejects",
    "raw.extractions",
    "raw.company_moves",
    "raw.policy_actions",
    "raw.move_policy_links",
    "raw.article_stories",
    "raw.fact_events",
    "marts.fct_company_moves",
    "marts.fct_policy_actions",
    "marts.fct_move_policy_links",
    "marts.dim_company",
    "marts.dim_story",
    "marts.mart_talent_flows",
    "marts.mart_policy_timeline",
    "marts.mart_company_exposure",
]


def contents(warehouse: Warehouse) -> dict[str, list[tuple]]:
    """Every row of the main tables, in a stable order."""
    return {table: sorted(map(repr, warehouse.query(f"select * from {table}"))) for table in TABLES}


def test_sample_run_loads_every_article_and_builds_the_marts(sample_warehouse: Warehouse) -> None:
    batch = read_sources([str(sample_warehouse.inbox)], SourceSettings())
    assert batch.articles.height > 0
    assert sample_warehouse.scalar("select count(*) from raw.articles") == batch.articles.height
    assert sample_warehouse.scalar("select count(*) from raw.rejects") == batch.rejects.height
    assert sample_warehouse.scalar("select count(*) from raw.company_moves") > 0
    assert sample_warehouse.scalar("select count(*) from marts.fct_company_moves") > 0
    assert sample_warehouse.scalar("select count(*) from marts.dim_country") > 200
    # Every fact went through extraction, and each article belongs to a story.
    assert (
        sample_warehouse.scalar(
            "select count(*) from raw.articles where article_id not in "
            "(select article_id from raw.article_stories)"
        )
        == 0
    )


def test_sample_run_writes_a_brief_and_a_snapshot(sample_warehouse: Warehouse) -> None:
    briefs = list(sample_warehouse.reports.glob("brief-*.md"))
    assert briefs, "no brief written"
    text = briefs[0].read_text()
    assert "## Top talent flows" in text and "company move events" in text
    assert list(sample_warehouse.reports.glob("brief-*.png"))
    snapshot = snapshot_path(sample_warehouse.db)
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        rows = con.execute("select count(*) from marts.fct_company_moves").fetchall()[0][0]
    finally:
        con.close()
    assert rows == sample_warehouse.scalar("select count(*) from marts.fct_company_moves")


def test_same_input_twice_gives_the_same_warehouse(sample_warehouse: Warehouse) -> None:
    before = contents(sample_warehouse)
    assert sample_warehouse.run() == 0
    assert contents(sample_warehouse) == before


READER = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    n = con.execute("select count(*) from marts.fct_company_moves").fetchall()[0][0]
    print(n, flush=True)
    time.sleep(120)
    """
)


def test_open_analyst_session_on_the_snapshot_never_blocks_a_run(
    sample_warehouse: Warehouse,
) -> None:
    snapshot = snapshot_path(sample_warehouse.db)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(snapshot)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert int(reader.stdout.readline()) >= 0
        assert sample_warehouse.run() == 0
        assert reader.poll() is None
    finally:
        reader.kill()
        reader.wait()


def test_killed_run_leaves_a_consistent_warehouse_and_rerun_completes(
    tmp_path: Path, isolated_env: Path
) -> None:
    warehouse = make_warehouse(tmp_path, SAMPLE_INBOX, "seeds/*")
    assert warehouse.run() == 0
    before = contents(warehouse)
    shutil.copytree(SAMPLE_INBOX, warehouse.inbox, dirs_exist_ok=True)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "orchestration.cli",
            "run",
            "--db",
            str(warehouse.db),
            "--source",
            str(warehouse.inbox),
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(12)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Whatever step it died in, every table is either as before or as a finished step left it.
    after_kill = contents(warehouse)
    articles = after_kill["raw.articles"]
    assert len(articles) >= len(before["raw.articles"])
    assert len(after_kill["raw.article_signatures"]) == len(articles)
    assert warehouse.run() == 0
    completed = contents(warehouse)

    clean = make_warehouse(tmp_path / "clean", warehouse.inbox)
    assert clean.run() == 0
    expected = contents(clean)
    for table in TABLES:
        assert len(completed[table]) == len(expected[table]), table


def test_readme_queries_answer_from_the_sample(sample_warehouse: Warehouse) -> None:
    # The analyst queries the README shows must keep running against the marts.
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Five questions") :]
    queries = re.findall(r"```sql\n(.*?)```", section, re.S)
    assert len(queries) >= 5
    for sql in queries:
        assert sample_warehouse.query(sql), sql


def test_dbt_tests_ran_as_passing_asset_checks(sample_warehouse: Warehouse) -> None:
    first_run = sample_warehouse.outputs[0]  # later tests re-run with nothing new: dbt skipped
    found = re.search(r"asset checks: (\d+) passed, (\d+) failed", first_run)
    assert found, first_run
    passed, failed = int(found.group(1)), int(found.group(2))
    # The dbt project's data tests (over a hundred) plus the Python evidence checks.
    assert passed > 100 and failed == 0
