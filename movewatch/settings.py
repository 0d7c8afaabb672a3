"""Where things live: the project root, the warehouse file, the inbox and the reports folder.

`MOVEWATCH_DB` names the warehouse for every part of movewatch (the Dagster resource and the
dbt profile alike); relative paths are resolved against the project root.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "data/warehouse.duckdb"
DEFAULT_INBOX = "data/inbox"


def resolve(path: str | os.PathLike[str]) -> Path:
    """An absolute path: relative ones are taken from the project root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (PROJECT_ROOT / p).resolve()


def warehouse_path() -> Path:
    """The warehouse file named by MOVEWATCH_DB (default data/warehouse.duckdb)."""
    return resolve(os.environ.get("MOVEWATCH_DB") or DEFAULT_DB)


def snapshot_path(db: Path | None = None) -> Path:
    """The read-only copy published for analysts after each successful run.

    MOVEWATCH_SNAPSHOT overrides it; by default it sits beside the warehouse as
    `<name>.snapshot.duckdb`.
    """
    if os.environ.get("MOVEWATCH_SNAPSHOT"):
        return resolve(os.environ["MOVEWATCH_SNAPSHOT"])
    db = db or warehouse_path()
    return db.with_name(f"{db.stem}.snapshot{db.suffix or '.duckdb'}")


def inbox_path() -> Path:
    """The folder watched for dropped articles (MOVEWATCH_INBOX, default data/inbox)."""
    return resolve(os.environ.get("MOVEWATCH_INBOX") or DEFAULT_INBOX)


def reports_path() -> Path:
    """Where run briefs are written: MOVEWATCH_REPORTS, or ``reports/`` beside the warehouse
    (data/reports for the default warehouse), so each warehouse keeps its own briefs."""
    configured = os.environ.get("MOVEWATCH_REPORTS")
    return resolve(configured) if configured else warehouse_path().parent / "reports"
