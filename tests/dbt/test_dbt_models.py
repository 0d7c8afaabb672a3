"""End-to-end tests of the dbt project: `dbt build` on hand-made warehouses, then the marts.

`dbt build` runs every model, data test, unit test and contract, so a build that succeeds
already means all of them passed; the assertions below pin the consolidated values.
"""

from __future__ import annotations

from datetime import date

import duckdb
from dbt_warehouses import DbtBuild, company_move, country_rows, insert_rows

MARTS = (
    "fct_company_moves",
    "fct_policy_actions",
    "fct_company_move_reports",
    "fct_policy_action_reports",
    "fct_move_policy_links",
    "dim_company",
    "dim_country",
    "dim_outlet",
    "dim_story",
    "mart_talent_flows",
    "mart_policy_timeline",
    "mart_company_exposure",
)


def failed_nodes(build: DbtBuild) -> dict[str, str]:
    """Nodes whose status is anything but success/pass."""
    return {
        node: status for node, status in build.statuses.items() if status not in {"success", "pass"}
    }


def test_seeded_build_passes_every_model_and_test(seeded_build: DbtBuild) -> None:
    assert seeded_build.result.exception is None
    assert seeded_build.result.success, failed_nodes(seeded_build)
    assert failed_nodes(seeded_build) == {}
    kinds = {node.split(".")[0] for node in seeded_build.statuses}
    assert {"model", "test", "unit_test"} <= kinds


def test_schemas_have_plain_names(seeded_build: DbtBuild) -> None:
    schemas = {
        row[0]: row[1]
        for row in seeded_build.query(
            "select table_schema, count(*) from information_schema.tables group by 1"
        )
    }
    assert set(schemas) == {"raw", "staging", "intermediate", "marts"}
    assert schemas["marts"] == len(MARTS)


def test_microsoft_relocation_is_one_consolidated_event(seeded_build: DbtBuild) -> None:
    moves = seeded_build.query_dicts("select * from marts.fct_company_moves")
    assert len(moves) == 1
    move = moves[0]
    assert move["event_id"] == "e-move"
    assert move["company"] == "Microsoft"
    assert move["company_key"] == "microsoft"
    assert move["move_type"] == "relocation"
    assert move["countries"] == ["CN"]
    assert move["to_countries"] == ["AU", "IE", "NZ", "US"]
    # The superseded version said 5000 and 'cancelled': it must not count.
    assert (move["headcount_min"], move["headcount_max"]) == (700, 800)
    assert move["has_headcount_disagreement"] is False
    assert move["status"] == "announced"
    assert move["status_history"] == [
        {"status": "considering", "first_seen": date(2024, 5, 16)},
        {"status": "announced", "first_seen": date(2024, 5, 17)},
    ]
    assert (move["first_seen"], move["last_seen"]) == (date(2024, 5, 16), date(2024, 5, 17))
    # The Yahoo copy of the CNBC report counts as a report and an outlet, not an article.
    assert move["n_articles"] == 2
    assert move["n_reports"] == 3
    assert move["n_outlets"] == 2
    assert move["story_id"] == "story-microsoft"
    assert move["is_unverified"] is True
    assert move["attributed_to"] == ["The Wall Street Journal", "unnamed sources"]


def test_move_reports_keep_every_current_supporting_article(seeded_build: DbtBuild) -> None:
    rows = seeded_build.query(
        "select fact_id, original_article_id, outlet, status, evidence, reported_date "
        "from marts.fct_company_move_reports order by reported_at"
    )
    assert rows == [
        ("m-cnbc", "a-cnbc", "CNBC", "considering", "Evidence sentence of m-cnbc.",
         date(2024, 5, 16)),
        ("m-cnbc-copy", "a-cnbc", "Yahoo Finance", "considering",
         "Evidence sentence of m-cnbc-copy.", date(2024, 5, 16)),
        ("m-rewrite", "a-rewrite", None, "announced", "Evidence sentence of m-rewrite.",
         date(2024, 5, 17)),
    ]


def test_two_us_export_controls(seeded_build: DbtBuild) -> None:
    actions = seeded_build.query_dicts(
        "select * from marts.fct_policy_actions order by event_id"
    )
    assert [a["event_id"] for a in actions] == ["e-ai", "e-chips"]
    ai, chips = actions
    assert all(a["actor_country"] == "US" and a["action_type"] == "export_control" for a in actions)
    assert chips["target_country"] == "CN"
    assert chips["status"] == "in_force"
    assert chips["actor"] == "the United States"  # tie between two forms: the earliest report's
    assert ai["target_country"] is None
    assert ai["status"] == "considering"
    assert ai["subject"] == "advanced AI models"
    assert [a["n_articles"] for a in actions] == [2, 2]
    n_reports = seeded_build.query("select count(*) from marts.fct_policy_action_reports")
    assert n_reports == [(4,)]


