"""The fast pipeline gives the stock en_core_web_sm annotations on 200 real documents; a switch
and a spaCy version guard run the stock pipeline instead."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import islice

import pytest
import spacy

from movewatch.extraction import model
from movewatch.extraction.evaluation import DEFAULT_SHARED_ROOT, reuters_text

REUTERS = DEFAULT_SHARED_ROOT / "corpora" / "reuters21578" / "reuters21578.jsonl"
N_DOCS = 200


def _reuters_texts(n: int) -> list[str]:
    with open(REUTERS, encoding="utf-8") as fh:
        records = (json.loads(line) for line in fh)
        return [reuters_text(r) for r in islice((r for r in records if r.get("body")), n)]


def _annotations(doc: spacy.tokens.Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
             t.ent_type_) for t in doc]


@pytest.mark.skipif(not REUTERS.exists(), reason="../shared/corpora is not present")
def test_fast_pipeline_equals_the_stock_pipeline_on_200_documents() -> None:
    texts = _reuters_texts(N_DOCS)
    assert len(texts) == N_DOCS
    # Sentences as the extractor parses them: each paragraph segmented, one sentence a doc.
    seg = model.segmenter()
    sentences = [text[a:b][s:e] for text in texts for a, b in model.paragraph_spans(text)
                 for s, e in model.sentence_spans(seg(text[a:b]))]
    fast = model.build_parser(fast=True)
    stock = model.build_parser(fast=False)
    assert "ner" in fast.disabled and "ner" not in stock.pipe_names  # really two pipelines
    differing = [i for i, (a, b) in enumerate(zip(fast.pipe(sentences, batch_size=256),
                                                  stock.pipe(sentences, batch_size=256),
                                                  strict=True))
                 if _annotations(a) != _annotations(b)]
    assert len(sentences) > 1500
    assert differing == []


def test_switch_runs_the_stock_pipeline() -> None:
    code = ("from movewatch.extraction import model; n = model.parser(); "
            "s = model.segmenter(); "
            "print(model.fast_pipes_enabled(), sorted(n.pipe_names), s.pipe_names)")
    env_out = {}
    for value in ("1", ""):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**__import__("os").environ, "MOVEWATCH_STOCK_SPACY": value},
                              check=True)
        env_out[value] = done.stdout.strip()
    assert env_out["1"].startswith("False")
    assert "movewatch_parser" not in env_out["1"] and "'parser'" in env_out["1"]
    assert "'sentencizer'" in env_out["1"] and "movewatch_array_sentencizer" not in env_out["1"]
    assert env_out[""].startswith("True") and "movewatch_parser" in env_out[""]


def test_an_unchecked_spacy_release_gets_the_stock_pipeline(monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.delenv("MOVEWATCH_STOCK_SPACY", raising=False)
    assert model.fast_pipes_enabled() == spacy.__version__.startswith(model.FAST_PIPES_SPACY)
    monkeypatch.setattr(spacy, "__version__", "3.9.0")
    assert not model.fast_pipes_enabled()
