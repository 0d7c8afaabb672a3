{#
    One row per (company_key, company) spelling seen in current reports: how often and when
    it was first seen. dim_company picks its name and aliases from here.
#}
with

int_company_move_mentions as (

    select * from {{ ref('int_company_move_mentions') }}

),

names_counted as (

    select
        company_key,
        company,
        count(*) as n_reports,
        min(reported_at) as first_reported_at,
        max(reported_at) as last_reported_at

    from int_company_move_mentions
    group by company_key, company

)

select * from names_counted
