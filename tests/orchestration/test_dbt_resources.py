"""The dbt CLI resource answers the dbt version without starting dbt."""

import inspect
from functools import cached_property
from importlib.metadata import version as installed_version

import dagster_dbt.core.resource as dbt_resource_module
import pytest
from dagster_dbt import DbtCliResource
from packaging import version

from orchestration.defs.dbt.resources import (
    DBT_PROJECT_DIR,
    MovewatchDbtCliResource,
    dbt_project,
)


def test_version_comes_from_the_installed_package(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_subprocess(*args: object, **kwargs: object) -> bytes:
        raise AssertionError(f"dbt was started to ask its version: {args}")

    monkeypatch.setattr(dbt_resource_module, "check_output", no_subprocess)
    resource = MovewatchDbtCliResource(project_dir=dbt_project, profiles_dir=DBT_PROJECT_DIR)
    assert resource._cli_version == version.parse(installed_version("dbt-core"))
    assert resource._cli_version.major == 1


def test_dagster_dbt_still_asks_the_overridden_version() -> None:
    # If dagster-dbt renames or stops using `_cli_version`, the override is dead code: fail.
    assert isinstance(inspect.getattr_static(DbtCliResource, "_cli_version"), cached_property)
    assert "self._cli_version" in inspect.getsource(DbtCliResource.cli)


def test_no_in_process_adapter_is_opened() -> None:
    resource = MovewatchDbtCliResource(project_dir=dbt_project, profiles_dir=DBT_PROJECT_DIR)
    assert resource._initialize_dbt_core_adapter(["build"]) is None
    assert "self._initialize_dbt_core_adapter(" in inspect.getsource(DbtCliResource.cli)
