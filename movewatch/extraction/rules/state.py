"""The state the rules share over one parsed sentence (``SentenceState``): the sentence,
its article context, its places and government names; the entity test, and the
trigger's chain of governors (``climb``) with its negation, which every role reads.

Each role of the rules is a mixin over this state in its own module; ``sentence``
composes them into ``_Sentence``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from movewatch.extraction import lexicon as lx
from movewatch.extraction.rules.mentions import DocContext


class SentenceState:
    """One parsed sentence, its offset in the article and what is known around it."""

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
