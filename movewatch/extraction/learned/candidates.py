"""Candidate facts of an article: each company-like entity and each government of each parsed
sentence (and the rules' own mentions there), with the features the fact model scores.

A move candidate is a company in a sentence; a policy candidate is a government (by its
country) in a sentence. The model decides, per fact type, whether the sentence states a fact
of that type with the candidate as its actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from movewatch.companies import company_key, same_company
from movewatch.extraction import lexicon as lx
from movewatch.extraction.countries import is_country_word
from movewatch.extraction.learned.features import mention_features, sentence_features
from movewatch.extraction.rules import DocContext, MoveMention, PolicyMention, SentenceResult
from movewatch.extraction.rules.names import _clean_org, entity_company_name
from movewatch.extraction.rules.phrases import _actor_span

MOVE = "move"
POLICY = "policy"
# Entity labels the small model gives companies besides ORG, counted only for names it tags
# ORG somewhere in the article.
OTHER_COMPANY_LABELS = frozenset({"PERSON", "PRODUCT", "NORP", "GPE", "FAC", "WORK_OF_ART"})
GOVERNMENT_POS = frozenset({"PROPN", "NOUN", "ADJ"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# Dependencies of a word that is part of a longer name ("United" in "the United States").
NAME_PART_DEPS = frozenset({"compound", "amod", "flat"})
# Where a pronoun or "the company" can stand for the company that acts or is acted on.
ANAPHOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
# How a company named elsewhere in the article becomes a candidate where a pronoun stands.
ANAPHOR_VIAS = ("focus", "first", "recent")


@dataclass
class Candidate:
    """A company (move) or a government (policy) in one sentence of an article."""

    kind: str
    name: str
    key: str  # company_key of the name, or the government's country code ("" if none)
    sentence: int  # index of the sentence among the article's parsed sentences
    sent_start: int
    sent_end: int
    context: list[str]  # features of the sentence, shared by its candidates
    features: list[str]  # features of the mention and of the rules' reading of it
    root: Token | None  # the mention's head in the parsed sentence, if it has one there
    rule_mentions: list[MoveMention | PolicyMention] = field(default_factory=list)
    other_countries: list[str] = field(default_factory=list)
    state: Any = None  # the rules' view of the sentence, for reading slots

    def all_features(self) -> list[str]:
        """What the model reads: the sentence's features and the mention's."""
        return [*self.context, *self.features]

    def named_here(self) -> bool:
        """Whether the sentence names the company (rather than "it" or "the company")."""
        return not any(f"via={via}" in self.features for via in ANAPHOR_VIAS)


def _is_company_anaphor(tok: Token) -> bool:
    """A pronoun or definite description that may stand for a company named before."""
    if tok.dep_ not in ANAPHOR_DEPS:
        return False
    if tok.lower_ in lx.PRONOUN_SUBJECTS or tok.lower_ in lx.POSSESSIVE_PRONOUNS:
        return True
    return tok.pos_ == "NOUN" and any(c.lower_ in ("the", "its", "this") for c in tok.children)


def _anaphor_word(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PRON" or lemma in lx.DEFINITE_COMPANY_NOUNS:
        return lemma
    return "other"


def sentence_candidates(state, result: SentenceResult, index: int, lead: bool,
                        triggers: list[tuple[str, Token]], ctx: DocContext,
                        earlier: Sequence[Candidate] = ()) -> list[Candidate]:
    """The candidates of one parsed sentence (``state``: the rules' view of it; ``earlier``:
    the candidates of the article's sentences before it)."""
    doc = state.doc
    shared = sentence_features(doc, triggers, lead)
    span = (state.sent_start, state.sent_end)
    moves: list[Candidate] = []

    def move_candidate(name: str, root: Token | None, via: str) -> Candidate:
        for cand in moves:
            if same_company(cand.name, name):
                return cand
        extra = mention_features(root, triggers) if root is not None else []
        cand = Candidate(MOVE, name, company_key(name), index, *span, shared,
                         [*extra, f"via={via}"], root, state=state)
        if name in ctx.organisations:
            cand.features.append("known_org")
        moves.append(cand)
        return cand

    for ent in doc.ents:
        if ent.label_ == "ORG" or (ent.label_ in OTHER_COMPANY_LABELS
                                   and _clean_org(ent) in ctx.organisations):
            via = f"ent_{ent.label_}"
        elif ent.label_ in OTHER_COMPANY_LABELS and ent.root.dep_ in ARGUMENT_DEPS:
            # The small model tags many companies PERSON ("Retailer Halvard will shed ...").
            via = f"other_{ent.label_}"
        else:
            continue
        name = entity_company_name(ent)
        if name:
            move_candidate(name, ent.root, via)
    for tok in doc:
        # A name the entity recogniser missed, as a verb's subject or object.
        if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.dep_ in ARGUMENT_DEPS:
            words = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            name = " ".join(t.text for t in [*words, tok])
            if company_key(name) and not is_country_word(name):
                move_candidate(name, tok, "propn")
    for mention in result.moves:
        cand = move_candidate(mention.company, None, "rule")
        cand.rule_mentions.append(mention)
        cand.features += [f"rule={mention.move_type}", f"rule_status={mention.status}"]
        if mention.explicit_company:
            cand.features.append("rule_explicit")
    anaphor = next((t for t in doc if _is_company_anaphor(t)), None)
    if anaphor is not None:
        # "It", "its", "the company", "the German exchange": the article's company in
        # focus, its first company or the one named last before this sentence may be meant.
        named = [c.name for c in earlier if c.kind == MOVE and "via=ent_ORG" in c.features]
        for via, name in zip(ANAPHOR_VIAS, (ctx.focus_company, named[0] if named else None,
                                            named[-1] if named else None), strict=True):
            if not name:
                continue
            cand = next((c for c in moves if same_company(c.name, name)), None)
            if cand is None:
                cand = move_candidate(name, anaphor, via)
            elif cand.root is None:
                # Found by a rule through the pronoun: the pronoun is where it sits.
                cand.root = anaphor
                cand.features += mention_features(anaphor, triggers)
            elif cand.root is not anaphor:
                continue
            for feature in (f"via={via}", f"anaphor={_anaphor_word(anaphor)}"):
                if feature not in cand.features:
                    cand.features.append(feature)

    policies: dict[str, Candidate] = {}
    countries = list(dict.fromkeys(state.place_at.values()))

    def policy_candidate(code: str, name: str, root: Token | None, via: str) -> Candidate:
        extra = mention_features(root, triggers) if root is not None else []
        cand = policies.get(code)
        if cand is None:
            cand = policies[code] = Candidate(
                POLICY, name, code, index, *span, shared, [], root,
                other_countries=[c for c in countries if c != code], state=state)
            if code and code == ctx.home_country:
                cand.features.append("home_country")
        elif root is not None and (cand.root is None or cand.root.dep_ in NAME_PART_DEPS) and (
                root.dep_ not in NAME_PART_DEPS):
            # "the United States": the phrase's head names the government, not "United".
            cand.name, cand.root = name, root
        cand.features += [*extra, f"via={via}"]
        return cand

    for tok in doc:
        if tok.pos_ not in GOVERNMENT_POS:
            continue
        is_gov, code = state.is_government(tok)
        if is_gov and code:
            cand = policy_candidate(code, " ".join(_actor_span(tok).text.split()), tok,
                                    "place" if tok.i in state.place_at else "body")
            cand.features.append(f"gov={tok.lemma_.lower()}")
    for mention in result.policies:
        cand = policy_candidate(mention.actor_country or "", mention.actor, None, "rule")
        cand.rule_mentions.append(mention)
        cand.features += [f"prule={mention.action_type}", f"prule_status={mention.status}"]
    return moves + list(policies.values())


def add_article_features(candidates: list[Candidate], ctx: DocContext) -> None:
    """Features of a candidate across the article: how often and where it is named."""
    counts: dict[tuple[str, str], int] = {}
    for cand in candidates:
        counts[cand.kind, cand.key] = counts.get((cand.kind, cand.key), 0) + 1
    first_move = next((c.key for c in candidates if c.kind == MOVE), None)
    for cand in candidates:
        n = counts[cand.kind, cand.key]
        cand.features.append(f"mentions={min(n, 4)}")
        if cand.kind == MOVE:
            if cand.key == first_move:
                cand.features.append("first_company")
            if ctx.focus_company and same_company(cand.name, ctx.focus_company):
                cand.features.append("focus_company")
        elif cand.key and cand.key == ctx.dateline_country:
            cand.features.append("dateline_country")
