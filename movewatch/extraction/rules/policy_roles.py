"""Roles of a policy action: whether a token denotes a government body and its country
(``is_government``), and which government acts (``policy_actor``).
"""

from __future__ import annotations

from spacy.tokens import Token

from movewatch.extraction import lexicon as lx
from movewatch.extraction.countries import EU, country_code
from movewatch.extraction.rules.names import _ent_of, _org_is_company
from movewatch.extraction.rules.phrases import _actor_span
from movewatch.extraction.rules.state import SentenceState

# Words of the European Commission's names ("the European Community Commission").
EUROPEAN_WORDS = frozenset({"the", "european", "community", "communities", "economic"})


def named_commission(tok: Token) -> bool:
    """Whether "Commission" has a name of its own ("the Nuclear Regulatory Commission"), not
    the European Commission's ("the Commission", "the European Community Commission")."""
    return any(t.is_title and t.lower_ not in EUROPEAN_WORDS for t in tok.lefts)


class PolicyRoles(SentenceState):
    """Which government takes a policy action."""

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
                # "the Commission", "the European Community Commission" is Brussels; a
                # commission with a name of its own ("the Nuclear Regulatory Commission")
                # belongs to the article's country, if the dateline tells it.
                code = self.ctx.dateline_country if named_commission(tok) else EU
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
