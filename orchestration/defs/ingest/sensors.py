"""A sensor that starts the main job when files land in (or change in) the inbox."""

import hashlib
from pathlib import Path

import dagster as dg

from movewatch.sources.documentation import is_documentation
from orchestration.defs.jobs import movewatch_job
from orchestration.defs.resources import SourcesResource


def folder_listing(folders: list[str]) -> dict[str, str]:
    """Every article file below the local folders: path → "mtime_ns:size".

    URLs are skipped, and so are the files the readers skip as documentation (hidden files,
    README, licence), so editing the inbox's README starts no run.
    """
    listing: dict[str, str] = {}
    for folder in folders:
        root = Path(folder)
        if "://" in folder or not root.exists():
            continue
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in files:
            if is_documentation(path):
                continue
            stat = path.stat()
            listing[str(path)] = f"{stat.st_mtime_ns}:{stat.st_size}"
    return listing


def listing_digest(listing: dict[str, str]) -> str:
    """A short digest of a folder listing: the sensor's whole cursor, whatever the inbox size."""
    text = "\n".join(f"{path}={stamp}" for path, stamp in sorted(listing.items()))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dg.sensor(
    job=movewatch_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts the main job when new or changed files are in the inbox.",
)
def inbox_sensor(
    context: dg.SensorEvaluationContext, sources: SourcesResource
) -> dg.SensorResult | dg.SkipReason:
    """Compare the inbox's listing digest with the one kept in the cursor."""
    listing = folder_listing(sources.paths)
    digest = listing_digest(listing)
    if context.cursor == digest or not listing:
        return dg.SkipReason("No new or changed files in the inbox.")
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(run_key=digest, tags={"movewatch/inbox_files": str(len(listing))})
        ],
        cursor=digest,
    )


@dg.definitions
def sensors() -> dg.Definitions:
    """Register the inbox sensor."""
    return dg.Definitions(sensors=[inbox_sensor])
