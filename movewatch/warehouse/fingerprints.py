"""Fingerprints of table contents, so a stage whose inputs did not change can be skipped.

A fingerprint is the row count and a sum of hashes of each table's key column: it changes
when any row is added, removed or replaced, and costs one scan of the key columns.
"""

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime

import duckdb

from movewatch.warehouse.schema import ensure_schema


def fingerprint(con: duckdb.DuckDBPyConnection, keys: Mapping[str, str], *extra: str) -> str:
    """A digest of the tables named in `keys` (table → key column) and any `extra` strings."""
    parts = list(extra)
    for table, key in sorted(keys.items()):
        count, total = con.execute(
            f"select count(*), coalesce(sum(hash({key})), 0) from {table}"
        ).fetchall()[0]
        parts.append(f"{table}:{count}:{total}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def last_fingerprint(con: duckdb.DuckDBPyConnection, stage: str) -> str | None:
    """The fingerprint the stage recorded after its last successful build, if any."""
    ensure_schema(con)
    rows = con.execute(
        "select fingerprint from raw.stage_fingerprints where stage = ?", [stage]
    ).fetchall()
    return rows[0][0] if rows else None


def record_fingerprint(con: duckdb.DuckDBPyConnection, stage: str, value: str) -> None:
    """Remember what the stage was built from."""
    ensure_schema(con)
    con.execute(
        "insert or replace into raw.stage_fingerprints values (?, ?, ?)",
        [stage, value, datetime.now(UTC)],
    ).fetchall()
