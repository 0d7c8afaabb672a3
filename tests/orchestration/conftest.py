"""Fixtures for end-to-end tests: a temporary warehouse and runs of the main job into it."""

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from movewatch.settings import PROJECT_ROOT
from orchestration.cli import main as movewatch

SAMPLE_INBOX = PROJECT_ROOT / "data" / "inbox"
SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"


@dataclass
class Warehouse:
    """A temporary warehouse, the inbox its runs read, and where briefs go."""

    db: Path
    inbox: Path
    reports: Path

    def query(self, sql: str) -> list[tuple]:
        con = duckdb.connect(str(self.db), read_only=True)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def scalar(self, sql: str) -> object:
        return self.query(sql)[0][0]

    def run(self) -> int:
        return movewatch(["run", "--db", str(self.db), "--source", str(self.inbox)])


def make_warehouse(tmp: Path, inbox_from: Path, pattern: str = "*") -> Warehouse:
    inbox = tmp / "inbox"
    inbox.mkdir(parents=True)
    for path in inbox_from.glob(pattern):
        if path.is_file() and path.name != "README.md":
            shutil.copy(path, inbox / path.name)
    return Warehouse(db=tmp / "warehouse.duckdb", inbox=inbox, reports=tmp / "reports")


@pytest.fixture(scope="module")
def isolated_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point reports and Dagster at a temporary folder; restore the environment after."""
    tmp = tmp_path_factory.mktemp("env")
    saved = dict(os.environ)
    os.environ["MOVEWATCH_REPORTS"] = str(tmp / "reports")
    os.environ.pop("DAGSTER_HOME", None)
    os.environ.pop("MOVEWATCH_SNAPSHOT", None)
    yield tmp
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory, isolated_env: Path) -> Warehouse:
    """The main job run once on a copy of the bundled sample inbox."""
    warehouse = make_warehouse(tmp_path_factory.mktemp("sample"), SAMPLE_INBOX)
    warehouse.reports = isolated_env / "reports"
    assert warehouse.run() == 0
    return warehouse


@pytest.fixture(scope="module")
def seeds_warehouse(tmp_path_factory: pytest.TempPathFactory, isolated_env: Path) -> Warehouse:
    """The main job run on the two seed articles only."""
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not present")
    warehouse = make_warehouse(tmp_path_factory.mktemp("seeds"), SEEDS, "*.txt")
    assert warehouse.run() == 0
    return warehouse
