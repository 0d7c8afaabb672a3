"""Drop-in speedups for components of the spaCy pipeline, same output.

``AttributeLookup`` replaces the attribute ruler's ``Matcher`` pass (its slowest part) with a
per-token lookup cached on (tag, lower form, dependency, is-space): it returns exactly the match
list the ruler's own ``match()`` returns, and the ruler still applies the attributes itself.
``ArrayLemmatizer`` applies the rule lemmatizer with the lemmatizer's own cache key, read from
arrays instead of ``Token`` objects. Patterns these fast paths cannot evaluate (operators, other
attributes) raise ``UnsupportedPattern`` when they are installed, and the stock code stays.
``ArraySentencizer`` decides the sentencizer's sentence starts on arrays.
``GreedyTransitionPipe`` runs the parser and the entity recogniser without giving up the GIL.
``cache_token_embeddings`` remembers the context-free first layer of a token encoder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import numpy
from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, SENT_START, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer, Sentencizer
from spacy.pipeline._parser_internals.ner import BiluoPushDown
from spacy.pipeline.transition_parser import Parser
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.api import Model, NumpyOps

_KEY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


class UnsupportedPattern(ValueError):
    """A pattern uses a feature the lookup does not evaluate."""


def _value_test(value: object) -> Callable[[object], bool]:
    if isinstance(value, (str, bool)):
        return lambda x: x == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list):
            allowed = frozenset(arg)
            return lambda x: x in allowed
        if op == "NOT_IN" and isinstance(arg, list):
            barred = frozenset(arg)
            return lambda x: x not in barred
        if op == "REGEX" and isinstance(arg, str):
            regex = re.compile(arg)
            return lambda x: isinstance(x, str) and regex.search(x) is not None
    raise UnsupportedPattern(f"value {value!r}")


def _token_test(spec: dict, lower_words: set[str], lower_regexes: list[re.Pattern]
                ) -> Callable[[tuple], bool]:
    tests = []
    for name, value in spec.items():
        if name not in _FIELDS:
            raise UnsupportedPattern(f"attribute {name!r}")
        if name == "LOWER":
            if isinstance(value, str):
                lower_words.add(value)
            elif isinstance(value, dict) and "REGEX" in value:
                lower_regexes.append(re.compile(value["REGEX"]))
            elif isinstance(value, dict):
                lower_words.update(next(iter(value.values())))
        tests.append((_FIELDS[name], _value_test(value)))
    return lambda key: all(test(key[field]) for field, test in tests)


class AttributeLookup:
    """Same matches as ``AttributeRuler.match`` for single- and fixed-length token patterns."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.single: list[tuple[int, int, Callable]] = []
        self.multi: list[tuple[int, int, list[Callable]]] = []
        # Lower forms no pattern names behave alike: they share one cache entry per regex result.
        self.lower_words: set[str] = set()
        self.lower_regexes: list[re.Pattern] = []
        # The ruler adds rule n under the match key str(n), in order.
        for attr_id, rule in enumerate(ruler.patterns):
            match_id = self.vocab.strings.add(str(attr_id))
            for pattern in rule["patterns"]:
                if not isinstance(pattern, list) or not pattern:
                    raise UnsupportedPattern(f"pattern {pattern!r}")
                tests = [_token_test(spec, self.lower_words, self.lower_regexes)
                         for spec in pattern]
                if len(tests) == 1:
                    self.single.append((attr_id, match_id, tests[0]))
                else:
                    self.multi.append((attr_id, match_id, tests))
        # What each rule assigns, and to which token of its match (as ``set_annotations``).
        self.indices = list(ruler.indices)
        self.assignments: list[tuple[tuple[int, int], ...]] = []
        for attrs in ruler.attrs:
            if not all(isinstance(a, int) and isinstance(v, int) for a, v in attrs.items()):
                raise UnsupportedPattern(f"attributes {attrs!r}")
            self.assignments.append(tuple(attrs.items()))
        self._cache: dict[tuple, tuple[tuple[tuple[int, int], ...], frozenset]] = {}
        self._strings: dict[int, str] = {}
        self._lower_class: dict[int, object] = {}

    def _class_of_lower(self, key: int) -> object:
        cls = self._lower_class.get(key)
        if cls is None:
            text = self._string(key)
            cls = self._lower_class[key] = key if text in self.lower_words else tuple(
                r.search(text) is not None for r in self.lower_regexes)
        return cls

    def _string(self, key: int) -> str:
        text = self._strings.get(key)
        if text is None:
            text = self._strings[key] = self.vocab.strings[key] if key else ""
        return text

    def _resolved(self, row: tuple[int, int, int, int]) -> tuple:
        return (self._string(row[0]), self._string(row[1]), self._string(row[2]), bool(row[3]))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(attr_id, match_id, start, end)`` sorted, as ``AttributeRuler.match`` returns."""
        rows = [tuple(r) for r in doc.to_array(_KEY_ATTRS).tolist()] if len(doc) else []
        matches = []
        cache = self._cache
        firsts: list[tuple[int, int]] = []  # (multi-token rule, start) whose first token fits
        passed: list[frozenset[tuple[int, int]]] = []
        lower_class = self._lower_class
        for i, row in enumerate(rows):
            cls = lower_class.get(row[1])
            if cls is None:
                cls = self._class_of_lower(row[1])
            entry = cache.get((row[0], cls, row[2], row[3]))
            if entry is None:
                key = self._resolved(row)
                entry = cache[(row[0], cls, row[2], row[3])] = (
                    tuple((a, m) for a, m, test in self.single if test(key)),
                    frozenset((r, k) for r, (_a, _m, tests) in enumerate(self.multi)
                              for k, test in enumerate(tests) if test(key)),
                )
            for attr_id, match_id in entry[0]:
                matches.append((attr_id, match_id, i, i + 1))
            passed.append(entry[1])
            firsts.extend((r, i) for r, k in entry[1] if k == 0)
        for r, start in firsts:
            attr_id, match_id, tests = self.multi[r]
            end = start + len(tests)
            if end <= len(rows) and all((r, k) in passed[start + k]
                                        for k in range(1, len(tests))):
                matches.append((attr_id, match_id, start, end))
        matches.sort()
        return matches

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """What ``AttributeRuler.set_annotations`` does, through the doc's arrays: each match
        sets its rule's attributes on its token, later matches overriding earlier ones."""
        if not matches:
            return
        columns: dict[int, dict[int, int]] = {}
        for attr_id, _match_id, start, end in matches:
            index = self.indices[attr_id]
            i = (start if index >= 0 else end) + index
            if not start <= i < end:
                raise ValueError(Errors.E1001.format(patterns=attr_id, span=(start, end),
                                                     index=index))
            for attr, value in self.assignments[attr_id]:
                column = columns.get(attr)
                if column is None:
                    column = columns[attr] = {}
                column[i] = value
        attrs = list(columns)
        array = doc.to_array(attrs)
        for n, attr in enumerate(attrs):
            for i, value in columns[attr].items():
                array[i, n] = value
        doc.from_array(attrs, array)


