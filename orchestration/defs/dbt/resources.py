"""The dbt project and the dbt CLI resource that builds it."""

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject

from movewatch.settings import PROJECT_ROOT

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# `dagster dev` re-parses the project on start; anywhere else the manifest is made once if
# missing, so `movewatch run`, the tests and `dagster definitions validate` need no extra step.
dbt_project.prepare_if_dev()
if not dbt_project.manifest_path.exists():
    dbt_project.preparer.prepare(dbt_project)


@dg.definitions
def resources() -> dg.Definitions:
    """Register the dbt CLI resource under the key `dbt`."""
    return dg.Definitions(
        resources={"dbt": DbtCliResource(project_dir=dbt_project, profiles_dir=DBT_PROJECT_DIR)}
    )
