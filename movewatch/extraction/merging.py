"""How the mentions of an article become facts: which mentions state the same move (same
company and type, no two different targets) or the same policy action (same government,
type and target, lifting apart from imposing), and the status, company and evidence the
merged fact takes from them."""

from __future__ import annotations

from typing import TypeVar

from movewatch.companies import same_company
from movewatch.extraction.rules import MoveMention, PolicyMention

MOVE_STATUS_RANK = {"considering": 0, "announced": 1, "completed": 2}
M = TypeVar("M", MoveMention, PolicyMention)


def merged_move_status(statuses: list[str]) -> str:
    """The status of a move its mentions state with ``statuses``: cancelled unless some
    mention says it was completed, else the furthest along."""
    if "cancelled" in statuses and "completed" not in statuses:
        return "cancelled"
    return max((s for s in statuses if s in MOVE_STATUS_RANK),
               key=MOVE_STATUS_RANK.__getitem__, default="announced")


def best_mention(group: list[M]) -> M:
    """The mention a merged fact takes its evidence (and a policy its status) from: the
    highest scored, the earliest of equals."""
    return max(group, key=lambda m: (m.score, -m.sent_start))


def move_groups(mentions: list[MoveMention]) -> list[list[MoveMention]]:
    """The mentions of each move: same company and type, and no two different targets."""
    groups: list[list[MoveMention]] = []
    for mention in sorted(mentions, key=lambda m: m.sent_start):
        for group in groups:
            first = group[0]
            if first.move_type != mention.move_type or not same_company(first.company,
                                                                        mention.company):
                continue
            targets = [m.target for m in group if m.target]
            if mention.target and targets and not any(
                    same_company(mention.target, t) for t in targets):
                continue
            group.append(mention)
            break
        else:
            groups.append([mention])
    return groups


def move_company(group: list[MoveMention]) -> str:
    """The company of a move: as a sentence names it, else as its best mention has it."""
    return next((m.company for m in group if m.explicit_company), best_mention(group).company)


def policy_groups(mentions: list[PolicyMention]) -> list[list[PolicyMention]]:
    """The mentions of each policy action: same government, type and target, and lifting
    apart from imposing."""
    groups: dict[tuple, list[PolicyMention]] = {}
    for mention in sorted(mentions, key=lambda m: m.sent_start):
        key = (mention.actor_country, mention.action_type, mention.target_country,
               mention.status == "lifted")
        groups.setdefault(key, []).append(mention)
    return list(groups.values())
