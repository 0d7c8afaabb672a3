"""Unit tests of the policy-action rules: subjects, actors, types and status on short sentences."""

from __future__ import annotations

import pytest

from movewatch.extraction import extract_documents

# Tests of the rules themselves, without the learned model over them.
pytestmark = pytest.mark.usefixtures("rules_only")


def _policies(text: str):
    return next(extract_documents([("t", text)])).policy_actions


def _one(text: str):
    policies = _policies(text)
    assert len(policies) == 1, [(p.actor, p.action_type, p.evidence) for p in policies]
    return policies[0]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The Biden administration is now looking to put new guardrails on the export of "
         "advanced AI models, such as the large language models behind chatbots.",
         "advanced AI models"),
        ("The Biden administration is considering new measures to regulate the export of "
         "advanced AI models.", "advanced AI models"),
        ("The United States has imposed restrictions on China, limiting its ability to buy "
         "advanced chips and chip-making equipment that can be used to train AI models.",
         "advanced chips and chip-making equipment"),
        ("Japan maintains import quotas on beef and citrus.", "beef and citrus"),
        ("Washington imposed tariffs on Japanese electronic goods.",
         "Japanese electronic goods"),
        ("U.S. trade sanctions against Japan took effect last month.", "trade sanctions"),
    ],
)
def test_subject_names_what_is_restricted(text: str, subject: str) -> None:
    assert _one(text).subject == subject


def test_eu_tagged_as_organisation_is_an_actor() -> None:
    policy = _one("The EU imposed its arms ban on China in 1989.")
    assert (policy.actor_country, policy.action_type, policy.target_country) == (
        "EU", "sanction", "CN")


@pytest.mark.parametrize(
    "text",
    [
        "The assets were under the protection of US law which has worldwide jurisdiction.",
        "The US is bound by law to help Taiwan defend itself.",
        "The current EU rules limit the size of a eurozone country's deficit to 3% of GDP.",
        "China has said it sees the weapons ban as politically driven.",
        "The central bank bought 73 mln stg of bank bills outright.",
        "The Commission charged the United States with breaking international trade rules.",
        "He said lifting the arms embargo would damage Britain's relations with the US.",
    ],
)
def test_generic_mentions_are_not_actions(text: str) -> None:
    assert list(_policies(text)) == []


def test_relative_clause_gives_the_actor() -> None:
    policy = _one("In Tehran, they backed a law which would give parliament a veto over "
                  "foreign investment in Iran.")
    assert (policy.actor_country, policy.action_type, policy.status) == (
        "IR", "investment_restriction", "announced")


def test_owner_of_a_decision_is_the_actor() -> None:
    policy = _one("CYPRUS BANK CASE\nNICOSIA, June 18 - The Supreme Court of Cyprus has rejected "
                  "a plea by a trading company against a Central Bank decision to revoke its "
                  "licence. The company said it would close its offices in Nicosia.")
    assert (policy.actor, policy.actor_country, policy.action_type) == (
        "Central Bank", "CY", "regulation")


def test_draft_legislation_is_one_pending_import_measure() -> None:
    policy = _one("The draft legislation under consideration by Congress would impose "
                  "permanent quotas on textile imports.")
    assert (policy.actor_country, policy.action_type, policy.status) == (
        "US", "import_restriction", "considering")


def test_nearest_trade_flow_decides_the_type() -> None:
    policy = _one("Congress passed legislation to curb textile imports, which would hit "
                  "EC shipments.")
    assert policy.action_type == "import_restriction"


def test_future_take_effect_is_announced() -> None:
    policy = _one("Fitzwater said U.S. trade sanctions against Japan will take effect on "
                  "April 17.")
    assert (policy.action_type, policy.target_country, policy.status) == (
        "sanction", "JP", "announced")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("WASHINGTON, March 3 - The Nuclear Regulatory Commission ordered the utility to close "
         "the plant and imposed new safety rules on nuclear plants.", "US"),
        ("BRUSSELS, March 3 - The European Community Commission imposed new rules on imports "
         "of Japanese cars.", "EU"),
    ],
)
def test_a_named_commission_is_its_countrys_not_brussels(text: str, country: str) -> None:
    assert {p.actor_country for p in _policies(text)} == {country}
