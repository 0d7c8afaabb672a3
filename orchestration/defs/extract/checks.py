"""Checks on the extracted facts: evidence is verbatim, enumerations hold."""

import dagster as dg

from orchestration.defs.resources import WarehouseResource


def _evidence_check(table: str, warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.get_connection() as con:
        total, misplaced = con.execute(
            f"""
            select
                count(*),
                count(*) filter (
                    where substring(a.text, f.evidence_start + 1,
                                    f.evidence_end - f.evidence_start) <> f.evidence
                )
            from raw.{table} as f
            join raw.articles as a using (article_id)
            """
        ).fetchall()[0]
    return dg.AssetCheckResult(
        passed=misplaced == 0, metadata={"facts": total, "evidence_not_at_offsets": misplaced}
    )


@dg.asset_check(asset=dg.AssetKey(["raw", "company_moves"]), blocking=False)
def company_move_evidence_is_verbatim(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Each move's evidence is the article text at its offsets."""
    return _evidence_check("company_moves", warehouse)


@dg.asset_check(asset=dg.AssetKey(["raw", "policy_actions"]), blocking=False)
def policy_action_evidence_is_verbatim(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Each policy action's evidence is the article text at its offsets."""
    return _evidence_check("policy_actions", warehouse)
