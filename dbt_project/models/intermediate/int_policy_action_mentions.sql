{#
    One row per policy-action fact of a current article version, with its event and the
    article it comes from. Facts of superseded versions and facts not yet consolidated
    into an event are left out.
#}
with

stg_raw__policy_actions as (

    select * from {{ ref('stg_raw__policy_actions') }}

),

stg_raw__fact_events as (

    select * from {{ ref('stg_raw__fact_events') }}

),

int_articles_joined_to_stories as (

    select * from {{ ref('int_articles_joined_to_stories') }}

),

mentions_joined as (

    select
        stg_raw__fact_events.event_id,
        stg_raw__policy_actions.fact_id,
        stg_raw__policy_actions.article_id,
        int_articles_joined_to_stories.original_article_id,
        int_articles_joined_to_stories.story_id,
        int_articles_joined_to_stories.outlet,
        int_articles_joined_to_stories.title,
        int_articles_joined_to_stories.url,
        stg_raw__policy_actions.actor,
        stg_raw__policy_actions.actor_country,
        stg_raw__policy_actions.action_type,
        stg_raw__policy_actions.target_country,
        stg_raw__policy_actions.subject,
        stg_raw__policy_actions.status,
        {{ status_stage('stg_raw__policy_actions.status') }} as status_stage,
        stg_raw__policy_actions.evidence,
        stg_raw__policy_actions.attributed_to,
        stg_raw__policy_actions.is_unverified,
        stg_raw__policy_actions.confidence,
        int_articles_joined_to_stories.published_at,
        int_articles_joined_to_stories.reported_at,
        int_articles_joined_to_stories.reported_date

    from stg_raw__policy_actions
    inner join stg_raw__fact_events
        on
            stg_raw__policy_actions.fact_id = stg_raw__fact_events.fact_id
            and stg_raw__fact_events.fact_kind = 'policy_action'
    inner join int_articles_joined_to_stories
        on stg_raw__policy_actions.article_id = int_articles_joined_to_stories.article_id
    where not int_articles_joined_to_stories.is_superseded

)

select * from mentions_joined
