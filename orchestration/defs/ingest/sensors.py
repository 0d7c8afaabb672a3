"""A sensor that starts the main job when files land in (or change in) the inbox."""

import hashlib
import json
from pathlib import Path

import dagster as dg

from orchestration.defs.jobs import movewatch_job
from orchestration.defs.resources import SourcesResource


def folder_listing(folders: list[str]) -> dict[str, str]:
    """Every file below the local folders (URLs are skipped): path → "mtime_ns:size"."""
    listing: dict[str, str] = {}
    for folder in folders:
        root = Path(folder)
        if "://" in folder or not root.exists():
            continue
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in files:
            if path.name.startswith("."):
                continue
            stat = path.stat()
            listing[str(path)] = f"{stat.st_mtime_ns}:{stat.st_size}"
    return listing


def new_or_changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Files in `after` that are new or differ from `before`, sorted."""
    return sorted(path for path, stamp in after.items() if before.get(path) != stamp)


@dg.sensor(
    job=movewatch_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts the main job when new or changed files are in the inbox.",
)
def inbox_sensor(
    context: dg.SensorEvaluationContext, sources: SourcesResource
) -> dg.SensorResult | dg.SkipReason:
    """Compare the inbox with the listing kept in the cursor."""
    before = json.loads(context.cursor) if context.cursor else {}
    after = folder_listing(sources.paths)
    changed = new_or_changed(before, after)
    if not changed:
        return dg.SkipReason("No new or changed files in the inbox.")
    run_key = hashlib.sha256("\n".join(f"{p}={after[p]}" for p in changed).encode()).hexdigest()
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(run_key=run_key[:24], tags={"movewatch/changed_files": str(len(changed))})
        ],
        cursor=json.dumps(after, sort_keys=True),
    )


@dg.definitions
def sensors() -> dg.Definitions:
    """Register the inbox sensor."""
    return dg.Definitions(sensors=[inbox_sensor])
