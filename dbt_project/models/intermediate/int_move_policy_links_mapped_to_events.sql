{#
    One row per fact-level move-policy link whose two facts are both current and consolidated,
    with the events they belong to.
#}
with

stg_raw__move_policy_links as (

    select * from {{ ref('stg_raw__move_policy_links') }}

),

int_company_move_mentions as (

    select * from {{ ref('int_company_move_mentions') }}

),

int_policy_action_mentions as (

    select * from {{ ref('int_policy_action_mentions') }}

),

links_mapped as (

    select
        int_company_move_mentions.event_id as move_event_id,
        int_policy_action_mentions.event_id as policy_event_id,
        stg_raw__move_policy_links.move_fact_id,
        stg_raw__move_policy_links.policy_fact_id,
        stg_raw__move_policy_links.article_id,
        int_company_move_mentions.original_article_id,
        stg_raw__move_policy_links.cue,
        stg_raw__move_policy_links.evidence,
        int_company_move_mentions.reported_at

    from stg_raw__move_policy_links
    inner join int_company_move_mentions
        on stg_raw__move_policy_links.move_fact_id = int_company_move_mentions.fact_id
    inner join int_policy_action_mentions
        on stg_raw__move_policy_links.policy_fact_id = int_policy_action_mentions.fact_id

)

select * from links_mapped
