"""``_Sentence``: the rules over one parsed sentence, composed of one mixin per role
over the shared ``SentenceState``:

- ``moves`` / ``policies``: mentions from a trigger (the entry points per trigger);
- ``move_types`` / ``policy_types``: which trigger states which move or policy type;
- ``move_roles`` / ``policy_roles`` / ``companies``: acting company, target, policy
  actor, company names;
- ``places``: countries and target countries;
- ``status`` / ``attribution`` / ``links``: status, attribution and cause/context cues.
"""

from __future__ import annotations

from movewatch.extraction.rules.attribution import Attribution
from movewatch.extraction.rules.companies import CompanyNames
from movewatch.extraction.rules.links import LinkCues
from movewatch.extraction.rules.move_roles import MoveRoles
from movewatch.extraction.rules.move_types import MoveTypes
from movewatch.extraction.rules.moves import MoveMentions
from movewatch.extraction.rules.places import Places
from movewatch.extraction.rules.policies import PolicyMentions
from movewatch.extraction.rules.policy_roles import PolicyRoles
from movewatch.extraction.rules.policy_types import PolicyTypes
from movewatch.extraction.rules.status import Status


class _Sentence(MoveMentions, PolicyMentions, MoveTypes, PolicyTypes, MoveRoles, PolicyRoles,
                CompanyNames, Places, Status, Attribution, LinkCues):
    """Rules over one parsed sentence."""