class _DocByDoc:
    """A component whose ``pipe`` is its ``__call__`` on one doc after another."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], **_kwargs: object) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class ArrayLemmatizer(_DocByDoc):
    """Runs a rule ``Lemmatizer`` on arrays, remembering each lemma by (orth, pos, morph).

    Same lemmas as ``Lemmatizer.__call__``: tokens that already have a lemma keep it unless the
    lemmatizer overwrites, and the rule lemmatizer's answer depends only on the token's text,
    part of speech and morphology (its own cache skips base forms, so each of those was
    recomputed per token). Tokens without a part of speech always go to the lemmatizer.
    The lemmatizer's index lists (only ever tested with ``in``) become sets: a new form costs
    a hash look-up instead of a scan of up to 57,000 words. Do not serialise that lemmatizer.
    """

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode != "rule":
            raise UnsupportedPattern(f"lemmatizer mode {lemmatizer.mode!r}")
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self._lemmas: dict[tuple[int, int, int], int] = {}
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos_key, words in list(index.items()):
            if isinstance(words, list):
                index[pos_key] = frozenset(words)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        known = self._lemmas
        overwrite = lemmatizer.overwrite
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = known.get(key)
            if value is None:
                value = self.strings.add(lemmatizer.lemmatize(doc[i])[0])
                if pos:
                    known[key] = value
            array[i, 3] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], array[:, 3:4])
        return doc


@Language.factory("movewatch_array_lemmatizer")
def make_array_lemmatizer(nlp: Language, name: str) -> ArrayLemmatizer:
    """An ``ArrayLemmatizer`` over the pipeline's component named "lemmatizer"."""
    return ArrayLemmatizer(nlp.get_pipe("lemmatizer"))


