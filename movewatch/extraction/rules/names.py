"""Entity and company-name helpers: which entity a token is in, whether an entity is an
organisation or a company, news outlets, and the clean company name of an entity
(``org_entity``, ``entity_company_name``, ``_clean_org``, ...).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from movewatch.companies import LEGAL_FORMS, company_key, is_legal_form
from movewatch.extraction import lexicon as lx
from movewatch.extraction.countries import country_code
from movewatch.extraction.rules.mentions import DocContext


def _ent_of(token: Token) -> Span | None:
    if token.ent_iob not in (1, 3):  # "O" or unset: in no entity (no need to build them all)
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def org_entity(token: Token, ctx: DocContext) -> Span | None:
    """The organisation entity ``token`` belongs to, if any.

    A name tagged PERSON or PRODUCT here counts when NER tags the same name ORG elsewhere in
    the article ("Ryanair", "Euronext"), unless a title ("Mr") precedes it.
    """
    ent = _ent_of(token)
    if ent is None:
        return None
    if ent.label_ == "ORG":
        return ent
    if ent.label_ in ("PERSON", "PRODUCT", "NORP", "WORK_OF_ART", "FAC") and (
            " ".join(ent.text.split()) in ctx.organisations) and not (
            ent.start > 0 and ent.doc[ent.start - 1].lower_.strip(".") in lx.TITLES):
        return ent
    if ent.label_ == "PERSON" and len(ent) == 1 and ent.root.pos_ == "PROPN" and (
            ctx.article and not _used_as_person(ent.text, ctx.article)):
        return ent
    return None


@lru_cache(maxsize=2048)
def _used_as_person(name: str, article: str) -> bool:
    """Whether a one-word name follows a title or a first name anywhere in the article."""
    for match in re.finditer(rf"\b([A-Z][a-z]+)\.?\s+{re.escape(name)}\b", article):
        word = match.group(1).lower()
        if word in lx.TITLES or word not in STOP_WORDS:
            return True
    # "Deputy prime minister Kim Mahn-je", "Kim, who is also ...".
    roles = "|".join(sorted(lx.PERSON_ROLES))
    return bool(re.search(rf"(?i:\b(?:{roles}))\s+{re.escape(name)}\b"
                          rf"|\b{re.escape(name)},?\s+who\b", article))


def _org_is_company(ent: Span | None) -> bool:
    if ent is None:
        return False
    words = {t.lower_ for t in ent}
    return not (words & lx.GOVERNMENT_HEADS) or bool(words & LEGAL_FORMS)


def _is_outlet(tok: Token) -> bool:
    words = {t.lower_ for t in tok.subtree}
    return bool(words & lx.OUTLET_WORDS) or tok.ent_type_ == "ORG" and bool(
        words & {"journal", "times", "post"})


def _clean_org(ent: Span) -> str:
    start = ent.start
    doc = ent.doc
    # NER often drops the first word of a name: "Galaxy [Cablevision L.P.]".
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" and (
            ent.start <= doc[start - 1].head.i < ent.end) and not doc[start - 1].ent_type_:
        start -= 1
    text = " ".join(doc[start:ent.end].text.split()).strip(" <>\"'“”‘’")
    words = text.split()
    while len(words) > 1 and is_legal_form(words[-1]):  # "Galaxy Cablevision L.P."
        words.pop()
    text = " ".join(words).rstrip(",").strip()
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text.rstrip("'’ ")


def entity_company_name(ent: Span) -> str | None:
    """The company an entity names ("Shanghai Automotive Industry Corp" -> "Shanghai Automotive
    Industry"), or None when the name does not look like a company's. A legal form at the end
    of the entity outweighs a generic head word ("Industry", "Bank")."""
    name = _clean_org(ent)
    last = ent[-1].lower_.strip(".") if len(ent) else ""
    return name if _looks_like_company(name, last in LEGAL_FORMS) else None


@lru_cache(maxsize=4096)
def _looks_like_company(name: str, legal_form: bool = False) -> bool:
    key = company_key(name)
    if not key or len(key) < 2:
        return False
    if name.split()[0].lower().strip(".") in lx.TITLES:
        return False
    if key.split()[-1] in lx.NON_COMPANY_HEADS and not legal_form:
        return False
    words = set(key.split())
    if words <= lx.NON_COMPANY_WORDS or key in lx.GOVERNMENT_NAMES:
        return False
    if country_code(name):
        return False
    return bool(words - lx.NON_COMPANY_WORDS) and not (words & {"government", "ministry",
                                                                "commission", "union",
                                                                "congress", "parliament"})

