"""Checks on the ingested articles."""

import dagster as dg

from orchestration.defs.resources import WarehouseResource


@dg.asset_check(asset=dg.AssetKey(["raw", "articles"]), blocking=False)
def articles_are_whole(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every article has text, and every duplicate or version points at a stored article."""
    with warehouse.get_connection() as con:
        empty, dangling = con.execute(
            """
            select
                count(*) filter (where length(trim(text)) = 0),
                count(*) filter (
                    where (duplicate_of is not null
                           and duplicate_of not in (select article_id from raw.articles))
                       or (version_of is not null
                           and version_of not in (select article_id from raw.articles))
                )
            from raw.articles
            """
        ).fetchall()[0]
    return dg.AssetCheckResult(
        passed=empty == 0 and dangling == 0,
        metadata={"empty_texts": empty, "dangling_references": dangling},
    )
