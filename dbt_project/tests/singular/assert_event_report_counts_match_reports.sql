{#
    The event facts and their report tables agree: each event's n_reports is the number of
    its rows in the report table, and every event has at least one report.
#}
{{ config(meta={'dagster': {'ref': {'name': 'fct_company_moves'}}}) }}

with

fct_company_moves as (

    select * from {{ ref('fct_company_moves') }}

),

fct_company_move_reports as (

    select * from {{ ref('fct_company_move_reports') }}

),

fct_policy_actions as (

    select * from {{ ref('fct_policy_actions') }}

),

fct_policy_action_reports as (

    select * from {{ ref('fct_policy_action_reports') }}

),

company_move_report_counts as (

    select
        event_id,
        count(*) as n_report_rows

    from fct_company_move_reports
    group by event_id

),

policy_action_report_counts as (

    select
        event_id,
        count(*) as n_report_rows

    from fct_policy_action_reports
    group by event_id

),

mismatches as (

    select
        'company_move' as fact_kind,
        fct_company_moves.event_id,
        fct_company_moves.n_reports,
        company_move_report_counts.n_report_rows

    from fct_company_moves
    left join company_move_report_counts
        on fct_company_moves.event_id = company_move_report_counts.event_id
    where fct_company_moves.n_reports is distinct from company_move_report_counts.n_report_rows

    union all

    select
        'policy_action' as fact_kind,
        fct_policy_actions.event_id,
        fct_policy_actions.n_reports,
        policy_action_report_counts.n_report_rows

    from fct_policy_actions
    left join policy_action_report_counts
        on fct_policy_actions.event_id = policy_action_report_counts.event_id
    where fct_policy_actions.n_reports is distinct from policy_action_report_counts.n_report_rows

)

select * from mismatches
