"""Company-move mentions: from a move trigger to ``MoveMention`` records (type, acting
companies, target, countries, headcount, status, attribution, score), and "offer"
continuation cues.
"""

from __future__ import annotations

from spacy.tokens import Token

from movewatch.companies import same_company
from movewatch.extraction import lexicon as lx
from movewatch.extraction.countries import EU
from movewatch.extraction.headcount import parse_headcount
from movewatch.extraction.rules.mentions import MoveMention
from movewatch.extraction.rules.phrases import SUBJECT_DEPS
from movewatch.extraction.rules.state import SentenceState


class MoveMentions(SentenceState):
    """Company-move mentions of a sentence."""

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
        to_countries = self.destinations(trigger, chain) if move_type == "relocation" else []
        countries, stated = self.located(scope, to_countries)
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

    def destinations(self, trigger: Token, chain: list[Token]) -> list[str]:
        """Where a relocation moves to: countries after "to"/"into" on the trigger."""
        to_countries: list[str] = []
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
        return list(dict.fromkeys(to_countries))

    def located(self, scope: list[Token], to_countries: list[str]) -> tuple[list[str], bool]:
        """Where a move happens (its countries besides the destinations), and whether the
        sentence states it; else the article's dateline or main country."""
        countries = [c for c in self.countries_in(scope) if c not in to_countries and c != EU]
        stated = bool(countries)
        if not countries:
            # The article locates the story: its dateline, else the country it names most.
            fallback = self.ctx.dateline_country or self.ctx.home_country
            if fallback and fallback not in to_countries and fallback != EU:
                countries = [fallback]
        return countries, stated

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
