"""Unit tests of the company-move rules: who acts, what counts as a move, where it happens."""

from __future__ import annotations

import pytest

from movewatch.companies import same_company
from movewatch.extraction import extract_documents

# Tests of the rules themselves, without the learned model over them.
pytestmark = pytest.mark.usefixtures("rules_only")


def _moves(text: str, move_type: str | None = None):
    facts = next(extract_documents([("t", text)]))
    assert facts.error is None, facts.error
    return [m for m in facts.company_moves if move_type is None or m.move_type == move_type]


def _has(moves, company: str) -> bool:
    return any(same_company(m.company, company) for m in moves)


def test_garbled_subject_list_names_every_company() -> None:
    moves = _moves(
        "In recent months Vantage Corp's Northern Press unit, which publishes The Morning "
        "Herald and the Evening Star, the Carlton Media Group, Baxter Mirror and the Daily "
        "Record & General Trust have all announced substantial investments in new printing "
        "plants.", "investment")
    for company in ("Northern Press", "Carlton Media Group", "Baxter Mirror",
                    "Daily Record & General Trust"):
        assert _has(moves, company), (company, moves)
    assert not _has(moves, "Vantage"), moves  # the owner yields to its unit
    assert not _has(moves, "Evening Star"), moves  # object of the relative clause


def test_such_as_list_skips_the_dash_aside() -> None:
    moves = _moves("In recent months companies such as Hoechst - the chemicals arm of rival "
                   "group Bayer - and retailer Kaufhof have slashed jobs.", "layoff")
    assert _has(moves, "Hoechst") and _has(moves, "Kaufhof"), moves
    assert not _has(moves, "Bayer"), moves


def test_takeover_by_names_the_buyer_not_the_bought() -> None:
    moves = _moves("Since Globex Corp's takeover by Initech Corp last year, prices have risen.",
                   "acquisition")
    assert moves and all(same_company(m.company, "Initech") for m in moves), moves


def test_raised_subject_makes_the_bid() -> None:
    moves = _moves("Initech Corp is rumoured to have facilities in place to fund a 2 billion "
                   "dlr cash bid for Globex Corp.", "acquisition")
    assert _has(moves, "Initech"), moves
    assert not _has(moves, "Globex"), moves


def test_union_calling_off_strikes_is_no_layoff() -> None:
    moves = _moves("The strikes were called off by the dockers union FNV on March 13 following "
                   "a court injunction against the redundancies.")
    assert not moves, moves


def test_goods_bought_by_the_piece_are_no_acquisition() -> None:
    moves = _moves("Acme Corp said its airline subsidiary will acquire nine 19-seat airplanes "
                   "for 40 mln dlrs.", "acquisition")
    assert not moves, moves


def test_outsourcing_a_service_to_a_supplier_is_no_relocation() -> None:
    moves = _moves("Acme Corp made a big mistake in outsourcing search to Google Inc, "
                   "analysts said.", "relocation")
    assert not moves, moves


def test_outsourcing_jobs_abroad_is_a_relocation() -> None:
    moves = _moves("Acme Corp will outsource 300 jobs to India next year.", "relocation")
    assert _has(moves, "Acme") and moves[0].to_countries == ("IN",), moves


def test_a_person_named_elsewhere_is_no_company() -> None:
    moves = _moves("President Victor Paz Estenssoro took office in 1985 with a stabilisation "
                   "plan. Paz Estenssoro froze wages and laid off thousands of workers in state "
                   "corporations.", "layoff")
    assert not _has(moves, "Paz Estenssoro"), moves


def test_newspaper_acting_is_a_company() -> None:
    moves = _moves("The Daily and Sunday Planet newspapers are axing 90 journalist jobs.",
                   "layoff")
    assert _has(moves, "Planet"), moves
    assert (moves[0].headcount_min, moves[0].headcount_max) == (90, 90)


def test_country_falls_back_to_the_article() -> None:
    moves = _moves("Acme Corp has factories in Leeds, Manchester and Birmingham. "
                   "Acme Corp said on Monday it will cut 300 jobs.", "layoff")
    assert moves and moves[0].countries == ("GB",), moves


def test_disposed_of_units_are_separate_from_a_later_sale() -> None:
    moves = _moves("Acme Corp said it disposed of 33 restaurants in Florida for 20 mln dlrs. "
                   "A spokesman said the company is considering the sale of its 91 other "
                   "restaurants.", "divestment")
    statuses = sorted(m.status for m in moves)
    assert statuses == ["completed", "considering"], moves
