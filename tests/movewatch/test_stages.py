"""Extractor results become raw-table rows with stable fact ids and links between them."""

from datetime import UTC, datetime

from movewatch.extraction import CompanyMove, DocumentFacts, MovePolicyLink, PolicyAction
from movewatch.stages import MOVE_SCHEMA, POLICY_SCHEMA, fact_frames

NOW = datetime(2026, 1, 1, tzinfo=UTC)
MOVE = CompanyMove(
    company="Acme Corp",
    company_key="acme",
    move_type="relocation",
    countries=("DE",),
    to_countries=("PL", "CZ"),
    headcount_min=300,
    headcount_max=300,
    target=None,
    status="announced",
    evidence="Acme moves 300 jobs.",
    evidence_start=10,
    evidence_end=30,
    attributed_to=None,
    is_unverified=False,
    confidence=0.8,
)
POLICY = PolicyAction(
    actor="Berlin",
    actor_country="DE",
    action_type="subsidy",
    target_country=None,
    subject="car plants",
    status="considering",
    evidence="Berlin weighs aid.",
    evidence_start=40,
    evidence_end=58,
    attributed_to="officials",
    is_unverified=True,
    confidence=0.6,
)


def doc(doc_id: str) -> DocumentFacts:
    return DocumentFacts(
        doc_id=doc_id,
        company_moves=[MOVE],
        policy_actions=[POLICY],
        links=[MovePolicyLink(move_index=0, policy_index=0, cue="amid", evidence="x")],
    )


def test_rows_carry_every_field_and_the_link_points_at_both_facts() -> None:
    frames = fact_frames([doc("a1"), DocumentFacts("a2", [], [], [])], "v1", NOW)
    moves, policies, links = frames["moves"], frames["policies"], frames["links"]
    assert set(moves.columns) == set(MOVE_SCHEMA) and set(policies.columns) == set(POLICY_SCHEMA)
    row = moves.row(0, named=True)
    assert row["to_countries"] == ["PL", "CZ"] and row["extractor_version"] == "v1"
    assert links.row(0, named=True)["move_fact_id"] == row["fact_id"]
    assert links.row(0, named=True)["policy_fact_id"] == policies["fact_id"][0]
    # Articles without facts are recorded as extracted too.
    assert frames["extractions"]["n_company_moves"].to_list() == [1, 0]


def test_fact_ids_are_stable_and_distinct_per_article() -> None:
    first = fact_frames([doc("a1"), doc("a2")], "v1", NOW)["moves"]["fact_id"].to_list()
    again = fact_frames([doc("a1"), doc("a2")], "v2", NOW)["moves"]["fact_id"].to_list()
    assert first == again and len(set(first)) == 2
