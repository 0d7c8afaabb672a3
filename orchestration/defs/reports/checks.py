"""Checks on the run brief: it is complete, agrees with the marts, and its chart exists."""

import re

import dagster as dg

from movewatch import settings
from orchestration.defs.resources import WarehouseResource

BRIEF_SECTIONS = ("## New company moves", "## Updated company moves", "## Top talent flows",
                  "## New policy actions")


@dg.asset_check(asset=dg.AssetKey(["reports", "brief"]), blocking=False)
def brief_is_complete(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """The latest brief has every section, counts the events the marts hold, and every image
    it shows is on disk beside it."""
    folder = settings.reports_path()
    latest = folder / "latest.md"
    if not latest.exists():
        return dg.AssetCheckResult(passed=False, metadata={"missing": str(latest)})
    markdown = latest.read_text(encoding="utf-8")
    missing_sections = [s for s in BRIEF_SECTIONS if s not in markdown]
    missing_images = [name for name in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", markdown)
                      if not (folder / name).exists()]
    counted = re.search(r"(\d+) company move events .*?; (\d+) policy action events", markdown)
    with warehouse.get_connection() as con:
        moves, policies = con.execute(
            "select (select count(*) from marts.fct_company_moves),"
            " (select count(*) from marts.fct_policy_actions)"
        ).fetchall()[0]
    agrees = counted is not None and (int(counted[1]), int(counted[2])) == (moves, policies)
    return dg.AssetCheckResult(
        passed=not missing_sections and not missing_images and agrees,
        metadata={
            "path": dg.MetadataValue.path(str(latest)),
            "missing_sections": dg.MetadataValue.json(missing_sections),
            "missing_images": dg.MetadataValue.json(missing_images),
            "brief_counts": counted.group(0) if counted else "none",
            "mart_counts": f"{moves} company move events; {policies} policy action events",
        },
    )
