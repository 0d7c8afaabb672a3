"""Places and countries of a mention: the countries named by tokens (``countries_in``) and
the tokens that can name a measure's target country (``target_tokens``). Move
countries, destinations (``to_countries``) and the dateline/article fallback are
chosen in ``moves``; ``SentenceRules.place_spans`` finds the place names.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from movewatch.extraction import lexicon as lx
from movewatch.extraction.rules.phrases import _clause_free_subtree
from movewatch.extraction.rules.state import SentenceState


class Places(SentenceState):
    """Countries in a sentence."""

    def countries_in(self, tokens: Iterable[Token]) -> list[str]:
        seen: list[str] = []
        for tok in tokens:
            code = self.place_at.get(tok.i)
            if code and code not in seen:
                seen.append(code)
        return seen

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
