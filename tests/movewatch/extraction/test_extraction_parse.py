"""The parse step runs the entity recogniser only where the rules can use it."""

from movewatch.extraction.extractor import _parse, _rules
from movewatch.extraction.model import parser


def test_entities_only_for_leads_and_rule_sentences() -> None:
    inputs = [
        ("Acme Corp said profits rose in the quarter.", (0, 0, True)),  # the lead: context
        ("Revenue at Globex Inc rose ten pct.", (0, 44, False)),  # no trigger, no cue
        ("General Motors Corp will cut 300 jobs in Ohio.", (0, 80, False)),  # a move trigger
    ]
    parsed = list(_parse(parser(), _rules(), iter(inputs), batch_size=2))
    assert [meta for _, meta in parsed] == [(0, 0), (0, 44), (0, 80)]
    lead, plain, move = (sdoc for sdoc, _ in parsed)
    assert all(sdoc.has_annotation("DEP") for sdoc in (lead, plain, move))
    assert lead.has_annotation("ENT_IOB") and move.has_annotation("ENT_IOB")
    assert not plain.has_annotation("ENT_IOB")
    assert any(ent.label_ == "ORG" for ent in move.ents)
