"""Fixtures for the dbt project: the parsed manifest and warehouses built with dbt."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest
from dbt.contracts.graph.manifest import Manifest
from dbt_warehouses import WAREHOUSE_FILE, DbtBuild, build_warehouse, run_dbt, write_seed_story

from movewatch.warehouse.schema import ensure_schema


@pytest.fixture(scope="session")
def dbt_manifest(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    """The project parsed once per session (`dbt parse`), shared by every build."""
    work_dir = tmp_path_factory.mktemp("dbt_parse")
    # dbt-duckdb names the database after the file's stem and the manifest keeps that name,
    # so every warehouse built with this manifest is called warehouse.duckdb.
    result = run_dbt(["parse"], work_dir / WAREHOUSE_FILE, work_dir)
    assert result.success, result.exception
    assert isinstance(result.result, Manifest)
    return result.result


@pytest.fixture(scope="session")
def seeded_build(tmp_path_factory: pytest.TempPathFactory, dbt_manifest: Manifest) -> DbtBuild:
    """`dbt build` over a warehouse holding the Microsoft seed story."""
    work_dir = tmp_path_factory.mktemp("dbt_seeded")
    db_path = work_dir / WAREHOUSE_FILE
    with duckdb.connect(str(db_path)) as con:
        ensure_schema(con)
        write_seed_story(con)
    return build_warehouse(db_path, work_dir, dbt_manifest)


@pytest.fixture(scope="session")
def empty_build(tmp_path_factory: pytest.TempPathFactory, dbt_manifest: Manifest) -> DbtBuild:
    """`dbt build` over a fresh warehouse: raw tables created, all empty."""
    work_dir = tmp_path_factory.mktemp("dbt_empty")
    db_path = work_dir / WAREHOUSE_FILE
    with duckdb.connect(str(db_path)) as con:
        ensure_schema(con)
    return build_warehouse(db_path, work_dir, dbt_manifest)


WarehouseWriter = Callable[[duckdb.DuckDBPyConnection], None]


@pytest.fixture
def make_warehouse(
    tmp_path: Path, dbt_manifest: Manifest
) -> Iterator[Callable[[WarehouseWriter], DbtBuild]]:
    """Build a warehouse filled by the given writer function, then `dbt build` it (or a part)."""

    def make(write: WarehouseWriter, select: tuple[str, ...] = ()) -> DbtBuild:
        db_path = tmp_path / WAREHOUSE_FILE
        with duckdb.connect(str(db_path)) as con:
            ensure_schema(con)
            write(con)
        return build_warehouse(db_path, tmp_path, dbt_manifest, select)

    yield make
