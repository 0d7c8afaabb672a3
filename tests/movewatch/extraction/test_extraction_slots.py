"""Unit tests of the extraction slots: countries, headcount, company key, status, attribution."""

from __future__ import annotations

import pytest

from movewatch.companies import company_key, same_company
from movewatch.extraction import extract_documents
from movewatch.extraction.countries import country_code, dateline_country
from movewatch.extraction.extractor import display_name, says_unverified, shortest_form
from movewatch.extraction.headcount import parse_headcount, parse_number

# Tests of the rules themselves, without the learned model over them.
pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.mark.parametrize(
    ("name", "code"),
    [("Washington", "US"), ("Beijing", "CN"), ("Brussels", "EU"), ("China-based", "CN"),
     ("U.S.", "US"), ("Britain", "GB"), ("UK", "GB"), ("German", "DE"), ("Japanese", "JP"),
     ("Russia", "RU"), ("the United States", "US"), ("Germany's", "DE"), ("Texas", "US"),
     ("Hong Kong", "HK"), ("European Union", "EU")],
)
def test_country_codes(name: str, code: str) -> None:
    assert country_code(name) == code


@pytest.mark.parametrize("word", ["apple", "Congress", "May", "", None])
def test_non_places_have_no_code(word: str | None) -> None:
    assert country_code(word) is None


def test_dateline_country() -> None:
    assert dateline_country("FORT LAUDERDALE, Fla.") == "US"
    assert dateline_country("TOKYO") == "JP"
    assert dateline_country("BRUSSELS") == "BE"


@pytest.mark.parametrize(
    ("phrase", "bounds"),
    [("700 to 800 people", (700, 800)), ("about 45,000 jobs", (45000, 45000)),
     ("up to 300 jobs", (None, 300)), ("more than 1,000 workers", (1000, None)),
     ("1.2 million", (1_200_000, 1_200_000)), ("two thousand staff", (2000, 2000)),
     ("a total of about 700 to 800 people", (700, 800)), ("some 100 staff", (100, 100))],
)
def test_headcount(phrase: str, bounds: tuple) -> None:
    assert parse_headcount(phrase) == bounds


def test_headcount_without_number() -> None:
    assert parse_headcount("many workers") is None
    assert parse_number("five hundred and twenty") == 520


def test_company_key_drops_suffixes_and_case() -> None:
    assert company_key("Microsoft Corp.") == "microsoft"
    assert company_key("The Telegraph Group plc") == "telegraph"
    assert company_key("Nestlé SA") == "nestle"
    assert same_company("Petroleos de Venezuela (PdVSA)", "PdVSA")
    assert not same_company("Ford", "Fiat")


def _facts(text: str):
    return next(extract_documents([("t", text)]))


@pytest.fixture(scope="module")
def status_examples():
    texts = {
        "considering": "Acme Corp is considering the sale of its chemicals unit.",
        "announced": "Acme Corp said it agreed to acquire Widget Industries Inc for 40 mln dlrs.",
        "completed": "Acme Corp bought Widget Industries Inc last year for 40 mln dlrs.",
        "cancelled": "Acme Corp said it had called off its plan to buy Widget Industries Inc.",
    }
    docs = list(extract_documents(texts.items()))
    return {d.doc_id: d for d in docs}


@pytest.mark.parametrize("status", ["considering", "announced", "completed", "cancelled"])
def test_move_status(status_examples, status: str) -> None:
    moves = status_examples[status].company_moves
    assert moves, f"no move found for the {status} example"
    assert moves[0].status == status
    assert moves[0].company_key == "acme"


def test_layoff_headcount_and_country() -> None:
    facts = _facts("Globex Corp said it will cut up to 300 jobs at its plant in France.")
    layoffs = [m for m in facts.company_moves if m.move_type == "layoff"]
    assert layoffs and (layoffs[0].headcount_min, layoffs[0].headcount_max) == (None, 300)
    assert layoffs[0].countries == ("FR",)


def test_policy_actor_target_and_status() -> None:
    facts = _facts("Washington imposed tariffs of 100 pct on Japanese electronic goods.")
    assert len(facts.policy_actions) == 1
    policy = facts.policy_actions[0]
    assert (policy.actor_country, policy.action_type, policy.target_country, policy.status) == (
        "US", "import_restriction", "JP", "in_force")


def test_attribution_and_unverified() -> None:
    text = ("Initech is reportedly weighing a sale of its software unit. "
            "A person familiar with the matter told the Journal that Initech plans to sell its "
            "software unit. The Daily Bugle could not verify the report.")
    facts = _facts(text)
    sales = [m for m in facts.company_moves if m.move_type == "divestment"]
    assert sales, facts
    assert sales[0].attributed_to is not None and "Journal" in sales[0].attributed_to
    assert sales[0].is_unverified


def test_attribution_stops_before_a_relative_clause() -> None:
    text = "Initech Corp, which last month forecast record sales, said it had bought Globex Inc."
    facts = _facts(text)
    deals = [m for m in facts.company_moves if m.move_type == "acquisition"]
    assert deals, facts
    assert deals[0].attributed_to == "Initech Corp"


