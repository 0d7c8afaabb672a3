with

source as (

    select * from {{ source('raw', 'rejects') }}

),

renamed as (

    select

        ---------- strings
        source as source_name,
        position as source_position,
        reason,
        sample,

        ---------- timestamps
        rejected_at

    from source

)

select * from renamed
