"""Attribution cues: the speaker of a reported statement (``speaker``) and the source a
mention is attributed to ("according to", speech verbs, "reportedly").
"""

from __future__ import annotations

from spacy.tokens import Token

from movewatch.extraction import lexicon as lx
from movewatch.extraction.rules.names import _is_outlet
from movewatch.extraction.rules.phrases import SUBJECT_DEPS, _phrase
from movewatch.extraction.rules.state import SentenceState


class Attribution(SentenceState):
    """Who says what a sentence reports."""

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
