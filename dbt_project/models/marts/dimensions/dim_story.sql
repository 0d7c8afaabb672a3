{#
    One row per story of the current article versions. n_articles counts distinct original
    articles (a syndicated copy counts once); title is that of the first article;
    n_company_moves / n_policy_actions count the events with at least one report in the story.
#}
with

int_articles_joined_to_stories as (

    select * from {{ ref('int_articles_joined_to_stories') }}

),

int_company_move_mentions as (

    select * from {{ ref('int_company_move_mentions') }}

),

int_policy_action_mentions as (

    select * from {{ ref('int_policy_action_mentions') }}

),

story_articles as (

    select
        story_id,
        cast(min(reported_at) as date) as first_seen,
        cast(max(reported_at) as date) as last_seen,
        count(distinct original_article_id) as n_articles,
        first(title order by reported_at, article_id) as title

    from int_articles_joined_to_stories
    where
        story_id is not null
        and not is_superseded
    group by story_id

),

story_company_moves as (

    select
        story_id,
        count(distinct event_id) as n_company_moves

    from int_company_move_mentions
    group by story_id

),

story_policy_actions as (

    select
        story_id,
        count(distinct event_id) as n_policy_actions

    from int_policy_action_mentions
    group by story_id

),

stories as (

    select
        story_articles.story_id,
        story_articles.title,
        story_articles.first_seen,
        story_articles.last_seen,
        story_articles.n_articles,
        coalesce(story_company_moves.n_company_moves, 0) as n_company_moves,
        coalesce(story_policy_actions.n_policy_actions, 0) as n_policy_actions

    from story_articles
    left join story_company_moves
        on story_articles.story_id = story_company_moves.story_id
    left join story_policy_actions
        on story_articles.story_id = story_policy_actions.story_id

)

select * from stories
