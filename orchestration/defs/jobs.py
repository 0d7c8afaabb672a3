"""The main job: ingest → normalise → extract → stories → dbt models and tests → brief."""

import dagster as dg

# In-process: the stages share one warehouse file, run one after another, and a run does not
# pay for a fresh Python process (spaCy, polars, dbt imports) per step.
movewatch_job = dg.define_asset_job(
    name="movewatch_job",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Materialise every movewatch asset, from the sources to the marts and brief.",
)


@dg.definitions
def jobs() -> dg.Definitions:
    """Register the main job."""
    return dg.Definitions(jobs=[movewatch_job])