class ArraySentencizer(_DocByDoc):
    """The rule-based ``Sentencizer``'s sentence starts, decided on the doc's arrays.

    Same rule as ``Sentencizer.predict``: a sentence starts at the first token after one of its
    ``punct_chars`` that is neither punctuation nor one of them; the stock code makes a
    ``Token`` object per token to ask that. Like the stock component (``overwrite`` off), it
    leaves sentence starts that are already set.
    """

    def __init__(self, sentencizer: Sentencizer) -> None:
        if sentencizer.overwrite:
            raise UnsupportedPattern("sentencizer with overwrite")
        self.punct = frozenset(get_string_id(c) for c in sentencizer.punct_chars)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, IS_PUNCT, SENT_START]).tolist()
        punct = self.punct
        starts = numpy.full((len(rows), 1), -1, dtype="int64")
        starts[0, 0] = 1
        seen_period = False
        for i, (orth, is_punct, _) in enumerate(rows):
            if orth in punct:
                seen_period = True
            elif seen_period and not is_punct:
                starts[i, 0] = 1
                seen_period = False
        for i, (_, _, preset) in enumerate(rows):
            if preset:
                starts[i, 0] = 1 if preset == 1 else -1
        doc.from_array([SENT_START], starts.astype("uint64"))
        return doc


@Language.factory("movewatch_array_sentencizer")
def make_array_sentencizer(nlp: Language, name: str) -> ArraySentencizer:
    """An ``ArraySentencizer`` with the rules of the pipeline's component named "sentencizer"."""
    return ArraySentencizer(nlp.get_pipe("sentencizer"))


class GreedyTransitionPipe:
    """Runs a trained parser or entity recogniser greedily with the GIL held: same decisions.

    spaCy's compiled greedy loop releases the GIL, and its state accessors (built with Cython 3's
    exception checks) take it back and release it again on every call that returns -1, such as
    "no token at this buffer position": in one process that locking costs several times the
    network itself (``perf``: ``take_gil``, ``pthread_mutex_lock``). This loop drives the same
    model and the same transition code from Python, one batch step at a time, as spaCy's beam
    search does (``model.predict(states)``, then ``transition_states``), so the GIL is held
    throughout and those checks cost a thread-local look-up. Components that are not greedy
    (``beam_width`` above 1) run their stock code.
    """

    def __init__(self, component: Parser) -> None:
        self.component = component
        self.greedy = component.cfg.get("beam_width", 1) == 1
        # The entity recogniser's "O" move (see ``_transition``); None for other components.
        self.out_move: int | None = None
        if isinstance(component.moves, BiluoPushDown):
            names = [component.moves.get_class_name(i) for i in range(component.moves.n_moves)]
            if names.count("O") == 1:
                self.out_move = names.index("O")

    def predict(self, docs: list[Doc]) -> list:
        """The final parse state of each doc, as ``Parser.predict`` returns them."""
        component = self.component
        if not self.greedy:
            return component.predict(docs)
        batch = component.moves.init_batch(docs)
        if not any(len(doc) for doc in docs):
            return batch
        model = component.model.predict(docs)
        states = [state for state in batch if not state.is_final()]
        # Entities set before the recogniser runs change which moves are valid.
        out_move = None if any(doc.has_annotation("ENT_IOB") for doc in docs) else (
            self.out_move)
        while states:
            scores = model.predict(states)
            if out_move is None:
                states = component.transition_states(states, scores)
            else:
                states = self._transition(states, scores, out_move)
        model.clear_memory()
        return batch

    def _transition(self, states: list, scores: numpy.ndarray, out_move: int) -> list:
        """``transition_states`` for the entity recogniser, with its commonest move taken here.

        spaCy applies each state's best *valid* move, testing all of the recogniser's moves
        for validity first (most of its time). Where the best move of all is "O" and no entity
        is open, "O" is valid (no preset entities: checked by the caller) and is that move, so
        it is applied directly (its transition is push, pop); the other states go through
        spaCy. States keep their order.
        """
        best = scores.argmax(axis=1).tolist() if numpy.isfinite(scores).all() else None
        rest = []
        for i, state in enumerate(states):
            if best is not None and best[i] == out_move and not state.entity_is_open():
                state.push()
                state.pop()
            else:
                rest.append(i)
        if rest:
            self.component.transition_states([states[i] for i in rest],
                                             numpy.ascontiguousarray(scores[rest]))
        return [state for state in states if not state.is_final()]

    def __call__(self, doc: Doc) -> Doc:
        self.component.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256, **_kwargs: object
             ) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            self.component.set_annotations(batch, self.predict(batch))
            yield from batch


@Language.factory("movewatch_greedy_parse", default_config={"component": "parser"})
def make_greedy_parse(nlp: Language, name: str, component: str) -> GreedyTransitionPipe:
    """A ``GreedyTransitionPipe`` over the pipeline's transition-based component ``component``."""
    return GreedyTransitionPipe(nlp.get_pipe(component))


class RowWiseOps(NumpyOps):
    """``NumpyOps`` whose matrix product computes each row of the result on its own.

    A blocked matrix product rounds a row differently depending on the rows around it (up to
    1e-6 here); one row at a time, a token's vector is the same whatever batch it came in, so
    a remembered vector equals a recomputed one.
    """

    def gemm(self, x: numpy.ndarray, y: numpy.ndarray, *, out: numpy.ndarray | None = None,
             trans1: bool = False, trans2: bool = False) -> numpy.ndarray:
        left = x.T if trans1 else x
        right = y.T if trans2 else y
        product = numpy.matmul(numpy.ascontiguousarray(left)[:, None, :], right)[:, 0, :]
        if out is not None:
            out[...] = product
            return out
        return product


