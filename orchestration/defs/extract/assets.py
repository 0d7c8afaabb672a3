"""Extract: company moves, policy actions and the links between them, per article."""

import dagster as dg
from tqdm import tqdm

from movewatch import stages
from movewatch.code_versions import package_digest
from orchestration.defs.ownership import OWNERS, RAW_GROUP, stage_tags
from orchestration.defs.pools import WAREHOUSE_POOL
from orchestration.defs.resources import ExtractionResource, WarehouseResource

FACT_TABLES = {
    "company_moves": "Company moves: one row per fact per article, with evidence.",
    "policy_actions": "Policy actions: one row per fact per article, with evidence.",
    "move_policy_links": "Moves citing a policy action of the same article as context or cause.",
    "extractions": "Which article went through which extractor version.",
}


@dg.multi_asset(
    name="extract_facts",
    specs=[
        dg.AssetSpec(
            ["raw", table],
            deps=[["raw", "articles"]],
            description=description,
            kinds={"python", "spacy", "duckdb"},
            code_version=package_digest("extraction", "stages"),
            owners=OWNERS,
            tags=stage_tags("extract"),
        )
        for table, description in FACT_TABLES.items()
    ],
    group_name=RAW_GROUP,
    pool=WAREHOUSE_POOL,
)
def extract_facts(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    extraction: ExtractionResource,
):
    """Extract facts from every article not yet seen by the current extractor version."""
    with (
        warehouse.get_connection() as con,
        tqdm(desc="extract", unit="article", disable=None, leave=False) as bar,
    ):
        result = stages.extract(con, n_process=extraction.n_process, progress=bar.update)
        counts = dict(
            con.execute(
                """
                select 'company_moves', count(*) from raw.company_moves union all
                select 'policy_actions', count(*) from raw.policy_actions union all
                select 'move_policy_links', count(*) from raw.move_policy_links union all
                select 'extractions', count(*) from raw.extractions
                """
            ).fetchall()
        )
    context.log.info(
        f"extract: {result.articles_extracted} articles, {result.company_moves} moves, "
        f"{result.policy_actions} policy actions ({result.extractor_version})"
    )
    added = {
        "company_moves": result.company_moves,
        "policy_actions": result.policy_actions,
        "move_policy_links": result.links,
        "extractions": result.articles_extracted,
    }
    for table in FACT_TABLES:
        yield dg.MaterializeResult(
            asset_key=["raw", table],
            metadata={
                "rows_in": result.articles_extracted,
                "rows_added": added[table],
                "errors": result.errors,
                "extractor_version": result.extractor_version,
                "duration_seconds": result.seconds,
                "dagster/row_count": counts[table],
            },
        )
