{#
    Every fact of raw.fact_events exists in the fact table of its kind, and no event mixes
    company moves with policy actions. Returns the offending fact_ids.
#}
{{ config(meta={'dagster': {'ref': {'name': 'stg_raw__fact_events'}}}) }}

with

stg_raw__fact_events as (

    select * from {{ ref('stg_raw__fact_events') }}

),

stg_raw__company_moves as (

    select * from {{ ref('stg_raw__company_moves') }}

),

stg_raw__policy_actions as (

    select * from {{ ref('stg_raw__policy_actions') }}

),

facts_of_any_kind as (

    select fact_id, 'company_move' as fact_kind from stg_raw__company_moves
    union all
    select fact_id, 'policy_action' as fact_kind from stg_raw__policy_actions

),

facts_missing as (

    select
        stg_raw__fact_events.fact_id,
        stg_raw__fact_events.event_id,
        'no fact of this kind' as problem

    from stg_raw__fact_events
    left join facts_of_any_kind
        on
            stg_raw__fact_events.fact_id = facts_of_any_kind.fact_id
            and stg_raw__fact_events.fact_kind = facts_of_any_kind.fact_kind
    where facts_of_any_kind.fact_id is null

),

events_of_mixed_kinds as (

    select
        fact_id,
        event_id,
        'event mixes fact kinds' as problem

    from stg_raw__fact_events
    where event_id in (
        select event_id
        from stg_raw__fact_events
        group by event_id
        having count(distinct fact_kind) > 1
    )

),

problems as (

    select * from facts_missing
    union all
    select * from events_of_mixed_kinds

)

select * from problems
