"""The dbt project and the dbt CLI resource that builds it."""

from collections.abc import Sequence
from functools import cached_property
from importlib.metadata import version as installed_version

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

from movewatch.settings import PROJECT_ROOT

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DBT_SOURCES = ("dbt_project.yml", "profiles.yml", "models", "macros", "tests", "seeds")

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def manifest_is_stale() -> bool:
    """True when the manifest is missing or older than any file of the dbt project."""
    manifest = dbt_project.manifest_path
    if not manifest.exists():
        return True
    built = manifest.stat().st_mtime
    for name in DBT_SOURCES:
        path = DBT_PROJECT_DIR / name
        files = [path] if path.is_file() else path.rglob("*") if path.exists() else []
        if any(f.stat().st_mtime > built for f in files if f.is_file()):
            return True
    return False


# `dagster dev` re-parses the project on start; anywhere else (`movewatch run`, the tests,
# `dagster definitions validate`) the manifest is made when missing or older than the models.
dbt_project.prepare_if_dev()
if manifest_is_stale():
    dbt_project.preparer.prepare(dbt_project)


class MovewatchDbtCliResource(DbtCliResource):
    """The dbt CLI resource without two start-up costs of dagster-dbt (0.29) per build.

    dagster-dbt runs ``dbt --version`` in a subprocess before every invocation to tell dbt-core
    from the Fusion engine (about 6 s); this project installs dbt-core from its lock file, so
    the installed package's version is the answer. It also opens a dbt adapter in process,
    used only by ``fetch_row_counts``/``fetch_column_metadata`` (about 5 s). Both hooks are
    private: ``test_dbt_resources.py`` fails if dagster-dbt stops calling them.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:  # type: ignore[override]
        # dagster-dbt opens a dbt adapter in this process (about 5 s: profile, project and
        # macros loaded again) only to fetch row counts or column metadata, which these assets
        # do not ask for; without it dbt's events stream as usual.
        return None


@dg.definitions
def resources() -> dg.Definitions:
    """Register the dbt CLI resource under the key `dbt`."""
    return dg.Definitions(
        resources={
            "dbt": MovewatchDbtCliResource(project_dir=dbt_project, profiles_dir=DBT_PROJECT_DIR)
        }
    )
