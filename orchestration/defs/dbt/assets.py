"""dbt models as assets (keyed by schema and name) and dbt tests as asset checks."""

import os
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from movewatch import settings
from orchestration.defs.dbt.resources import dbt_project
from orchestration.defs.pools import WAREHOUSE_POOL
from orchestration.defs.resources import WarehouseResource


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
    yield from dbt.cli(["build"], context=context).stream()
