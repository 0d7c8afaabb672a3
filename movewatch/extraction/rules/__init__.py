"""Sentence-level rules: triggers, slots and modality of company moves and policy actions.

Each parsed candidate sentence yields *mentions*; ``movewatch.extraction.extractor`` merges
the mentions of one article into facts. Triggers are found with spaCy Matchers over lemmas,
places with an ORTH PhraseMatcher built from pycountry, and slots by walking the dependency
parse from the trigger. The trigger lexicons and cue words are in
``movewatch.extraction.lexicon``.

Modules, by role:

- ``sentence_rules``: ``SentenceRules``, the entry point (matchers, ``run``,
  ``may_state_fact``);
- ``mentions``: the mention and result dataclasses and ``DocContext``;
- ``sentence``: ``_Sentence``, the rules over one sentence, composed of the role mixins below
  over the shared state of ``state`` (sentence, context, places; governor chain, negation);
- ``moves`` / ``policies``: mentions from a move / policy trigger;
- ``move_types`` / ``policy_types``: which trigger is a move / policy action of which type,
  and whether it is negated;
- ``move_roles`` / ``policy_roles`` / ``companies``: acting company, owner and target of a
  move; the government acting on a policy; the companies a phrase names;
- ``places``: countries and target countries;
- ``status`` / ``attribution`` / ``links``: status cues, speaker and attribution, cause and
  context (link) cues;
- ``names`` / ``phrases``: entity and company-name helpers; span and phrase helpers.
"""

from movewatch.extraction.rules.mentions import (
    DocContext,
    LinkCue,
    MoveMention,
    PolicyMention,
    SentenceResult,
)
from movewatch.extraction.rules.names import _org_is_company as _org_is_company
from movewatch.extraction.rules.names import entity_company_name, org_entity
from movewatch.extraction.rules.phrases import MODIFIER_DEPS, SUBJECT_DEPS
from movewatch.extraction.rules.sentence_rules import SentenceRules

__all__ = [
    "MODIFIER_DEPS",
    "SUBJECT_DEPS",
    "DocContext",
    "LinkCue",
    "MoveMention",
    "PolicyMention",
    "SentenceResult",
    "SentenceRules",
    "entity_company_name",
    "org_entity",
]
