"""Policy-action mentions: from a policy trigger to ``PolicyMention`` records (type,
actor, target country, subject, status, attribution, score), remembering measures
named earlier in the article ("the ban").
"""

from __future__ import annotations

from spacy.tokens import Token

from movewatch.extraction import lexicon as lx
from movewatch.extraction.rules.mentions import PolicyMention
from movewatch.extraction.rules.phrases import _actor_span, _subject_phrase
from movewatch.extraction.rules.state import SentenceState


class PolicyMentions(SentenceState):
    """Policy-action mentions of a sentence."""

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
