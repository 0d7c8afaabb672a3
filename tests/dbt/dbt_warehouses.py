"""Tiny warehouses built by hand and an in-process dbt runner, for the dbt project's tests.

The seeded warehouse holds the Microsoft story of the shared seeds, written as the Python
stages would write it: two reports of the relocation (an earlier one saying 'considering'),
a syndicated copy of the first report, a superseded version of the second one, the two US
export controls reported by both articles, and the move-policy link made by both articles.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner, dbtRunnerResult
from dbt.contracts.graph.manifest import Manifest

from movewatch.warehouse.countries import country_rows as reference_country_rows

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

WAREHOUSE_FILE = "warehouse.duckdb"
EXTRACTED_AT = datetime(2024, 5, 20, tzinfo=UTC)


@dataclass(frozen=True)
class DbtBuild:
    """The outcome of one `dbt build` against a warehouse file."""

    db_path: Path
    result: dbtRunnerResult
    statuses: dict[str, str]

    def query(self, sql: str) -> list[tuple]:
        """Rows of a query against the built warehouse (read-only)."""
        with duckdb.connect(str(self.db_path), read_only=True) as con:
            return con.execute(sql).fetchall()

    def query_dicts(self, sql: str) -> list[dict]:
        """Rows of a query as dicts keyed by column name."""
        with duckdb.connect(str(self.db_path), read_only=True) as con:
            cursor = con.execute(sql)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def release_dbt_duckdb() -> None:
    """Close the DuckDB database dbt-duckdb keeps open in-process after an invocation.

    dbt-duckdb caches one environment per process (a class attribute); while it is open,
    the same file cannot be opened with another configuration, e.g. read-only by a test.
    """
    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


def run_dbt(
    args: list[str], db_path: Path, work_dir: Path, manifest: Manifest | None = None
) -> dbtRunnerResult:
    """Run a dbt command in-process against `db_path`, keeping target/ and logs in work_dir.

    With a parsed `manifest` dbt skips parsing, which is most of the time of a small build.
    """
    previous = os.environ.get("MOVEWATCH_DB")
    os.environ["MOVEWATCH_DB"] = str(db_path)
    try:
        return dbtRunner(manifest=manifest).invoke(
            [
                *args,
                "--project-dir", str(DBT_PROJECT_DIR),
                "--profiles-dir", str(DBT_PROJECT_DIR),
                "--target-path", str(work_dir / "target"),
                "--log-path", str(work_dir / "logs"),
                "--quiet",
            ]
        )
    finally:
        release_dbt_duckdb()
        if previous is None:
            os.environ.pop("MOVEWATCH_DB", None)
        else:
            os.environ["MOVEWATCH_DB"] = previous


def build_warehouse(
    db_path: Path, work_dir: Path, manifest: Manifest, select: tuple[str, ...] = ()
) -> DbtBuild:
    """`dbt build` the project (or the `select`ed part) and collect each node's status."""
    # cautious: only the tests whose parents are all selected, so no test hits a missing view.
    args = ["build", "--indirect-selection", "cautious"]
    if select:
        args += ["--select", *select]
    result = run_dbt(args, db_path, work_dir, manifest)
    statuses = {}
    if result.result is not None:
        statuses = {r.node.unique_id: str(r.status) for r in result.result.results}
    return DbtBuild(db_path=db_path, result=result, statuses=statuses)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert dict rows into raw.<table>, naming the columns."""
    for row in rows:
        columns = ", ".join(row)
        placeholders = ", ".join("?" for _ in row)
        con.execute(
            f"insert into raw.{table} ({columns}) values ({placeholders})", list(row.values())
        )


def country_rows() -> list[dict]:
    """raw.countries as the Python countries asset fills it (pycountry plus the EU)."""
    return reference_country_rows().to_dicts()


def article(article_id: str, source_key: str, published_at: datetime, **extra: object) -> dict:
    """A raw.articles row with sensible defaults."""
    return {
        "article_id": article_id,
        "content_hash": f"content-{article_id}",
        "raw_hash": f"raw-{article_id}",
        "source_key": source_key,
        "source": "seeds",
        "source_kind": "text",
        "position": source_key,
        "text": f"Text of {article_id}.",
        "published_at": published_at,
        "ingested_at": datetime(2024, 5, 20, 9, tzinfo=UTC),
        "language": "en",
        "word_count": 3,
        **extra,
    }


def company_move(fact_id: str, article_id: str, **extra: object) -> dict:
    """A raw.company_moves row for the Microsoft relocation; extra overrides fields."""
    return {
        "fact_id": fact_id,
        "article_id": article_id,
        "company": "Microsoft",
        "company_key": "microsoft",
        "move_type": "relocation",
        "countries": ["CN"],
        "to_countries": ["US", "IE", "AU", "NZ"],
        "headcount_min": 700,
        "headcount_max": 800,
        "target": None,
        "status": "announced",
        "evidence": f"Evidence sentence of {fact_id}.",
        "evidence_start": 0,
        "evidence_end": 10,
        "attributed_to": None,
        "is_unverified": False,
        "confidence": 0.9,
        "extractor_version": "test-1",
        "extracted_at": EXTRACTED_AT,
        **extra,
    }


def policy_action(fact_id: str, article_id: str, **extra: object) -> dict:
    """A raw.policy_actions row of a US export control; extra overrides fields."""
    return {
        "fact_id": fact_id,
        "article_id": article_id,
        "actor": "the United States",
        "actor_country": "US",
        "action_type": "export_control",
        "target_country": "CN",
        "subject": "advanced chips",
        "status": "in_force",
        "evidence": f"Evidence sentence of {fact_id}.",
        "evidence_start": 0,
        "evidence_end": 10,
        "attributed_to": None,
        "is_unverified": False,
        "confidence": 0.8,
        "extractor_version": "test-1",
        "extracted_at": EXTRACTED_AT,
        **extra,
    }


def write_seed_story(con: duckdb.DuckDBPyConnection) -> None:
    """The Microsoft story as the Python stages would leave it in the raw tables."""
    insert_rows(con, "countries", country_rows())
    insert_rows(
        con,
        "articles",
        [
            article("a-cnbc", "seed/000", datetime(2024, 5, 16, 10, tzinfo=UTC),
                    outlet="CNBC", title="Microsoft may move China staff"),
            # A syndicated copy of the CNBC report in another outlet.
            article("a-cnbc-copy", "feed/yahoo/1", datetime(2024, 5, 16, 12, tzinfo=UTC),
                    outlet="Yahoo Finance", title="Microsoft may move China staff",
                    duplicate_of="a-cnbc", duplicate_kind="exact", source_kind="feed"),
            # The rewrite, first read in a version that a later edit replaced.
            article("a-rewrite-v1", "seed/001", datetime(2024, 5, 17, 8, tzinfo=UTC),
                    title="Microsoft offers China staff transfers (draft)"),
            article("a-rewrite", "seed/001", datetime(2024, 5, 17, 8, tzinfo=UTC),
                    title="Microsoft offers China staff transfers", version_of="a-rewrite-v1"),
        ],
    )
    insert_rows(
        con,
        "article_stories",
        [
            {"article_id": article_id, "story_id": "story-microsoft"}
            for article_id in ("a-cnbc", "a-cnbc-copy", "a-rewrite-v1", "a-rewrite")
        ],
    )
    insert_rows(
        con,
        "company_moves",
        [
            company_move("m-cnbc", "a-cnbc", status="considering",
                         attributed_to="The Wall Street Journal", is_unverified=True),
            company_move("m-cnbc-copy", "a-cnbc-copy", status="considering",
                         attributed_to="The Wall Street Journal", is_unverified=True),
            # Superseded: must not count (else status would be 'cancelled', headcount 5000).
            company_move("m-rewrite-v1", "a-rewrite-v1", status="cancelled",
                         headcount_min=5000, headcount_max=5000),
            company_move("m-rewrite", "a-rewrite", company="Microsoft Corp",
                         attributed_to="unnamed sources"),
        ],
    )
    insert_rows(
        con,
        "policy_actions",
        [
            policy_action("p-cnbc-chips", "a-cnbc"),
            policy_action("p-cnbc-ai", "a-cnbc", actor="the Biden administration",
                          target_country=None, subject="advanced AI models",
                          status="considering"),
            policy_action("p-rewrite-chips", "a-rewrite", actor="The U.S.",
                          subject="chip-making equipment"),
            policy_action("p-rewrite-ai", "a-rewrite", actor="The Biden administration",
                          target_country=None, subject="advanced AI models",
                          status="considering"),
        ],
    )
    insert_rows(
        con,
        "move_policy_links",
        [
            {"move_fact_id": "m-cnbc", "policy_fact_id": "p-cnbc-chips", "article_id": "a-cnbc",
             "cue": "amid", "evidence": "The move comes amid US efforts."},
            {"move_fact_id": "m-rewrite", "policy_fact_id": "p-rewrite-chips",
             "article_id": "a-rewrite", "cue": "amid", "evidence": "Amid restrictions."},
        ],
    )
    events = {
        "m-cnbc": ("company_move", "e-move"),
        "m-cnbc-copy": ("company_move", "e-move"),
        "m-rewrite-v1": ("company_move", "e-move"),
        "m-rewrite": ("company_move", "e-move"),
        "p-cnbc-chips": ("policy_action", "e-chips"),
        "p-rewrite-chips": ("policy_action", "e-chips"),
        "p-cnbc-ai": ("policy_action", "e-ai"),
        "p-rewrite-ai": ("policy_action", "e-ai"),
    }
    insert_rows(
        con,
        "fact_events",
        [
            {"fact_id": fact_id, "fact_kind": kind, "event_id": event_id}
            for fact_id, (kind, event_id) in events.items()
        ],
    )
