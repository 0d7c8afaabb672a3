"""Stories and events: cluster articles into stories and facts into real-world events."""

import dagster as dg

from movewatch import stages
from movewatch.code_versions import package_digest
from orchestration.defs.ownership import OWNERS, RAW_GROUP, stage_tags
from orchestration.defs.pools import WAREHOUSE_POOL
from orchestration.defs.resources import WarehouseResource

STORIES_CODE_VERSION = package_digest("stories", "stages")


@dg.multi_asset(
    name="build_stories",
    specs=[
        dg.AssetSpec(
            ["raw", "article_stories"],
            deps=[
                ["raw", "articles"],
                ["raw", "article_signatures"],
                ["raw", "company_moves"],
                ["raw", "policy_actions"],
            ],
            description="Each article's story (near-duplicate text, shared companies/countries).",
            kinds={"python", "datasketch", "duckdb"},
            code_version=STORIES_CODE_VERSION,
            owners=OWNERS,
            tags=stage_tags("stories"),
        ),
        dg.AssetSpec(
            ["raw", "fact_events"],
            deps=[["raw", "company_moves"], ["raw", "policy_actions"]],
            description="Each fact's consolidated real-world event.",
            kinds={"python", "duckdb"},
            code_version=STORIES_CODE_VERSION,
            owners=OWNERS,
            tags=stage_tags("stories"),
        ),
    ],
    group_name=RAW_GROUP,
    pool=WAREHOUSE_POOL,
)
def build_stories(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Recompute stories and events over the whole warehouse (deterministic)."""
    with warehouse.get_connection() as con:
        result = stages.build_stories(con)
    context.log.info(
        f"stories: {result.articles} articles in {result.stories} stories; "
        f"{result.facts} facts in {result.events} events"
    )
    # Same inputs, same tables: the data version says so, and a skipped rebuild is "unchanged".
    version = dg.DataVersion(result.inputs_fingerprint)
    skipped = {"skipped_unchanged": result.skipped}
    yield dg.MaterializeResult(
        asset_key=["raw", "article_stories"],
        data_version=version,
        metadata={
            **skipped,
            "rows_in": result.articles,
            "stories": result.stories,
            "dagster/row_count": result.articles,
            "duration_seconds": result.seconds,
        },
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "fact_events"],
        data_version=version,
        metadata={
            **skipped,
            "rows_in": result.facts,
            "events": result.events,
            "dagster/row_count": result.facts,
        },
    )
