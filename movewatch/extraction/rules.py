"""Sentence-level rules: triggers, slots and modality of company moves and policy actions.

Each parsed candidate sentence yields *mentions*; ``movewatch.extraction.extractor`` merges
the mentions of one article into facts. Triggers are found with spaCy Matchers over lemmas,
places with an ORTH PhraseMatcher built from pycountry, and slots by walking the dependency
parse from the trigger.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from movewatch.companies import LEGAL_FORMS, company_key, is_legal_form, same_company
from movewatch.extraction import lexicon as lx
from movewatch.extraction.countries import EU, country_code, surface_forms
from movewatch.extraction.headcount import parse_headcount

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
MODIFIER_DEPS = ("aux", "auxpass", "advmod", "neg", "amod", "compound", "mark", "prt", "det",
                 "npadvmod", "acomp")
CUE_HEAD_DEPS = ("advcl",)
NEGATIONS = frozenset({"not", "n't", "never", "no", "little", "without", "nor", "neither"})


@dataclass
class MoveMention:
    """One sentence's evidence for a company move."""

    company: str
    move_type: str
    countries: list[str]
    to_countries: list[str]
    headcount: tuple[int | None, int | None] | None
    target: str | None
    status: str
    sent_start: int
    sent_end: int
    attributed_to: str | None
    explicit_company: bool
    score: float
    countries_inferred: bool = False  # from the dateline or the article, not the sentence


@dataclass
class PolicyMention:
    """One sentence's evidence for a policy action."""

    actor: str
    actor_country: str | None
    action_type: str
    target_country: str | None
    subject: str | None
    status: str
    sent_start: int
    sent_end: int
    attributed_to: str | None
    score: float
    # Found only through a generic vehicle noun ("the draft legislation", "a law").
    vehicle: bool = False


@dataclass
class LinkCue:
    """A cause/context cue ("amid", "as Washington cracks down") in a sentence."""

    cue: str
    countries: set[str]
    sent_start: int
    sent_end: int
    refers_to_previous_move: bool
    clause: tuple[int, int]  # token range of the cue clause, sentence-relative


@dataclass
class DocContext:
    """What the rules know about the article beyond the current sentence."""

    home_country: str | None = None
    dateline_country: str | None = None
    focus_company: str | None = None
    organisations: list[str] = field(default_factory=list)
    reporting_outlet: str | None = None
    # Type and target of measures named so far, by lemma, for "the ban" later on.
    measures: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    article: str = ""  # the whole article text (for article-wide name checks)


@dataclass
class SentenceResult:
    moves: list[MoveMention]
    policies: list[PolicyMention]
    cues: list[LinkCue]
    offers: list[tuple[str, tuple[int | None, int | None], str | None]]  # continuation
    # The sentence in the article without surrounding whitespace, as its mentions cite it.
    sent_start: int
    sent_end: int


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
        for match_id, start, _end in self.trigger_matches(doc):
            label = self.nlp.vocab.strings[match_id]
            token = doc[start]
            if label.startswith("MOVE") and state.classify_move(token)[0] is not None and (
                    state.move_chain(token) is not None):
                return True
            if label.startswith("POLICY") and state.classify_policy(token) is not None and (
                    state.policy_chain(token) is not None):
                return True
        return False

    def run(self, doc: Doc, offset: int, ctx: DocContext) -> SentenceResult:
        """Mentions in one parsed sentence; ``offset`` maps it into the article text."""
        places = self.place_spans(doc)
        place_at = {}
        for span, code in places:
            for i in range(span.start, span.end):
                place_at[i] = code
        govs = {}
        for span in self.govs(doc, as_spans=True):
            for i in range(span.start, span.end):
                govs[i] = lx.GOVERNMENT_NAMES[span.text.lower()]
        state = _Sentence(doc, offset, ctx, place_at, govs)
        result = SentenceResult([], [], [], [], state.sent_start, state.sent_end)
        cue_spans = self.cues(doc, as_spans=True)
        seen_moves: set[tuple[int, str]] = set()
        for match_id, start, _end in self.trigger_matches(doc):
            label = self.nlp.vocab.strings[match_id]
            token = doc[start]
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


def _ent_of(token: Token) -> Span | None:
    if token.ent_iob not in (1, 3):  # "O" or unset: in no entity (no need to build them all)
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def org_entity(token: Token, ctx: DocContext) -> Span | None:
    """The organisation entity ``token`` belongs to, if any.

    A name tagged PERSON or PRODUCT here counts when NER tags the same name ORG elsewhere in
    the article ("Ryanair", "Euronext"), unless a title ("Mr") precedes it.
    """
    ent = _ent_of(token)
    if ent is None:
        return None
    if ent.label_ == "ORG":
        return ent
    if ent.label_ in ("PERSON", "PRODUCT", "NORP", "WORK_OF_ART", "FAC") and (
            " ".join(ent.text.split()) in ctx.organisations) and not (
            ent.start > 0 and ent.doc[ent.start - 1].lower_.strip(".") in lx.TITLES):
        return ent
    if ent.label_ == "PERSON" and len(ent) == 1 and ent.root.pos_ == "PROPN" and (
            ctx.article and not _used_as_person(ent.text, ctx.article)):
        return ent
    return None


@lru_cache(maxsize=2048)
def _used_as_person(name: str, article: str) -> bool:
    """Whether a one-word name follows a title or a first name anywhere in the article."""
    for match in re.finditer(rf"\b([A-Z][a-z]+)\.?\s+{re.escape(name)}\b", article):
        word = match.group(1).lower()
        if word in lx.TITLES or word not in STOP_WORDS:
            return True
    # "Deputy prime minister Kim Mahn-je", "Kim, who is also ...".
    roles = "|".join(sorted(lx.PERSON_ROLES))
    return bool(re.search(rf"(?i:\b(?:{roles}))\s+{re.escape(name)}\b"
                          rf"|\b{re.escape(name)},?\s+who\b", article))


def _org_is_company(ent: Span | None) -> bool:
    if ent is None:
        return False
    words = {t.lower_ for t in ent}
    return not (words & lx.GOVERNMENT_HEADS) or bool(words & LEGAL_FORMS)


