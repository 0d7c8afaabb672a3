"""Roles of a company move: the acting company (``acting_companies``, ``merger_buyer``),
the owner of a unit sold, and the target of an acquisition or divestment.
"""

from __future__ import annotations

from spacy.tokens import Token

from movewatch.extraction import lexicon as lx
from movewatch.extraction.rules.names import _clean_org, _ent_of, _is_outlet, org_entity
from movewatch.extraction.rules.phrases import SUBJECT_DEPS
from movewatch.extraction.rules.state import SentenceState


class MoveRoles(SentenceState):
    """Who moves, and what a move is aimed at."""

    def owner_of(self, obj: Token) -> str | None:
        """The named owner of a unit being sold ("the Argonaut software division")."""
        if obj.lemma_.lower() not in lx.UNIT_NOUNS:
            return None
        # "sell its Datel unit": "its" owns it, and Datel is the unit's own name.
        if any(c.dep_ == "poss" and c.lower_ in lx.POSSESSIVE_PRONOUNS for c in obj.children):
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
