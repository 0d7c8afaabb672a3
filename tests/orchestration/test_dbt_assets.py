"""The dbt assets as the Dagster UI shows them: every model materialisation carries its row
count and the fingerprint of its inputs as data version; a run with nothing new still reports
each model (unchanged) and each dbt test (its last outcome); a model materialised alone runs
exactly its own tests, with no indirect-selection noise."""

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import dagster as dg
import duckdb
import pytest
from dagster_dbt.asset_utils import extract_runtime_selection_from_args
from pipeline_runs import Warehouse

from orchestration.defs.dbt.assets import TEST_FQNS, build_args, movewatch_dbt_models

DBT_MODELS = set(movewatch_dbt_models.keys)
DBT_CHECKS = set(movewatch_dbt_models.check_keys)
DATA_VERSION_TAG = "dagster/data_version"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _python_logs() -> Iterator[_Collect]:
    """INFO and above of Dagster's Python loggers (where the execution plan logs, not the run)."""
    handler = _Collect()
    logger = logging.getLogger("dagster")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@dataclass
class Run:
    result: dg.ExecuteInProcessResult
    messages: list[str] = field(default_factory=list)  # INFO and above: run log and Python logs

    def materializations(self) -> dict[dg.AssetKey, dg.AssetMaterialization]:
        return {
            m.asset_key: m
            for e in self.result.get_asset_materialization_events()
            if (m := e.event_specific_data.materialization).asset_key in DBT_MODELS
        }

    def check_evaluations(self) -> dict[dg.AssetCheckKey, object]:
        return {
            e.asset_check_key: e
            for e in self.result.get_asset_check_evaluations()
            if e.asset_check_key in DBT_CHECKS
        }

    def step_seconds(self, step: str) -> float:
        return next(
            e.event_specific_data.duration_ms / 1000
            for e in self.result.all_events
            if e.event_type_value == "STEP_SUCCESS" and e.step_key == step
        )


def run_job(db: Path, *, inbox: Path | None = None, selection: list | None = None) -> Run:
    """Run the main job (or a selection of it) in process on the warehouse `db`."""
    import os

    os.environ["MOVEWATCH_DB"] = str(db)
    from orchestration.definitions import defs

    job = defs().resolve_job_def("movewatch_job")
    run_config = (
        {"ops": {"ingest_articles": {"config": {"sources": [str(inbox)]}}}} if inbox else {}
    )
    with _python_logs() as python_logs, dg.DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(
            run_config=run_config,
            instance=instance,
            asset_selection=[dg.AssetKey(k) for k in selection] if selection else None,
            raise_on_error=False,
        )
        run_logs = [
            r.user_message
            for r in instance.all_logs(result.run_id)
            if r.dagster_event is None and r.level >= logging.INFO
        ]
    return Run(result, run_logs + python_logs.messages)


def copy_warehouse(source: Warehouse, tmp: Path, *, forget_dbt_build: bool) -> Warehouse:
    """A copy of `source`; without its dbt fingerprint the next run really builds the models."""
    tmp.mkdir(parents=True, exist_ok=True)
    copy = Warehouse(db=tmp / "warehouse.duckdb", inbox=source.inbox, reports=tmp / "reports")
    shutil.copyfile(source.db, copy.db)
    if forget_dbt_build:
        con = duckdb.connect(str(copy.db))
        try:
            con.execute("delete from raw.stage_fingerprints where stage = 'dbt'")
        finally:
            con.close()
    return copy


@dataclass
class Rebuilt:
    warehouse: Warehouse
    build: Run  # the main job, which rebuilt the models
    unchanged: Run  # the main job again, nothing new


@pytest.fixture(scope="module")
def rebuilt(sample_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory) -> Rebuilt:
    warehouse = copy_warehouse(
        sample_warehouse, tmp_path_factory.mktemp("rebuilt"), forget_dbt_build=True
    )
    build = run_job(warehouse.db, inbox=warehouse.inbox)
    unchanged = run_job(warehouse.db, inbox=warehouse.inbox)
    return Rebuilt(warehouse, build, unchanged)


def _text(value: object) -> str:
    return str(getattr(value, "value", value))


def test_built_models_carry_row_counts_and_the_inputs_fingerprint(rebuilt: Rebuilt) -> None:
    assert rebuilt.build.result.success
    assert any("Running dbt command" in m for m in rebuilt.build.messages)
    materializations = rebuilt.build.materializations()
    assert set(materializations) == DBT_MODELS
    fingerprint = rebuilt.warehouse.scalar(
        "select fingerprint from raw.stage_fingerprints where stage = 'dbt'"
    )
    for key, materialization in materializations.items():
        schema, name = key.path
        rows = rebuilt.warehouse.scalar(f"select count(*) from {schema}.{name}")
        assert materialization.metadata["dagster/row_count"].value == rows, key
        assert materialization.tags[DATA_VERSION_TAG] == fingerprint, key
        assert _text(materialization.metadata["status"]) == "success"  # dbt's own metadata kept
    # dbt test results pass through as dagster-dbt made them.
    checks = rebuilt.build.check_evaluations()
    assert set(checks) == DBT_CHECKS
    assert all(c.passed for c in checks.values())
    assert all(_text(c.metadata["status"]) == "pass" for c in checks.values())


