"""The brief lists what a run added and draws the top talent flows."""

import json
from datetime import UTC, datetime

import duckdb
import polars as pl

from movewatch.reports.brief import build_brief, flows_chart_spec

BEFORE = datetime(2026, 1, 1, tzinfo=UTC)
RUN = datetime(2026, 2, 1, tzinfo=UTC)


def warehouse() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for sql in [
        "create schema raw",
        "create schema marts",
        "create table raw.articles (article_id varchar, ingested_at timestamptz)",
        f"insert into raw.articles values ('old', '{BEFORE}'), ('new', '{RUN}'), ('new2', '{RUN}')",
        """create table marts.fct_company_moves as select * from (values
            ('m1', 'Microsoft', 'relocation', ['CN'], ['US', 'IE'], 700, 800, 'announced', 2,
             date '2026-02-01'),
            ('m2', 'Acme', 'layoff', ['DE'], [], 300, 300, 'completed', 1, date '2025-12-01'))
            as t(event_id, company, move_type, countries, to_countries, headcount_min,
                 headcount_max, status, n_articles, first_seen)""",
        """create table marts.fct_company_move_reports as select * from (values
            ('m1', 'new'), ('m1', 'new2'), ('m2', 'old'), ('m2', 'new'))
            as t(event_id, article_id)""",
        """create table marts.fct_policy_actions as select * from (values
            ('p1', 'the United States', 'US', 'export_control', 'CN', 'advanced chips',
             'in_force', 1, date '2026-02-01'))
            as t(event_id, actor, actor_country, action_type, target_country, subject, status,
                 n_articles, first_seen)""",
        "create table marts.fct_policy_action_reports as select 'p1' as event_id, "
        "'new' as article_id",
        """create table marts.mart_talent_flows as select * from (values
            ('m1', 'Microsoft', 'CN', 'US', 800::bigint), ('m1', 'Microsoft', 'CN', 'IE', 800))
            as t(event_id, company, from_country, to_country, headcount_max)""",
    ]:
        con.execute(sql).fetchall()
    return con


def test_brief_separates_new_from_updated_events_and_draws_flows() -> None:
    brief = build_brief(warehouse(), since=RUN, now=RUN)
    assert brief.figures["new_company_move_events"] == 1  # only new articles report m1
    assert brief.figures["updated_company_move_events"] == 1  # m2 had an old report too
    assert brief.figures["new_policy_action_events"] == 1
    new_section = brief.markdown.split("## New company moves")[1].split("##")[0]
    assert "Microsoft" in new_section and "Acme" not in new_section
    # Each row names its event, so two events that read alike are told apart.
    assert new_section.strip().splitlines()[0].startswith("| event | company |")
    assert "CN | IE" in brief.markdown.replace("  ", " ")
    assert brief.chart_png is not None and brief.chart_png[:8] == b"\x89PNG\r\n\x1a\n"


def test_brief_of_an_empty_warehouse_has_no_chart() -> None:
    con = warehouse()
    for table in (
        "fct_company_moves",
        "fct_company_move_reports",
        "fct_policy_actions",
        "fct_policy_action_reports",
        "mart_talent_flows",
    ):
        con.execute(f"delete from marts.{table}").fetchall()
    brief = build_brief(con, since=RUN, now=RUN)
    assert brief.chart_png is None
    assert "_none_" in brief.markdown


def test_flow_chart_ticks_are_whole_numbers_each_shown_once() -> None:
    for most in (1, 3, 17):
        flows = pl.DataFrame({"from_country": ["CN", "DE"], "to_country": ["US", "PL"],
                              "events": [most, 1], "companies": ["A", "B"]})
        axis = json.loads(flows_chart_spec(flows))["encoding"]["x"]["axis"]
        values = axis["values"]
        assert all(isinstance(v, int) for v in values) and values == sorted(set(values))
        assert values[0] == 0 and values[-1] >= most and len(values) <= 10
    assert flows_chart_spec(flows.clear()) is None
