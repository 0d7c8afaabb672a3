{#
    Company x country x calendar quarter: the company's moves in or to the country whose
    first_seen falls in the quarter, next to the policy actions aimed at that country
    (target_country) first seen in the same calendar quarter (UTC).
    A country counts for a move when it is in countries (where the move takes place, for a
    relocation where from) or in to_countries (a relocation's destination).
#}
with

fct_company_moves as (

    select * from {{ ref('fct_company_moves') }}

),

fct_policy_actions as (

    select * from {{ ref('fct_policy_actions') }}

),

dim_company as (

    select * from {{ ref('dim_company') }}

),

move_countries as (

    select
        event_id,
        company_key,
        move_type,
        first_seen,
        unnest(countries) as country_code,
        false as is_destination

    from fct_company_moves

    union all

    select
        event_id,
        company_key,
        move_type,
        first_seen,
        unnest(to_countries) as country_code,
        true as is_destination

    from fct_company_moves

),

company_country_quarters as (

    select
        company_key,
        country_code,
        cast(date_trunc('quarter', first_seen) as date) as quarter_start,
        count(distinct event_id) as n_moves,
        count(distinct event_id) filter (where not is_destination) as n_moves_in_country,
        count(distinct event_id) filter (where is_destination) as n_moves_to_country,
        list(distinct move_type order by move_type) as move_types

    from move_countries
    group by
        company_key,
        country_code,
        cast(date_trunc('quarter', first_seen) as date)

),

policy_actions_by_target_quarter as (

    select
        target_country as country_code,
        cast(date_trunc('quarter', first_seen) as date) as quarter_start,
        count(distinct event_id) as n_policy_actions,
        list(distinct action_type order by action_type) as policy_action_types

    from fct_policy_actions
    where target_country is not null
    group by
        target_country,
        cast(date_trunc('quarter', first_seen) as date)

),

exposure as (

    select
        company_country_quarters.company_key,
        dim_company.company,
        company_country_quarters.country_code,
        company_country_quarters.quarter_start,
        company_country_quarters.n_moves,
        company_country_quarters.n_moves_in_country,
        company_country_quarters.n_moves_to_country,
        company_country_quarters.move_types,
        coalesce(policy_actions_by_target_quarter.n_policy_actions, 0) as n_policy_actions,
        coalesce(
            policy_actions_by_target_quarter.policy_action_types, []
        ) as policy_action_types

    from company_country_quarters
    inner join dim_company
        on company_country_quarters.company_key = dim_company.company_key
    left join policy_actions_by_target_quarter
        on
            company_country_quarters.country_code
            = policy_actions_by_target_quarter.country_code
            and company_country_quarters.quarter_start
            = policy_actions_by_target_quarter.quarter_start

)

select * from exposure
