"""A held warehouse gives a clear message; the analyst snapshot never blocks a run."""

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from movewatch.warehouse.connection import WarehouseLockedError, connect
from movewatch.warehouse.snapshot import publish_snapshot

HOLD = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
    con.execute("select count(*) from t").fetchall()
    print("ready", flush=True)
    time.sleep(60)
    """
)


def hold(path: Path, mode: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), mode], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table t as select 1 as x")
    con.close()
    return path


def test_locked_warehouse_names_the_holder(warehouse: Path) -> None:
    proc = hold(warehouse, "ro")
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseLockedError) as error:
            connect(warehouse, wait_seconds=1.0)
        assert time.monotonic() - started < 10
        assert f"PID {proc.pid}" in str(error.value)
        assert "snapshot" in str(error.value)
    finally:
        proc.kill()
        proc.wait()
    connect(warehouse, wait_seconds=1.0).close()


def test_reader_on_snapshot_does_not_block_writes_or_publishing(warehouse: Path) -> None:
    snapshot = warehouse.with_name("warehouse.snapshot.duckdb")
    publish_snapshot(warehouse, snapshot)
    reader = hold(snapshot, "ro")
    try:
        con = connect(warehouse, wait_seconds=1.0)
        con.execute("insert into t values (2)")
        con.close()
        publish_snapshot(warehouse, snapshot, wait_seconds=1.0)
        fresh = duckdb.connect(str(snapshot), read_only=True)
        assert fresh.execute("select count(*) from t").fetchall()[0][0] == 2
        fresh.close()
        assert reader.poll() is None  # the analyst's session is still alive
    finally:
        reader.kill()
        reader.wait()


HOLD_WRITER_LOCK = textwrap.dedent(
    """
    import sys, time
    from movewatch.warehouse.connection import writer_lock
    with writer_lock(sys.argv[1], holder="test holder"):
        print("ready", flush=True)
        time.sleep(60)
    """
)


def hold_writer_lock(path: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITER_LOCK, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_writer_lock_held_elsewhere_waits_then_names_its_holder(warehouse: Path):
    from movewatch.warehouse.connection import writer_lock

    proc = hold_writer_lock(warehouse)
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseLockedError) as caught, writer_lock(warehouse,
                                                                        wait_seconds=0.5):
            pass
        assert time.monotonic() - started >= 0.4
        assert f"test holder (PID {proc.pid})" in str(caught.value)
    finally:
        proc.kill()
        proc.wait()
    # Released when its holder ends: the lock is free again.
    with writer_lock(warehouse, wait_seconds=2):
        pass


def test_writer_lock_is_reentrant_in_one_process_and_released_after(warehouse: Path):
    from movewatch.warehouse.connection import writer_lock

    with writer_lock(warehouse, wait_seconds=0.2), writer_lock(warehouse, wait_seconds=0.2):
        holder = Path(f"{warehouse}.lock").read_text()
        assert f"(PID {__import__('os').getpid()})" in holder
    proc = hold_writer_lock(warehouse)  # another process can take it now
    proc.kill()
    proc.wait()
