"""Company names in a sentence: the companies a subject names (with conjuncts, lists the
parser garbled, pronouns resolved to an antecedent or the article's company).
"""

from __future__ import annotations

from spacy.tokens import Token

from movewatch.companies import company_key
from movewatch.extraction import lexicon as lx
from movewatch.extraction.rules.names import (
    _ent_of,
    _is_outlet,
    _looks_like_company,
    _org_is_company,
    _used_as_person,
    entity_company_name,
    org_entity,
)
from movewatch.extraction.rules.phrases import SUBJECT_DEPS, _core_phrase
from movewatch.extraction.rules.state import SentenceState


class CompanyNames(SentenceState):
    """The companies a noun phrase names."""

    def company_names(self, subj: Token) -> tuple[list[str], bool]:
        """Companies named by a subject (with conjuncts, "such as" lists); bool = explicit."""
        heads = [subj]
        for tok in subj.subtree:
            if tok.dep_ == "conj" and tok.head in heads:
                heads.append(tok)
            if tok.dep_ == "pobj" and tok.head.lower_ == "as" and (
                    tok.head.head.lower_ == "such"
                    or any(c.lower_ == "such" for c in tok.head.children)):
                heads.append(tok)
                heads.extend(c for c in tok.conjuncts)
        names: list[str] = []
        explicit = True
        # A newspaper is a source when it speaks, but a company when it acts ("The Daily and
        # Sunday Telegraph newspapers are axing 90 jobs", "The Telegraph Group says ...").
        speaking = subj.head.lemma_.lower() in lx.SPEECH_LEMMAS
        corporate = bool({t.lower_ for t in subj.subtree} & lx.CORPORATE_WORDS)
        if (_is_outlet(subj) and speaking and not corporate) or subj.lemma_.lower() in (
                "source", "person", "analyst", "union"):
            return [], True
        if any(c.lemma_.lower() in ("union", "unions") and c.dep_ in ("compound", "amod")
               for c in subj.children) or (subj.dep_ == "pobj" and any(
                c.lemma_.lower() == "union" for c in subj.children if c.dep_ == "appos")):
            return [], True
        if subj.dep_ in SUBJECT_DEPS:
            listed = self.listed_companies(subj, subj.head)
            if len(listed) >= 2:
                return listed, True
        for head in heads:
            name, is_explicit = self.company_of(head)
            if name and name not in names:
                names.append(name)
                explicit = explicit and is_explicit
        return names, explicit

    def listed_companies(self, subj: Token, verb: Token) -> list[str]:
        """Companies listed in a subject the parser garbled, read off the token sequence.

        "X's Y unit, which publishes Z, the A Group, B and C have all announced ..." and
        "companies such as A - the German arm of B - and retailer C have ...": the subject
        region is cut at commas and conjunctions; relative clauses and dash asides are
        skipped; each piece names at most one company (a possessive owner yields to its unit).
        """
        doc = self.doc
        if verb.i <= subj.i:
            return []
        region = [t for t in doc[subj.left_edge.i: verb.i]
                  if not (t.head.i == verb.i and t.dep_ in ("aux", "auxpass", "advmod", "neg"))]
        # "- the German arm of US carmaker General Motors -": an aside, not a list member.
        dashes = [n for n, t in enumerate(region) if t.text in ("-", "--", "—", "–")]
        drop: set[int] = set()
        for a, b in zip(dashes[::2], dashes[1::2], strict=False):
            drop.update(range(a, b + 1))
        region = [t for n, t in enumerate(region) if n not in drop]
        words = {t.lower_ for t in region}
        listing = bool(words & {"such", "including", "like"}) and any(
            t.lemma_.lower() in lx.DEFINITE_COMPANY_NOUNS | {"company", "firm"} for t in region)
        pieces: list[list[Token]] = [[]]
        in_relative = False
        for tok in region:
            if tok.text == "," or (tok.dep_ == "cc" and not tok.ent_type_):
                if tok.text == ",":
                    in_relative = False
                pieces.append([])
                continue
            if not pieces[-1] and tok.lower_ in ("which", "who", "that", "whose"):
                in_relative = True
            if not in_relative:
                pieces[-1].append(tok)
        labels = {"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "FAC"} if listing else {"ORG"}
        names: list[str] = []
        for piece in pieces:
            ids = {t.i for t in piece}
            # "the subsidiary of Thomson SA", "a unit of Borg-Warner": an owner described, not
            # a member of the list.
            ents = [e for e in doc.ents if e.start in ids and (
                e.label_ in labels or org_entity(e.root, self.ctx) is not None) and not any(
                a.lower_ == "of" and a.i in ids and a.head.pos_ == "NOUN"
                for a in e.root.ancestors)]
            if len(ents) > 1:
                ents = [e for e in ents if not e.text.endswith(("'s", "’s"))
                        and not (e.end < len(doc) and doc[e.end].tag_ == "POS")] or ents
            for ent in ents[:1]:
                name = entity_company_name(ent)
                if name and name not in names:
                    names.append(self._expand_acronym(name))
        return names

    def company_of(self, tok: Token) -> tuple[str | None, bool]:
        low = tok.lower_
        if low in lx.PRONOUN_SUBJECTS or low in lx.POSSESSIVE_PRONOUNS:
            if low in ("which", "that", "who") and tok.head.dep_ == "relcl":
                return self.company_of(tok.head.head)
            speaker = None
            top = tok.head
            while top.head.i != top.i and top.lemma_.lower() not in lx.SPEECH_LEMMAS:
                top = top.head
            if top.lemma_.lower() in lx.SPEECH_LEMMAS:
                speaker = next((c for c in top.children if c.dep_ in SUBJECT_DEPS), None)
            if speaker is not None and speaker.i != tok.i and speaker.lower_ not in (
                    lx.PRONOUN_SUBJECTS):
                name, _ = self.company_of(speaker)
                return name, False
            before = [e for e in self.doc.ents if e.end <= tok.i
                      and org_entity(e.root, self.ctx) is not None and _org_is_company(e)]
            # A subject antecedent beats a nearer object: "Euronext met the LSE amid
            # speculation that it may bid" -> Euronext.
            before.sort(key=lambda e: (e.root.dep_ in SUBJECT_DEPS, e.start))
            for ent in reversed(before):
                name = entity_company_name(ent)
                if name:
                    return self._expand_acronym(name), False
            return self.ctx.focus_company, False
        org_ent = org_entity(tok, self.ctx)
        ent = org_ent or _ent_of(tok)
        if org_ent is not None and org_ent.label_ != "ORG":
            name = entity_company_name(ent)
            if name:
                return self._expand_acronym(name), True
        if ent is not None and ent.label_ == "ORG":
            name = entity_company_name(ent) if _org_is_company(ent) else None
            if name:
                return self._expand_acronym(name), True
            return None, True
        if ent is not None and ent.label_ in ("PERSON", "GPE", "NORP", "LOC", "DATE", "MONEY",
                                              "CARDINAL", "PERCENT"):
            return None, True
        if tok.i in self.place_at:
            return None, True
        # An ORG inside the subject phrase: "Pearson's Financial Times", "unit of X".
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "appos") and _ent_of(child) is not None:
                name, explicit = self.company_of(child)
                if name:
                    return name, explicit
        if tok.lemma_.lower() in lx.DEFINITE_COMPANY_NOUNS and any(
                c.lower_ in ("the", "its", "this", "their") for c in tok.children):
            return self.ctx.focus_company, False
        if tok.lower_ in lx.POSSESSIVE_PRONOUNS or any(
                c.dep_ == "poss" and c.lower_ in lx.POSSESSIVE_PRONOUNS for c in tok.children):
            return self.ctx.focus_company, False
        if tok.pos_ in ("PROPN", "NOUN") and tok.ent_type_ == "":
            words = [t for t in _core_phrase(tok) if t.pos_ == "PROPN" and t.ent_type_ in (
                "", "ORG")]
            if not words:
                return None, True
            name = " ".join(t.text for t in words)
            # "Paz Estenssoro froze wages ..." after "President Victor Paz Estenssoro".
            if self.ctx.article and _used_as_person(words[0].text, self.ctx.article):
                return None, True
            if _looks_like_company(name) and name.lower() not in lx.GOVERNMENT_NAMES:
                return self._expand_acronym(name), True
        return None, True

    def _expand_acronym(self, name: str) -> str:
        if name.isupper() and 2 <= len(name) <= 5:
            for org in self.ctx.organisations:
                initials = "".join(w[0] for w in org.split() if w[0].isupper()
                                   and company_key(w))
                if initials == name:
                    return org
        return name
