"""score_by_type: one type's report alone is the same as its entry in the full report."""

from movewatch.extraction.scoring import score_by_type


def _move(company: str, move_type: str) -> dict:
    return {"company": company, "move_type": move_type}


GOLD = {"a": {"company_moves": [_move("Acme", "acquisition"), _move("Beta", "layoff")],
              "policy_actions": []},
        "b": {"company_moves": [_move("Gamma", "acquisition")], "policy_actions": []}}
PRED = {"a": {"company_moves": [_move("Acme", "acquisition"), _move("Delta", "layoff")],
              "policy_actions": []},
        "b": {"company_moves": [], "policy_actions": []}}


def test_one_type_alone_matches_its_entry_in_the_full_report() -> None:
    full = score_by_type(GOLD, PRED)
    assert set(full) == {"acquisition", "layoff"}
    assert full["acquisition"]["tp"] == 1 and full["acquisition"]["fn"] == 1
    for type_name in ("acquisition", "layoff"):
        assert score_by_type(GOLD, PRED, only=type_name) == {type_name: full[type_name]}


def test_a_type_neither_side_has_gives_no_entry() -> None:
    assert score_by_type(GOLD, PRED, only="sanction") == {}
