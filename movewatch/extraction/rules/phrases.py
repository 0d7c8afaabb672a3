"""Span and phrase helpers: dependency-label sets, and the noun phrases the rules cut
out of a parse (speakers, actors, the subject of a measure: ``_phrase``,
``_actor_span``, ``_goods_phrase``, ``_subject_phrase``, ...).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from movewatch.extraction import lexicon as lx

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
MODIFIER_DEPS = ("aux", "auxpass", "advmod", "neg", "amod", "compound", "mark", "prt", "det",
                 "npadvmod", "acomp")
CUE_HEAD_DEPS = ("advcl",)
NEGATIONS = frozenset({"not", "n't", "never", "no", "little", "without", "nor", "neither"})


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


def _subtree_through(tok: Token, follows: Callable[[Token], bool]) -> list[Token]:
    """``tok`` and the descendants reached through children that ``follows``, in order."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        cur = stack.pop()
        out.append(cur)
        stack.extend(c for c in cur.children if follows(c))
    return sorted(out, key=lambda t: t.i)


def _core_phrase(tok: Token) -> list[Token]:
    """The noun phrase of ``tok`` with its conjuncts, without clauses or prepositions."""
    return _subtree_through(tok, lambda c: c.dep_ in (
        "compound", "amod", "det", "poss", "conj", "cc", "flat", "nmod"))


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
    return _subtree_through(tok, lambda c: c.dep_ not in (
        "acl", "relcl", "advcl", "ccomp", "parataxis"))


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

