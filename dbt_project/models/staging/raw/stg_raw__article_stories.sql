with

source as (

    select * from {{ source('raw', 'article_stories') }}

),

renamed as (

    select

        ---------- ids
        article_id,
        story_id

    from source

)

select * from renamed
