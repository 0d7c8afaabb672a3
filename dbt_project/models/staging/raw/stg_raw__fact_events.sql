with

source as (

    select * from {{ source('raw', 'fact_events') }}

),

renamed as (

    select

        ---------- ids
        fact_id,
        event_id,

        ---------- strings
        fact_kind

    from source

)

select * from renamed
