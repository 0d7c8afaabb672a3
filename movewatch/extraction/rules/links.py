"""Cause and context cues ("amid", "as Washington cracks down"): the clauses they span,
which mentions do not read as their own, and the ``LinkCue`` records that let the
extractor link a move to a policy.
"""

from __future__ import annotations

from spacy.tokens import Span

from movewatch.extraction.rules.mentions import LinkCue
from movewatch.extraction.rules.phrases import SUBJECT_DEPS, _actor_span
from movewatch.extraction.rules.state import SentenceState


class LinkCues(SentenceState):
    """Cause/context clauses and link cues."""

    def cue_clause_tokens(self) -> set[int]:
        """Token indexes inside cause/context clauses ("amid ...", "as Washington ...")."""
        excluded: set[int] = set()
        for tok in self.doc:
            if tok.lower_ in ("amid", "amidst", "despite", "following", "after") and (
                    tok.dep_ == "prep"):
                excluded.update(t.i for t in tok.subtree)
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "because",
                                                                             "after", "while")
                                           for c in tok.children):
                excluded.update(t.i for t in tok.subtree)
            if tok.lower_ in ("because", "due", "response") and tok.dep_ in ("prep", "pobj",
                                                                              "amod"):
                excluded.update(t.i for t in tok.head.subtree if t.i >= tok.i)
        return excluded

    def link_cues(self, cue_spans: list[Span]) -> list[LinkCue]:
        cues: list[LinkCue] = []
        doc = self.doc
        refers = any(t.dep_ in SUBJECT_DEPS and t.lemma_.lower() in (
            "move", "decision", "relocation", "transfer", "plan", "cut", "step", "offer")
            and any(c.lower_ in ("the", "this", "that") for c in t.children) for t in doc)
        for span in cue_spans:
            first = span[0]
            head = first if first.dep_ == "prep" else span.root
            clause = list(head.subtree) if head.dep_ in ("prep", "advmod", "mark") else list(
                doc[span.start:])
            if first.lower_ == "after" and not refers:
                continue
            countries = set(self.countries_in(clause)) | {
                self.govs[t.i] for t in clause if t.i in self.govs}
            cues.append(LinkCue(cue=span.text, countries=countries, sent_start=self.sent_start,
                                sent_end=self.sent_end, refers_to_previous_move=refers,
                                clause=(clause[0].i, clause[-1].i + 1) if clause else (0, 0)))
        for tok in doc:
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as"
                                           for c in tok.children):
                subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
                if subj is None:
                    continue
                ok, code = self.is_government(subj)
                if ok and code:
                    mark = next(c for c in tok.children if c.dep_ == "mark")
                    cues.append(LinkCue(cue=f"as {_actor_span(subj).text} {tok.text}",
                                        countries={code}, sent_start=self.sent_start,
                                        sent_end=self.sent_end, refers_to_previous_move=refers,
                                        clause=(mark.i, tok.right_edge.i + 1)))
        return cues
