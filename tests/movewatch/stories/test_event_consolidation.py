"""Tests for movewatch.stories.consolidation: facts → real-world events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import polars as pl

from movewatch.stories import consolidate_events
from movewatch.stories.consolidation import target_name

DAY0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
INGESTED = datetime(2025, 1, 10, tzinfo=UTC)

MOVE_SCHEMA = {
    "fact_id": pl.String,
    "article_id": pl.String,
    "company": pl.String,
    "company_key": pl.String,
    "move_type": pl.String,
    "countries": pl.List(pl.String),
    "to_countries": pl.List(pl.String),
    "headcount_min": pl.Int64,
    "headcount_max": pl.Int64,
    "target": pl.String,
    "status": pl.String,
}
POLICY_SCHEMA = {
    "fact_id": pl.String,
    "article_id": pl.String,
    "actor": pl.String,
    "actor_country": pl.String,
    "action_type": pl.String,
    "target_country": pl.String,
    "subject": pl.String,
    "status": pl.String,
}


def make_moves(rows: list[dict[str, Any]]) -> pl.DataFrame:
    defaults = {
        "company": "Acme",
        "company_key": "acme",
        "move_type": "layoff",
        "countries": [],
        "to_countries": [],
        "headcount_min": None,
        "headcount_max": None,
        "target": None,
        "status": "announced",
    }
    full = [{**defaults, **row} for row in rows]
    return pl.DataFrame(
        {column: [row[column] for row in full] for column in MOVE_SCHEMA}, schema=MOVE_SCHEMA
    )


def make_policies(rows: list[dict[str, Any]]) -> pl.DataFrame:
    defaults = {
        "actor": "Washington",
        "actor_country": "US",
        "action_type": "export_control",
        "target_country": None,
        "subject": None,
        "status": "announced",
    }
    full = [{**defaults, **row} for row in rows]
    return pl.DataFrame(
        {column: [row[column] for row in full] for column in POLICY_SCHEMA}, schema=POLICY_SCHEMA
    )


def make_articles(days: dict[str, int | None]) -> pl.DataFrame:
    """Articles published DAY0 + days (None: no published date)."""
    return pl.DataFrame(
        {
            "article_id": list(days),
            "published_at": [
                None if d is None else DAY0 + timedelta(days=d) for d in days.values()
            ],
            "ingested_at": [INGESTED] * len(days),
        },
        schema={
            "article_id": pl.String,
            "published_at": pl.Datetime("us", "UTC"),
            "ingested_at": pl.Datetime("us", "UTC"),
        },
    )


def singleton_stories(articles: pl.DataFrame) -> pl.DataFrame:
    return articles.select("article_id", ("s_" + pl.col("article_id")).alias("story_id"))


NO_MOVES = make_moves([])
NO_POLICIES = make_policies([])


def events_of(result: pl.DataFrame) -> dict[str, str]:
    return dict(zip(result["fact_id"], result["event_id"], strict=True))


def consolidate(
    moves: pl.DataFrame,
    policies: pl.DataFrame,
    articles: pl.DataFrame,
    stories: pl.DataFrame | None = None,
) -> dict[str, str]:
    stories = singleton_stories(articles) if stories is None else stories
    return events_of(consolidate_events(moves, policies, articles, stories))


def test_status_progression_is_one_event() -> None:
    articles = make_articles({"a1": 0, "a2": 9})
    moves = make_moves(
        [
            {"fact_id": "f2", "article_id": "a2", "status": "announced", "countries": ["FR"]},
            {"fact_id": "f1", "article_id": "a1", "status": "considering", "countries": ["FR"]},
        ]
    )
    assert consolidate(moves, NO_POLICIES, articles) == {"f1": "m_f1", "f2": "m_f1"}


def test_headcount_disagreement_is_still_one_event() -> None:
    articles = make_articles({"a1": 0, "a2": 2})
    moves = make_moves(
        [
            {"fact_id": "f1", "article_id": "a1", "headcount_min": 700, "headcount_max": 800},
            {"fact_id": "f2", "article_id": "a2", "headcount_min": 1000, "headcount_max": None},
        ]
    )
    events = consolidate(moves, NO_POLICIES, articles)
    assert events["f1"] == events["f2"]


def test_different_move_types_or_companies_are_different_events() -> None:
    articles = make_articles({"a1": 0, "a2": 1})
    moves = make_moves(
        [
            {"fact_id": "f1", "article_id": "a1", "move_type": "layoff"},
            {"fact_id": "f2", "article_id": "a2", "move_type": "facility_closure"},
            {"fact_id": "f3", "article_id": "a2", "company_key": "globex"},
        ]
    )
    events = consolidate(moves, NO_POLICIES, articles)
    assert len(set(events.values())) == 3


def test_acquisition_targets_must_agree() -> None:
    articles = make_articles({"a1": 0, "a2": 1, "a3": 2, "a4": 3})
    moves = make_moves(
        [
            {"fact_id": "f1", "article_id": "a1", "move_type": "acquisition",
             "target": "Initech Corp."},
            {"fact_id": "f2", "article_id": "a2", "move_type": "acquisition", "target": "Initech"},
            {"fact_id": "f3", "article_id": "a3", "move_type": "acquisition",
             "target": "Umbrella Holdings"},
            {"fact_id": "f4", "article_id": "a4", "move_type": "acquisition", "target": None},
        ]
    )  # fmt: skip
    events = consolidate(moves, NO_POLICIES, articles)
    assert events["f1"] == events["f2"] == "m_f1"
    assert events["f3"] == "m_f3"
    # A report that does not name the target joins the first compatible group.
    assert events["f4"] == "m_f1"


def test_stakes_name_their_company_and_descriptions_name_none() -> None:
    articles = make_articles({"a1": 0, "a2": 1, "a3": 2, "a4": 3})
    moves = make_moves(
        [
            {"fact_id": "f1", "article_id": "a1", "move_type": "acquisition",
             "target": "Piedmont Aviation Inc"},
            {"fact_id": "f2", "article_id": "a2", "move_type": "acquisition",
             "target": "51 pct of Piedmont"},
            {"fact_id": "f3", "article_id": "a3", "move_type": "acquisition",
             "target": "the airline"},
            {"fact_id": "f4", "article_id": "a4", "move_type": "acquisition",
             "target": "a 20 pct stake in Pacific Southwest"},
        ]
    )  # fmt: skip
    events = consolidate(moves, NO_POLICIES, articles)
    assert events["f1"] == events["f2"] == events["f3"] == "m_f1"
    assert events["f4"] == "m_f4"


def test_non_overlapping_countries_do_not_chain_through_an_empty_list() -> None:
    # f1 (no country) is compatible with both, but f2 (US) and f3 (DE) contradict each other.
    # Reported in the order f2, f1, f3: f3 must be checked against every member, not the last.
    articles = make_articles({"a2": 0, "a1": 1, "a3": 2})
    moves = make_moves(
        [
            {"fact_id": "f1", "article_id": "a1", "countries": []},
            {"fact_id": "f2", "article_id": "a2", "countries": ["US"]},
            {"fact_id": "f3", "article_id": "a3", "countries": ["DE"]},
        ]
    )
    assert consolidate(moves, NO_POLICIES, articles) == {"f1": "m_f1", "f2": "m_f1", "f3": "m_f3"}


def test_relocation_destinations_contradict_only_without_a_shared_origin() -> None:
    articles = make_articles({"a1": 0, "a2": 1, "a3": 2, "a4": 3})
    moves = make_moves(
        [
            {"fact_id": "f1", "article_id": "a1", "move_type": "relocation", "countries": ["CN"],
             "to_countries": ["US", "IE"]},
            # Same origin, another destination named: partial reporting of one move.
            {"fact_id": "f2", "article_id": "a2", "move_type": "relocation", "countries": ["CN"],
             "to_countries": ["AU"]},
            # No origin stated and a disjoint destination: not the same move.
            {"fact_id": "f3", "article_id": "a3", "move_type": "relocation", "countries": [],
             "to_countries": ["IN"]},
            {"fact_id": "f4", "article_id": "a4", "move_type": "relocation", "countries": [],
             "to_countries": ["IE"]},
        ]
    )  # fmt: skip
    events = consolidate(moves, NO_POLICIES, articles)
    # f4 (to IE) fits f1 but, without an origin, contradicts f2 (to AU): complete linkage.
    assert events == {"f1": "m_f1", "f2": "m_f1", "f3": "m_f3", "f4": "m_f4"}
    without_f2 = consolidate(moves.filter(pl.col("fact_id") != "f2"), NO_POLICIES, articles)
    assert without_f2["f4"] == "m_f1"


def test_window_is_measured_from_the_first_report_unless_same_story() -> None:
    articles = make_articles({"a1": 0, "a2": 20, "a3": 40, "a4": 100})
    moves = make_moves([{"fact_id": f"f{i}", "article_id": f"a{i}"} for i in range(1, 5)])
    # a3 is 20 days after a2 but 40 after the group's first report: a new event.
    assert consolidate(moves, NO_POLICIES, articles) == {
        "f1": "m_f1", "f2": "m_f1", "f3": "m_f3", "f4": "m_f4",
    }  # fmt: skip
    # Put a4 in a1's story: story membership overrides the window.
    stories = singleton_stories(articles).with_columns(
        pl.when(pl.col("article_id") == "a4")
        .then(pl.lit("s_a1"))
        .otherwise(pl.col("story_id"))
        .alias("story_id")
    )
    assert consolidate(moves, NO_POLICIES, articles, stories)["f4"] == "m_f1"


def test_undated_facts_join_through_their_story_only() -> None:
    # Ingested together, so the ingestion dates are equal; that is no evidence of one event.
    articles = make_articles({"a1": None, "a2": None, "a3": None})
    moves = make_moves(
        [{"fact_id": f"f{i}", "article_id": f"a{i}", "countries": ["CN"]} for i in range(1, 4)]
    )
    stories = pl.DataFrame({"article_id": ["a1", "a2", "a3"], "story_id": ["s_a1", "s_a1", "s_a3"]})
    assert consolidate(moves, NO_POLICIES, articles, stories) == {
        "f1": "m_f1", "f2": "m_f1", "f3": "m_f3",
    }  # fmt: skip


def test_matching_facts_in_one_article_are_one_event() -> None:
    articles = make_articles({"a1": None})
    moves = make_moves(
        [
            {"fact_id": "f1", "article_id": "a1", "countries": ["GB"]},
            {"fact_id": "f2", "article_id": "a1", "countries": ["GB", "IE"]},
            {"fact_id": "f3", "article_id": "a1", "countries": ["JP"]},
        ]
    )
    # Without any story rows the article itself is the unit.
    empty_stories = pl.DataFrame(schema={"article_id": pl.String, "story_id": pl.String})
    events = consolidate(moves, NO_POLICIES, articles, empty_stories)
    assert events == {"f1": "m_f1", "f2": "m_f1", "f3": "m_f3"}


def test_policy_with_null_target_merges_with_targeted_one() -> None:
    articles = make_articles({"a1": 0, "a2": 3, "a3": 4, "a4": 5})
    policies = make_policies(
        [
            {"fact_id": "p1", "article_id": "a1", "target_country": "CN",
             "subject": "advanced chips and chip-making equipment", "status": "in_force"},
            {"fact_id": "p2", "article_id": "a2", "target_country": None,
             "subject": "chip-making equipment"},
            {"fact_id": "p3", "article_id": "a3", "target_country": None,
             "subject": "advanced AI models", "status": "considering"},
            {"fact_id": "p4", "article_id": "a4", "target_country": "RU",
             "subject": "chip-making equipment"},
        ]
    )  # fmt: skip
    events = consolidate(NO_MOVES, policies, articles)
    assert events["p1"] == events["p2"] == "p_p1"
    assert events["p3"] == "p_p3"  # another subject
    assert events["p4"] == "p_p4"  # another target country


def test_seed_policies_in_one_article_stay_two_events() -> None:
    # Both seeds report US export controls on chips (target CN) and on AI models (no target):
    # the shared word "advanced" must not make them one event.
    articles = make_articles({"seed0": None, "seed1": None})
    policies = make_policies(
        [
            {"fact_id": "p1", "article_id": "seed0", "target_country": "CN",
             "subject": "advanced chips and chip-making equipment"},
            {"fact_id": "p2", "article_id": "seed0", "subject": "advanced AI models"},
            {"fact_id": "p3", "article_id": "seed1", "target_country": "CN",
             "subject": "chip-making equipment"},
            {"fact_id": "p4", "article_id": "seed1", "subject": "advanced AI models"},
        ]
    )  # fmt: skip
    stories = pl.DataFrame({"article_id": ["seed0", "seed1"], "story_id": ["s_seed0"] * 2})
    assert consolidate(NO_MOVES, policies, articles, stories) == {
        "p1": "p_p1", "p2": "p_p2", "p3": "p_p1", "p4": "p_p2",
    }  # fmt: skip


def test_one_storys_measure_against_one_country_is_one_event_whatever_its_goods() -> None:
    articles = make_articles({"seed0": None, "seed1": None, "other": None})
    policies = make_policies(
        [
            {"fact_id": "p1", "article_id": "seed0", "target_country": "CN",
             "subject": "advanced chips and chip-making equipment", "status": "in_force"},
            {"fact_id": "p2", "article_id": "seed1", "target_country": "CN",
             "subject": "cutting-edge AI technology", "status": "in_force"},
            {"fact_id": "p3", "article_id": "other", "target_country": "CN",
             "subject": "cutting-edge AI technology", "status": "in_force"},
        ]
    )  # fmt: skip
    stories = pl.DataFrame(
        {"article_id": ["seed0", "seed1", "other"], "story_id": ["s1", "s1", "s2"]}
    )
    events = consolidate(NO_MOVES, policies, articles, stories)
    assert events["p1"] == events["p2"] == "p_p1"
    assert events["p3"] == "p_p3"  # undated, in another story: nothing ties it to p1


def test_policies_of_other_actors_or_types_stay_apart() -> None:
    articles = make_articles({"a1": 0, "a2": 1, "a3": 2, "a4": 3})
    policies = make_policies(
        [
            {"fact_id": "p1", "article_id": "a1", "subject": "steel"},
            {"fact_id": "p2", "article_id": "a2", "subject": "steel", "actor_country": "JP"},
            {"fact_id": "p3", "article_id": "a3", "subject": "steel",
             "action_type": "import_restriction"},
            # No actor country: international bodies compare by actor name.
            {"fact_id": "p4", "article_id": "a4", "subject": "steel", "actor_country": None,
             "actor": "the United Nations"},
        ]
    )  # fmt: skip
    events = consolidate(NO_MOVES, policies, articles)
    assert len(set(events.values())) == 4


def test_output_shape_and_determinism_under_shuffling() -> None:
    days = {f"a{i:02d}": (None if i % 9 == 0 else (i * 4) % 90) for i in range(40)}
    articles = make_articles(days)
    moves = make_moves(
        [
            {
                "fact_id": f"m{i:03d}",
                "article_id": f"a{i % 40:02d}",
                "company_key": ["acme", "globex"][i % 2],
                "move_type": ["layoff", "acquisition", "relocation"][i % 3],
                "countries": [[], ["US"], ["DE"], ["US", "DE"]][i % 4],
                "target": [None, "Initech", "Umbrella"][i % 3] if i % 3 == 1 else None,
            }
            for i in range(120)
        ]
    )
    policies = make_policies(
        [
            {
                "fact_id": f"p{i:03d}",
                "article_id": f"a{i % 40:02d}",
                "target_country": [None, "CN", "RU"][i % 3],
                "subject": ["chips", "AI models", None][i % 3],
            }
            for i in range(60)
        ]
    )
    stories = singleton_stories(articles)
    expected = consolidate_events(moves, policies, articles, stories)
    assert expected.columns == ["fact_id", "fact_kind", "event_id"]
    assert expected["fact_id"].is_unique().all()
    assert sorted(expected["fact_id"]) == sorted([*moves["fact_id"], *policies["fact_id"]])
    kinds = dict(zip(expected["fact_id"], expected["fact_kind"], strict=True))
    assert {kinds[f] for f in moves["fact_id"]} == {"company_move"}
    assert {kinds[f] for f in policies["fact_id"]} == {"policy_action"}
    assert 1 < expected["event_id"].n_unique() < expected.height
    # event_id names the smallest member with the kind's prefix.
    for event_id, members in expected.group_by("event_id").agg("fact_id").rows():
        assert event_id[2:] == min(members)
        assert event_id[:2] == ("m_" if members[0].startswith("m") else "p_")
    for seed in range(3):
        shuffled = consolidate_events(
            moves.sample(fraction=1.0, shuffle=True, seed=seed),
            policies.sample(fraction=1.0, shuffle=True, seed=seed),
            articles.sample(fraction=1.0, shuffle=True, seed=seed),
            stories.sample(fraction=1.0, shuffle=True, seed=seed),
        )
        assert events_of(shuffled) == events_of(expected)


def test_target_name_drops_case_punctuation_legal_forms_and_stakes() -> None:
    assert target_name("Initech Corp.") == "initech"
    assert target_name("The Umbrella Holdings PLC") == "umbrella"
    assert target_name("51 pct of Piedmont Aviation Inc") == "piedmont aviation"
    assert target_name("the airline") == ""
    assert target_name(None) == ""


def test_empty_inputs_give_empty_frame() -> None:
    result = consolidate_events(
        NO_MOVES, NO_POLICIES, make_articles({}), singleton_stories(make_articles({}))
    )
    assert result.height == 0
    assert result.columns == ["fact_id", "fact_kind", "event_id"]
