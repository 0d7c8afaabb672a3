with

source as (

    select * from {{ source('raw', 'articles') }}

),

renamed as (

    select

        ---------- ids
        article_id,
        content_hash,
        raw_hash,
        source_key,
        version_of as version_of_article_id,
        duplicate_of as duplicate_of_article_id,

        ---------- strings
        source as source_name,
        source_kind,
        position as source_position,
        url,
        outlet,
        title,
        text as body_text,
        author,
        published_raw,
        language,
        duplicate_kind,
        fixes,

        ---------- numerics
        word_count,

        ---------- timestamps
        published_at,
        ingested_at

    from source

)

select * from renamed