class _Sentence:
    """Rules over one parsed sentence."""

    def __init__(self, doc: Doc, offset: int, ctx: DocContext, place_at: dict[int, str],
                 govs: dict[int, str], entities_known: bool = True) -> None:
        self.doc = doc
        self.offset = offset
        self.ctx = ctx
        self.place_at = place_at
        self.govs = govs
        # False before the entity recogniser ran: every entity test then passes (see
        # ``SentenceRules.may_state_fact``).
        self.entities_known = entities_known
        text = doc.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        self.sent_start = offset + left
        self.sent_end = offset + right

    # --- shared helpers ---------------------------------------------------------------------
    def is_entity(self, token: Token, label: str) -> bool:
        """Whether ``token`` is in an entity of type ``label``; always, while entities are
        unknown."""
        return not self.entities_known or token.ent_type_ == label

    def climb(self, token: Token) -> list[Token]:
        """The trigger and its governors, up to (not including) a speech verb or a clause
        that starts a relative clause."""
        chain = [token]
        current = token
        while current.head.i != current.i:
            if current.dep_ in ("relcl", "advcl") and current.i != token.i:
                break
            head = current.head
            if head.lemma_.lower() in lx.SPEECH_LEMMAS and head.pos_ == "VERB" and (
                    current.dep_ in ("ccomp", "parataxis", "advcl", "conj")):
                break
            if current.dep_ == "relcl":
                break
            chain.append(head)
            current = head
        return chain

    def negated(self, chain: list[Token]) -> bool:
        for tok in chain:
            for child in tok.children:
                if child.dep_ == "neg" or (child.dep_ in ("det", "amod")
                                           and child.lower_ in ("no", "little")):
                    return True
            if tok.lower_ == "without" or (tok.dep_ == "pobj" and tok.head.lower_ == "without"):
                return True
        return False

    def countries_in(self, tokens: Iterable[Token]) -> list[str]:
        seen: list[str] = []
        for tok in tokens:
            code = self.place_at.get(tok.i)
            if code and code not in seen:
                seen.append(code)
        return seen

    def cue_clause_tokens(self) -> set[int]:
        """Token indexes inside cause/context clauses ("amid ...", "as Washington ...")."""
        excluded: set[int] = set()
        for tok in self.doc:
            if tok.lower_ in ("amid", "amidst", "despite", "following", "after") and (
                    tok.dep_ == "prep"):
                excluded.update(t.i for t in tok.subtree)
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "because",
                                                                             "after", "while")
                                           for c in tok.children):
                excluded.update(t.i for t in tok.subtree)
            if tok.lower_ in ("because", "due", "response") and tok.dep_ in ("prep", "pobj",
                                                                              "amod"):
                excluded.update(t.i for t in tok.head.subtree if t.i >= tok.i)
        return excluded

    def speaker(self, chain_top: Token) -> Token | None:
        """Subject of the speech verb governing the chain, if any."""
        head = chain_top.head
        if head.i != chain_top.i and head.lemma_.lower() in lx.SPEECH_LEMMAS:
            for child in head.children:
                if child.dep_ in SUBJECT_DEPS:
                    return child
        return None

    def attribution(self, chain: list[Token]) -> str | None:
        doc = self.doc
        for tok in doc:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return _phrase(obj)
        top = chain[-1]
        head = top.head
        while head.i != top.i:
            if head.lemma_.lower() in lx.SPEECH_LEMMAS and head.pos_ in ("VERB", "AUX"):
                subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
                dative = [c for c in head.children if c.dep_ in ("dobj", "dative", "iobj")]
                for obj in dative:
                    if _is_outlet(obj):
                        return _phrase(obj)
                if subj is not None and subj.lower_ not in lx.PRONOUN_SUBJECTS:
                    return _phrase(subj)
                if subj is not None:
                    return self.ctx.focus_company if subj.lower_ == "it" else None
                return None
            top, head = head, head.head
        if any(t.lower_ == "reportedly" for c in chain for t in c.children):
            return self.ctx.reporting_outlet or "unnamed reports"
        return None

    # --- companies --------------------------------------------------------------------------
    def company_names(self, subj: Token) -> tuple[list[str], bool]:
        """Companies named by a subject (with conjuncts, "such as" lists); bool = explicit."""
        heads = [subj]
        for tok in subj.subtree:
            if tok.dep_ == "conj" and tok.head in heads:
                heads.append(tok)
            if tok.dep_ == "pobj" and tok.head.lower_ == "as" and (
                    tok.head.head.lower_ == "such"
                    or any(c.lower_ == "such" for c in tok.head.children)):
                heads.append(tok)
                heads.extend(c for c in tok.conjuncts)
        names: list[str] = []
        explicit = True
        # A newspaper is a source when it speaks, but a company when it acts ("The Daily and
        # Sunday Telegraph newspapers are axing 90 jobs", "The Telegraph Group says ...").
        speaking = subj.head.lemma_.lower() in lx.SPEECH_LEMMAS
        corporate = bool({t.lower_ for t in subj.subtree} & lx.CORPORATE_WORDS)
        if (_is_outlet(subj) and speaking and not corporate) or subj.lemma_.lower() in (
                "source", "person", "analyst", "union"):
            return [], True
        if any(c.lemma_.lower() in ("union", "unions") and c.dep_ in ("compound", "amod")
               for c in subj.children) or (subj.dep_ == "pobj" and any(
                c.lemma_.lower() == "union" for c in subj.children if c.dep_ == "appos")):
            return [], True
        if subj.dep_ in SUBJECT_DEPS:
            listed = self.listed_companies(subj, subj.head)
            if len(listed) >= 2:
                return listed, True
        for head in heads:
            name, is_explicit = self.company_of(head)
            if name and name not in names:
                names.append(name)
                explicit = explicit and is_explicit
        return names, explicit

    def listed_companies(self, subj: Token, verb: Token) -> list[str]:
        """Companies listed in a subject the parser garbled, read off the token sequence.

        "X's Y unit, which publishes Z, the A Group, B and C have all announced ..." and
        "companies such as A - the German arm of B - and retailer C have ...": the subject
        region is cut at commas and conjunctions; relative clauses and dash asides are
        skipped; each piece names at most one company (a possessive owner yields to its unit).
        """
        doc = self.doc
        if verb.i <= subj.i:
            return []
        region = [t for t in doc[subj.left_edge.i: verb.i]
                  if not (t.head.i == verb.i and t.dep_ in ("aux", "auxpass", "advmod", "neg"))]
        # "- the German arm of US carmaker General Motors -": an aside, not a list member.
        dashes = [n for n, t in enumerate(region) if t.text in ("-", "--", "—", "–")]
        drop: set[int] = set()
        for a, b in zip(dashes[::2], dashes[1::2], strict=False):
            drop.update(range(a, b + 1))
        region = [t for n, t in enumerate(region) if n not in drop]
        words = {t.lower_ for t in region}
        listing = bool(words & {"such", "including", "like"}) and any(
            t.lemma_.lower() in lx.DEFINITE_COMPANY_NOUNS | {"company", "firm"} for t in region)
        pieces: list[list[Token]] = [[]]
        in_relative = False
        for tok in region:
            if tok.text == "," or (tok.dep_ == "cc" and not tok.ent_type_):
                if tok.text == ",":
                    in_relative = False
                pieces.append([])
                continue
            if not pieces[-1] and tok.lower_ in ("which", "who", "that", "whose"):
                in_relative = True
            if not in_relative:
                pieces[-1].append(tok)
        labels = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC"} if listing else {"ORG"}
        names: list[str] = []
        for piece in pieces:
            ids = {t.i for t in piece}
            # "the subsidiary of Thomson SA", "a unit of Borg-Warner": an owner described, not
            # a member of the list.
            ents = [e for e in doc.ents if e.start in ids and (
                e.label_ in labels or org_entity(e.root, self.ctx) is not None) and not any(
                a.lower_ == "of" and a.i in ids and a.head.pos_ == "NOUN"
                for a in e.root.ancestors)]
            if len(ents) > 1:
                ents = [e for e in ents if not e.text.endswith(("'s", "’s"))
                        and not (e.end < len(doc) and doc[e.end].tag_ == "POS")] or ents
            for ent in ents[:1]:
                name = entity_company_name(ent)
                if name and name not in names:
                    names.append(self._expand_acronym(name))
        return names

    def company_of(self, tok: Token) -> tuple[str | None, bool]:
        low = tok.lower_
        if low in lx.PRONOUN_SUBJECTS or low in ("its", "their"):
            if low in ("which", "that", "who") and tok.head.dep_ == "relcl":
                return self.company_of(tok.head.head)
            speaker = None
            top = tok.head
            while top.head.i != top.i and top.lemma_.lower() not in lx.SPEECH_LEMMAS:
                top = top.head
            if top.lemma_.lower() in lx.SPEECH_LEMMAS:
                speaker = next((c for c in top.children if c.dep_ in SUBJECT_DEPS), None)
            if speaker is not None and speaker.i != tok.i and speaker.lower_ not in (
                    lx.PRONOUN_SUBJECTS):
                name, _ = self.company_of(speaker)
                return name, False
            before = [e for e in self.doc.ents if e.end <= tok.i
                      and org_entity(e.root, self.ctx) is not None and _org_is_company(e)]
            # A subject antecedent beats a nearer object: "Euronext met the LSE amid
            # speculation that it may bid" -> Euronext.
            before.sort(key=lambda e: (e.root.dep_ in SUBJECT_DEPS, e.start))
            for ent in reversed(before):
                name = entity_company_name(ent)
                if name:
                    return self._expand_acronym(name), False
            return self.ctx.focus_company, False
        org_ent = org_entity(tok, self.ctx)
        ent = org_ent or _ent_of(tok)
        if org_ent is not None and org_ent.label_ != "ORG":
            name = entity_company_name(ent)
            if name:
                return self._expand_acronym(name), True
        if ent is not None and ent.label_ == "ORG":
            name = entity_company_name(ent) if _org_is_company(ent) else None
            if name:
                return self._expand_acronym(name), True
            return None, True
        if ent is not None and ent.label_ in ("PERSON", "GPE", "NORP", "LOC", "DATE", "MONEY",
                                              "CARDINAL", "PERCENT"):
            return None, True
        if tok.i in self.place_at:
            return None, True
        # An ORG inside the subject phrase: "Pearson's Financial Times", "unit of X".
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "appos") and _ent_of(child) is not None:
                name, explicit = self.company_of(child)
                if name:
                    return name, explicit
        if tok.lemma_.lower() in lx.DEFINITE_COMPANY_NOUNS and any(
                c.lower_ in ("the", "its", "this", "their") for c in tok.children):
            return self.ctx.focus_company, False
        if tok.lower_ in ("its", "their") or any(
                c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
            return self.ctx.focus_company, False
        if tok.pos_ in ("PROPN", "NOUN") and tok.ent_type_ == "":
            words = [t for t in _core_phrase(tok) if t.pos_ == "PROPN" and t.ent_type_ in (
                "", "ORG")]
            if not words:
                return None, True
            name = " ".join(t.text for t in words)
            # "Paz Estenssoro froze wages ..." after "President Victor Paz Estenssoro".
            if self.ctx.article and _used_as_person(words[0].text, self.ctx.article):
                return None, True
            if _looks_like_company(name) and name.lower() not in lx.GOVERNMENT_NAMES:
                return self._expand_acronym(name), True
        return None, True

    def _expand_acronym(self, name: str) -> str:
        if name.isupper() and 2 <= len(name) <= 5:
            for org in self.ctx.organisations:
                initials = "".join(w[0] for w in org.split() if w[0].isupper()
                                   and company_key(w))
                if initials == name:
                    return org
        return name

    def owner_of(self, obj: Token) -> str | None:
        """The named owner of a unit being sold ("the Argonaut software division")."""
        if obj.lemma_.lower() not in lx.UNIT_NOUNS:
            return None
        # "sell its Datel unit": "its" owns it, and Datel is the unit's own name.
        if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in obj.children):
            return None
        for child in obj.children:
            if child.dep_ in ("poss", "compound") and child.ent_type_ == "ORG":
                name, _ = self.company_of(child)
                if name:
                    return name
        return None

    def merger_buyer(self, trigger: Token) -> tuple[list[str], bool]:
        """The company another is merged into, or the owner of that unit ("into a unit of X")."""
        into = next((c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "into"),
                    None)
        into_obj = next((c for c in into.children if c.dep_ == "pobj"), None) if into else None
        if into_obj is None:
            return [], True
        if into_obj.lemma_.lower() in lx.UNIT_NOUNS:
            owner = self.owner_of(into_obj)
            of_obj = next((x for c in into_obj.children if c.dep_ == "prep" and c.lower_ == "of"
                           for x in c.children if x.dep_ == "pobj"), None)
            if owner is None and of_obj is not None:
                owner, _ = self.company_of(of_obj)
            return ([owner], True) if owner else ([], True)
        return self.company_names(into_obj)

    def _controller(self, verb: Token) -> Token | None:
        """The subject of ``verb``, looking through raising verbs and infinitive chains."""
        for _ in range(4):
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
            if subj is not None:
                return subj
            raised = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if raised is not None:
                return raised if verb.lemma_.lower() in lx.RAISING_LEMMAS else None
            if verb.dep_ not in ("xcomp", "advcl") or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def acting_companies(self, trigger: Token, chain: list[Token]) -> tuple[list[str], bool]:
        if trigger.pos_ == "NOUN":
            # "P&O Princess's takeover by Carnival": the "by" company acts, the owner is bought.
            for child in trigger.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        names, explicit = self.company_names(obj)
                        if names:
                            return names, explicit
            for child in trigger.children:
                if child.dep_ == "poss":
                    names, explicit = self.company_names(child)
                    if names:
                        return names, explicit
        for n, tok in enumerate(chain):
            # A noun's doer is the subject of a verb that does it ("X announced job cuts"),
            # not of any verb above it ("the union called off strikes against the cuts").
            doer = trigger.pos_ != "NOUN" or tok.i == trigger.i or (
                tok.lemma_.lower() in lx.DOER_LEMMAS
                or (tok.lemma_.lower() == "be" and trigger.dep_ == "attr"))
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if agent is not None and not doer:
                return [], True
            if agent is not None:
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    names, explicit = self.company_names(obj)
                    if names:
                        return names, explicit
            # "its plan to buy the LSE", "the company's decision to close the plant".
            if n > 0 and tok.pos_ == "NOUN" and tok.lemma_.lower() in lx.INTENT_NOUNS:
                owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                if owner is not None:
                    names, explicit = self.company_names(owner)
                    if names:
                        return names, explicit
            # "Euronext is rumoured to have ... a cash bid": the raised subject acts.
            if n > 0 and tok.lemma_.lower() in lx.RAISING_LEMMAS and chain[n - 1].dep_ == "xcomp":
                raised = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
                if raised is not None:
                    names, explicit = self.company_names(raised)
                    if names:
                        return names, explicit
            # "some 100 staff being fired": a passive move without agent is the company's,
            # whoever is the subject of the verbs above it.
            if tok.i == trigger.i and tok.pos_ == "VERB" and agent is None and any(
                    c.dep_ == "nsubjpass" for c in tok.children):
                break
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
            if subj is not None and not doer:
                return [], True
            if subj is not None:
                names, explicit = self.company_names(subj)
                if names:
                    return names, explicit
                if subj.lower_ not in lx.PRONOUN_SUBJECTS:
                    return [], True
            if tok.dep_ == "relcl":
                names, explicit = self.company_names(tok.head)
                if names:
                    return names, explicit
        top = chain[-1]
        # "Euronext is rumoured to have facilities in place to fund a cash bid": the purpose
        # clause's doer is the subject that controls it.
        if top.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to"
                                                  for c in top.children):
            controller = self._controller(top.head)
            if controller is not None:
                names, explicit = self.company_names(controller)
                if names:
                    return names, explicit
        speaker = self.speaker(top)
        if speaker is not None:
            names, explicit = self.company_names(speaker)
            if names:
                return names, explicit
        if speaker is not None and speaker.lower_ not in lx.PRONOUN_SUBJECTS and not (
                _is_outlet(speaker) or speaker.lemma_.lower() in ("source", "person")):
            return [], True
        # Passive with the jobs/plant as subject and no agent: "jobs will be cut".
        for tok in chain:
            subjpass = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if subjpass is not None:
                for t in subjpass.subtree:
                    if t.dep_ == "poss":
                        names, explicit = self.company_names(t)
                        if names:
                            return names, explicit
                # "Unions for Deutsche Boerse staff ... fear jobs would be moved": the
                # employer the sentence names for its staff.
                for t in self.doc:
                    if t.lemma_.lower() in lx.JOB_NOUNS:
                        for c in t.children:
                            if c.dep_ in ("compound", "poss") and org_entity(
                                    c, self.ctx) is not None:
                                name, explicit = self.company_of(c)
                                if name:
                                    return [name], explicit
                if self.ctx.focus_company:
                    return [self.ctx.focus_company], False
        # No subject anywhere ("given the opportunity to relocate"): the article's company.
        if self.ctx.focus_company and not any(
                c.dep_ in SUBJECT_DEPS for tok in chain for c in tok.children):
            return [self.ctx.focus_company], False
        return [], True

    # --- company moves ----------------------------------------------------------------------
    def moves(self, trigger: Token) -> list[MoveMention]:
        move_type, obj = self.classify_move(trigger)
        if move_type is None:
            return []
        chain = self.move_chain(trigger)
        if chain is None:
            return []
        if trigger.lemma_.lower() == "merge":  # only "merged into" is classified a move
            companies, explicit = self.merger_buyer(trigger)
        else:
            companies, explicit = self.acting_companies(trigger, chain)
        if move_type == "divestment" and obj is not None:
            owner = self.owner_of(obj)
            if owner:
                companies, explicit = [owner], True
        if not companies:
            return []
        status = self.move_status(trigger, chain)
        target = self.target_of(trigger, obj) if move_type in ("acquisition",
                                                               "divestment") else None
        if target and move_type == "acquisition":
            # "USAir said it rejected an offer from TWA to buy USAir": a company does not buy
            # itself; the actor was misread, so this mention says nothing reliable. (A company
            # does sell units that carry its name: "the sale of the Argonaut software division".)
            companies = [c for c in companies if not same_company(c, target)]
            if not companies:
                return []
        subject_tokens = set()
        for tok in chain:
            for child in tok.children:
                if child.dep_ in SUBJECT_DEPS:
                    subject_tokens.update(t.i for t in child.subtree)
        scope_root = chain[-1]
        excluded = self.cue_clause_tokens() | subject_tokens
        scope = [t for t in scope_root.subtree if t.i not in excluded]
        to_countries: list[str] = []
        if move_type == "relocation":
            # "shift production to China and export it to the UK": the destination is the
            # trigger's, not a conjoined verb's.
            other_actions = {t.i for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB"
                             for t in c.subtree}
            for tok in [trigger, *[t for t in trigger.subtree]]:
                if tok.i in other_actions:
                    continue
                if tok.dep_ == "prep" and tok.lower_ in ("to", "into") and tok.head in (
                        trigger, *chain, *(t for t in trigger.subtree)):
                    to_countries.extend(self.countries_in(tok.subtree))
            to_countries = list(dict.fromkeys(to_countries))
        countries = [c for c in self.countries_in(scope) if c not in to_countries and c != EU]
        stated = bool(countries)
        if not countries:
            # The article locates the story: its dateline, else the country it names most.
            fallback = self.ctx.dateline_country or self.ctx.home_country
            if fallback and fallback not in to_countries and fallback != EU:
                countries = [fallback]
        headcount = self.headcount(trigger, obj, scope)
        attributed = self.attribution(chain)
        score = (2.0 if headcount else 0.0) + len(countries) * 0.5 * stated + (
            1.0 if to_countries else 0.0) + (1.0 if explicit else 0.0)
        return [
            MoveMention(company=c, move_type=move_type, countries=countries,
                        to_countries=to_countries, headcount=headcount, target=target,
                        status=status, sent_start=self.sent_start, sent_end=self.sent_end,
                        attributed_to=attributed, explicit_company=explicit, score=score,
                        countries_inferred=not stated)
            for c in companies
        ]

    def move_chain(self, trigger: Token) -> list[Token] | None:
        """The trigger's governors (``climb``), or None when the move is negated."""
        chain = self.climb(trigger)
        return None if self.negated(chain[:2]) else chain

    def classify_move(self, tok: Token) -> tuple[str | None, Token | None]:
        """Move type of a trigger token and its object (None when it is no move)."""
        lemma = tok.lemma_.lower()
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        obj = objs[0] if objs else None
        obj_lemma = obj.lemma_.lower() if obj is not None else ""
        prt = {c.lower_ for c in tok.children if c.dep_ == "prt"}
        preps = {c.lower_: c for c in tok.children if c.dep_ == "prep"}
        is_verb = tok.pos_ == "VERB"

        def obj_in(words: frozenset[str]) -> bool:
            return obj is not None and (obj_lemma in words or obj.lower_ in words)

        def obj_is_org() -> bool:
            if obj is None or obj_in(lx.JOB_NOUNS):
                return False
            near = [obj, *[c for c in obj.children if c.dep_ in ("compound", "poss", "nmod",
                                                                  "appos")]]
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
                near.extend(x for x in prep.children if x.dep_ == "pobj")
            return any(self.is_entity(t, "ORG") for t in near)

        if is_verb and obj is None and lemma in ("dispose", "divest") and "of" in preps:
            # "disposed of 33 restaurants": the thing sold is the object of "of".
            obj = next((c for c in preps["of"].children if c.dep_ == "pobj"), None)
            obj_lemma = obj.lemma_.lower() if obj is not None else ""
        counted_goods = obj is not None and not obj_in(lx.UNIT_NOUNS) and not obj_is_org() and (
            any(t.dep_ == "nummod" and t.i < obj.i for t in obj.subtree)) and obj.pos_ == "NOUN"
        if is_verb and lemma == "merge" and "into" in preps:
            # "High Plains will be merged into a unit of Adobe": Adobe takes High Plains over.
            merged = obj or next((c for c in tok.children if c.dep_ == "nsubj"), None)
            return "acquisition", merged
        if is_verb:
            # "will acquire nine airplanes": goods bought by the piece are no acquisition.
            if lemma == "acquire" and counted_goods:
                return None, None
            if lemma in ("acquire", "takeover") or (lemma == "take" and (
                    "over" in prt or obj_in(frozenset({"stake", "control", "interest"})))):
                return "acquisition", obj
            if lemma in ("buy", "purchase", "snap") and (obj_in(lx.UNIT_NOUNS) or obj_is_org()
                                                         or "up" in prt):
                return "acquisition", obj
            if lemma in lx.DIVESTMENT_VERBS and (lemma in ("divest", "dispose", "spin")
                                                 or obj_in(lx.UNIT_NOUNS) or obj_is_org()):
                return "divestment", obj
            if lemma in lx.LAYOFF_VERBS and obj_in(lx.JOB_NOUNS):
                if lemma == "lay" and "off" not in prt:
                    return None, None
                return "layoff", obj
            if lemma == "lay" and "off" in prt:
                return "layoff", obj
            if lemma in lx.HIRING_VERBS and obj_in(lx.JOB_NOUNS) and obj is not None and any(
                    c.dep_ == "nummod" or c.like_num for c in obj.subtree):
                return "hiring", obj
            if lemma in lx.OPENING_VERBS and obj_in(lx.FACILITY_NOUNS - {"operation",
                                                                        "operations",
                                                                        "line"}):
                if lemma == "set" and "up" not in prt:
                    return None, None
                return "facility_opening", obj
            if lemma in lx.CLOSURE_VERBS and (obj_in(lx.FACILITY_NOUNS) or "down" in prt
                                              and obj_in(lx.FACILITY_NOUNS | {"operation"})):
                return "facility_closure", obj
            if lemma in lx.EXIT_VERBS:
                target_prep = preps.get("from") or preps.get("of")
                if lemma == "pull" and "out" not in prt:
                    return None, None
                if target_prep is not None and any(
                        t.i in self.place_at or t.lemma_.lower() in lx.MARKET_NOUNS
                        for t in target_prep.subtree):
                    return "market_exit", obj
                if lemma in ("suspend", "cease") and obj_in(frozenset({"operation", "business"
                                                                       })) and "in" in preps:
                    return "market_exit", obj
                return None, None
            if lemma in lx.INVEST_VERBS:
                if lemma != "invest" and "into" not in preps and "in" not in preps:
                    return None, None
                return "investment", obj
            if lemma in lx.RELOCATION_VERBS:
                if obj_in(frozenset({"people", "person", "resident", "family", "villager"})):
                    return None, None
                has_dest = any(t.i in self.place_at or t.lower_ in ("abroad", "overseas",
                                                                     "offshore")
                               for p in ("to", "into") if p in preps
                               for t in preps[p].subtree)
                has_dest = has_dest or any(c.lower_ in ("abroad", "overseas", "offshore")
                                           for c in tok.children)
                # "outsourcing search to Google" hands a service to a supplier; outsourcing
                # counts when jobs or work go, or go abroad.
                thing = tok.head if tok.dep_ == "amod" else obj
                outsourced = lemma in ("offshore", "relocate") or lemma == "outsource" and (
                    thing is None or has_dest
                    or thing.lemma_.lower() in lx.RELOCATION_OBJECTS)
                if outsourced or (
                        obj_in(lx.RELOCATION_OBJECTS) and (has_dest or lemma == "relocate")):
                    return "relocation", obj
                if obj is None and has_dest and lemma in ("relocate", "move", "transfer"):
                    return "relocation", obj
            return None, None
        # nouns
        of_obj = None
        for holder in (tok, *tok.conjuncts):
            if of_obj is None and "of" in {c.lower_ for c in holder.children}:
                prep = next(c for c in holder.children if c.lower_ == "of")
                of_obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        for_obj = None
        for c in tok.children:
            if c.lower_ == "for" and c.dep_ == "prep":
                for_obj = next((x for x in c.children if x.dep_ == "pobj"), None)
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
        if lemma in ("buyer", "purchaser") and of_obj is not None:
            return "acquisition", of_obj
        if lemma == "offer":
            money = any(self.is_entity(t, "MONEY") or t.lower_ in ("dlrs", "$", "£", "euros")
                        for t in tok.children for t in t.subtree)
            if (mods & {"takeover", "cash", "buyout"} or money) and (for_obj is not None or any(
                    c.lower_ == "from" for c in tok.children)):
                return "acquisition", for_obj
            return None, None
        if lemma in ("acquisition", "takeover", "buyout", "buy-out", "purchase"):
            if lemma == "purchase" and not (of_obj is not None and (
                    of_obj.lemma_.lower() in lx.UNIT_NOUNS or self.is_entity(of_obj, "ORG"))):
                return None, None
            return "acquisition", of_obj
        if lemma in ("bid", "tender") and (for_obj is not None or mods & {"cash", "takeover",
                                                                         "hostile", "rival",
                                                                         "all"}):
            if lemma == "tender" and "offer" not in {c.lower_ for c in tok.head.children}:
                pass
            return "acquisition", for_obj
        if lemma in lx.DIVESTMENT_NOUNS and tok.lower_ not in ("sales",) and (
                of_obj is not None and (of_obj.lemma_.lower() in lx.UNIT_NOUNS
                                        or any(self.is_entity(t, "ORG") for t in of_obj.subtree))
                or lemma in ("spinoff", "spin-off", "divestiture", "divestment")):
            return "divestment", of_obj
        if lemma in lx.LAYOFF_NOUNS or (lemma in ("cut", "loss") and mods & {"job"}):
            return "layoff", tok
        if lemma in lx.CLOSURE_NOUNS and of_obj is not None and (
                of_obj.lemma_.lower() in lx.FACILITY_NOUNS):
            return "facility_closure", of_obj
        if lemma in ("construction", "opening") and of_obj is not None and (
                of_obj.lemma_.lower() in lx.FACILITY_NOUNS):
            return "facility_opening", of_obj
        relocation_noun = (lemma in ("relocation", "offshoring", "outsourcing")
                           or lemma == "transfer" and tok.lower_ != "transfer")
        if (relocation_noun or lemma == "transfer" and tok.head.lemma_.lower() == "offer") and (
                lemma in ("transfer", "relocation") or any(
                    t.lemma_.lower() in lx.RELOCATION_OBJECTS for t in tok.subtree)):
            return "relocation", None
        if lemma == "move" and any(t.i in self.place_at for c in tok.children
                                   if c.lower_ == "to" for t in c.subtree) and any(
                t.lemma_.lower() in lx.RELOCATION_OBJECTS for t in tok.subtree):
            return "relocation", None
        if lemma == "investment":
            money = any(self.is_entity(t, "MONEY") or t.lower_ in ("dlrs", "$", "£", "euros",
                                                                "yen")
                        for t in tok.subtree)
            # "investments in new printing plants", "investment in its Welsh factory".
            in_objs = [x for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "into")
                       for x in c.children if x.dep_ == "pobj"]
            physical = any(x.lemma_.lower() in lx.FACILITY_NOUNS | lx.CAPITAL_OBJECTS
                           or x.i in self.place_at for x in in_objs)
            if (money or physical) and not mods & {"portfolio", "foreign", "direct", "bank",
                                                   "banking", "fund", "trust"}:
                return "investment", None
        return None, None

    def target_of(self, trigger: Token, obj: Token | None) -> str | None:
        if obj is None or obj.pos_ == "PRON":  # "it", "them": no name to report
            return None
        for tok in obj.subtree:
            ent = _ent_of(tok)
            if ent is not None and ent.label_ == "ORG":
                return _clean_org(ent)
        words = [t for t in obj.subtree if not t.is_punct]
        words = words[:10]
        if not words:
            return None
        text = self.doc[words[0].i: words[-1].i + 1].text
        return " ".join(text.split())

    def headcount(self, trigger: Token, obj: Token | None, scope: list[Token]
                  ) -> tuple[int | None, int | None] | None:
        candidates: list[Token] = []
        if obj is not None and obj.lemma_.lower() in lx.JOB_NOUNS:
            candidates.append(obj)
        if trigger.lemma_.lower() in lx.JOB_NOUNS or trigger.lemma_.lower() in lx.LAYOFF_NOUNS:
            candidates.append(trigger)
        candidates.extend(t for t in trigger.subtree if t.lemma_.lower() in lx.JOB_NOUNS)
        candidates.extend(t for t in scope if t.lemma_.lower() in lx.JOB_NOUNS)
        for noun in candidates:
            left = noun.left_edge.i
            nums = [t for t in self.doc[left:noun.i] if t.like_num or t.pos_ == "NUM"]
            if not nums:
                continue
            span = self.doc[left:noun.i + 1].text
            parsed = parse_headcount(" ".join(span.split()))
            if parsed:
                return parsed
        return None

    def move_status(self, trigger: Token, chain: list[Token]) -> str:
        lemmas = {t.lemma_.lower() for t in chain[1:]}
        mods = [c for t in chain for c in t.children if c.dep_ in MODIFIER_DEPS]
        words = {t.lower_ for t in chain} | {m.lower_ for m in mods}
        sentence_words = {t.lower_ for t in self.doc}
        cancelling = lemmas & (lx.CANCEL_LEMMAS - {"end", "halt", "ban", "bar"})
        if cancelling and trigger.lemma_.lower() not in lx.EXIT_VERBS and (
                "call" not in lemmas or any(c.lower_ == "off" for t in chain for c in t.children)):
            return "cancelled"
        if lemmas & lx.CONSIDER_LEMMAS or words & lx.CONSIDER_WORDS or (
                sentence_words & {"speculation", "rumours", "rumoured", "talks", "negotiations"}
                and trigger.pos_ == "NOUN"):
            return "considering"
        if lemmas & lx.ANNOUNCE_LEMMAS or words & lx.ANNOUNCE_WORDS:
            # An intention known only from unnamed sources is still being weighed.
            if (lemmas & {"plan", "intend", "prepare"} or words & {"will", "plans"}) and (
                    sentence_words & {"sources", "reportedly", "speculation", "rumours"}):
                return "considering"
            return "announced"
        if lemmas & lx.COMPLETE_LEMMAS:
            return "completed"
        if trigger.pos_ != "VERB":
            return "completed" if trigger.tag_ == "NNS" else "announced"
        verb = trigger
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and aux & {"has", "have", "had", "was",
                                                                 "were", "'s", "been"}):
            return "completed"
        if verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl"):
            return "completed"
        return "announced"

    def offer(self, token: Token) -> tuple[str, tuple[int | None, int | None], str | None] | None:
        """A company offering something to a stated number of people (continuation cue)."""
        chain = self.climb(token)
        if token.pos_ == "NOUN":
            verb = token.head
            chain = self.climb(verb)
        companies, _ = self.acting_companies(chain[0], chain)
        if not companies:
            return None
        for tok in token.head.subtree if token.pos_ == "NOUN" else token.subtree:
            if tok.lemma_.lower() in lx.JOB_NOUNS:
                left = tok.left_edge.i
                parsed = parse_headcount(" ".join(self.doc[left:tok.i + 1].text.split()))
                if parsed:
                    return companies[0], parsed, self.attribution(chain)
        return None

    # --- policy actions ---------------------------------------------------------------------
    def policies(self, trigger: Token) -> list[PolicyMention]:
        action_type = self.classify_policy(trigger)
        if action_type is None:
            return []
        lemma = trigger.lemma_.lower()
        remembered = self.ctx.measures.get(lemma)
        if action_type == "regulation" and remembered and trigger.pos_ == "NOUN" and any(
                c.lower_ in ("the", "this", "that") or c.dep_ == "poss" and (
                    lemma in lx.POLICY_VEHICLE_NOUNS) for c in trigger.children):
            # "the ban" after "the EU's arms ban on China": the same measure.
            action_type = remembered[0]
        elif action_type != "regulation" and trigger.pos_ == "NOUN":
            self.ctx.measures.setdefault(lemma, (action_type, None))
        chain = self.policy_chain(trigger)
        if chain is None:
            return []
        actor_tok, actor_country, direct = self.policy_actor(trigger, chain)
        if actor_tok is None:
            return []
        actor_span = _actor_span(actor_tok)
        actor_ids = {t.i for t in actor_span}
        targets = []
        for tok in self.target_tokens(trigger, chain):
            code = self.place_at.get(tok.i)
            if code and tok.i not in actor_ids and code != actor_country and code not in targets:
                targets.append(code)
        if remembered and remembered[0] == action_type and not targets and remembered[1] and (
                remembered[1] != actor_country):
            targets.append(remembered[1])
        elif targets and trigger.pos_ == "NOUN" and action_type != "regulation" and (
                self.ctx.measures.get(lemma, (None, None))[1] is None):
            self.ctx.measures[lemma] = (action_type, targets[0])
        status = self.policy_status(trigger, chain, actor_ids)
        in_cue = trigger.i in self.cue_clause_tokens()
        score = (0.0 if in_cue else 2.0) + (1.0 if direct else 0.0) + (1.0 if targets else 0.0)
        # The measure itself ("a veto") says more than its vehicle ("a law which ...").
        if trigger.lemma_.lower() not in lx.POLICY_VEHICLE_NOUNS | lx.BODY_OF_LAW_NOUNS:
            score += 0.5
        subject = _subject_phrase(trigger, action_type, set(self.place_at),
                                  actor_ids | set(self.govs))
        attributed = self.attribution(chain)
        return [
            PolicyMention(actor=" ".join(actor_span.text.split()), actor_country=actor_country,
                          action_type=action_type, target_country=target, subject=subject,
                          status=status, sent_start=self.sent_start, sent_end=self.sent_end,
                          attributed_to=attributed, score=score,
                          vehicle=action_type == "regulation" and trigger.lemma_.lower() in (
                              lx.POLICY_VEHICLE_NOUNS | lx.BODY_OF_LAW_NOUNS))
            for target in (targets or [None])[:3]
        ]

    def policy_chain(self, trigger: Token) -> list[Token] | None:
        """The trigger's governors within its own statement, or None when the measure is
        negated, only a frame or a generic "should"."""
        chain = self.climb(trigger)
        # A coordinated clause with its own subject is its own statement: "he hoped the
        # Japanese would end their practices and that sanctions could be lifted".
        for n, tok in enumerate(chain[1:], start=1):
            if tok.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in tok.children):
                chain = chain[:n + 1]
                break
        if self.negated(chain[:3]):
            return None
        # "Under Italian law, ...": a frame, not an action; "countries should cut aid": generic.
        if any(t.dep_ == "pobj" and t.head.lower_ in ("under", "of") and t.head.head.pos_ in (
                "VERB", "AUX") and t.head.lower_ == "under" for t in chain[:2]):
            return None
        if any(c.lower_ in lx.NORMATIVE_AUX and c.dep_ == "aux" for t in chain for c in
               t.children):
            return None
        return chain

    def classify_policy(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        low = tok.lower_
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        near = {t.lemma_.lower() for t in tok.subtree} | mods
        if tok.pos_ == "NOUN" and tok.head.pos_ in ("VERB", "AUX") and tok.dep_ in (
                "dobj", "nsubjpass", "pobj", "attr"):
            near |= {t.lemma_.lower() for t in _unconditional_subtree(tok.head)}
        elif tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
            near |= {t.lemma_.lower() for t in _unconditional_subtree(tok.head.head)}
        head_words = {tok.head.lemma_.lower()} | {c.lemma_.lower() for c in tok.head.children
                                                  if c.dep_ in ("compound", "amod")}
        context = near | head_words
        # "prohibited items", "banned drugs": a participle naming things, not an action.
        if tok.pos_ == "VERB" and tok.dep_ == "amod":
            return None
        # "India's import bill", "bank bills": money, not legislation.
        if lemma == "bill" and (mods & lx.MONEY_BILL_WORDS or tok.head.lemma_.lower() in (
                lx.TRADE_FLOW_VERBS | {"pay", "issue", "redeem", "discount", "make"})):
            return None
        # "a trade ban against South Africa": sanctions, whatever the goods.
        if lemma in ("ban", "embargo", "boycott") and (mods & {"trade", "economic"} or any(
                c.dep_ == "prep" and c.lower_ == "against" for c in tok.children)):
            return "sanction"
        if lemma == "sanction" and (tok.pos_ == "NOUN" and (low == "sanctions" or mods)):
            return "sanction"
        if lemma in ("ban", "embargo") and mods & {"arm", "arms", "weapon", "weapons"}:
            return "sanction"
        if lemma in ("embargo", "blacklist", "boycott"):
            if context & lx.EXPORT_WORDS and not context & {"arm", "arms"} and (
                    lemma == "embargo"):
                return "export_control"
            return "sanction"
        if lemma == "freeze" and context & {"asset", "account", "fund"}:
            return "sanction"
        if lemma == "tariff":
            if mods & {"water", "electricity", "telephone", "phone", "power", "gas", "rail",
                       "postal", "feed-in", "energy"}:
                return None
            trade = {"import", "imports", "good", "goods", "product", "products", "trade",
                     "export", "exports", "retaliation", "protectionist", "foreign", "dumping",
                     "duty", "steel", "textile", "semiconductor", "chip", "car", "electronic",
                     "agricultural", "farm", "punitive", "retaliatory"}
            clause = {t.lemma_.lower() for t in tok.head.subtree} | near
            if clause & trade or any(t.i in self.place_at for t in tok.subtree):
                return "import_restriction"
            return None
        if lemma == "duty" and (mods & lx.IMPORT_DUTY_MODIFIERS or low == "duties" and any(
                c.lower_ == "on" for c in tok.children)):
            return "import_restriction"
        if lemma == "quota" and (context & {"import", "imports", "textile", "goods",
                                            "product"} or any(c.lower_ == "on"
                                                              for c in tok.children)):
            if context & {"output", "production", "opec", "oil", "fishing", "milk"}:
                return None
            return "import_restriction"
        if lemma == "levy":
            if mods & lx.IMPORT_DUTY_MODIFIERS or context & {"import", "imports"}:
                return "import_restriction"
            return "regulation"
        if lemma in lx.SUBSIDY_NOUNS:
            if lemma in ("subsidy", "subsidies", "bailout", "handout"):
                return "subsidy"
            if lemma == "aid" and mods & {"state", "government", "public", "federal"}:
                return "subsidy"
            if lemma in ("grant", "loan", "credit") and mods & {"government", "state", "federal",
                                                                 "tax", "export", "public",
                                                                 "soft"}:
                return "subsidy"
            if lemma in ("break", "incentive", "credit") and mods & {"tax", "investment",
                                                                     "fiscal"}:
                return "subsidy"
            if lemma == "support" and mods & {"farm", "price", "state", "agricultural"}:
                return "subsidy"
            if lemma in ("loan", "provision") and tok.head.lemma_.lower() == "provision":
                return "subsidy"
            if lemma == "loan" and any(c.dep_ == "poss" for c in tok.head.children):
                return "subsidy"
            if lemma == "provision" and any(c.lemma_.lower() == "loan" for c in tok.subtree):
                return "subsidy"
            return None
        if lemma in ("antitrust", "anti-trust"):
            return "antitrust"
        if lemma in ("investigation", "probe", "inquiry"):
            if near & {"competition", "aid", "merger", "cartel", "monopoly", "antitrust",
                       "price-fixing", "dominance", "dominant", "anti-competitive"}:
                return "antitrust"
            return None
        restrictive = (tok.pos_ == "NOUN" and lemma in lx.RESTRICTION_NOUNS) or (
            tok.pos_ == "VERB" and lemma in lx.RESTRICTION_VERBS)
        if restrictive or lemma in lx.REGULATION_NOUNS or lemma in lx.REGULATION_VERBS:
            scope = near
            # "curb textile imports, which would hit EC shipments": the nearest flow decides.
            flows = [t for t in (tok.head.subtree if tok.dep_ in ("dobj", "nsubjpass", "pobj")
                                 else tok.subtree)
                     if t.lemma_.lower() in lx.EXPORT_WORDS | {"export", "import", "imports"}]
            nearest = min(flows, key=lambda t: abs(t.i - tok.i), default=None)
            if nearest is not None and nearest.lemma_.lower() in ("import", "imports"):
                return "import_restriction"
            if scope & lx.EXPORT_WORDS or "export" in scope:
                return "export_control"
            if scope & {"import", "imports"} or (lemma in ("legislation", "bill", "law")
                                                 and (scope & {"retaliation", "protectionist",
                                                               "quota", "tariff"}
                                                      or mods & {"trade", "protection",
                                                                 "protectionist"})):
                return "import_restriction"
            if scope & {"foreign"} and scope & lx.INVESTMENT_WORDS:
                return "investment_restriction"
            if lemma == "veto" and scope & lx.INVESTMENT_WORDS:
                return "investment_restriction"
            clause = tok.head.subtree if tok.pos_ == "NOUN" else tok.subtree
            if restrictive and scope & lx.TECH_EXPORT_WORDS and any(
                    t.i in self.place_at for t in clause):
                return "export_control"
            if restrictive and lemma in ("restriction", "curb", "measure", "control", "check",
                                         "limit", "cap", "barrier", "screening", "review",
                                         "veto", "restrict", "limit", "control", "curb",
                                         "block", "bar", "stop", "screen", "tighten", "cap",
                                         "check") and lemma not in lx.REGULATION_NOUNS:
                return None
            # "ordered a halt to construction", "ordered X to stop"
            if lemma == "order" and not any(
                    t.lemma_.lower() in ("halt", "stop", "close", "suspend", "cease")
                    for t in tok.subtree):
                return None
            if lemma in ("halt",) and tok.head.lemma_.lower() != "order":
                return None
            if lemma in ("act", "code", "standard", "reform", "requirement", "bill",
                         "review") and not mods:
                return None
            if lemma in ("licence", "license") and not context & {
                    "revoke", "withdraw", "issue", "grant", "award", "telephone", "licensing",
                    "suspend", "new", "bid", "tender"}:
                return None
            # Rules for governments, not companies ("EU rules limit a country's deficit").
            clause = {t.lemma_.lower() for t in (tok.head.subtree if tok.head.pos_ in (
                "VERB", "AUX") else tok.subtree)} | near
            if clause & lx.PUBLIC_FINANCE_WORDS or lemma == "reform" and mods & {
                    "tax", "pension", "welfare", "electoral", "political", "budget"}:
                return None
            # The law as a body of rules, not a measure: "under US law", "bound by law".
            if lemma in lx.BODY_OF_LAW_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ in (
                    "by", "under", "of", "within", "with", "against", "in", "to") and not any(
                    c.dep_ == "acl" for c in tok.children):
                return None
            # "breaking international trade rules", "contravened Swedish law".
            if lemma in lx.BODY_OF_LAW_NOUNS and tok.dep_ in ("dobj", "pobj") and (
                    tok.head.lemma_.lower() in lx.LAW_ABIDING_LEMMAS
                    or tok.head.head.lemma_.lower() in lx.LAW_ABIDING_LEMMAS):
                return None
            return "regulation"
        return None

    def is_government(self, tok: Token) -> tuple[bool, str | None]:
        """Whether a subject/modifier token denotes a government body, and its country."""
        span = _actor_span(tok)
        ids = [t.i for t in span]
        gov_code = next((self.govs[i] for i in ids if i in self.govs), None)
        place_code = next((self.place_at[i] for i in ids if i in self.place_at), None)
        lemma = tok.lemma_.lower()
        if lemma not in lx.GOVERNMENT_HEADS and tok.pos_ == "PROPN":
            titled = [t for t in span if t.lemma_.lower() in lx.GOVERNMENT_HEADS
                      and t.i < tok.i and t.dep_ == "compound"]
            if titled and tok.ent_type_ == "PERSON":
                return True, place_code or gov_code or self.ctx.home_country
        ent = _ent_of(tok)
        place_like = ent is None or ent.label_ != "ORG" or not _org_is_company(ent) or bool(
            country_code(ent.text))
        if tok.i in self.place_at and place_like and (
                tok.ent_type_ in ("GPE", "NORP", "LOC", "") or tok.i in self.govs
                or (ent is not None and country_code(ent.text))):
            return True, self.place_at[tok.i]
        if tok.i in self.govs:
            return True, self.govs[tok.i]
        if lemma in lx.GOVERNMENT_HEADS and tok.pos_ in ("NOUN", "PROPN"):
            if ent is not None and ent.label_ == "ORG" and _org_is_company(ent):
                return False, None
            words = {t.lower_ for t in span}
            if lemma == "bank" and not words & {"central", "reserve", "national", "bundesbank",
                                                "people's"}:
                return False, None
            if lemma in ("officials", "official", "office", "representative", "committee",
                         "state", "states", "court", "house", "bank", "department") and not (
                    place_code or gov_code or words & {"government", "federal", "central",
                                                       "state", "trade", "finance"}):
                return False, None
            if lemma in ("state",) and not (place_code or gov_code or tok.lower_ == "state" and
                                           any(c.lower_ == "the" for c in tok.children)):
                return False, None
            if lemma in ("court", "tribunal"):
                return False, None
            code = place_code or gov_code
            if code is None and lemma in ("commission",) and self.ctx.home_country is None:
                code = EU
            if code is None and lemma in lx.CONTEXT_GOVERNMENT_HEADS | {"commission",
                                                                        "committee",
                                                                        "subcommittee"}:
                # Only a definite body of the article's country: "the government"; bare
                # "parliament" is the national one in British usage.
                # A capitalised name ("Central Bank", "Finance Ministry") is definite too.
                if not any(c.lower_ in ("the", "its") for c in tok.children) and not (
                        lemma in ("parliament", "cabinet") and tok.lower_ == lemma
                        and tok.dep_ not in ("compound", "amod")) and not (
                        tok.pos_ == "PROPN" and tok.is_title and any(
                            t.is_title and t.i != tok.i for t in span)):
                    return False, None
                code = self.ctx.home_country
            if code is None and gov_code is None and lemma in ("congress", "house", "senate"):
                code = "US"
            if code is None:
                return False, None
            return True, code
        return False, None

    def policy_actor(self, trigger: Token, chain: list[Token]
                     ) -> tuple[Token | None, str | None, bool]:
        # 1. modifiers of the measure: "U.S. sanctions", "the EU's embargo", "Canadian law".
        nouns = [trigger]
        cur = trigger
        while cur.dep_ == "pobj" and cur.head.dep_ == "prep" and cur.head.lower_ == "of" and (
                cur.head.head.pos_ == "NOUN"):
            cur = cur.head.head
            nouns.append(cur)
        for noun in nouns:
            for child in noun.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i not in (
                        [t.i for t in trigger.subtree if t.dep_ == "pobj"]):
                    ok, code = self.is_government(child)
                    if ok:
                        return child, code, True
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ == "by":
                    obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        ok, code = self.is_government(obj)
                        if ok:
                            return obj, code, True
        # 2. subject or agent of the governing verbs.
        for n, tok in enumerate(chain):
            lemma = tok.lemma_.lower()
            if lemma in lx.REQUEST_LEMMAS and n > 0 and chain[n - 1].dep_ == "xcomp":
                asked = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if asked is not None:
                    ok, code = self.is_government(asked)
                    if ok:
                        return asked, code, True
            if lemma in lx.TARGET_SUBJECT_LEMMAS or lemma in lx.OPINION_LEMMAS:
                return None, None, False
            # "a Central Bank decision to revoke", "Washington's threat to impose".
            if n > 0 and tok.pos_ == "NOUN" and lemma in lx.DECISION_NOUNS:
                for child in tok.children:
                    if child.dep_ in ("poss", "compound"):
                        ok, code = self.is_government(child)
                        if ok:
                            return child, code, True
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if agent is not None:
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    ok, code = self.is_government(obj)
                    if ok:
                        return obj, code, True
            subj = next((c for c in tok.children if c.dep_ in ("nsubj",)), None)
            if subj is not None:
                ok, code = self.is_government(subj)
                if ok:
                    return subj, code, True
                if subj.lower_ in ("it", "they"):
                    speaker = self.speaker(chain[-1])
                    if speaker is not None:
                        ok, code = self.is_government(speaker)
                        if ok:
                            return speaker, code, True
                    # "Venezuelan authorities have ... as it continues with its reform":
                    # the pronoun of a subordinate clause is the main clause's subject.
                    if tok.dep_ in ("advcl", "conj") and speaker is None:
                        main = next((c for a in tok.ancestors for c in a.children
                                     if c.dep_ == "nsubj"), None)
                        if main is not None and main.i != subj.i:
                            ok, code = self.is_government(main)
                            if ok:
                                return main, code, False
                    continue
                # "The draft legislation by Congress would impose quotas" (but "EU rules on
                # state aid say ...": the aid is not the rule-maker's).
                if subj.lemma_.lower() in lx.REGULATION_NOUNS and trigger.i not in {
                        t.i for t in subj.subtree}:
                    for t in subj.subtree:
                        ok, code = self.is_government(t)
                        if ok and t.i != subj.i:
                            return t, code, False
                # "a law which would give parliament a veto": look further in the clause.
                if subj.lower_ in ("which", "that") and tok.dep_ == "relcl":
                    break
                return None, None, False
            if tok.dep_ == "relcl":
                ok, code = self.is_government(tok.head)
                if ok:
                    return tok.head, code, True
        # 3. a government named elsewhere in the clause ("give parliament a veto").
        targets = {t.i for t in self.target_tokens(trigger, chain)}
        chain_ids = {t.i for t in chain}
        for tok in sorted(chain[-1].subtree, key=lambda t: abs(t.i - trigger.i)):
            if tok.i in targets or tok.dep_ not in ("dative", "dobj", "pobj", "nsubj",
                                                     "compound", "poss"):
                continue
            if tok.i in self.place_at and tok.dep_ not in ("nsubj", "poss", "compound"):
                continue
            # A modifier counts only on the measure's own chain, not on any noun of the
            # clause ("damage Britain's relations", "brought to the Commission's attention").
            if tok.dep_ in ("poss", "compound") and tok.head.i not in chain_ids:
                continue
            # "EU rules on state aid": the rule-maker does not grant the aid.
            if tok.head.i in chain_ids and tok.head.i != trigger.i and (
                    tok.head.lemma_.lower() in lx.REGULATION_NOUNS):
                continue
            # Not from another clause: "lifted before Britain takes over the presidency".
            if any(a.dep_ in ("advcl", "relcl", "ccomp", "acl", "parataxis", "conj")
                   and a.i not in chain_ids for a in [tok, *tok.ancestors]
                   if a.i != chain[-1].i and chain[-1] in a.ancestors):
                continue
            ok, code = self.is_government(tok)
            if ok:
                return tok, code, False
        return None, None, False

    def target_tokens(self, trigger: Token, chain: list[Token]) -> list[Token]:
        out: list[Token] = []
        holders = [trigger] + [t for t in chain[1:3] if t.pos_ in ("VERB", "NOUN")]
        # "the trade sanctions imposed against Japan"
        holders += [c for c in trigger.children if c.dep_ == "acl" and c.lemma_.lower() in (
            lx.POLICY_IN_FORCE_LEMMAS | {"aim", "direct", "target"})]
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ in ("on", "against", "to", "from",
                                                             "for", "with", "into", "in"):
                    if child.lower_ in ("in", "for") and holder.i != trigger.i:
                        continue
                    out.extend(_clause_free_subtree(child))
                if child.dep_ in ("dobj",) and holder.i != trigger.i:
                    out.extend(_clause_free_subtree(child))
        for child in trigger.children:
            if child.dep_ in ("amod", "compound") and child.i in self.place_at and (
                    trigger.lemma_.lower() in lx.IMPORT_NOUNS):
                continue
        return out

    def policy_status(self, trigger: Token, chain: list[Token], actor_ids: set[int]) -> str:
        # Cue verbs count only when the actor (or nobody) is their subject.
        relevant = [trigger]
        chain_ids = {t.i for t in chain}
        vehicle_words: set[str] = set()
        for tok in chain[1:]:
            subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is None and tok.dep_ == "xcomp":
                # "officials are to look at ...": the subject of "look" is the head's; in
                # "asked Japan to end ..." it is the head's object.
                subj = next((c for c in tok.head.children if c.dep_ == "dobj"), None) or next(
                    (c for c in tok.head.children if c.dep_ in SUBJECT_DEPS), None)
            if subj is not None and subj.lemma_.lower() in lx.POLICY_VEHICLE_NOUNS:
                # "The draft legislation ... would impose quotas": the bill's words count.
                vehicle_words |= {t.lemma_.lower() for t in subj.subtree}
            elif subj is not None and subj.i not in actor_ids and subj.i not in chain_ids and (
                    subj.lower_ not in lx.PRONOUN_SUBJECTS) and tok.pos_ in ("VERB", "AUX"):
                # Another party's verb ("officials are to look at Rome's loan"): stop here.
                if tok.lemma_.lower() in lx.REQUEST_LEMMAS:
                    return "in_force"
                break
            relevant.append(tok)
        lemmas = {t.lemma_.lower() for t in relevant}
        mods = [c for t in relevant for c in t.children if c.dep_ in MODIFIER_DEPS]
        words = {t.lower_ for t in relevant} | {m.lower_ for m in mods} | {
            m.lemma_.lower() for m in mods} | vehicle_words
        # "take effect" / "come into force": done if past, else announced.
        for tok in relevant:
            if any(c.lemma_.lower() in ("effect", "force") for c in tok.subtree
                   if c.dep_ in ("dobj", "pobj") and c.head.i in (tok.i, *[
                       p.i for p in tok.children if p.dep_ == "prep"])) and (
                    tok.lemma_.lower() in ("take", "come", "go", "enter")):
                return "in_force" if tok.tag_ in ("VBD", "VBN") and not words & {
                    "will", "would", "likely"} else "announced"
        # "measures designed to toughen trade laws", "a bill to impose quotas": pending.
        pending = any(t.lemma_.lower() in lx.POLICY_VEHICLE_NOUNS and t.i != trigger.i
                      for t in relevant) and not lemmas & (lx.POLICY_ANNOUNCE_LEMMAS
                                                           | lx.POLICY_IN_FORCE_LEMMAS)
        if pending:
            words.add("proposed")
        trig_mods = {c.lemma_.lower() for c in trigger.children}
        lifted = bool((lemmas - {trigger.lemma_.lower()}) & lx.LIFT_LEMMAS) or bool(
            trig_mods & lx.LIFT_NOUNS) or trigger.head.lemma_.lower() in lx.LIFT_NOUNS
        if lemmas & lx.REQUEST_LEMMAS:
            return "considering"
        strong_consider = lemmas & (lx.POLICY_CONSIDER_LEMMAS - {"plan", "prepare"}) or words & (
            {"may", "might", "could", "possible", "proposed", "draft", "bill", "considering",
             "consideration", "proposal", "potential", "if"})
        if lifted:
            return "considering" if strong_consider else "lifted"
        if strong_consider or trigger.lemma_.lower() in ("bill", "legislation") and not (
                lemmas & {"pass", "enact", "approve", "sign", "adopt"}):
            return "considering"
        if lemmas & lx.POLICY_ANNOUNCE_LEMMAS or words & {"will", "would", "shall", "'ll",
                                                           "plan", "plans", "planned", "new"
                                                           } or "effect" in words:
            return "announced"
        return "in_force"

    # --- links ------------------------------------------------------------------------------
    def link_cues(self, cue_spans: list[Span]) -> list[LinkCue]:
        cues: list[LinkCue] = []
        doc = self.doc
        refers = any(t.dep_ in SUBJECT_DEPS and t.lemma_.lower() in (
            "move", "decision", "relocation", "transfer", "plan", "cut", "step", "offer")
            and any(c.lower_ in ("the", "this", "that") for c in t.children) for t in doc)
        for span in cue_spans:
            first = span[0]
            head = first if first.dep_ == "prep" else span.root
            clause = list(head.subtree) if head.dep_ in ("prep", "advmod", "mark") else list(
                doc[span.start:])
            if first.lower_ == "after" and not refers:
                continue
            countries = set(self.countries_in(clause)) | {
                self.govs[t.i] for t in clause if t.i in self.govs}
            cues.append(LinkCue(cue=span.text, countries=countries, sent_start=self.sent_start,
                                sent_end=self.sent_end, refers_to_previous_move=refers,
                                clause=(clause[0].i, clause[-1].i + 1) if clause else (0, 0)))
        for tok in doc:
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as"
                                           for c in tok.children):
                subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
                if subj is None:
                    continue
                ok, code = self.is_government(subj)
                if ok and code:
                    mark = next(c for c in tok.children if c.dep_ == "mark")
                    cues.append(LinkCue(cue=f"as {_actor_span(subj).text} {tok.text}",
                                        countries={code}, sent_start=self.sent_start,
                                        sent_end=self.sent_end, refers_to_previous_move=refers,
                                        clause=(mark.i, tok.right_edge.i + 1)))
        return cues


