"""Policy triggers: whether a trigger is a policy action and of which type
(``classify_policy``), and whether it is negated, a frame or generic (``policy_chain``).
"""

from __future__ import annotations

from spacy.tokens import Token

from movewatch.extraction import lexicon as lx
from movewatch.extraction.rules.phrases import SUBJECT_DEPS, _unconditional_subtree
from movewatch.extraction.rules.state import SentenceState


class PolicyTypes(SentenceState):
    """Which policy action, if any, a trigger token states."""

    def policy_chain(self, trigger: Token) -> list[Token] | None:
        """The trigger's governors within its own statement, or None when the measure is
        negated, only a frame or a generic "should"."""
        chain = self.climb(trigger)
        # A coordinated clause with its own subject is its own statement: "he hoped the
        # Japanese would end their practices and that sanctions could be lifted".
        for n, tok in enumerate(chain[1:], start=1):
            if tok.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in tok.children):
                chain = chain[:n + 1]
                break
        if self.negated(chain[:3]):
            return None
        # "Under Italian law, ...": a frame, not an action; "countries should cut aid": generic.
        if any(t.dep_ == "pobj" and t.head.lower_ in ("under", "of") and t.head.head.pos_ in (
                "VERB", "AUX") and t.head.lower_ == "under" for t in chain[:2]):
            return None
        if any(c.lower_ in lx.NORMATIVE_AUX and c.dep_ == "aux" for t in chain for c in
               t.children):
            return None
        return chain

    def classify_policy(self, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        low = tok.lower_
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        near = {t.lemma_.lower() for t in tok.subtree} | mods
        if tok.pos_ == "NOUN" and tok.head.pos_ in ("VERB", "AUX") and tok.dep_ in (
                "dobj", "nsubjpass", "pobj", "attr"):
            near |= {t.lemma_.lower() for t in _unconditional_subtree(tok.head)}
        elif tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
            near |= {t.lemma_.lower() for t in _unconditional_subtree(tok.head.head)}
        head_words = {tok.head.lemma_.lower()} | {c.lemma_.lower() for c in tok.head.children
                                                  if c.dep_ in ("compound", "amod")}
        context = near | head_words
        # "prohibited items", "banned drugs": a participle naming things, not an action.
        if tok.pos_ == "VERB" and tok.dep_ == "amod":
            return None
        # "India's import bill", "bank bills": money, not legislation.
        if lemma == "bill" and (mods & lx.MONEY_BILL_WORDS or tok.head.lemma_.lower() in (
                lx.TRADE_FLOW_VERBS | {"pay", "issue", "redeem", "discount", "make"})):
            return None
        # "a trade ban against South Africa": sanctions, whatever the goods.
        if lemma in ("ban", "embargo", "boycott") and (mods & {"trade", "economic"} or any(
                c.dep_ == "prep" and c.lower_ == "against" for c in tok.children)):
            return "sanction"
        if lemma == "sanction" and (tok.pos_ == "NOUN" and (low == "sanctions" or mods)):
            return "sanction"
        if lemma in ("ban", "embargo") and mods & {"arm", "arms", "weapon", "weapons"}:
            return "sanction"
        if lemma in ("embargo", "blacklist", "boycott"):
            if context & lx.EXPORT_WORDS and not context & {"arm", "arms"} and (
                    lemma == "embargo"):
                return "export_control"
            return "sanction"
        if lemma == "freeze" and context & {"asset", "account", "fund"}:
            return "sanction"
        if lemma == "tariff":
            if mods & {"water", "electricity", "telephone", "phone", "power", "gas", "rail",
                       "postal", "feed-in", "energy"}:
                return None
            trade = {"import", "imports", "good", "goods", "product", "products", "trade",
                     "export", "exports", "retaliation", "protectionist", "foreign", "dumping",
                     "duty", "steel", "textile", "semiconductor", "chip", "car", "electronic",
                     "agricultural", "farm", "punitive", "retaliatory"}
            clause = {t.lemma_.lower() for t in tok.head.subtree} | near
            if clause & trade or any(t.i in self.place_at for t in tok.subtree):
                return "import_restriction"
            return None
        if lemma == "duty" and (mods & lx.IMPORT_DUTY_MODIFIERS or low == "duties" and any(
                c.lower_ == "on" for c in tok.children)):
            return "import_restriction"
        if lemma == "quota" and (context & {"import", "imports", "textile", "goods",
                                            "product"} or any(c.lower_ == "on"
                                                              for c in tok.children)):
            if context & {"output", "production", "opec", "oil", "fishing", "milk"}:
                return None
            return "import_restriction"
        if lemma == "levy":
            if mods & lx.IMPORT_DUTY_MODIFIERS or context & {"import", "imports"}:
                return "import_restriction"
            return "regulation"
        if lemma in lx.SUBSIDY_NOUNS:
            if lemma in ("subsidy", "subsidies", "bailout", "handout"):
                return "subsidy"
            if lemma == "aid" and mods & {"state", "government", "public", "federal"}:
                return "subsidy"
            if lemma in ("grant", "loan", "credit") and mods & {"government", "state", "federal",
                                                                 "tax", "export", "public",
                                                                 "soft"}:
                return "subsidy"
            if lemma in ("break", "incentive", "credit") and mods & {"tax", "investment",
                                                                     "fiscal"}:
                return "subsidy"
            if lemma == "support" and mods & {"farm", "price", "state", "agricultural"}:
                return "subsidy"
            if lemma in ("loan", "provision") and tok.head.lemma_.lower() == "provision":
                return "subsidy"
            if lemma == "loan" and any(c.dep_ == "poss" for c in tok.head.children):
                return "subsidy"
            if lemma == "provision" and any(c.lemma_.lower() == "loan" for c in tok.subtree):
                return "subsidy"
            return None
        if lemma in ("antitrust", "anti-trust"):
            return "antitrust"
        if lemma in ("investigation", "probe", "inquiry"):
            if near & {"competition", "aid", "merger", "cartel", "monopoly", "antitrust",
                       "price-fixing", "dominance", "dominant", "anti-competitive"}:
                return "antitrust"
            return None
        restrictive = (tok.pos_ == "NOUN" and lemma in lx.RESTRICTION_NOUNS) or (
            tok.pos_ == "VERB" and lemma in lx.RESTRICTION_VERBS)
        if restrictive or lemma in lx.REGULATION_NOUNS or lemma in lx.REGULATION_VERBS:
            scope = near
            # "curb textile imports, which would hit EC shipments": the nearest flow decides.
            flows = [t for t in (tok.head.subtree if tok.dep_ in ("dobj", "nsubjpass", "pobj")
                                 else tok.subtree)
                     if t.lemma_.lower() in lx.EXPORT_WORDS | {"export", "import", "imports"}]
            nearest = min(flows, key=lambda t: abs(t.i - tok.i), default=None)
            if nearest is not None and nearest.lemma_.lower() in ("import", "imports"):
                return "import_restriction"
            if scope & lx.EXPORT_WORDS or "export" in scope:
                return "export_control"
            if scope & {"import", "imports"} or (lemma in ("legislation", "bill", "law")
                                                 and (scope & {"retaliation", "protectionist",
                                                               "quota", "tariff"}
                                                      or mods & {"trade", "protection",
                                                                 "protectionist"})):
                return "import_restriction"
            if scope & {"foreign"} and scope & lx.INVESTMENT_WORDS:
                return "investment_restriction"
            if lemma == "veto" and scope & lx.INVESTMENT_WORDS:
                return "investment_restriction"
            clause = tok.head.subtree if tok.pos_ == "NOUN" else tok.subtree
            if restrictive and scope & lx.TECH_EXPORT_WORDS and any(
                    t.i in self.place_at for t in clause):
                return "export_control"
            if restrictive and lemma in ("restriction", "curb", "measure", "control", "check",
                                         "limit", "cap", "barrier", "screening", "review",
                                         "veto", "restrict", "limit", "control", "curb",
                                         "block", "bar", "stop", "screen", "tighten", "cap",
                                         "check") and lemma not in lx.REGULATION_NOUNS:
                return None
            # "ordered a halt to construction", "ordered X to stop"
            if lemma == "order" and not any(
                    t.lemma_.lower() in ("halt", "stop", "close", "suspend", "cease")
                    for t in tok.subtree):
                return None
            if lemma in ("halt",) and tok.head.lemma_.lower() != "order":
                return None
            if lemma in ("act", "code", "standard", "reform", "requirement", "bill",
                         "review") and not mods:
                return None
            if lemma in ("licence", "license") and not context & {
                    "revoke", "withdraw", "issue", "grant", "award", "telephone", "licensing",
                    "suspend", "new", "bid", "tender"}:
                return None
            # Rules for governments, not companies ("EU rules limit a country's deficit").
            clause = {t.lemma_.lower() for t in (tok.head.subtree if tok.head.pos_ in (
                "VERB", "AUX") else tok.subtree)} | near
            if clause & lx.PUBLIC_FINANCE_WORDS or lemma == "reform" and mods & {
                    "tax", "pension", "welfare", "electoral", "political", "budget"}:
                return None
            # The law as a body of rules, not a measure: "under US law", "bound by law".
            if lemma in lx.BODY_OF_LAW_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ in (
                    "by", "under", "of", "within", "with", "against", "in", "to") and not any(
                    c.dep_ == "acl" for c in tok.children):
                return None
            # "breaking international trade rules", "contravened Swedish law".
            if lemma in lx.BODY_OF_LAW_NOUNS and tok.dep_ in ("dobj", "pobj") and (
                    tok.head.lemma_.lower() in lx.LAW_ABIDING_LEMMAS
                    or tok.head.head.lemma_.lower() in lx.LAW_ABIDING_LEMMAS):
                return None
            return "regulation"
        return None
