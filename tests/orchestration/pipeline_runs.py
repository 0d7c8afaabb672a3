"""Runs of the main job into temporary warehouses, for the end-to-end tests."""

import contextlib
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from movewatch.settings import PROJECT_ROOT
from movewatch.warehouse.connection import connect
from orchestration.cli import main as movewatch

SAMPLE_INBOX = PROJECT_ROOT / "data" / "inbox"
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"


@dataclass
class Warehouse:
    """A temporary warehouse, the inbox its runs read, and where briefs go."""

    db: Path
    inbox: Path
    reports: Path
    outputs: list[str] = field(default_factory=list)

    def query(self, sql: str) -> list[tuple]:
        # Waits as the product does: a killed run's dbt subprocess may hold the file a while.
        con = connect(self.db, read_only=True, wait_seconds=60)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def scalar(self, sql: str) -> object:
        return self.query(sql)[0][0]

    def run(self) -> int:
        """Run the main job as `movewatch run` does; each run's summary goes to ``outputs``."""
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            code = movewatch(["run", "--db", str(self.db), "--source", str(self.inbox)])
        self.outputs.append(printed.getvalue())
        return code


def make_warehouse(tmp: Path, inbox_from: Path, pattern: str = "**/*") -> Warehouse:
    """A warehouse path in `tmp` and a copy of the files of `inbox_from` matching `pattern`."""
    inbox = tmp / "inbox"
    inbox.mkdir(parents=True)
    for path in inbox_from.glob(pattern):
        if path.is_file() and path.name != "README.md":
            target = inbox / path.relative_to(inbox_from)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return Warehouse(db=tmp / "warehouse.duckdb", inbox=inbox, reports=tmp / "reports")
