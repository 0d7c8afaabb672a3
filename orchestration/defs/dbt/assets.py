"""dbt models as assets (keyed by schema and name) and dbt tests as asset checks.

What the Dagster UI shows of them:

- Every materialisation of a model carries ``dagster/row_count`` and, as its data version, the
  fingerprint of the models' inputs and code. The rows are counted by this process in one
  query once dbt has exited (DuckDB lets one process at a time write the file), not by
  dagster-dbt's ``fetch_row_counts``, which needs an in-process dbt adapter (2.3 s to open,
  measured) and skips views.
- When neither the inputs nor the models changed since the last full build, ``dbt build`` is
  skipped, and every selected model is still reported: materialised, unchanged (same data
  version), with its row count. Every selected dbt test reports the outcome it had in that
  build, stored in ``raw.dbt_test_results`` in the same transaction as the fingerprint, so no
  blocking check goes without a result.
- Materialising some models only (from the UI) runs exactly what Dagster selected: those
  models and the tests of the selected checks. dbt's default (eager) indirect selection would
  also run every test that merely references a selected model (a relationships test of
  ``fct_policy_actions`` when ``dim_country`` alone is built), which Dagster did not select and
  dagster-dbt reports as observations with a warning; the subset build therefore names the
  selected tests and turns indirect selection off (``--indirect-selection=empty``).
"""

import graphlib
import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets
from dagster_dbt.asset_utils import DAGSTER_DBT_UNIQUE_ID_METADATA_KEY

from movewatch import settings
from movewatch.warehouse.connection import WarehouseLockedError, connect, writer_lock
from movewatch.warehouse.fingerprints import fingerprint, last_fingerprint, record_fingerprint
from orchestration.defs.dbt.resources import dbt_project
from orchestration.defs.ownership import DAILY_FRESHNESS, OWNERS, stage_tags
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
ROW_COUNT = "dagster/row_count"  # the metadata key the Dagster UI shows as the asset's rows

# The manifest the assets below are defined from; its digest is part of the fingerprint.
_MANIFEST_BYTES = dbt_project.manifest_path.read_bytes()
MANIFEST: Mapping[str, Any] = json.loads(_MANIFEST_BYTES)
MANIFEST_DIGEST = hashlib.sha256(_MANIFEST_BYTES).hexdigest()

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
            key=dg.AssetKey([props["schema"], props["name"]]),
            group_name=layer,
            owners=OWNERS,
            tags={**spec.tags, **stage_tags("dbt")},
            # The marts are what analysts read: late when the daily run has not refreshed them.
            freshness_policy=DAILY_FRESHNESS if layer == "marts" else spec.freshness_policy,
        )


@dataclass(frozen=True)
class StoredCheck:
    """A dbt test's outcome in the last full build."""

    passed: bool
    severity: str
    metadata: dict[str, Any]
    built_at: datetime


@dataclass
class WarehouseState:
    """The models' inputs now, and what the last full build left in the warehouse."""

    inputs: str  # fingerprint of the models' inputs and code
    unchanged: bool  # the last full build read the same inputs
    built_at: datetime | None = None
    relations: set[tuple[str, str]] = field(default_factory=set)
    checks: dict[dg.AssetCheckKey, StoredCheck] = field(default_factory=dict)

    def why_build(
        self, models: Iterable[dg.AssetKey], checks: Iterable[dg.AssetCheckKey]
    ) -> str | None:
        """Why the selection must be built; None when the last full build still stands."""
        if not self.unchanged:
            return "models or their inputs changed since the last full build"
        missing = [key for key in models if RELATIONS[key] not in self.relations]
        if missing:
            return f"{len(missing)} selected models are not in the warehouse"
        unknown = [key for key in checks if key not in self.checks]
        if unknown:
            return f"{len(unknown)} selected dbt tests have no stored outcome"
        return None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "unknown"


def warehouse_state(con: duckdb.DuckDBPyConnection) -> WarehouseState:
    """The inputs' fingerprint, and if unchanged, the relations and stored test outcomes."""
    inputs = fingerprint(con, DBT_INPUTS, MANIFEST_DIGEST)
    if last_fingerprint(con, "dbt") != inputs:
        return WarehouseState(inputs=inputs, unchanged=False)
    built_at = con.execute(
        "select built_at from raw.stage_fingerprints where stage = 'dbt'"
    ).fetchall()[0][0]
    relations = set(
        con.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_schema in (?, ?, ?)",
            list(DBT_SCHEMAS),
        ).fetchall()
    )
    rows = con.execute(
        "select asset_key, check_name, passed, severity, metadata, built_at"
        " from raw.dbt_test_results where fingerprint = ?",
        [inputs],
    ).fetchall()
    checks = {
        dg.AssetCheckKey(dg.AssetKey.from_user_string(asset), name): StoredCheck(
            passed, severity, json.loads(metadata), at
        )
        for asset, name, passed, severity, metadata, at in rows
    }
    return WarehouseState(inputs, True, built_at, relations, checks)


