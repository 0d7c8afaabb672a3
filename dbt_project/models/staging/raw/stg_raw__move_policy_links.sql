with

source as (

    select * from {{ source('raw', 'move_policy_links') }}

),

renamed as (

    select

        ---------- ids
        move_fact_id,
        policy_fact_id,
        article_id,

        ---------- strings
        cue,
        evidence

    from source

)

select * from renamed
