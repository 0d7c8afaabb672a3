"""The two seed reports, end to end: one story, one Microsoft relocation event reported twice,
the two US export controls, and the link between them."""

from pipeline_runs import Warehouse


def test_seeds_form_one_story(seeds_warehouse: Warehouse) -> None:
    assert seeds_warehouse.scalar("select count(*) from raw.articles") == 2
    assert seeds_warehouse.scalar("select count(distinct story_id) from raw.article_stories") == 1
    assert seeds_warehouse.scalar("select count(*) from marts.dim_story") == 1


def test_one_microsoft_relocation_event_with_both_reports(seeds_warehouse: Warehouse) -> None:
    rows = seeds_warehouse.query(
        """
        select company, move_type, countries, to_countries, headcount_min, headcount_max,
               status, n_articles, is_unverified
        from marts.fct_company_moves
        """
    )
    assert len(rows) == 1
    company, move_type, countries, to_countries, low, high, status, n_articles, unverified = rows[0]
    assert company == "Microsoft" and move_type == "relocation"
    assert countries == ["CN"]
    assert sorted(to_countries) == ["AU", "IE", "NZ", "US"]
    assert (low, high) == (700, 800)
    assert status == "announced"
    assert n_articles == 2
    assert unverified is True  # the CNBC report says it could not verify the story
    flows = seeds_warehouse.query(
        "select from_country, to_country from marts.mart_talent_flows order by to_country"
    )
    assert flows == [("CN", "AU"), ("CN", "IE"), ("CN", "NZ"), ("CN", "US")]


def test_two_us_export_controls_linked_to_the_move(seeds_warehouse: Warehouse) -> None:
    policies = seeds_warehouse.query(
        """
        select actor_country, action_type, target_country, status, n_articles
        from marts.fct_policy_actions
        order by status
        """
    )
    assert [(p[0], p[1], p[3]) for p in policies] == [
        ("US", "export_control", "considering"),
        ("US", "export_control", "in_force"),
    ]
    assert policies[1][2] == "CN"
    links = seeds_warehouse.query(
        """
        select policies.status
        from marts.fct_move_policy_links as links
        inner join marts.fct_company_moves as moves on links.move_event_id = moves.event_id
        inner join marts.fct_policy_actions as policies
            on links.policy_event_id = policies.event_id
        where moves.company = 'Microsoft'
        """
    )
    assert ("in_force",) in links
