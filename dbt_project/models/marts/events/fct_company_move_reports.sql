{#
    One row per supporting fact of a company move: every article that reports the event, with
    its evidence sentence, attribution, status and headcounts as that article gives them.
#}
with

int_company_move_mentions as (

    select * from {{ ref('int_company_move_mentions') }}

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
        company,
        company_key,
        move_type,
        countries,
        to_countries,
        headcount_min,
        headcount_max,
        target,
        status,
        evidence,
        attributed_to,
        is_unverified,
        confidence,
        published_at,
        reported_at,
        reported_date

    from int_company_move_mentions

)

select * from reports
