"""Move triggers: whether a trigger is a company move and of which type
(``classify_move``), and whether it is negated (``move_chain``).
"""

from __future__ import annotations

from spacy.tokens import Token

from movewatch.extraction import lexicon as lx
from movewatch.extraction.rules.state import SentenceState


class MoveTypes(SentenceState):
    """Which move, if any, a trigger token states."""

    def move_chain(self, trigger: Token) -> list[Token] | None:
        """The trigger's governors (``climb``), or None when the move is negated."""
        chain = self.climb(trigger)
        return None if self.negated(chain[:2]) else chain

    def classify_move(self, tok: Token) -> tuple[str | None, Token | None]:
        """Move type of a trigger token and its object (None when it is no move)."""
        lemma = tok.lemma_.lower()
        objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        obj = objs[0] if objs else None
        obj_lemma = obj.lemma_.lower() if obj is not None else ""
        prt = {c.lower_ for c in tok.children if c.dep_ == "prt"}
        preps = {c.lower_: c for c in tok.children if c.dep_ == "prep"}
        is_verb = tok.pos_ == "VERB"

        def obj_in(words: frozenset[str]) -> bool:
            return obj is not None and (obj_lemma in words or obj.lower_ in words)

        def obj_is_org() -> bool:
            if obj is None or obj_in(lx.JOB_NOUNS):
                return False
            near = [obj, *[c for c in obj.children if c.dep_ in ("compound", "poss", "nmod",
                                                                  "appos")]]
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
                near.extend(x for x in prep.children if x.dep_ == "pobj")
            return any(self.is_entity(t, "ORG") for t in near)

        if is_verb and obj is None and lemma in ("dispose", "divest") and "of" in preps:
            # "disposed of 33 restaurants": the thing sold is the object of "of".
            obj = next((c for c in preps["of"].children if c.dep_ == "pobj"), None)
            obj_lemma = obj.lemma_.lower() if obj is not None else ""
        counted_goods = obj is not None and not obj_in(lx.UNIT_NOUNS) and not obj_is_org() and (
            any(t.dep_ == "nummod" and t.i < obj.i for t in obj.subtree)) and obj.pos_ == "NOUN"
        if is_verb and lemma == "merge" and "into" in preps:
            # "High Plains will be merged into a unit of Adobe": Adobe takes High Plains over.
            merged = obj or next((c for c in tok.children if c.dep_ == "nsubj"), None)
            return "acquisition", merged
        if is_verb:
            # "will acquire nine airplanes": goods bought by the piece are no acquisition.
            if lemma == "acquire" and counted_goods:
                return None, None
            if lemma in ("acquire", "takeover") or (lemma == "take" and (
                    "over" in prt or obj_in(frozenset({"stake", "control", "interest"})))):
                return "acquisition", obj
            if lemma in ("buy", "purchase", "snap") and (obj_in(lx.UNIT_NOUNS) or obj_is_org()
                                                         or "up" in prt):
                return "acquisition", obj
            if lemma in lx.DIVESTMENT_VERBS and (lemma in ("divest", "dispose", "spin")
                                                 or obj_in(lx.UNIT_NOUNS) or obj_is_org()):
                return "divestment", obj
            if lemma in lx.LAYOFF_VERBS and obj_in(lx.JOB_NOUNS):
                if lemma == "lay" and "off" not in prt:
                    return None, None
                return "layoff", obj
            if lemma == "lay" and "off" in prt:
                return "layoff", obj
            if lemma in lx.HIRING_VERBS and obj_in(lx.JOB_NOUNS) and obj is not None and any(
                    c.dep_ == "nummod" or c.like_num for c in obj.subtree):
                return "hiring", obj
            if lemma in lx.OPENING_VERBS and obj_in(lx.FACILITY_NOUNS - {"operation",
                                                                        "operations",
                                                                        "line"}):
                if lemma == "set" and "up" not in prt:
                    return None, None
                return "facility_opening", obj
            if lemma in lx.CLOSURE_VERBS and (obj_in(lx.FACILITY_NOUNS) or "down" in prt
                                              and obj_in(lx.FACILITY_NOUNS | {"operation"})):
                return "facility_closure", obj
            if lemma in lx.EXIT_VERBS:
                target_prep = preps.get("from") or preps.get("of")
                if lemma == "pull" and "out" not in prt:
                    return None, None
                if target_prep is not None and any(
                        t.i in self.place_at or t.lemma_.lower() in lx.MARKET_NOUNS
                        for t in target_prep.subtree):
                    return "market_exit", obj
                if lemma in ("suspend", "cease") and obj_in(frozenset({"operation", "business"
                                                                       })) and "in" in preps:
                    return "market_exit", obj
                return None, None
            if lemma in lx.INVEST_VERBS:
                if lemma != "invest" and "into" not in preps and "in" not in preps:
                    return None, None
                return "investment", obj
            if lemma in lx.RELOCATION_VERBS:
                if obj_in(frozenset({"people", "person", "resident", "family", "villager"})):
                    return None, None
                has_dest = any(t.i in self.place_at or t.lower_ in ("abroad", "overseas",
                                                                     "offshore")
                               for p in ("to", "into") if p in preps
                               for t in preps[p].subtree)
                has_dest = has_dest or any(c.lower_ in ("abroad", "overseas", "offshore")
                                           for c in tok.children)
                # "outsourcing search to Google" hands a service to a supplier; outsourcing
                # counts when jobs or work go, or go abroad.
                thing = tok.head if tok.dep_ == "amod" else obj
                outsourced = lemma in ("offshore", "relocate") or lemma == "outsource" and (
                    thing is None or has_dest
                    or thing.lemma_.lower() in lx.RELOCATION_OBJECTS)
                if outsourced or (
                        obj_in(lx.RELOCATION_OBJECTS) and (has_dest or lemma == "relocate")):
                    return "relocation", obj
                if obj is None and has_dest and lemma in ("relocate", "move", "transfer"):
                    return "relocation", obj
            return None, None
        # nouns
        of_obj = None
        for holder in (tok, *tok.conjuncts):
            if of_obj is None and "of" in {c.lower_ for c in holder.children}:
                prep = next(c for c in holder.children if c.lower_ == "of")
                of_obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        for_obj = None
        for c in tok.children:
            if c.lower_ == "for" and c.dep_ == "prep":
                for_obj = next((x for x in c.children if x.dep_ == "pobj"), None)
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
        if lemma in ("buyer", "purchaser") and of_obj is not None:
            return "acquisition", of_obj
        if lemma == "offer":
            money = any(self.is_entity(t, "MONEY") or t.lower_ in ("dlrs", "$", "£", "euros")
                        for t in tok.children for t in t.subtree)
            if (mods & {"takeover", "cash", "buyout"} or money) and (for_obj is not None or any(
                    c.lower_ == "from" for c in tok.children)):
                return "acquisition", for_obj
            return None, None
        if lemma in ("acquisition", "takeover", "buyout", "buy-out", "purchase"):
            if lemma == "purchase" and not (of_obj is not None and (
                    of_obj.lemma_.lower() in lx.UNIT_NOUNS or self.is_entity(of_obj, "ORG"))):
                return None, None
            return "acquisition", of_obj
        if lemma in ("bid", "tender") and (for_obj is not None or mods & {"cash", "takeover",
                                                                         "hostile", "rival",
                                                                         "all"}):
            if lemma == "tender" and "offer" not in {c.lower_ for c in tok.head.children}:
                pass
            return "acquisition", for_obj
        if lemma in lx.DIVESTMENT_NOUNS and tok.lower_ not in ("sales",) and (
                of_obj is not None and (of_obj.lemma_.lower() in lx.UNIT_NOUNS
                                        or any(self.is_entity(t, "ORG") for t in of_obj.subtree))
                or lemma in ("spinoff", "spin-off", "divestiture", "divestment")):
            return "divestment", of_obj
        if lemma in lx.LAYOFF_NOUNS or (lemma in ("cut", "loss") and mods & {"job"}):
            return "layoff", tok
        if lemma in lx.CLOSURE_NOUNS and of_obj is not None and (
                of_obj.lemma_.lower() in lx.FACILITY_NOUNS):
            return "facility_closure", of_obj
        if lemma in ("construction", "opening") and of_obj is not None and (
                of_obj.lemma_.lower() in lx.FACILITY_NOUNS):
            return "facility_opening", of_obj
        relocation_noun = (lemma in ("relocation", "offshoring", "outsourcing")
                           or lemma == "transfer" and tok.lower_ != "transfer")
        if (relocation_noun or lemma == "transfer" and tok.head.lemma_.lower() == "offer") and (
                lemma in ("transfer", "relocation") or any(
                    t.lemma_.lower() in lx.RELOCATION_OBJECTS for t in tok.subtree)):
            return "relocation", None
        if lemma == "move" and any(t.i in self.place_at for c in tok.children
                                   if c.lower_ == "to" for t in c.subtree) and any(
                t.lemma_.lower() in lx.RELOCATION_OBJECTS for t in tok.subtree):
            return "relocation", None
        if lemma == "investment":
            money = any(self.is_entity(t, "MONEY") or t.lower_ in ("dlrs", "$", "£", "euros",
                                                                "yen")
                        for t in tok.subtree)
            # "investments in new printing plants", "investment in its Welsh factory".
            in_objs = [x for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "into")
                       for x in c.children if x.dep_ == "pobj"]
            physical = any(x.lemma_.lower() in lx.FACILITY_NOUNS | lx.CAPITAL_OBJECTS
                           or x.i in self.place_at for x in in_objs)
            if (money or physical) and not mods & {"portfolio", "foreign", "direct", "bank",
                                                   "banking", "fund", "trust"}:
                return "investment", None
        return None, None
