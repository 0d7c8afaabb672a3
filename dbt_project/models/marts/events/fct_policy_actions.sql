{#
    One row per consolidated policy action; the same rules as fct_company_moves:
    - actor, actor_country, action_type, target_country, subject: the form most reports
      give (nulls ignored); ties go to the earliest report (then fact_id).
    - status: the latest report's status by reported_at; among reports of the same time the
      later life-cycle stage wins, then fact_id. status_history as in fct_company_moves.
    - n_articles: distinct original articles (a syndicated copy counts once).
    - story_id: story of the first report.
#}
with

int_policy_action_mentions as (

    select * from {{ ref('int_policy_action_mentions') }}

),

mentions_with_form_counts as (

    select
        *,
        count(*) over (partition by event_id, actor) as actor_n_reports,
        count(actor_country) over (
            partition by event_id, actor_country
        ) as actor_country_n_reports,
        count(*) over (partition by event_id, action_type) as action_type_n_reports,
        count(target_country) over (
            partition by event_id, target_country
        ) as target_country_n_reports,
        count(subject) over (partition by event_id, subject) as subject_n_reports

    from int_policy_action_mentions

),

status_histories as (

    {{ status_history_by_event('int_policy_action_mentions') }}

),

events_consolidated as (

    select
        event_id,
        first(actor order by actor_n_reports desc, reported_at, fact_id) as actor,
        first(
            actor_country order by actor_country_n_reports desc, reported_at, fact_id
        ) filter (where actor_country is not null) as actor_country,
        first(
            action_type order by action_type_n_reports desc, reported_at, fact_id
        ) as action_type,
        first(
            target_country order by target_country_n_reports desc, reported_at, fact_id
        ) filter (where target_country is not null) as target_country,
        first(
            subject order by subject_n_reports desc, reported_at, fact_id
        ) filter (where subject is not null) as subject,
        {{ event_report_aggregates() }}

    from mentions_with_form_counts
    group by event_id

),

events_with_status_history as (

    select
        events_consolidated.event_id,
        events_consolidated.actor,
        events_consolidated.actor_country,
        events_consolidated.action_type,
        events_consolidated.target_country,
        events_consolidated.subject,
        events_consolidated.status,
        status_histories.status_history,
        events_consolidated.first_seen,
        events_consolidated.last_seen,
        events_consolidated.n_articles,
        events_consolidated.n_outlets,
        events_consolidated.n_reports,
        events_consolidated.story_id,
        events_consolidated.is_unverified,
        events_consolidated.attributed_to

    from events_consolidated
    inner join status_histories
        on events_consolidated.event_id = status_histories.event_id

)

select * from events_with_status_history
