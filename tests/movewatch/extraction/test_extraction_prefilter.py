"""Pre-filters, the parse plan and the worker-pool path of the extractor."""

from __future__ import annotations

import multiprocessing

import polars as pl
import pytest

from movewatch.extraction import extractor
from movewatch.extraction.extractor import extract_documents, parse_plan
from movewatch.extraction.prefilter import candidate_mask, sentence_mask

ACQUISITION = (
    "ACME BUYS WIDGETCO\n"
    "Acme Corp said on Monday it had agreed to acquire Widgetco Inc for 40 mln dlrs. "
    "The weather in the city was mild. Acme makes tools."
)
NO_FACT = "Rain is expected on Tuesday.\nThe river rose two feet overnight."


def test_sentence_mask_strong_weak_and_context() -> None:
    mask = sentence_mask(pl.Series([
        "The company agreed to acquire a rival.",       # strong term
        "Acme will cut 500 jobs at the plant.",         # weak term + move context
        "Many jobs are boring.",                        # weak term, no context
        "The ministry will tighten the rules.",         # weak policy term + government
        "The club changed its rules.",                  # weak policy term alone
    ])).to_list()
    assert mask == [True, True, False, True, False]


def test_sentence_mask_names_amounts_and_capitalised_government() -> None:
    mask = sentence_mask(pl.Series([
        "Acme said it had bought all of Norway's Widgetco.",   # buy + a possessive name
        "They plan to buy the exchange next year.",            # buy + nothing named
        "The firm agreed to invest 242m pesos.",               # firm / amount as context
        "Congress may pass legislation on the matter.",        # capitalised government word
        "The U.S. rules on the matter are unclear.",           # U.S. before a space
        "The club rules on the matter are unclear.",
    ])).to_list()
    assert mask == [True, False, True, True, True, False]


def test_candidate_mask_knows_merger_documents() -> None:
    text = "Acme Corp and Widgetco Inc said Widgetco will be merged into a unit of Acme."
    assert candidate_mask(pl.Series([text])).to_list() == [True]


def test_candidate_mask_needs_a_possible_candidate_sentence() -> None:
    # "offer" is a trigger term, but nothing in the document gives it a company context.
    texts = pl.Series([ACQUISITION, NO_FACT, "He made an offer of help to a neighbour."])
    assert candidate_mask(texts).to_list() == [True, False, False]


def test_parse_plan_keeps_candidate_sentences_only() -> None:
    plan = parse_plan([("a", ACQUISITION), ("b", NO_FACT)])
    assert plan["b"] == []
    parsed = [ACQUISITION[s:e] for s, e in plan["a"]]
    assert any("acquire Widgetco" in p for p in parsed)
    assert not any("weather" in p for p in parsed)
    assert not any(p.startswith("ACME BUYS") for p in parsed)  # the title line is skipped


def test_small_inputs_start_no_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started for a handful of documents")

    monkeypatch.setattr(multiprocessing, "get_context", no_pool)
    docs = [("a", ACQUISITION), ("b", NO_FACT), ("c", "")]
    facts = list(extract_documents(docs, n_process=2))
    assert [f.doc_id for f in facts] == ["a", "b", "c"]
    assert facts[2].error
    assert [m.move_type for m in facts[0].company_moves] == ["acquisition"]


def test_worker_pool_gives_the_serial_results_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractor, "POOL_MIN_DOCS", 3)
    monkeypatch.setattr(extractor, "POOL_CHUNK_DOCS", 1)
    docs = [("a", ACQUISITION), ("b", NO_FACT), ("c", ""), ("d", ACQUISITION.lower())]
    seen: list[int] = []
    pooled = list(extract_documents(docs, n_process=2, progress=seen.append))
    serial = list(extract_documents(docs, n_process=1))
    assert pooled == serial
    assert [f.doc_id for f in pooled] == ["a", "b", "c", "d"]
    assert sum(seen) == len(docs)


def test_documents_without_candidates_are_not_segmented(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_plan(*args: object, **kwargs: object) -> None:
        raise AssertionError("documents without a trigger were segmented")

    monkeypatch.setattr(extractor, "_plan", no_plan)
    facts = list(extract_documents([("b", NO_FACT), ("e", "Sunny. Warm.")]))
    assert [(f.doc_id, f.company_moves, f.policy_actions, f.error) for f in facts] == [
        ("b", [], [], None), ("e", [], [], None)]


def test_every_form_of_a_restriction_verb_is_a_candidate() -> None:
    """The trigger lemmas "ban" and "curb" are verbs too: "banning", "curbed" must pass."""
    sentences = ["The government is banning imports of Japanese chips.",
                 "Japan curbed exports of machine tools to the Soviet Union.",
                 "The ministry said it was curbing imports."]
    assert sentence_mask(pl.Series(sentences)).to_list() == [True, True, True]
    assert candidate_mask(pl.Series(sentences)).to_list() == [True, True, True]
