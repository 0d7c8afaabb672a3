"""The Definitions load and hold the graph, job, schedule and sensor users expect."""

import dagster as dg
import pytest

from orchestration.definitions import defs
from orchestration.defs.ingest.sensors import folder_listing, inbox_sensor, listing_digest
from orchestration.defs.resources import SourcesResource


@pytest.fixture(scope="module")
def definitions() -> dg.Definitions:
    return defs()


def test_graph_runs_from_sources_to_marts(definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    for key in [
        "raw/articles",
        "raw/rejects",
        "raw/company_moves",
        "raw/policy_actions",
        "raw/article_stories",
        "raw/fact_events",
        "staging/stg_raw__articles",
        "marts/fct_company_moves",
        "marts/fct_policy_actions",
        "marts/mart_talent_flows",
        "reports/brief",
        "reports/analytics_snapshot",
    ]:
        assert key in keys
    # Lineage crosses the Python/dbt seam: staging depends on the raw asset of the same table.
    staging = graph.get(dg.AssetKey(["staging", "stg_raw__articles"]))
    assert dg.AssetKey(["raw", "articles"]) in staging.parent_keys


def test_dbt_tests_are_asset_checks(definitions: dg.Definitions) -> None:
    checks = definitions.resolve_asset_graph().asset_check_keys
    names = {c.name for c in checks}
    assert any(name.startswith("unique_") for name in names)
    assert "company_move_evidence_is_verbatim" in names


def test_job_schedule_and_sensor(definitions: dg.Definitions) -> None:
    job = definitions.resolve_job_def("movewatch_job")
    assert job.executor_def.name == "in_process"
    assert definitions.resolve_schedule_def("daily_movewatch").cron_schedule == "0 6 * * *"
    assert definitions.resolve_sensor_def("inbox_sensor").job_name == "movewatch_job"


def test_writers_share_one_pool(definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    for key in (
        ["raw", "articles"],
        ["raw", "company_moves"],
        ["raw", "fact_events"],
        ["marts", "fct_company_moves"],
    ):
        assert graph.get(dg.AssetKey(key)).pools == {"movewatch_warehouse"}


def test_listing_digest_changes_with_new_and_modified_files_only(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Title\nBody")
    before = listing_digest(folder_listing([str(tmp_path)]))
    assert listing_digest(folder_listing([str(tmp_path)])) == before
    (tmp_path / "README.md").write_text("what this folder is")  # documentation: no change
    (tmp_path / ".hidden.txt").write_text("x")
    assert listing_digest(folder_listing([str(tmp_path)])) == before
    (tmp_path / "b.txt").write_text("Another\nBody")
    after = listing_digest(folder_listing([str(tmp_path)]))
    assert after != before and len(after) == 32


def test_inbox_sensor_requests_a_run_once_per_change(tmp_path) -> None:
    sources = SourcesResource(paths=[str(tmp_path)])
    context = dg.build_sensor_context(resources={"sources": sources})
    assert isinstance(inbox_sensor(context), dg.SkipReason)
    (tmp_path / "story.txt").write_text("Title\nBody")
    first = inbox_sensor(context)
    assert isinstance(first, dg.SensorResult) and len(first.run_requests) == 1
    context = dg.build_sensor_context(cursor=first.cursor, resources={"sources": sources})
    assert isinstance(inbox_sensor(context), dg.SkipReason)



def test_inbox_sensor_cursor_stays_small_for_a_large_inbox(tmp_path) -> None:
    for n in range(500):
        (tmp_path / f"story-{n:04d}.txt").write_text(f"Title {n}\nBody")
    sources = SourcesResource(paths=[str(tmp_path)])
    result = inbox_sensor(dg.build_sensor_context(resources={"sources": sources}))
    assert isinstance(result, dg.SensorResult) and len(result.cursor) <= 64
    assert result.run_requests[0].tags["movewatch/inbox_files"] == "500"


def test_assets_are_grouped_by_their_key_prefix_and_carry_owners(
        definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        if key.path[0] in ("raw", "reports", "staging", "intermediate", "marts"):
            assert node.group_name == key.path[0], key
        if key.path[0] in ("raw", "reports", "staging", "intermediate", "marts"):
            assert node.owners == ["team:movewatch"], key
            assert node.code_version, key
            assert "movewatch/stage" in node.tags, key


def test_the_brief_is_fresh_daily_and_checked(definitions: dg.Definitions) -> None:
    graph = definitions.resolve_asset_graph()
    marts = [k for k in graph.get_all_asset_keys() if k.path[0] == "marts"]
    assert marts and all(graph.get(k).freshness_policy is not None for k in marts)
    brief = graph.get(dg.AssetKey(["reports", "brief"]))
    assert brief.freshness_policy is not None
    checks = {key.name for key in graph.asset_check_keys if key.asset_key == brief.key}
    assert "brief_is_complete" in checks
