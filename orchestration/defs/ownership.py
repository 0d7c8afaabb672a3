"""Who owns the assets and how they are tagged and kept fresh, the same for every stage."""

from datetime import timedelta

import dagster as dg

OWNERS = ["team:movewatch"]
# Tables written by the Python stages live in the warehouse schema `raw`: their keys start with
# it, and so does their group, as dbt's models are grouped by their schema's layer.
RAW_GROUP = "raw"
# The daily schedule runs at 06:00 UTC: analysts' tables older than a day and a bit are late.
DAILY_FRESHNESS = dg.FreshnessPolicy.time_window(
    fail_window=timedelta(hours=30), warn_window=timedelta(hours=26)
)


def stage_tags(stage: str) -> dict[str, str]:
    """Tags of an asset written by a pipeline stage (filterable in the UI's asset catalog)."""
    return {"movewatch/stage": stage}
