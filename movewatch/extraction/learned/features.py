"""Sparse features of a candidate mention in a parsed sentence: where it sits in the parse
(its dependency role, governors, the verb it is an argument of), the sentence's words and
trigger terms, and what the rules made of it. Feature names are strings; the model keeps a
vocabulary of those seen in training."""

from __future__ import annotations

from spacy.tokens import Doc, Token

# Parts of speech whose lemmas describe what a sentence is about (names are left out: they
# are the candidates, not the event).
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "ADP", "AUX", "PART"})
MAX_GOVERNORS = 5


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def lemma_or_name(tok: Token) -> str:
    """A governor or modifier of a mention: its lemma, or "NAME" for a proper noun (a
    feature per company name would learn which companies made news, not how news says it)."""
    return "NAME" if tok.pos_ == "PROPN" else tok.lemma_.lower()


def sentence_features(doc: Doc, triggers: list[tuple[str, Token]], lead: bool) -> list[str]:
    """Features every candidate of the sentence shares: its words and trigger terms."""
    out = [f"w={_lemma(t)}" for t in doc if t.is_alpha and t.pos_ in CONTENT_POS]
    words = [t for t in doc if t.is_alpha and t.pos_ in CONTENT_POS]
    out.extend(f"bi={_lemma(a)}_{_lemma(b)}" for a, b in zip(words, words[1:], strict=False))
    for label, tok in triggers:
        out.append(f"trig={label}")
        out.append(f"trigl={label}|{_lemma(tok)}")
    if any(t.like_num for t in doc):
        out.append("has_number")
    if any(t.dep_ == "neg" for t in doc):
        out.append("negated")
    if lead:
        out.append("lead")
    return out


def verb_of(tok: Token) -> tuple[Token | None, str]:
    """The verb ``tok`` is an argument of, through compounds, possessives, appositions and
    prepositions, and the role path that leads there ("nsubj", "pobj<by", ...)."""
    path = []
    current = tok
    for _ in range(6):
        if current.head.i == current.i:
            return None, "/".join(path)
        path.append(current.dep_ if current.dep_ != "pobj" else f"pobj<{_lemma(current.head)}")
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            return current, "/".join(path[-2:])
        if current.pos_ == "ADP":
            continue
    return None, "/".join(path[-2:])


def mention_features(root: Token, triggers: list[tuple[str, Token]]) -> list[str]:
    """Features of a mention whose syntactic head is ``root``."""
    out = [f"dep={root.dep_}", f"head={lemma_or_name(root.head)}",
           f"dh={root.dep_}|{lemma_or_name(root.head)}", f"ent={root.ent_type_ or 'none'}"]
    doc = root.doc
    out.append(f"pos={min(4, root.i * 5 // max(1, len(doc)))}")
    for child in root.children:
        if child.dep_ in ("amod", "compound", "appos", "nmod") and child.is_alpha:
            out.append(f"mod={lemma_or_name(child)}")
    if root.dep_ == "appos":
        out.append(f"appos_of={_lemma(root.head)}")
    ancestors = []
    current = root
    while current.head.i != current.i and len(ancestors) < MAX_GOVERNORS:
        current = current.head
        ancestors.append(current)
        out.append(f"up={lemma_or_name(current)}")
    verb, path = verb_of(root)
    if verb is not None:
        v = _lemma(verb)
        out += [f"verb={v}", f"role={path}", f"role_verb={path}|{v}"]
        for child in verb.children:
            if child.dep_ in ("dobj", "xcomp", "attr", "ccomp", "prep", "advcl", "acomp"):
                out.append(f"v_{child.dep_}={_lemma(child)}")
                for grand in child.children:
                    if grand.dep_ in ("dobj", "pobj", "xcomp"):
                        out.append(f"v_{child.dep_}_{grand.dep_}={_lemma(grand)}")
            if child.dep_ in ("aux", "auxpass", "neg"):
                out.append(f"v_{child.dep_}={_lemma(child)}")
    ancestor_ids = {t.i for t in ancestors}
    for term in sorted({f"{label}:{_lemma(trig)}" for label, trig in triggers}):
        # The mention's role in a sentence with this trigger: the subject of a sentence
        # about a sale is the seller; the object of "from" there is not.
        out += [f"role_trig={path}|{term}", f"dep_trig={root.dep_}|{term}"]
    for label, trig in triggers:
        name = f"{label}:{_lemma(trig)}"
        if trig.i in ancestor_ids:
            out += [f"trig_governs={label}", f"trig_governs={name}",
                    f"trig_governs_role={name}|{path}"]
        elif root.i in {t.i for t in trig.ancestors}:
            out += [f"under_trig={label}", f"under_trig={name}"]
        elif trig.head.i in ancestor_ids or trig.head.i == root.i:
            out += [f"trig_sibling={label}", f"trig_sibling={name}"]
        distance = trig.i - root.i
        side = "after" if distance > 0 else "before"
        out.append(f"trig_{side}={label}|{min(3, abs(distance) // 4)}")
    return out