def row_counts(
    con: duckdb.DuckDBPyConnection, keys: Iterable[dg.AssetKey]
) -> dict[dg.AssetKey, int]:
    """The rows of each model's relation (views included), in one query."""
    keys = [key for key in keys if key in RELATIONS]
    if not keys:
        return {}
    relations = [".".join(map(_quote, RELATIONS[key])) for key in keys]
    sql = " union all ".join(
        f"select {i} as i, count(*) as n from {relation}" for i, relation in enumerate(relations)
    )
    return {keys[i]: n for i, n in con.execute(sql).fetchall()}


def _plain(value: Any) -> Any:
    """A metadata value as JSON can store it (dagster-dbt's check metadata is all scalars)."""
    raw = getattr(value, "value", value)
    return raw if isinstance(raw, (str, int, float, bool)) or raw is None else str(raw)


def record_build(
    con: duckdb.DuckDBPyConnection, inputs: str, results: Iterable[dg.AssetCheckResult]
) -> None:
    """Remember the inputs of a full build and its tests' outcomes, in one transaction."""
    now = datetime.now(UTC)
    rows = [
        (
            r.asset_key.to_user_string(),
            r.check_name,
            r.passed,
            r.severity.value,
            json.dumps({k: _plain(v) for k, v in r.metadata.items()}),
            inputs,
            now,
        )
        for r in results
    ]
    con.begin()
    try:
        con.execute("delete from raw.dbt_test_results").fetchall()
        if rows:
            con.executemany("insert into raw.dbt_test_results values (?, ?, ?, ?, ?, ?, ?)", rows)
        record_fingerprint(con, "dbt", inputs)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def build_args(context: dg.AssetExecutionContext) -> list[str]:
    """`dbt build`; for a subset, with exactly the tests of the selected checks."""
    if not context.is_subset:
        return ["build"]
    # dagster-dbt adds the selected models; name the selected tests and nothing else.
    tests = sorted(TEST_FQNS[key] for key in context.selected_asset_check_keys)
    return [
        "build",
        "--indirect-selection=empty",
        *(["--select", " ".join(tests)] if tests else []),
    ]


def _drain(events: Iterator[Any]) -> tuple[list[Any], Exception | None]:
    """Every event of a dbt invocation, and its failure if any, once dbt has exited."""
    drained: list[Any] = []
    try:
        for event in events:
            drained.append(event)
    except Exception as error:  # raised after the events dbt produced have been reported
        return drained, error
    return drained, None


def _build_when_free(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, db: Path, wait_seconds: float
) -> tuple[list[Any], Exception | None]:
    """Run the dbt build once no other process holds the file, waiting up to ``wait_seconds``.

    Between the check and dbt's own connection another process can still take the file (the
    dbt subprocess of a run that was killed goes on a while, opening and closing it): a build
    that dbt refused for DuckDB's lock is run again while the wait lasts, instead of failing.
    """
    deadline = time.monotonic() + wait_seconds
    while True:
        connect(db, wait_seconds=max(deadline - time.monotonic(), 0.0)).close()
        events, failure = _drain(dbt.cli(build_args(context), context=context).stream())
        if failure is None or "Could not set lock" not in str(failure):
            return events, failure
        if time.monotonic() >= deadline:
            raise WarehouseLockedError(
                f"The warehouse {db} stayed locked by another process while dbt tried to "
                f"build it for {wait_seconds:.0f} s: {str(failure).strip().splitlines()[-1]}"
            ) from failure
        context.log.warning("dbt found the warehouse locked by another process; retrying.")
        time.sleep(1.0)


def _built(
    context: dg.AssetExecutionContext, event: Any, counts: Mapping[dg.AssetKey, int], version: str
) -> Any:
    """A model's Output as a MaterializeResult with its row count and data version (the
    fingerprint of the inputs it was built from); anything else (check results) unchanged."""
    if not isinstance(event, dg.Output):
        return event
    key = context.asset_key_for_output(event.output_name)
    metadata = dict(event.metadata)
    if key in counts:
        metadata[ROW_COUNT] = dg.MetadataValue.int(counts[key])
    return dg.MaterializeResult(
        asset_key=key, metadata=metadata, data_version=dg.DataVersion(version), tags=event.tags
    )


