{#
    One row per (company move event, policy action event) that some article links: the move
    is reported as happening amid, because of or in response to the policy.
    cue: the cue most links give (ties: the earliest report); evidence: the earliest link's
    sentence; n_articles: distinct original articles that make the link.
#}
with

int_move_policy_links_mapped_to_events as (

    select * from {{ ref('int_move_policy_links_mapped_to_events') }}

),

links_with_cue_counts as (

    select
        *,
        count(*) over (partition by move_event_id, policy_event_id, cue) as cue_n_links

    from int_move_policy_links_mapped_to_events

),

links_consolidated as (

    select
        md5(move_event_id || '|' || policy_event_id) as link_id,
        move_event_id,
        policy_event_id,
        first(
            cue order by cue_n_links desc, reported_at, move_fact_id, policy_fact_id
        ) as cue,
        list(distinct cue order by cue) as cues,
        first(
            evidence order by reported_at, move_fact_id, policy_fact_id
        ) as evidence,
        count(distinct original_article_id) as n_articles,
        cast(min(reported_at) as date) as first_seen,
        cast(max(reported_at) as date) as last_seen

    from links_with_cue_counts
    group by move_event_id, policy_event_id

)

select * from links_consolidated
