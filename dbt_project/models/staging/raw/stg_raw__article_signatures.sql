with

source as (

    select * from {{ source('raw', 'article_signatures') }}

),

renamed as (

    select

        ---------- ids
        article_id,

        ---------- numerics
        minhash

    from source

)

select * from renamed
