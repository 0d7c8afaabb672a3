{#
    One row per company_key seen in current company-move reports. company: the spelling most
    reports give (ties: the earliest); aliases: every spelling seen, sorted.
#}
with

int_company_names as (

    select * from {{ ref('int_company_names') }}

),

int_company_move_mentions as (

    select * from {{ ref('int_company_move_mentions') }}

),

company_names_chosen as (

    select
        company_key,
        first(company order by n_reports desc, first_reported_at, company) as company,
        list(company order by company) as aliases

    from int_company_names
    group by company_key

),

company_activity as (

    select
        company_key,
        cast(min(reported_at) as date) as first_seen,
        cast(max(reported_at) as date) as last_seen,
        count(distinct event_id) as n_moves,
        count(distinct original_article_id) as n_articles

    from int_company_move_mentions
    group by company_key

),

companies as (

    select
        company_names_chosen.company_key,
        company_names_chosen.company,
        company_names_chosen.aliases,
        company_activity.first_seen,
        company_activity.last_seen,
        company_activity.n_moves,
        company_activity.n_articles

    from company_names_chosen
    inner join company_activity
        on company_names_chosen.company_key = company_activity.company_key

)

select * from companies