def test_move_policy_link_is_event_level(seeded_build: DbtBuild) -> None:
    links = seeded_build.query(
        "select move_event_id, policy_event_id, cue, evidence, n_articles "
        "from marts.fct_move_policy_links"
    )
    assert links == [("e-move", "e-chips", "amid", "The move comes amid US efforts.", 2)]


def test_talent_flows_unnest_the_relocation(seeded_build: DbtBuild) -> None:
    flows = seeded_build.query(
        "select from_country, to_country, headcount_min, headcount_max, status, first_seen "
        "from marts.mart_talent_flows order by to_country"
    )
    assert flows == [
        ("CN", to, 700, 800, "announced", date(2024, 5, 16)) for to in ("AU", "IE", "NZ", "US")
    ]


def test_dimensions(seeded_build: DbtBuild) -> None:
    assert seeded_build.query("select * from marts.dim_company") == [
        ("microsoft", "Microsoft", ["Microsoft", "Microsoft Corp"], date(2024, 5, 16),
         date(2024, 5, 17), 1, 2)
    ]
    assert seeded_build.query(
        "select story_id, title, n_articles, n_company_moves, n_policy_actions "
        "from marts.dim_story"
    ) == [("story-microsoft", "Microsoft may move China staff", 2, 1, 2)]
    assert seeded_build.query("select outlet, n_articles from marts.dim_outlet order by 1") == [
        ("CNBC", 1),
        ("Yahoo Finance", 1),
    ]
    assert seeded_build.query(
        "select country_name, is_supranational from marts.dim_country where country_code = 'EU'"
    ) == [("European Union", True)]


def test_policy_timeline_and_company_exposure(seeded_build: DbtBuild) -> None:
    assert seeded_build.query(
        "select month_start, actor_country, target_country, status, n_actions, n_articles "
        "from marts.mart_policy_timeline order by status"
    ) == [
        (date(2024, 5, 1), "US", None, "considering", 1, 2),
        (date(2024, 5, 1), "US", "CN", "in_force", 1, 2),
    ]
    exposure = {
        row[0]: row[1:]
        for row in seeded_build.query(
            "select country_code, quarter_start, n_moves_in_country, n_moves_to_country, "
            "n_policy_actions from marts.mart_company_exposure"
        )
    }
    assert set(exposure) == {"CN", "US", "IE", "AU", "NZ"}
    assert exposure["CN"] == (date(2024, 4, 1), 1, 0, 1)  # the chips control targets CN
    assert exposure["US"] == (date(2024, 4, 1), 0, 1, 0)


def test_empty_warehouse_builds_and_passes(empty_build: DbtBuild) -> None:
    assert empty_build.result.success, failed_nodes(empty_build)
    assert failed_nodes(empty_build) == {}
    for mart in MARTS:
        assert empty_build.query(f"select count(*) from marts.{mart}") == [(0,)], mart


def test_data_bugs_fail_the_build(make_warehouse) -> None:
    """An unknown country code and an event pointing to a missing fact are caught by tests."""

    def write(con: duckdb.DuckDBPyConnection) -> None:
        insert_rows(con, "countries", country_rows())
        insert_rows(con, "articles", [{
            "article_id": "a1", "content_hash": "c1", "raw_hash": "r1", "source_key": "k1",
            "source": "s", "source_kind": "text", "text": "t", "ingested_at": date(2024, 1, 2),
        }])
        insert_rows(con, "article_stories", [{"article_id": "a1", "story_id": "s1"}])
        insert_rows(con, "company_moves", [company_move("m1", "a1", countries=["XX"])])
        insert_rows(
            con, "fact_events",
            [
                {"fact_id": "m1", "fact_kind": "company_move", "event_id": "e1"},
                {"fact_id": "p-missing", "fact_kind": "policy_action", "event_id": "e2"},
            ],
        )

    build = make_warehouse(
        write, select=("+fct_company_moves", "+dim_country", "stg_raw__policy_actions")
    )
    assert not build.result.success
    failing = failed_nodes(build)
    assert set(failing.values()) == {"fail"}, failing  # failed tests, no errors
    assert any(
        "countries" in node and "list_elements_in_relationship" in node for node in failing
    ), failing
    assert any("assert_fact_events_point_to_facts_of_their_kind" in node for node in failing)