class TokenEmbeddingCache:
    """The first layer of a spaCy token encoder (``MultiHashEmbed``), remembered per token.

    That layer maps each token's features (hashed NORM, PREFIX, SUFFIX, SHAPE ...) through
    hash embeddings and a maxout + layer-norm mix to one vector, without looking at the
    neighbours: the same feature tuple always gives the same vector. News text repeats its
    words, so about nine tokens in ten are looked up instead of computed. The vectors are
    computed one row at a time (``RowWiseOps``), so what is remembered never changes a
    result; ``max_rows`` bounds the memory (the cache starts over when full).
    """

    def __init__(self, embed: Model, max_rows: int = 200_000) -> None:
        names = [layer.name for layer in embed.layers]
        if len(names) != 5 or names[0] != "extract_features" or names[1] != "list2ragged" or (
                names[-1] != "ragged2list") or not names[2].startswith("with_array(") or (
                not names[3].startswith("with_array(maxout")):
            raise UnsupportedPattern(f"token embedding {embed.name!r}")
        self.embed = embed
        self.features = embed.layers[0]
        self.hashed = embed.layers[2].layers[0]
        self.mix = embed.layers[3].layers[0]
        row_ops = RowWiseOps(use_blis=False)
        for node in self.mix.walk():
            node.ops = row_ops
        self.width = embed.get_dim("nO")
        self.max_rows = max_rows
        self.clear()

    def clear(self) -> None:
        """Forget every vector."""
        self.index: dict[bytes, int] = {}
        self.rows = numpy.zeros((4096, self.width), dtype="float32")

    def vectors(self, docs: list[Doc]) -> list[numpy.ndarray]:
        """One ``(len(doc), width)`` array per doc, as the stock layer returns them."""
        ids = self.features.predict(docs)
        lengths = [len(a) for a in ids]
        if not sum(lengths):
            return self.embed.predict(docs)
        all_ids = numpy.ascontiguousarray(numpy.concatenate(ids))
        keys = all_ids.view(numpy.dtype((numpy.void, all_ids.itemsize * all_ids.shape[1])))
        keys = keys.ravel().tolist()
        new = self._unknown(keys)
        if new and len(self.index) + len(new) > self.max_rows:
            self.clear()
            new = self._unknown(keys)
        if new:
            self._add(new, all_ids)
        index = self.index
        flat = self.rows[[index[key] for key in keys]]
        return numpy.split(flat, numpy.cumsum(lengths)[:-1])

    def _unknown(self, keys: list[bytes]) -> dict[bytes, int]:
        """Keys without a vector yet, each with the first row that has it."""
        index = self.index
        new: dict[bytes, int] = {}
        for n, key in enumerate(keys):
            if key not in index and key not in new:
                new[key] = n
        return new

    def _add(self, new: dict[bytes, int], all_ids: numpy.ndarray) -> None:
        first = len(self.index)
        vectors = self.mix.predict(self.hashed.predict(all_ids[list(new.values())]))
        if first + len(new) > len(self.rows):
            grown = numpy.zeros((max(2 * len(self.rows), first + len(new)), self.width),
                                dtype="float32")
            grown[:first] = self.rows[:first]
            self.rows = grown
        self.rows[first:first + len(new)] = vectors
        for n, key in enumerate(new, start=first):
            self.index[key] = n

    def forward(self, model: Model, docs: list[Doc], is_train: bool) -> tuple:
        if is_train:  # training goes through the stock layer and its gradients
            return self.embed(docs, is_train)
        return self.vectors(docs), _no_backprop


def _no_backprop(_d_vectors: object) -> list:
    return []


def cache_token_embeddings(tok2vec: Model, max_rows: int = 200_000) -> TokenEmbeddingCache:
    """Put a ``TokenEmbeddingCache`` in place of the ``MultiHashEmbed`` layer of ``tok2vec``
    (a token encoder model); raises ``UnsupportedPattern`` if it has none."""
    embed = next((node for node in tok2vec.walk() if node.name.startswith("extract_features>>")
                  and len(node.layers) == 5), None)
    if embed is None:
        raise UnsupportedPattern("no MultiHashEmbed layer")
    cache = TokenEmbeddingCache(embed, max_rows)
    cached = Model("movewatch_cached_embed", cache.forward, dims={"nO": cache.width})
    tok2vec.replace_node(embed, cached)
    return cache
