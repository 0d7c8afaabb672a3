"""The run brief (Markdown + chart) and the snapshot published for analysts."""

import base64
from datetime import UTC, datetime

import dagster as dg

from movewatch import settings
from movewatch.code_versions import package_digest
from movewatch.reports.brief import build_brief
from movewatch.warehouse.snapshot import publish_snapshot
from orchestration.defs.ownership import DAILY_FRESHNESS, OWNERS, stage_tags
from orchestration.defs.pools import WAREHOUSE_POOL
from orchestration.defs.resources import WarehouseResource

MARTS_READ = [
    ["marts", "fct_company_moves"],
    ["marts", "fct_company_move_reports"],
    ["marts", "fct_policy_actions"],
    ["marts", "fct_policy_action_reports"],
    ["marts", "mart_talent_flows"],
]


def _run_started(context: dg.AssetExecutionContext) -> datetime:
    stats = context.instance.get_run_stats(context.run.run_id)
    started = stats.start_time or stats.launch_time
    return datetime.fromtimestamp(started, UTC) if started else datetime.now(UTC)


@dg.asset(
    key=["reports", "brief"],
    deps=MARTS_READ,
    group_name="reports",
    kinds={"python", "markdown"},
    code_version=package_digest("reports"),
    owners=OWNERS,
    tags=stage_tags("reports"),
    freshness_policy=DAILY_FRESHNESS,
    description="What this run added: new and updated events, top talent flows, new policy "
    "actions, with a chart; also written to reports/ beside the warehouse.",
)
def brief(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Write the brief of this run and show it in the asset's metadata."""
    now = datetime.now(UTC)
    with warehouse.get_connection() as con:
        result = build_brief(con, since=_run_started(context), now=now)
    folder = settings.reports_path()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"brief-{now:%Y%m%dT%H%M%S}"
    markdown = result.markdown
    metadata: dict = {**result.figures}
    if result.chart_png:
        (folder / f"{stem}.png").write_bytes(result.chart_png)
        markdown += f"\n![Top talent flows]({stem}.png)\n"
        encoded = base64.b64encode(result.chart_png).decode()
        metadata["chart"] = dg.MetadataValue.md(
            f"![Top talent flows](data:image/png;base64,{encoded})"
        )
    path = folder / f"{stem}.md"
    path.write_text(markdown, encoding="utf-8")
    (folder / "latest.md").write_text(markdown, encoding="utf-8")
    metadata["brief"] = dg.MetadataValue.md(result.markdown)
    metadata["path"] = dg.MetadataValue.path(str(path))
    return dg.MaterializeResult(metadata=metadata)


@dg.asset(
    key=["reports", "analytics_snapshot"],
    deps=[["reports", "brief"]],
    group_name="reports",
    kinds={"duckdb"},
    code_version=package_digest("warehouse/snapshot"),
    owners=OWNERS,
    tags=stage_tags("reports"),
    pool=WAREHOUSE_POOL,
    description="A read-only copy of the warehouse for analysts, replaced atomically after "
    "each successful run, so an open SQL session never blocks a run.",
)
def analytics_snapshot(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Publish the snapshot beside the warehouse."""
    db = settings.resolve(warehouse.database)
    snapshot = publish_snapshot(
        db, settings.snapshot_path(db), wait_seconds=warehouse.lock_wait_seconds
    )
    return dg.MaterializeResult(
        metadata={"path": dg.MetadataValue.path(str(snapshot)), "bytes": snapshot.stat().st_size}
    )
