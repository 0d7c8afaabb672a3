{#
    Relocations unnested into one row per (event, from_country, to_country): the cross
    product of the event's countries (where from) and to_countries (where to). A side the
    reports do not state is a single null, so every relocation event has at least one row.
#}
with

fct_company_moves as (

    select * from {{ ref('fct_company_moves') }}

),

relocations as (

    select * from fct_company_moves
    where move_type = 'relocation'

),

relocations_by_origin as (

    select
        event_id,
        company_key,
        company,
        unnest(
            case when len(countries) = 0 then [null::varchar] else countries end
        ) as from_country,
        to_countries,
        headcount_min,
        headcount_max,
        status,
        is_unverified,
        n_articles,
        first_seen

    from relocations

),

relocations_by_route as (

    select
        *,
        unnest(
            case when len(to_countries) = 0 then [null::varchar] else to_countries end
        ) as to_country

    from relocations_by_origin

),

flows as (

    select
        md5(
            concat_ws(
                '|', event_id, coalesce(from_country, ''), coalesce(to_country, '')
            )
        ) as flow_id,
        event_id,
        company_key,
        company,
        from_country,
        to_country,
        headcount_min,
        headcount_max,
        status,
        is_unverified,
        n_articles,
        first_seen

    from relocations_by_route

)

select * from flows
