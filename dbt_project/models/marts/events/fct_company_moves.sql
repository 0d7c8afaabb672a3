{#
    One row per consolidated company move (raw.fact_events groups the per-article facts).
    - company, company_key, move_type, target: the form most reports give; ties go to the
      earliest report (then fact_id).
    - countries, to_countries: union over the reports, sorted.
    - headcount_min / headcount_max: the widest range (min of mins, max of maxes);
      has_headcount_disagreement when reports stating a number state different ranges.
    - status: the latest report's status by reported_at (publication time, else ingestion
      time); among reports of the same time the later life-cycle stage wins, then fact_id.
    - status_history: each status with the date it was first reported, in order.
    - n_articles: distinct original articles (a syndicated copy counts once).
    - story_id: story of the first report.
#}
with

int_company_move_mentions as (

    select * from {{ ref('int_company_move_mentions') }}

),

mentions_with_form_counts as (

    select
        *,
        count(*) over (partition by event_id, company) as company_n_reports,
        count(*) over (partition by event_id, company_key) as company_key_n_reports,
        count(*) over (partition by event_id, move_type) as move_type_n_reports,
        count(target) over (partition by event_id, target) as target_n_reports

    from int_company_move_mentions

),

status_histories as (

    {{ status_history_by_event('int_company_move_mentions') }}

),

events_consolidated as (

    select
        event_id,
        first(company order by company_n_reports desc, reported_at, fact_id) as company,
        first(
            company_key order by company_key_n_reports desc, reported_at, fact_id
        ) as company_key,
        first(
            move_type order by move_type_n_reports desc, reported_at, fact_id
        ) as move_type,
        list_sort(list_distinct(flatten(list(countries)))) as countries,
        list_sort(list_distinct(flatten(list(to_countries)))) as to_countries,
        min(headcount_min) as headcount_min,
        max(headcount_max) as headcount_max,
        count(distinct [headcount_min, headcount_max]) filter (
            where headcount_min is not null or headcount_max is not null
        ) > 1 as has_headcount_disagreement,
        first(target order by target_n_reports desc, reported_at, fact_id) filter (
            where target is not null
        ) as target,
        {{ event_report_aggregates() }}

    from mentions_with_form_counts
    group by event_id

),

events_with_status_history as (

    select
        events_consolidated.event_id,
        events_consolidated.company,
        events_consolidated.company_key,
        events_consolidated.move_type,
        events_consolidated.countries,
        events_consolidated.to_countries,
        events_consolidated.headcount_min,
        events_consolidated.headcount_max,
        events_consolidated.has_headcount_disagreement,
        events_consolidated.target,
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
