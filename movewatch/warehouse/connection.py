"""Opening the warehouse: one writing process at a time, with a clear message when it is held.

DuckDB lets one process write a file, or many read it, never both. A run that finds the file
held waits with backoff for a while, then fails naming the process that holds it (DuckDB says
which), so an analyst knows what to close. Analysts who keep a session open should query the
snapshot published after each run instead (see `movewatch.warehouse.snapshot`).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb

LOCK_WAIT_SECONDS = 60.0
# New warehouse files are written in a storage format that the DuckDB CLI on PyPI
# (duckdb-cli 1.5) can open too; an existing file keeps the format it was created with.
STORAGE_COMPATIBILITY = "v1.5.0"


class WarehouseLockedError(RuntimeError):
    """The warehouse file is held by another process for longer than we were willing to wait."""


def _holder(message: str) -> str:
    match = re.search(r"Conflicting lock is held in (.+?) \(PID (\d+)\)", message)
    if match:
        return f"{match.group(1)} (PID {match.group(2)})"
    return "another process"


def connect(
    path: str | Path,
    *,
    read_only: bool = False,
    wait_seconds: float = LOCK_WAIT_SECONDS,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting up to `wait_seconds` while another process holds its lock."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = 0.1
    while True:
        try:
            config = {} if read_only else {"storage_compatibility_version": STORAGE_COMPATIBILITY}
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() + delay > deadline:
                raise WarehouseLockedError(
                    f"The warehouse {path} is locked by {_holder(str(exc))}; waited "
                    f"{wait_seconds:.0f} s. Close that session (or query the snapshot "
                    f"published after each run instead) and run again."
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
