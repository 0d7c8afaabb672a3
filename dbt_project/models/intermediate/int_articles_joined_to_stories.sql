{#
    Every article version with its story, the date it counts under and the original it copies.
    reported_at = published_at, or ingested_at when the publication time is unknown.
    original_article_id collapses a syndicated or re-posted copy onto the article it copies,
    so counts of articles count a story told once by two outlets as one article.
    is_superseded marks a version that a later edit (version_of) replaces.
#}
with

stg_raw__articles as (

    select * from {{ ref('stg_raw__articles') }}

),

stg_raw__article_stories as (

    select * from {{ ref('stg_raw__article_stories') }}

),

replaced_versions as (

    select distinct version_of_article_id as article_id
    from stg_raw__articles
    where version_of_article_id is not null

),

articles_joined as (

    select
        stg_raw__articles.article_id,
        coalesce(
            stg_raw__articles.duplicate_of_article_id,
            stg_raw__articles.article_id
        ) as original_article_id,
        stg_raw__article_stories.story_id,
        stg_raw__articles.outlet,
        stg_raw__articles.title,
        stg_raw__articles.url,
        stg_raw__articles.duplicate_kind,
        replaced_versions.article_id is not null as is_superseded,
        stg_raw__articles.published_at,
        coalesce(
            stg_raw__articles.published_at,
            stg_raw__articles.ingested_at
        ) as reported_at,
        cast(
            coalesce(
                stg_raw__articles.published_at,
                stg_raw__articles.ingested_at
            ) as date
        ) as reported_date

    from stg_raw__articles
    left join stg_raw__article_stories
        on stg_raw__articles.article_id = stg_raw__article_stories.article_id
    left join replaced_versions
        on stg_raw__articles.article_id = replaced_versions.article_id

)

select * from articles_joined