def test_run_with_nothing_new_reports_models_unchanged_and_checks_from_the_last_build(
    rebuilt: Rebuilt,
) -> None:
    run = rebuilt.unchanged
    assert run.result.success
    assert not any("Running dbt command" in m for m in run.messages)
    assert not any("emitted no result" in m or "did not yield" in m for m in run.messages)
    built = rebuilt.build.materializations()
    materializations = run.materializations()
    assert set(materializations) == DBT_MODELS
    for key, materialization in materializations.items():
        schema, name = key.path
        rows = rebuilt.warehouse.scalar(f"select count(*) from {schema}.{name}")
        assert materialization.metadata["dagster/row_count"].value == rows, key
        assert materialization.tags[DATA_VERSION_TAG] == built[key].tags[DATA_VERSION_TAG]
        assert "unchanged" in _text(materialization.metadata["status"])
    checks = run.check_evaluations()
    built_checks = rebuilt.build.check_evaluations()
    assert set(checks) == DBT_CHECKS
    for key, evaluation in checks.items():
        assert evaluation.passed == built_checks[key].passed
        assert evaluation.severity == built_checks[key].severity
        note = _text(evaluation.metadata["result"])
        assert note.startswith("from the build of ") and note.endswith("inputs unchanged since")
    # Skipping stays cheap (the README's target for a whole run with nothing new is 20 s).
    assert run.step_seconds("movewatch_dbt_models") < 2.0


def test_one_model_with_nothing_new_is_reported_unchanged(rebuilt: Rebuilt) -> None:
    run = run_job(rebuilt.warehouse.db, selection=[["marts", "dim_country"]])
    assert run.result.success
    assert not any("Running dbt command" in m for m in run.messages)
    key = dg.AssetKey(["marts", "dim_country"])
    assert set(run.materializations()) == {key}
    assert {c.asset_key for c in run.check_evaluations()} == {key}
    assert not any("did not yield" in m for m in run.messages)


NOISE = ("indirect_selection", "indirect selection", "AssetObservation", "did not yield")


@pytest.mark.parametrize(
    "model",
    [["marts", "dim_country"], ["staging", "stg_raw__articles"], ["marts", "fct_company_moves"]],
    ids=lambda key: key[1],
)
def test_one_model_materialised_alone_runs_exactly_its_own_tests(
    rebuilt: Rebuilt, tmp_path: Path, model: list[str]
) -> None:
    warehouse = copy_warehouse(rebuilt.warehouse, tmp_path, forget_dbt_build=True)
    run = run_job(warehouse.db, selection=[model])
    assert run.result.success
    assert any("Running dbt command" in m for m in run.messages)
    key = dg.AssetKey(model)
    assert set(run.materializations()) == {key}
    own_checks = {c for c in DBT_CHECKS if c.asset_key == key}
    assert own_checks and set(run.check_evaluations()) == own_checks
    assert run.result.get_asset_observation_events() == []
    assert [m for m in run.messages if any(n.lower() in m.lower() for n in NOISE)] == []
    # A partial build is not a full one: the next full run still rebuilds every model.
    assert warehouse.query("select * from raw.stage_fingerprints where stage = 'dbt'") == []


def test_subset_build_names_the_selected_tests_and_turns_indirect_selection_off() -> None:
    key = dg.AssetKey(["marts", "fct_company_moves"])
    checks = {c for c in DBT_CHECKS if c.asset_key == key}
    args = build_args(SimpleNamespace(is_subset=True, selected_asset_check_keys=checks))
    # dagster-dbt keeps the flag and passes these tests beside the models it selects.
    cleaned, selects, excludes = extract_runtime_selection_from_args(args)
    assert cleaned == ["build", "--indirect-selection=empty"] and excludes == []
    assert sorted(selects) == sorted(TEST_FQNS[c] for c in checks)
    assert build_args(SimpleNamespace(is_subset=False)) == ["build"]


class _FakeInvocation:
    def __init__(self, locked: bool) -> None:
        self.locked = locked

    def stream(self):
        if self.locked:
            raise RuntimeError("Encountered an error:\nIO Error: Could not set lock on file x")
        yield "built"


class _FakeDbt:
    """dbt that finds the file locked the first ``locked_calls`` times."""

    def __init__(self, locked_calls: int) -> None:
        self.locked_calls = locked_calls
        self.calls = 0

    def cli(self, args: list[str], context: object) -> _FakeInvocation:
        self.calls += 1
        return _FakeInvocation(self.calls <= self.locked_calls)


class _FakeContext:
    is_subset = False
    log = logging.getLogger("test")


def test_a_build_dbt_found_locked_runs_again_instead_of_failing(tmp_path: Path) -> None:
    from movewatch.warehouse.connection import WarehouseLockedError
    from orchestration.defs.dbt.assets import _build_when_free

    db = tmp_path / "w.duckdb"
    dbt = _FakeDbt(locked_calls=1)
    events, failure = _build_when_free(_FakeContext(), dbt, db, wait_seconds=10)
    assert (events, failure, dbt.calls) == (["built"], None, 2)
    with pytest.raises(WarehouseLockedError, match="stayed locked"):
        _build_when_free(_FakeContext(), _FakeDbt(locked_calls=99), db, wait_seconds=1.5)
