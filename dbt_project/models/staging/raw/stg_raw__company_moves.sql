with

source as (

    select * from {{ source('raw', 'company_moves') }}

),

renamed as (

    select

        ---------- ids
        fact_id,
        article_id,
        company_key,

        ---------- strings
        company,
        move_type,
        countries,
        to_countries,
        target,
        status,
        evidence,
        attributed_to,
        extractor_version,

        ---------- numerics
        headcount_min,
        headcount_max,
        evidence_start,
        evidence_end,
        confidence,

        ---------- booleans
        is_unverified,

        ---------- timestamps
        extracted_at

    from source

)

select * from renamed
