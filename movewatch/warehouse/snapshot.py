"""Publishing a read-only snapshot of the warehouse for analysts.

After a successful run the working file is checkpointed and copied to a temporary file beside
the snapshot, which then replaces the snapshot with one atomic rename. An analyst's session
open on the old snapshot keeps reading the file it opened (the old inode) and never blocks a
run; the next session opens the new snapshot.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from movewatch.warehouse.connection import connect, writer_lock


def publish_snapshot(db: Path, snapshot: Path, *, wait_seconds: float = 60.0) -> Path:
    """Copy the warehouse `db` to `snapshot` atomically; returns the snapshot path."""
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    tmp = snapshot.with_name(f".{snapshot.name}.{os.getpid()}.tmp")
    # Holding a writing connection keeps other writers out while the file is copied.
    with writer_lock(db, wait_seconds=wait_seconds, holder="snapshot publishing"):
        con = connect(db, wait_seconds=wait_seconds)
        try:
            con.execute("checkpoint").fetchall()
            shutil.copyfile(db, tmp)
        finally:
            con.close()
    os.replace(tmp, snapshot)
    return snapshot
