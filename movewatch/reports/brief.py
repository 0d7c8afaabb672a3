"""The run brief: new and updated events, top talent flows and new policy actions.

Built from the marts after each run, as Markdown with one chart (Altair, rendered to PNG by
vl-convert, offline).
"""

from dataclasses import dataclass
from datetime import datetime

import duckdb
import polars as pl

TOP = 10


@dataclass(frozen=True)
class Brief:
    """A run brief: Markdown text, a PNG chart (None when there is nothing to draw), figures."""

    markdown: str
    chart_png: bytes | None
    figures: dict[str, int]


def _event_changes(con: duckdb.DuckDBPyConnection, reports: str, since: datetime) -> pl.DataFrame:
    """Per event of a reports mart: whether all, some or none of its articles are new."""
    return con.sql(
        f"""
        select
            reports.event_id,
            bool_and(articles.ingested_at >= $since) as is_new,
            bool_or(articles.ingested_at >= $since) as is_touched
        from marts.{reports} as reports
        inner join raw.articles as articles on reports.article_id = articles.article_id
        group by reports.event_id
        """,
        params={"since": since},
    ).pl()


def _table(frame: pl.DataFrame) -> str:
    if frame.is_empty():
        return "_none_\n"
    header = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = [
        "| " + " | ".join("" if v is None else str(v) for v in row) + " |"
        for row in frame.iter_rows()
    ]
    return "\n".join([header, rule, *rows]) + "\n"


def _flows_chart(flows: pl.DataFrame) -> bytes | None:
    spec = flows_chart_spec(flows)
    if spec is None:
        return None
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=2)


def flows_chart_spec(flows: pl.DataFrame) -> str | None:
    """The Vega-Lite spec (JSON) of the top talent flows bar chart; None without flows."""
    if flows.is_empty():
        return None
    import altair as alt  # imported here: charting is the only use, and it is slow to import

    data = flows.select(
        pl.concat_str([pl.col("from_country"), pl.lit(" → "), pl.col("to_country")]).alias("flow"),
        pl.col("events").cast(pl.Int64),
        "companies",
    )
    most = max(int(data["events"].max() or 0), 1)
    step = max(1, -(-most // 8))
    most = -(-most // step) * step
    chart = (
        alt.Chart(data, title="Top talent flows (relocation events)")
        .mark_bar()
        .encode(
            # Whole-number ticks only: 0, 1, 2, ... (never 0.5, nor "1" printed twice).
            x=alt.X("events:Q", title="events", scale=alt.Scale(domain=[0, most], nice=False),
                    axis=alt.Axis(values=list(range(0, most + 1, step)), format="d")),
            y=alt.Y("flow:N", sort="-x", title=None),
            tooltip=["flow", "events", "companies"],
        )
        .properties(width=420, height=22 * len(data))
    )
    return chart.to_json()


def build_brief(con: duckdb.DuckDBPyConnection, *, since: datetime, now: datetime) -> Brief:
    """Summarise what the run that started at `since` added to the marts."""
    move_changes = _event_changes(con, "fct_company_move_reports", since)
    policy_changes = _event_changes(con, "fct_policy_action_reports", since)
    moves = (
        con.sql(
            """
        select event_id, company, move_type, countries, to_countries, headcount_min,
               headcount_max, status, n_articles, first_seen
        from marts.fct_company_moves
        """
        )
        .pl()
        .join(move_changes, on="event_id", how="left")
    )
    policies = (
        con.sql(
            """
        select event_id, actor, actor_country, action_type, target_country, subject, status,
               n_articles, first_seen
        from marts.fct_policy_actions
        """
        )
        .pl()
        .join(policy_changes, on="event_id", how="left")
    )
    flows = con.sql(
        f"""
        select from_country, to_country, count(distinct event_id) as events,
               string_agg(distinct company, ', ' order by company) as companies,
               cast(sum(headcount_max) as bigint) as headcount_max
        from marts.mart_talent_flows
        where from_country is not null and to_country is not null
        group by 1, 2
        order by events desc, from_country, to_country
        limit {TOP}
        """
    ).pl()

    new_moves = moves.filter(pl.col("is_new").fill_null(False))
    updated_moves = moves.filter(pl.col("is_touched").fill_null(False) & ~pl.col("is_new"))
    new_policies = policies.filter(pl.col("is_new").fill_null(False))
    updated_policies = policies.filter(pl.col("is_touched").fill_null(False) & ~pl.col("is_new"))
    # The event id tells apart events whose other shown columns are the same.
    shown = [
        "event",
        "company",
        "move_type",
        "countries",
        "to_countries",
        "headcount_min",
        "headcount_max",
        "status",
        "n_articles",
    ]
    policy_shown = [
        "event",
        "actor",
        "actor_country",
        "action_type",
        "target_country",
        "subject",
        "status",
        "n_articles",
    ]

    def listed(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
        return (
            frame.sort(["n_articles", "event_id"], descending=[True, False])
            .head(TOP)
            .with_columns(event=pl.col("event_id").str.slice(0, 8))
            .select(columns)
            .with_columns(pl.col(pl.List(pl.String)).list.join(", "))
        )

    figures = {
        "company_move_events": moves.height,
        "new_company_move_events": new_moves.height,
        "updated_company_move_events": updated_moves.height,
        "policy_action_events": policies.height,
        "new_policy_action_events": new_policies.height,
        "updated_policy_action_events": updated_policies.height,
    }
    markdown = "\n".join(
        [
            f"# movewatch brief, {now:%Y-%m-%d %H:%M} UTC",
            "",
            f"{figures['company_move_events']} company move events "
            f"({figures['new_company_move_events']} new, "
            f"{figures['updated_company_move_events']} updated by this run); "
            f"{figures['policy_action_events']} policy action events "
            f"({figures['new_policy_action_events']} new, "
            f"{figures['updated_policy_action_events']} updated).",
            "",
            "## New company moves",
            _table(listed(new_moves, shown)),
            "## Updated company moves",
            _table(listed(updated_moves, shown)),
            "## Top talent flows",
            _table(flows),
            "## New policy actions",
            _table(listed(new_policies, policy_shown)),
        ]
    )
    return Brief(markdown=markdown, chart_png=_flows_chart(flows), figures=figures)
