{#
    Policy actions by calendar month of first_seen (UTC), actor_country, target_country,
    action_type and current status: how many actions, and how many distinct original
    articles reported them.
#}
with

fct_policy_actions as (

    select * from {{ ref('fct_policy_actions') }}

),

int_policy_action_mentions as (

    select * from {{ ref('int_policy_action_mentions') }}

),

actions_by_month as (

    select
        event_id,
        cast(date_trunc('month', first_seen) as date) as month_start,
        actor_country,
        target_country,
        action_type,
        status

    from fct_policy_actions

),

timeline as (

    select
        actions_by_month.month_start,
        actions_by_month.actor_country,
        actions_by_month.target_country,
        actions_by_month.action_type,
        actions_by_month.status,
        count(distinct actions_by_month.event_id) as n_actions,
        count(distinct int_policy_action_mentions.original_article_id) as n_articles

    from actions_by_month
    inner join int_policy_action_mentions
        on actions_by_month.event_id = int_policy_action_mentions.event_id
    group by
        actions_by_month.month_start,
        actions_by_month.actor_country,
        actions_by_month.target_country,
        actions_by_month.action_type,
        actions_by_month.status

)

select * from timeline
