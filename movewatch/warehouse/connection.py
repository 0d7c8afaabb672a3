"""Opening the warehouse: one writing process at a time, with a clear message when it is held.

Every movewatch writer (a Python stage, the dbt build, a whole `movewatch run`) first takes
the warehouse's writer lock (`writer_lock`: an advisory lock on ``<warehouse>.lock`` that
names its holder), so concurrent runs wait for each other stage by stage instead of failing on
DuckDB's own lock; dbt's subprocess, which cannot wait, runs only while its asset holds it.

DuckDB lets one process write a file, or many read it, never both. A run that finds the file
held waits with backoff for a while, then fails naming the process that holds it (DuckDB says
which), so an analyst knows what to close. Analysts who keep a session open should query the
snapshot published after each run instead (see `movewatch.warehouse.snapshot`).
"""

from __future__ import annotations

import fcntl
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
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


_held_locks: dict[str, list[int]] = {}  # lock file -> [fd, depth] held by this process
_held_guard = threading.Lock()


def _lock_holder(fd: int) -> str:
    try:
        text = os.pread(fd, 500, 0).decode("utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "another movewatch process"


@contextmanager
def writer_lock(
    path: str | Path, *, wait_seconds: float = LOCK_WAIT_SECONDS, holder: str = "movewatch"
) -> Iterator[None]:
    """Hold the warehouse's writer lock, waiting up to ``wait_seconds`` for another process.

    Re-entrant within a process (a `movewatch run` holds it while its stages take it again).
    Raises WarehouseLockedError naming the holder (what it is, its PID, since when).
    """
    lock_path = Path(str(Path(path).resolve()) + ".lock")
    key = str(lock_path)
    with _held_guard:
        held = _held_locks.get(key)
        if held is not None:
            held[1] += 1
    if held is not None:
        try:
            yield
        finally:
            with _held_guard:
                held[1] -= 1
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise WarehouseLockedError(
                        f"The warehouse {path} is locked by {_lock_holder(fd)}; waited "
                        f"{wait_seconds:.0f} s. Let that run finish (or stop it) and run again."
                    ) from None
                time.sleep(min(delay, left))
                delay = min(delay * 2, 1.0)
        since = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{holder} (PID {os.getpid()}) since {since}".encode(), 0)
        with _held_guard:
            _held_locks[key] = [fd, 1]
        try:
            yield
        finally:
            with _held_guard:
                del _held_locks[key]
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
