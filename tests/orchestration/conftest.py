"""Fixtures for end-to-end tests: a temporary warehouse and runs of the main job into it."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pipeline_runs import SAMPLE_INBOX, SEEDS, Warehouse, make_warehouse


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