def _phrase(tok: Token) -> str:
    """The noun phrase of ``tok``, cut before a relative clause or an appositive aside:
    "Novartis, which last month forecast record sales," -> "Novartis"."""
    words = list(tok.subtree)
    end = words[-1].i
    for child in tok.rights:
        if child.dep_ in ("relcl", "appos", "parataxis"):
            end = child.left_edge.i - 1
            break
    while end > words[0].i and tok.doc[end].is_punct and end > tok.i:
        end -= 1
    text = tok.doc[words[0].i: end + 1].text
    return " ".join(text.split())


def _is_outlet(tok: Token) -> bool:
    words = {t.lower_ for t in tok.subtree}
    return bool(words & lx.OUTLET_WORDS) or tok.ent_type_ == "ORG" and bool(
        words & {"journal", "times", "post"})


def _actor_span(tok: Token) -> Span:
    """The noun phrase of an actor head, without trailing clauses."""
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "appos") or (
                child.dep_ == "prep" and child.lower_ == "of" and child.i == tok.i + 1):
            right = child.right_edge.i
    span = tok.doc[left:right + 1]
    return span


def _core_phrase(tok: Token) -> list[Token]:
    """The noun phrase of ``tok`` with its conjuncts, without clauses or prepositions."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        cur = stack.pop()
        out.append(cur)
        for child in cur.children:
            if child.dep_ in ("compound", "amod", "det", "poss", "conj", "cc", "flat", "nmod"):
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _unconditional_subtree(tok: Token) -> list[Token]:
    """The subtree of ``tok`` without "if/unless/when ..." clauses (another party's act)."""
    skip: set[int] = set()
    for child in tok.children:
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in (
                "if", "unless", "when", "until", "whether") for c in child.children):
            skip.update(t.i for t in child.subtree)
    return [t for t in tok.subtree if t.i not in skip]