def test_stock_tickers_are_not_part_of_names() -> None:
    facts = _facts("DOME TO BUY ENCOR\nNEW YORK, March 4 - Dome Petroleum Ltd <DMP> said it "
                   "agreed to buy Encor Energy Corp Inc <ENC>.")
    deals = [m for m in facts.company_moves if m.move_type == "acquisition"]
    assert deals, facts
    assert "DMP" not in deals[0].company and "ENC" not in (deals[0].target or "")
    assert deals[0].target and deals[0].target.startswith("Encor Energy")


def test_dateline_opening_a_text_without_title() -> None:
    facts = _facts("TORONTO, March 4 - Dome Petroleum Ltd said it agreed to buy "
                   "Encor Energy Corp Inc.")
    deals = [m for m in facts.company_moves if m.move_type == "acquisition"]
    assert [(m.company, m.countries) for m in deals] == [("Dome Petroleum", ("CA",))]


def test_a_legal_form_makes_a_generic_name_a_company() -> None:
    facts = _facts("SAIC TALKS\nShanghai Automotive Industry Corp plans to shift production of "
                   "the Rover 25 to China, sources told the FT. SAIC declined to comment.")
    moves = [(m.company, m.move_type, m.to_countries) for m in facts.company_moves]
    assert moves == [("Shanghai Automotive Industry (SAIC)", "relocation", ("CN",))], facts


@pytest.mark.parametrize(
    ("name", "organisations", "text", "shown"),
    [
        ("Shanghai Automotive Industry", ["Shanghai Automotive Industry Corp"],
         "Shanghai Automotive Industry Corp ... SAIC said", "Shanghai Automotive Industry (SAIC)"),
        # A stock ticker is not the article using an acronym.
        ("Eastman Kodak", ["Eastman Kodak Co"], "Eastman Kodak Co <EK> said", "Eastman Kodak"),
        # Two letters from a legal form are too common to be the company's acronym.
        ("Siemens", ["Siemens AG"], "Siemens AG and Thomson SA said", "Siemens"),
    ],
)
def test_display_name_acronyms(name: str, organisations: list[str], text: str,
                               shown: str) -> None:
    assert display_name(name, organisations, text) == shown


def test_destination_belongs_to_the_relocation_verb() -> None:
    facts = _facts("General Motors Corp plans to shift production of the Astra to China and "
                   "export the cars to Britain.")
    moves = [(m.move_type, m.to_countries) for m in facts.company_moves]
    assert moves == [("relocation", ("CN",))], facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Under the agreement, Globex Inc will be merged into Initech Corp.",
         ("Initech", "Globex")),
        ("Adobe Resources Corp said High Plains Oil Corp will be merged into a unit of Adobe.",
         ("Adobe", "High Plains Oil")),
    ],
)
def test_merged_into_is_a_takeover_by_the_receiving_company(
        text: str, expected: tuple[str, str]) -> None:
    deals = [(m.company.split(" (")[0], company_key(m.target).title())
             for m in _facts("DEAL\n" + text).company_moves if m.move_type == "acquisition"]
    assert deals == [expected]


def test_a_pronoun_is_no_target() -> None:
    facts = _facts("DEAL\nGlobex Inc said it will be merged into Initech Corp.")
    deals = [m for m in facts.company_moves if m.move_type == "acquisition"]
    assert deals and all(m.target != "it" for m in deals), facts


def test_its_named_unit_is_sold_by_the_parent() -> None:
    facts = _facts("DEAL\nGeneral Electric Co said it agreed to sell its Datel unit to a group "
                   "led by the unit's management.")
    sales = [(m.company, m.target) for m in facts.company_moves if m.move_type == "divestment"]
    assert sales == [("General Electric", "Datel")], facts


@pytest.mark.parametrize(
    ("name", "short"),
    [("Chrysler Corp", "Chrysler"), ("Alcan Aluminium Ltd", "Alcan Aluminium"),
     ("Kidder, Peabody and", "Kidder, Peabody"), ("Morgan Stanley Group", "Morgan Stanley"),
     ("Trans World Airlines Inc", "Trans World Airlines"), ("Microsoft", "Microsoft"),
     ("Company", "Company")],
)
def test_company_in_its_shortest_clear_form(name: str, short: str) -> None:
    assert shortest_form(name) == short


def test_a_company_does_not_acquire_itself() -> None:
    facts = _facts("New York, March 4 - USAir Group Inc said it had no comment on an offer it "
                   "received from Trans World Airlines to buy USAir for 52 dlrs cash per share.")
    assert not [m for m in facts.company_moves
                if m.target and same_company(m.company, m.target)], facts


def test_evidence_offsets_index_the_text() -> None:
    text = "BRIEF\n\nGlobex Corp said it will close its factory in Ohio and cut 500 jobs."
    facts = _facts(text)
    assert facts.company_moves
    for move in facts.company_moves:
        assert text[move.evidence_start:move.evidence_end] == move.evidence


@pytest.mark.parametrize(("text", "expected"), [
    ("CNBC could not immediately verify the report.", True),
    ("Reuters was not able to independently confirm the figures.", True),
    ("The deal HAS NOT BEEN CONFIRMED by the company.", True),
    ("The company confirmed the plan on Monday.", False),
    ("Auditors will verify the accounts.", False),
    ("Acme will cut 300 jobs.", False),
])
def test_unverified_claims(text: str, expected: bool) -> None:
    assert says_unverified(f"Title\n{text} More text follows.") is expected
