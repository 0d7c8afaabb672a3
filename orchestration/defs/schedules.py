"""The daily schedule of the main job."""

import dagster as dg

from orchestration.defs.jobs import movewatch_job

daily_movewatch = dg.ScheduleDefinition(
    name="daily_movewatch",
    job=movewatch_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every day at 06:00 UTC: ingest the sources and rebuild facts and marts.",
)


@dg.definitions
def schedules() -> dg.Definitions:
    """Register the daily schedule."""
    return dg.Definitions(schedules=[daily_movewatch])
