with

source as (

    select * from {{ source('raw', 'policy_actions') }}

),

renamed as (

    select

        ---------- ids
        fact_id,
        article_id,

        ---------- strings
        actor,
        actor_country,
        action_type,
        target_country,
        subject,
        status,
        evidence,
        attributed_to,
        extractor_version,

        ---------- numerics
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
