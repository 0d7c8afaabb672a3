"""Status cues: whether a move is considering/announced/completed/cancelled
(``move_status``) and a policy considering/announced/in_force/lifted
(``policy_status``), read off the verbs and modifiers of the trigger's chain.
"""

from __future__ import annotations

from spacy.tokens import Token

from movewatch.extraction import lexicon as lx
from movewatch.extraction.rules.phrases import MODIFIER_DEPS, SUBJECT_DEPS
from movewatch.extraction.rules.state import SentenceState


class Status(SentenceState):
    """The status of a move or a policy action."""

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
