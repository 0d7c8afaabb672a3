"""Ingest: read the sources, normalise with polars, load raw.articles and raw.rejects."""

import dagster as dg

from movewatch import stages
from movewatch.code_versions import package_digest
from orchestration.defs.ownership import OWNERS, RAW_GROUP, stage_tags
from orchestration.defs.pools import WAREHOUSE_POOL
from orchestration.defs.resources import SourcesResource, WarehouseResource


class IngestConfig(dg.Config):
    """Run-time override of what to ingest (empty: the sources resource's paths)."""

    sources: list[str] = []


INGEST_CODE_VERSION = package_digest("sources", "normalise", "warehouse", "stages")


@dg.multi_asset(
    name="ingest_articles",
    specs=[
        dg.AssetSpec(
            ["raw", "articles"],
            description="One row per article version, normalised, with duplicates marked.",
            kinds={"python", "polars", "duckdb"},
            code_version=INGEST_CODE_VERSION,
            owners=OWNERS,
            tags=stage_tags("ingest"),
        ),
        dg.AssetSpec(
            ["raw", "article_signatures"],
            description="MinHash signature of each article (near-duplicates, stories).",
            kinds={"python", "duckdb"},
            code_version=INGEST_CODE_VERSION,
            owners=OWNERS,
            tags=stage_tags("ingest"),
        ),
        dg.AssetSpec(
            ["raw", "rejects"],
            description="Input that could not become an article, with the reason.",
            kinds={"python", "duckdb"},
            code_version=INGEST_CODE_VERSION,
            owners=OWNERS,
            tags=stage_tags("ingest"),
        ),
    ],
    group_name=RAW_GROUP,
    pool=WAREHOUSE_POOL,
)
def ingest_articles(
    context: dg.AssetExecutionContext,
    config: IngestConfig,
    warehouse: WarehouseResource,
    sources: SourcesResource,
):
    """Read every source, skip what is already loaded, and load the rest with its rejects."""
    paths = config.sources or sources.paths
    with warehouse.get_connection() as con:
        result = stages.ingest(con, paths, sources.source_settings())
        totals = con.execute(
            "select (select count(*) from raw.articles), (select count(*) from raw.rejects)"
        ).fetchall()[0]
    context.log.info(
        f"ingest: {result.records_read} records read, {result.articles_added} added, "
        f"{result.rejects_found} rejects"
    )
    common = {"sources": dg.MetadataValue.json(list(paths))}
    yield dg.MaterializeResult(
        asset_key=["raw", "articles"],
        metadata={
            **common,
            "rows_in": result.records_read,
            "rows_added": result.articles_added,
            "new_versions": result.new_versions,
            "duplicates_marked": result.duplicates_marked,
            "rejects": result.rejects_found,
            "dagster/row_count": totals[0],
            "duration_seconds": round(sum(result.seconds.values()), 3),
            "seconds_per_step": dg.MetadataValue.json(result.seconds),
        },
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "article_signatures"],
        metadata={"rows_added": result.articles_added},
    )
    yield dg.MaterializeResult(
        asset_key=["raw", "rejects"],
        metadata={
            "rows_in": result.rejects_found,
            "rows_added": result.rejects_added,
            "dagster/row_count": totals[1],
        },
    )


@dg.asset(
    key=["raw", "countries"],
    group_name=RAW_GROUP,
    kinds={"python", "duckdb"},
    code_version=package_digest("warehouse/countries"),
    owners=OWNERS,
    tags=stage_tags("ingest"),
    pool=WAREHOUSE_POOL,
    description="ISO 3166 countries from pycountry, plus the EU, with a region.",
)
def countries(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Refresh the country reference table."""
    with warehouse.get_connection() as con:
        rows = stages.load_countries(con)
    return dg.MaterializeResult(metadata={"dagster/row_count": rows})
