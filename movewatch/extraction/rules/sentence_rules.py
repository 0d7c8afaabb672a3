"""The entry point: ``SentenceRules`` holds the spaCy Matchers (triggers over lemmas,
places, government names, link cues) bound to one vocabulary, and runs the rules of
``_Sentence`` over each parsed sentence (``run``, ``may_state_fact``).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from movewatch.extraction import lexicon as lx
from movewatch.extraction.countries import country_code, surface_forms
from movewatch.extraction.rules.mentions import DocContext, SentenceResult
from movewatch.extraction.rules.names import _ent_of, _org_is_company
from movewatch.extraction.rules.policy_roles import named_commission
from movewatch.extraction.rules.sentence import _Sentence

_TRIGGER_MATCHES = "movewatch_trigger_matches"


class SentenceRules:
    """Matchers and rules bound to one spaCy vocabulary."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.places = PhraseMatcher(nlp.vocab, attr="ORTH")
        forms = surface_forms()
        self.place_codes = forms
        self.places.add("PLACE", list(nlp.tokenizer.pipe(forms.keys())))
        self.govs = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.govs.add("GOV", list(nlp.tokenizer.pipe(lx.GOVERNMENT_NAMES.keys())))
        self.triggers = Matcher(nlp.vocab)
        self._add_trigger_patterns()
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.cues.add("CUE", list(nlp.tokenizer.pipe(lx.LINK_CUES)))

    def _add_trigger_patterns(self) -> None:
        def lemmas(words: Iterable[str], pos: str | None = None) -> list[dict]:
            spec: dict = {"LEMMA": {"IN": sorted(words)}}
            if pos:
                spec["POS"] = pos
            return [spec]

        move_verbs = (lx.ACQUISITION_VERBS | lx.DIVESTMENT_VERBS | lx.LAYOFF_VERBS
                      | lx.HIRING_VERBS | lx.OPENING_VERBS | lx.CLOSURE_VERBS | lx.EXIT_VERBS
                      | lx.INVEST_VERBS | lx.RELOCATION_VERBS | {"take", "merge"})
        move_nouns = (lx.ACQUISITION_NOUNS | lx.DIVESTMENT_NOUNS | lx.LAYOFF_NOUNS
                      | lx.CLOSURE_NOUNS | lx.RELOCATION_NOUNS | {"investment", "cut", "loss",
                                                                   "construction", "opening"})
        self.triggers.add("MOVE_VERB", [lemmas(move_verbs, "VERB")])
        self.triggers.add("MOVE_NOUN", [lemmas(move_nouns, "NOUN")])
        policy_nouns = (lx.SANCTION_NOUNS | lx.IMPORT_NOUNS | lx.RESTRICTION_NOUNS
                        | lx.REGULATION_NOUNS | lx.SUBSIDY_NOUNS | lx.ANTITRUST_NOUNS)
        policy_verbs = lx.RESTRICTION_VERBS | lx.REGULATION_VERBS | {"sanction", "embargo",
                                                                      "subsidise", "subsidize"}
        self.triggers.add("POLICY_NOUN", [lemmas(policy_nouns, "NOUN")])
        self.triggers.add("POLICY_VERB", [lemmas(policy_verbs, "VERB")])
        self.triggers.add("OFFER", [lemmas({"offer"})])

    # --- places and actors ------------------------------------------------------------------
    def place_spans(self, doc: Doc) -> list[tuple[Span, str]]:
        spans = self.places(doc, as_spans=True)
        spans = sorted(spans, key=lambda s: (s.start, -len(s)))
        out: list[tuple[Span, str]] = []
        last_end = -1
        for span in spans:
            if span.start < last_end:
                continue
            # "Washington Post", "China Three Gorges Project Corp": part of a company name.
            # An ORG entity that is itself a place name ("the EU", "European Union") stays.
            ent = _ent_of(span.root) if span.root.ent_type_ == "ORG" else None
            if ent is not None and _org_is_company(ent) and not country_code(ent.text):
                continue
            code = self.place_codes.get(span.text)
            if code:
                out.append((span, code))
                last_end = span.end
        return out

    def trigger_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The trigger Matcher's matches in a sentence, found once per sentence: the parse
        step asks (to decide on NER) before the rules do, and NER changes no lemma or tag."""
        matches = doc.user_data.get(_TRIGGER_MATCHES)
        if matches is None:
            matches = doc.user_data[_TRIGGER_MATCHES] = self.triggers(doc)
        return matches

    def may_state_fact(self, doc: Doc) -> bool:
        """Whether a parsed sentence could give a move or a policy mention, decided before the
        entity recogniser runs: some trigger of it is classified as a move or a policy action
        when every entity test passes and every place name counts, and is not negated.

        Mentions only come from triggers so classified, and the classification reads entities
        and places only as evidence for a type (never against one), so a sentence for which
        this is False gives no mention whatever the entities turn out to be. An article none
        of whose sentences may state a fact has no facts, links or continuations.
        """
        place_at = {i: "" for _, start, end in self.places(doc) for i in range(start, end)}
        state = _Sentence(doc, 0, DocContext(), place_at, {}, entities_known=False)
        for label, token in self.labelled_triggers(doc):
            if label.startswith("MOVE") and state.classify_move(token)[0] is not None and (
                    state.move_chain(token) is not None):
                return True
            if label.startswith("POLICY") and state.classify_policy(token) is not None and (
                    state.policy_chain(token) is not None):
                return True
        return False

    def sentence(self, doc: Doc, offset: int, ctx: DocContext) -> _Sentence:
        """The rules' view of one parsed sentence: its places and government names by token."""
        place_at = {}
        for span, code in self.place_spans(doc):
            for i in range(span.start, span.end):
                place_at[i] = code
        govs = {}
        for span in self.govs(doc, as_spans=True):
            if span.text.lower() == "commission" and named_commission(span.root):
                continue  # not Brussels: is_government decides whose it is
            for i in range(span.start, span.end):
                govs[i] = lx.GOVERNMENT_NAMES[span.text.lower()]
        return _Sentence(doc, offset, ctx, place_at, govs)

    def labelled_triggers(self, doc: Doc) -> list[tuple[str, Token]]:
        """The sentence's trigger tokens with their Matcher label ("MOVE_VERB", ...)."""
        return [(self.nlp.vocab.strings[match_id], doc[start])
                for match_id, start, _end in self.trigger_matches(doc)]

    def run(self, doc: Doc, offset: int, ctx: DocContext) -> SentenceResult:
        """Mentions in one parsed sentence; ``offset`` maps it into the article text."""
        return self.mentions(self.sentence(doc, offset, ctx))

    def mentions(self, state: _Sentence) -> SentenceResult:
        """Mentions in the sentence the rules' view ``state`` (``sentence``) holds."""
        doc = state.doc
        result = SentenceResult([], [], [], [], state.sent_start, state.sent_end)
        cue_spans = self.cues(doc, as_spans=True)
        seen_moves: set[tuple[int, str]] = set()
        for label, token in self.labelled_triggers(doc):
            if label.startswith("MOVE"):
                for mention in state.moves(token):
                    key = (token.i, mention.move_type + mention.company)
                    if key not in seen_moves:
                        seen_moves.add(key)
                        result.moves.append(mention)
            elif label.startswith("POLICY"):
                result.policies.extend(state.policies(token))
            elif label == "OFFER":
                offer = state.offer(token)
                if offer:
                    result.offers.append(offer)
        # "The draft legislation would impose quotas": one action, the quotas.
        specific = {m.actor_country for m in result.policies if m.action_type != "regulation"}
        result.policies = [m for m in result.policies
                           if not (m.vehicle and m.actor_country in specific)]
        result.cues.extend(state.link_cues(cue_spans))
        return result

