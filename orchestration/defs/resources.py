"""Resources shared by the stages: the warehouse, the sources to ingest, extraction settings."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource
from pydantic import Field

from movewatch import settings
from movewatch.warehouse.connection import connect, writer_lock


class WarehouseResource(DuckDBResource):
    """The DuckDB warehouse named by MOVEWATCH_DB, opened by one writer at a time.

    Unlike the plain DuckDBResource it takes the warehouse's writer lock first and waits up
    to `lock_wait_seconds` for another process to release the file, then fails naming that
    process.
    """

    lock_wait_seconds: float = Field(default=60.0, description="How long to wait for the lock.")

    @contextmanager
    def get_connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        path = settings.resolve(self.database)
        with writer_lock(path, wait_seconds=self.lock_wait_seconds):
            con = connect(path, wait_seconds=self.lock_wait_seconds)
            try:
                yield con
            finally:
                con.close()


class SourcesResource(dg.ConfigurableResource):
    """What to ingest: folders, files and feed URLs, and the limits that guard the run."""

    paths: list[str] = Field(description="Folders (recursive), files and feed URLs to ingest.")
    max_article_mb: float = Field(default=10.0, description="Larger articles are rejected.")
    feed_timeout_seconds: float = Field(default=10.0, description="Timeout of each feed request.")
    feed_max_mb: float = Field(default=20.0, description="Feeds larger than this are rejected.")
    allow_private_links: bool = Field(
        default_factory=lambda: os.environ.get("MOVEWATCH_ALLOW_PRIVATE_LINKS", "") == "1",
        description="Follow feed items' links to loopback, private and link-local addresses "
        "(refused by default: a feed must not make movewatch fetch internal pages).",
    )

    def source_settings(self) -> object:
        """The movewatch.sources settings these values describe."""
        from movewatch.sources import SourceSettings

        return SourceSettings(
            max_article_bytes=int(self.max_article_mb * 1024 * 1024),
            feed_timeout_seconds=self.feed_timeout_seconds,
            feed_max_bytes=int(self.feed_max_mb * 1024 * 1024),
            allow_private_addresses=self.allow_private_links,
        )


class ExtractionResource(dg.ConfigurableResource):
    """How the extractor runs: worker processes for spaCy."""

    n_process: int = Field(
        default=1,
        description="Worker processes for extraction (a pool starts only for large batches).",
    )


@dg.definitions
def resources() -> dg.Definitions:
    """Register the shared resources under their keys."""
    return dg.Definitions(
        resources={
            "warehouse": WarehouseResource(database=str(settings.warehouse_path())),
            "sources": SourcesResource(paths=[str(settings.inbox_path())]),
            "extraction": ExtractionResource(
                n_process=int(os.environ.get("MOVEWATCH_WORKERS") or os.cpu_count() or 1)
            ),
        }
    )