def _unchanged(
    context: dg.AssetExecutionContext, state: WarehouseState, counts: Mapping[dg.AssetKey, int]
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """The selected models and checks, as the last full build left them."""
    built = _when(state.built_at)
    for key in sorted(context.selected_asset_keys, key=MODEL_ORDER.__getitem__):
        yield dg.MaterializeResult(
            asset_key=key,
            data_version=dg.DataVersion(state.inputs),
            metadata={
                "status": "unchanged (dbt build skipped)",
                "skipped": f"the model and its inputs are unchanged since the build of {built}",
                ROW_COUNT: dg.MetadataValue.int(counts[key]),
            },
        )
    for key in sorted(context.selected_asset_check_keys, key=lambda k: (k.asset_key.path, k.name)):
        stored = state.checks[key]
        yield dg.AssetCheckResult(
            asset_key=key.asset_key,
            check_name=key.name,
            passed=stored.passed,
            severity=dg.AssetCheckSeverity(stored.severity),
            metadata={
                **stored.metadata,
                "result": f"from the build of {_when(stored.built_at)}; inputs unchanged since",
            },
        )


@dbt_assets(
    manifest=MANIFEST,
    project=dbt_project,
    dagster_dbt_translator=MovewatchDbtTranslator(),
    pool=WAREHOUSE_POOL,
)
def movewatch_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
):
    """Build the selected models and run their tests against the warehouse."""
    db = settings.resolve(warehouse.database)
    # The profile reads MOVEWATCH_DB; make it absolute so dbt (run from dbt_project/) writes
    # the very file the Python assets wrote.
    os.environ["MOVEWATCH_DB"] = str(db)
    models = context.selected_asset_keys
    with warehouse.get_connection() as con:
        state = warehouse_state(con)
        reason = (
            state.why_build(models, context.selected_asset_check_keys)
            if models
            else "no model selected"
        )
        counts = row_counts(con, models) if reason is None else {}
    if reason is None:
        context.log.info(
            f"dbt build skipped: models and their inputs are unchanged since the build of "
            f"{_when(state.built_at)}."
        )
        yield from _unchanged(context, state, counts)
        return
    context.log.info(f"dbt build runs: {reason}.")
    # dbt's own DuckDB connection cannot wait for a lock: the build runs while this asset holds
    # the writer lock, and starts once no other process (an analyst's session) holds the file.
    with writer_lock(db, wait_seconds=warehouse.lock_wait_seconds, holder="dbt build"):
        events, failure = _build_when_free(context, dbt, db, warehouse.lock_wait_seconds)
        # dbt has exited: this process may open the file again, to count what was built.
        built = [
            context.asset_key_for_output(e.output_name) for e in events if isinstance(e, dg.Output)
        ]
        with warehouse.get_connection() as con:
            try:
                counts = row_counts(con, built)
            except duckdb.Error as error:
                context.log.warning(f"Row counts of the dbt models are missing: {error}")
            if failure is None and not context.is_subset:
                results = [e for e in events if isinstance(e, dg.AssetCheckResult)]
                record_build(con, state.inputs, results)
    for event in events:
        yield _built(context, event, counts, state.inputs)
    if failure is not None:
        raise failure


def _node(spec: dg.AssetSpec | dg.AssetCheckSpec) -> Mapping[str, Any]:
    """The manifest node of a model's asset spec or a test's check spec."""
    return MANIFEST["nodes"][(spec.metadata or {})[DAGSTER_DBT_UNIQUE_ID_METADATA_KEY]]


# Each model's relation (schema, alias), and each check's dbt test by its FQN (for `--select`).
RELATIONS: dict[dg.AssetKey, tuple[str, str]] = {
    spec.key: (_node(spec)["schema"], _node(spec).get("alias") or _node(spec)["name"])
    for spec in movewatch_dbt_models.specs
}
# Models in dependency order: a multi-asset yields a model after the models it reads.
MODEL_ORDER: dict[dg.AssetKey, int] = {
    key: i
    for i, key in enumerate(
        graphlib.TopologicalSorter(
            {
                spec.key: {dep.asset_key for dep in spec.deps if dep.asset_key in RELATIONS}
                for spec in movewatch_dbt_models.specs
            }
        ).static_order()
    )
}
TEST_FQNS: dict[dg.AssetCheckKey, str] = {
    spec.key: ".".join(_node(spec)["fqn"]) for spec in movewatch_dbt_models.check_specs
}
