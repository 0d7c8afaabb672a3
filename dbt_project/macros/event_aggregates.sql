{#
    Shared by fct_company_moves and fct_policy_actions: what every consolidated event keeps
    from its reports (mentions carry event_id, fact_id, status, status_stage, reported_at,
    original_article_id, outlet, story_id, is_unverified, attributed_to).
#}

{% macro event_report_aggregates() %}
        first(
            status order by reported_at desc, status_stage desc, fact_id desc
        ) as status,
        cast(min(reported_at) as date) as first_seen,
        cast(max(reported_at) as date) as last_seen,
        count(distinct original_article_id) as n_articles,
        count(distinct outlet) as n_outlets,
        count(*) as n_reports,
        first(story_id order by reported_at, fact_id) as story_id,
        bool_or(is_unverified) as is_unverified,
        coalesce(
            list(distinct attributed_to order by attributed_to) filter (
                where attributed_to is not null
            ),
            []
        ) as attributed_to
{% endmacro %}

{#
    Each event's statuses with the date each was first reported, in order: one row per
    event_id with status_history (list of {status, first_seen}).
#}
{% macro status_history_by_event(mentions) %}
    select
        event_id,
        list(
            {'status': status, 'first_seen': cast(first_reported_at as date)}
            order by first_reported_at, status_stage
        ) as status_history

    from (
        select
            event_id,
            status,
            min(status_stage) as status_stage,
            min(reported_at) as first_reported_at

        from {{ mentions }}
        group by event_id, status
    )
    group by event_id
{% endmacro %}
