"""dbt models as assets (keyed by schema and name) and dbt tests as asset checks."""

import hashlib
import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from movewatch import settings
from movewatch.warehouse.connection import connect, writer_lock
from movewatch.warehouse.fingerprints import fingerprint, last_fingerprint, record_fingerprint
from orchestration.defs.dbt.resources import dbt_project
from orchestration.defs.pools import WAREHOUSE_POOL
from orchestration.defs.resources import WarehouseResource

# What the models read: when none of it changed since the last full build, `dbt build` is
# skipped (a run with nothing new stays fast; the marts are already what dbt would make).
DBT_INPUTS = {
    "raw.articles": "article_id",
    "raw.rejects": "source || position || reason",
    "raw.extractions": "article_id || extractor_version",
    "raw.company_moves": "fact_id",
    "raw.policy_actions": "fact_id",
    "raw.move_policy_links": "move_fact_id || policy_fact_id",
    "raw.article_stories": "article_id || story_id",
    "raw.fact_events": "fact_id || event_id",
    "raw.countries": "country_code",
}
DBT_SCHEMAS = ("staging", "intermediate", "marts")


class MovewatchDbtTranslator(DagsterDbtTranslator):
    """Models are keyed [schema, name] like the warehouse tables, grouped by their layer."""

    def get_asset_spec(
        self, manifest: Mapping[str, Any], unique_id: str, project: Any
    ) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        props = self.get_resource_props(manifest, unique_id)
        if props["resource_type"] not in ("model", "seed", "snapshot"):
            return spec
        layer = props["fqn"][1] if len(props["fqn"]) > 2 else "dbt"
        return spec.replace_attributes(
            key=dg.AssetKey([props["schema"], props["name"]]), group_name=layer
        )


def _inputs_fingerprint(warehouse: WarehouseResource) -> tuple[str, int]:
    """The fingerprint of the models' inputs and code, and how many relations dbt made."""
    manifest = hashlib.sha256(dbt_project.manifest_path.read_bytes()).hexdigest()
    with warehouse.get_connection() as con:
        value = fingerprint(con, DBT_INPUTS, manifest)
        relations = con.execute(
            "select count(*) from information_schema.tables where table_schema in (?, ?, ?)",
            list(DBT_SCHEMAS),
        ).fetchall()[0][0]
    return value, relations


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=MovewatchDbtTranslator(),
    pool=WAREHOUSE_POOL,
)
def movewatch_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
):
    """Build the selected models and run their tests against the warehouse."""
    # The profile reads MOVEWATCH_DB; make it absolute so dbt (run from dbt_project/) writes
    # the very file the Python assets wrote.
    os.environ["MOVEWATCH_DB"] = str(settings.resolve(warehouse.database))
    full_build = context.selected_asset_keys == context.assets_def.keys
    inputs, relations = _inputs_fingerprint(warehouse)
    expected = sum(1 for key in context.assets_def.keys if key.path[0] in DBT_SCHEMAS)
    with warehouse.get_connection() as con:
        unchanged = last_fingerprint(con, "dbt") == inputs
    if full_build and unchanged and relations >= expected:
        context.log.info("dbt build skipped: models and their inputs are unchanged.")
        return
    db = settings.resolve(warehouse.database)
    # dbt's own DuckDB connection cannot wait for a lock: the build runs while this asset holds
    # the writer lock, and starts once no other process (an analyst's session) holds the file.
    with writer_lock(db, wait_seconds=warehouse.lock_wait_seconds, holder="dbt build"):
        connect(db, wait_seconds=warehouse.lock_wait_seconds).close()
        yield from dbt.cli(["build"], context=context).stream()
        if full_build:
            with warehouse.get_connection() as con:
                record_fingerprint(con, "dbt", inputs)
