"""What is parsed: paragraphs, the sentences the pre-filters keep, and entities only where the
rules can use them."""

import pytest

from movewatch.extraction.extractor import _parse, _rules, parse_plan
from movewatch.extraction.model import NER, paragraph_spans, parser, segmenter, sentence_spans


def test_entities_only_for_leads_and_rule_sentences() -> None:
    inputs = [
        ("Acme Corp said profits rose in the quarter.", (0, 0, True)),  # the lead: context
        ("Revenue at Globex Inc rose ten pct.", (0, 44, False)),  # no trigger, no cue
        ("General Motors Corp will cut 300 jobs in Ohio.", (0, 80, False)),  # a move trigger
    ]
    parsed = list(_parse(parser(), _rules(), iter(inputs), batch_size=2))
    assert [(doc_i, [start for _, start in sentences]) for doc_i, sentences in parsed] == [
        (0, [0, 44, 80])]
    lead, plain, move = (sdoc for sdoc, _ in parsed[0][1])
    assert all(sdoc.has_annotation("DEP") for sdoc in (lead, plain, move))
    assert lead.has_annotation("ENT_IOB") and move.has_annotation("ENT_IOB")
    assert not plain.has_annotation("ENT_IOB")
    assert any(ent.label_ == "ORG" for ent in move.ents)


def test_articles_that_cannot_state_a_fact_are_dropped_before_entities() -> None:
    inputs = [
        ("Acme Corp said profits rose in the quarter.", (0, 0, True)),
        ("Acme said its sales of cars rose.", (0, 44, False)),  # a trigger, but no move
        ("Globex Inc said it will close its plant in Ohio.", (1, 0, True)),
    ]
    parsed = list(_parse(parser(), _rules(), iter(inputs), batch_size=2))
    assert [doc_i for doc_i, _ in parsed] == [1]
    assert all(sdoc.has_annotation("ENT_IOB") for sdoc, _ in parsed[0][1])


def _paragraphs(text: str) -> list[str]:
    return [text[a:b] for a, b in paragraph_spans(text)]


def test_paragraphs_of_hard_wrapped_wire_copy() -> None:
    text = ("ACME TO CUT JOBS\n"
            "    NEW YORK, March 3 - Acme Corp said it\n"
            "would cut 300 jobs.\n"
            "    The company said\nthe plant would close.\n\n"
            "Reuters\n")
    assert _paragraphs(text) == [
        "ACME TO CUT JOBS",
        "NEW YORK, March 3 - Acme Corp said it\nwould cut 300 jobs.",
        "The company said\nthe plant would close.",
        "Reuters",
    ]


def test_paragraphs_one_a_line_when_lines_are_long() -> None:
    first = ("Globex said on Monday that it would move its head office from Paris to Dublin, "
             "where it already employs 300 people.")
    second = ("The move affects 200 staff, a spokeswoman for the company said, and would be "
              "completed next year.")
    assert _paragraphs(f"Globex moves\n{first}\n{second}\n") == ["Globex moves", first, second]
    assert _paragraphs("") == [] and _paragraphs("  \n \n") == []
    assert _paragraphs("One line, no break.") == ["One line, no break."]


def test_only_candidate_paragraphs_and_the_lead_are_segmented() -> None:
    text = ("Acme profit rises\n"
            "    Acme Corp said on Tuesday that quarterly profit rose.\n"
            "    Revenue was higher in every region. Costs were flat.\n"
            "    Acme also said it will acquire Globex Inc for 40 mln dlrs.\n")
    plan = parse_plan([("d1", text)])["d1"]
    parsed = [text[a:b].strip() for a, b in plan]
    # The title is skipped, the lead kept for context, the acquisition parsed, the rest not.
    assert parsed == ["Acme Corp said on Tuesday that quarterly profit rose.",
                      "Acme also said it will acquire Globex Inc for 40 mln dlrs."]


def test_sentence_spans_are_the_segmenters_sentences() -> None:
    texts = ["Acme cut jobs. It said so!  Then: nothing.\n\n  ", "", "   ", "\n", "No stop",
             "Mr. Smith went to Washington. \n He left.", "One.\n\nTwo. ", "  Lead space."]
    for doc in segmenter().pipe(texts):
        expected = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()] if len(
            doc) else []
        assert sentence_spans(doc) == expected
    assert sentence_spans(segmenter()("Acme cut jobs. It said so!")) == [(0, 14), (15, 26)]


@pytest.mark.parametrize(("sentence", "may"), [
    ("Acme Corp will buy Globex Inc.", True),  # an acquisition only if Globex is an ORG
    ("Acme said it would close its plant in Ohio.", True),
    ("The government imposed tariffs on steel imports.", True),
    ("Acme said sales of its cars rose.", False),  # a trigger lemma, but no move
    ("The government will not impose tariffs on steel imports.", False),  # negated
    ("Revenue rose ten pct.", False),
])
def test_may_state_fact_before_entities(sentence: str, may: bool) -> None:
    sdoc = next(parser().pipe([sentence], disable=[NER]))
    assert not sdoc.has_annotation("ENT_IOB")
    assert _rules().may_state_fact(sdoc) is may


def test_a_paragraph_longer_than_the_bound_is_cut_at_spaces():
    from movewatch.extraction.model import MAX_PARAGRAPH_CHARS, paragraph_spans

    text = "Title\n" + "lorem ipsum dolor " * 300_000  # 5.4 MB on one line
    spans = paragraph_spans(text)
    assert spans[0] == (0, 5)
    assert all(b - a <= MAX_PARAGRAPH_CHARS for a, b in spans)
    assert len(spans) > 200
    joined = " ".join(text[a:b] for a, b in spans[1:])
    assert joined == text[6:].strip()


def test_a_five_megabyte_single_paragraph_is_extracted_without_a_parser_error():
    from movewatch.extraction import extract_documents

    long_text = ("Acme Corp said on Monday it would cut 500 jobs in Germany. "
                 + "lorem ipsum dolor sit amet " * 200_000)
    results = list(extract_documents([("long", long_text), ("short", "Nothing here.")]))
    assert [r.doc_id for r in results] == ["long", "short"]
    assert results[0].error is None
    assert [m.move_type for m in results[0].company_moves] == ["layoff"]