def _clause_free_subtree(tok: Token) -> list[Token]:
    """The subtree of ``tok`` without embedded clauses ("a tariff cut [aimed at ...]")."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(c for c in cur.children
                     if c.dep_ not in ("acl", "relcl", "advcl", "ccomp", "parataxis"))
    return sorted(out, key=lambda t: t.i)


def _goods_phrase(head: Token, max_words: int = 8,
                  exclude: frozenset[int] | set[int] = frozenset()) -> str | None:
    """What a measure bears on, from one noun: "advanced chips and chip-making equipment".

    Keeps modifiers and conjuncts, drops determiners, possessives, clauses, "such as" lists,
    empty adjectives ("new guardrails" -> "guardrails") and the ``exclude`` tokens (actors).
    """
    keep: list[Token] = []
    stack = [head]
    while stack:
        cur = stack.pop()
        keep.append(cur)
        for child in cur.children:
            if child.dep_ in ("compound", "amod", "nummod", "npadvmod", "nmod", "quantmod",
                              "conj", "cc", "punct") and (
                    child.lower_ not in lx.EMPTY_SUBJECT_WORDS) and child.i not in exclude:
                if child.dep_ == "punct" and child.text != "-" or child.dep_ == "conj" and (
                        child.pos_ not in ("NOUN", "PROPN", "ADJ")):
                    continue
                stack.append(child)
    keep.sort(key=lambda t: t.i)
    while keep and (keep[-1].dep_ in ("cc", "punct") or keep[-1].is_punct):
        keep.pop()
    while keep and (keep[0].dep_ in ("cc", "punct") or keep[0].is_punct):
        keep.pop(0)
    if not keep:
        return None
    keep = keep[:max_words]
    text = "".join(t.text + (t.whitespace_ if nxt.i == t.i + 1 else " ")
                   for t, nxt in zip(keep, keep[1:], strict=False)) + keep[-1].text
    return " ".join(text.split()) or None


def _subject_phrase(trigger: Token, action_type: str | None = None,
                    places: frozenset[int] | set[int] = frozenset(),
                    actor_ids: frozenset[int] | set[int] = frozenset()) -> str | None:
    """A few content words on what a measure restricts or supports (GUIDELINES ``subject``).

    Trade measures name the goods where the clause does ("the export of advanced AI models",
    "its ability to buy advanced chips", "tariffs on Japanese electronic goods"); other
    measures fall back to the measure's own noun phrase ("fuel subsidies", "arms embargo").
    """
    scope = list(trigger.subtree)
    if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX") and trigger.dep_ in (
            "dobj", "nsubjpass", "attr", "nsubj"):
        scope = list(trigger.head.subtree)
    scope.sort(key=lambda t: abs(t.i - trigger.i))
    trade = action_type in ("export_control", "import_restriction", None)
    if trade:
        for tok in scope:
            # "the export of X", "imports of X", "shipments of X", "China's access to X"
            if tok.lemma_.lower() in lx.TRADE_FLOW_NOUNS | {"area", "field", "access"}:
                prep = "to" if tok.lemma_.lower() == "access" else "of"
                pobj = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == prep
                             for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.i not in places:
                    return _goods_phrase(pobj)
        for tok in scope:
            # "limiting its ability to buy X", "banned the sale of"
            if tok.pos_ == "VERB" and tok.lemma_.lower() in lx.TRADE_FLOW_VERBS and tok.i != (
                    trigger.i):
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is not None and obj.i not in places and obj.pos_ in ("NOUN", "PROPN"):
                    return _goods_phrase(obj)
        # "arms exports", "textile imports": the goods are the compound.
        for tok in scope:
            if tok.lemma_.lower() in lx.TRADE_FLOW_NOUNS and tok.pos_ == "NOUN":
                mods = [c for c in tok.children if c.dep_ in ("compound", "amod")
                        and c.pos_ in ("NOUN", "PROPN")
                        and c.i not in places and c.lower_ not in lx.EMPTY_SUBJECT_WORDS
                        and c.lemma_.lower() not in lx.TRADE_FLOW_NOUNS]
                if mods:
                    return _goods_phrase(mods[-1])
    # "tariffs on Japanese electronic goods", "tariff cuts on X", "a halt to X" (not
    # "sanctions on Japan": a target country is not a subject).
    holders = [trigger] + ([trigger.head] if trigger.dep_ == "compound" else [])
    preps = ("on", "against") if trade else ("on", "to", "over", "into")
    if trade or trigger.lemma_.lower() in lx.STOP_ORDER_NOUNS or (
            action_type == "investment_restriction"):
        for child in (c for h in holders for c in h.children):
            if child.dep_ == "prep" and child.lower_ in preps:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.i not in places and (
                        pobj.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON")):
                    return _goods_phrase(pobj)
    if trigger.pos_ == "VERB":
        obj = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return _goods_phrase(obj) if obj is not None else trigger.lemma_.lower()
    # The measure's own phrase without its actor: "U.S. trade sanctions" -> "trade sanctions".
    return _goods_phrase(trigger, exclude=set(places) | actor_ids)


def _clean_org(ent: Span) -> str:
    start = ent.start
    doc = ent.doc
    # NER often drops the first word of a name: "Galaxy [Cablevision L.P.]".
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" and (
            ent.start <= doc[start - 1].head.i < ent.end) and not doc[start - 1].ent_type_:
        start -= 1
    text = " ".join(doc[start:ent.end].text.split()).strip(" <>\"'“”‘’")
    words = text.split()
    while len(words) > 1 and is_legal_form(words[-1]):  # "Galaxy Cablevision L.P."
        words.pop()
    text = " ".join(words).rstrip(",").strip()
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text.rstrip("'’ ")


def entity_company_name(ent: Span) -> str | None:
    """The company an entity names ("Shanghai Automotive Industry Corp" -> "Shanghai Automotive
    Industry"), or None when the name does not look like a company's. A legal form at the end
    of the entity outweighs a generic head word ("Industry", "Bank")."""
    name = _clean_org(ent)
    last = ent[-1].lower_.strip(".") if len(ent) else ""
    return name if _looks_like_company(name, last in LEGAL_FORMS) else None


@lru_cache(maxsize=4096)
def _looks_like_company(name: str, legal_form: bool = False) -> bool:
    key = company_key(name)
    if not key or len(key) < 2:
        return False
    if name.split()[0].lower().strip(".") in lx.TITLES:
        return False
    if key.split()[-1] in lx.NON_COMPANY_HEADS and not legal_form:
        return False
    words = set(key.split())
    if words <= lx.NON_COMPANY_WORDS or key in lx.GOVERNMENT_NAMES:
        return False
    if country_code(name):
        return False
    return bool(words - lx.NON_COMPANY_WORDS) and not (words & {"government", "ministry",
                                                                "commission", "union",
                                                                "congress", "parliament"})
