{#
    ISO 3166-1 countries (pycountry) plus EU, as the Python countries asset writes them.
#}
with

stg_raw__countries as (

    select * from {{ ref('stg_raw__countries') }}

),

countries as (

    select
        country_code,
        alpha3_code,
        country_name,
        region,
        country_code = 'EU' as is_supranational

    from stg_raw__countries

)

select * from countries
