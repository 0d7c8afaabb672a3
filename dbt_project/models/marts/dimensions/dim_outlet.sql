{#
    One row per named outlet of a current article version. Articles with no outlet are not
    in this table (their outlet is null in the facts).
#}
with

int_articles_joined_to_stories as (

    select * from {{ ref('int_articles_joined_to_stories') }}

),

outlets as (

    select
        outlet,
        count(distinct article_id) as n_articles,
        cast(min(reported_at) as date) as first_seen,
        cast(max(reported_at) as date) as last_seen

    from int_articles_joined_to_stories
    where
        outlet is not null
        and not is_superseded
    group by outlet

)

select * from outlets
