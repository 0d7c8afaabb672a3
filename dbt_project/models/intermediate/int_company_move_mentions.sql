{#
    One row per company-move fact of a current article version, with its event and the
    article it comes from. Facts of superseded versions and facts not yet consolidated
    into an event are left out.
#}
with

stg_raw__company_moves as (

    select * from {{ ref('stg_raw__company_moves') }}

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
        stg_raw__company_moves.fact_id,
        stg_raw__company_moves.article_id,
        int_articles_joined_to_stories.original_article_id,
        int_articles_joined_to_stories.story_id,
        int_articles_joined_to_stories.outlet,
        int_articles_joined_to_stories.title,
        int_articles_joined_to_stories.url,
        stg_raw__company_moves.company,
        stg_raw__company_moves.company_key,
        stg_raw__company_moves.move_type,
        stg_raw__company_moves.countries,
        stg_raw__company_moves.to_countries,
        stg_raw__company_moves.headcount_min,
        stg_raw__company_moves.headcount_max,
        stg_raw__company_moves.target,
        stg_raw__company_moves.status,
        {{ status_stage('stg_raw__company_moves.status') }} as status_stage,
        stg_raw__company_moves.evidence,
        stg_raw__company_moves.attributed_to,
        stg_raw__company_moves.is_unverified,
        stg_raw__company_moves.confidence,
        int_articles_joined_to_stories.published_at,
        int_articles_joined_to_stories.reported_at,
        int_articles_joined_to_stories.reported_date

    from stg_raw__company_moves
    inner join stg_raw__fact_events
        on
            stg_raw__company_moves.fact_id = stg_raw__fact_events.fact_id
            and stg_raw__fact_events.fact_kind = 'company_move'
    inner join int_articles_joined_to_stories
        on stg_raw__company_moves.article_id = int_articles_joined_to_stories.article_id
    where not int_articles_joined_to_stories.is_superseded

)

select * from mentions_joined
