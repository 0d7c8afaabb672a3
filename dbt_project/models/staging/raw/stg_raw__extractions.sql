with

source as (

    select * from {{ source('raw', 'extractions') }}

),

renamed as (

    select

        ---------- ids
        article_id,

        ---------- strings
        extractor_version,

        ---------- numerics
        n_company_moves,
        n_policy_actions,

        ---------- timestamps
        extracted_at

    from source

)

select * from renamed
