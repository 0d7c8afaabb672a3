{#
    One row per supporting fact of a policy action: every article that reports the event, with
    its evidence sentence, attribution and status as that article gives them.
#}
with

int_policy_action_mentions as (

    select * from {{ ref('int_policy_action_mentions') }}

),

reports as (

    select
        fact_id,
        event_id,
        article_id,
        original_article_id,
        story_id,
        outlet,
        title,
        url,
        actor,
        actor_country,
        action_type,
        target_country,
        subject,
        status,
        evidence,
        attributed_to,
        is_unverified,
        confidence,
        published_at,
        reported_at,
        reported_date

    from int_policy_action_mentions

)

select * from reports
