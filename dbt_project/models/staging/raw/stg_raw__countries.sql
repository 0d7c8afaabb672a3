with

source as (

    select * from {{ source('raw', 'countries') }}

),

renamed as (

    select

        ---------- ids
        country_code,
        alpha3 as alpha3_code,

        ---------- strings
        name as country_name,
        region

    from source

)

select * from renamed
