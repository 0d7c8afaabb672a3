"""Event consolidation: the facts that report one real-world event get one event_id.

Facts are compared only within a block of the same kind and identity:
- company moves: same company_key and move_type;
- policy actions: same actor_country (or, when it is null, the same normalised actor name)
  and action_type.

Two facts of a block are *compatible* when nothing they state contradicts:
- moves: `countries` overlap or either is empty; `to_countries` likewise unless the origins
  share a country (outlets often list only some destinations); for acquisitions and
  divestments the targets agree (same name after dropping case, punctuation and legal suffixes,
  one containing the other, or a fuzzy ratio of at least 85, as the gold scorer matches
  company names) or either is missing. Status and headcount are not compared: they drift as a
  story develops (considering → announced → completed; "about 700" → "800").
- policies: `target_country` equal or either null; `subject` similar (rapidfuzz token-set ratio
  of at least `subject_min_ratio`, so "chip-making equipment" matches "advanced chips and
  chip-making equipment") or either missing. The default 75 keeps "advanced chips and
  chip-making equipment" (62) apart from "advanced AI models": one shared modifier is not
  enough. Within one story, the same stated target country is enough: outlets describe the
  goods of one measure differently.

Grouping rule (against transitive chaining, e.g. A=[] ~ B=[US], A ~ C=[DE], but B !~ C):
greedy complete linkage in time order. Facts of a block are visited by (article date,
fact_id); a fact joins the first existing group (in creation order) that it is compatible with
*every* member of, and that is close in time: it shares a story (or an article) with a member,
or its date is within `window_days` of the group's first report. Otherwise it starts a group.
The window is measured from the first report, so a group never drifts beyond it except through
the story clustering. The date is the article's `published_at`; a fact from an article without
one (dated only by ingestion, which says nothing about the event) joins through its story only.
The visiting order depends only on the data, so any row order of the input gives the same result.

event_id is "m_"/"p_" + the smallest fact_id of the group; fact_kind is 'company_move' or
'policy_action'. Every fact gets exactly one event.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from movewatch.companies import company_key, same_key
from movewatch.stories.clustering import article_dates

EVENT_COLUMNS = {"fact_id": pl.String, "fact_kind": pl.String, "event_id": pl.String}

TARGETED_MOVE_TYPES = frozenset({"acquisition", "divestment"})

@dataclass
class _Group:
    """A growing event: its members (fact rows), first date and the stories it touches."""

    first_day: float | None
    members: list[dict[str, Any]] = field(default_factory=list)
    stories: set[str] = field(default_factory=set)


# "51 pct of Piedmont", "a 20 pct stake in Acme", "control of Acme": the company is what follows.
_STAKE_PREFIX = re.compile(
    r"^(?:.*?\b(?:pct|percent|%|stake|interest|control|shares?|majority|minority)\s+"
    r"(?:of|in)\s+)+",
    re.IGNORECASE,
)


def target_name(target: str | None) -> str:
    """The company a target names, or "" when it names none ("it", "shares", "the airline").

    A stake is reduced to its company ("51 pct of Piedmont" → "Piedmont"); a target with no
    capitalised word is a description, not a name, and so states nothing to compare.
    """
    if not target:
        return ""
    name = _STAKE_PREFIX.sub("", target.strip())
    if not any(word[:1].isupper() for word in name.split()):
        return ""
    return company_key(name)


def _lists_compatible(left: list[str] | None, right: list[str] | None) -> bool:
    if not left or not right:
        return True
    return not set(left).isdisjoint(right)


def _targets_compatible(left: str, right: str) -> bool:
    """Two targets' keys name the same company, or either names none."""
    return not left or not right or same_key(left, right)


def _moves_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        _lists_compatible(a["countries"], b["countries"])
        and (
            # Outlets often name only some destinations: a shared origin outweighs them.
            not set(a["countries"]).isdisjoint(b["countries"])
            or _lists_compatible(a["to_countries"], b["to_countries"])
        )
        and (
            a["move_type"] not in TARGETED_MOVE_TYPES
            or _targets_compatible(a["target_norm"], b["target_norm"])
        )
    )


def _policy_compatible_factory(subject_min_ratio: float) -> Callable[[dict, dict], bool]:
    def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
        targets = (a["target_country"], b["target_country"])
        if all(targets) and targets[0] != targets[1]:
            return False
        if all(targets) and a["story_key"] == b["story_key"]:
            # One story's reports of one actor's measure against one country: outlets name
            # its goods differently ("advanced chips" / "cutting-edge AI technology").
            return True
        if not a["subject_norm"] or not b["subject_norm"]:
            return True
        return fuzz.token_set_ratio(a["subject_norm"], b["subject_norm"]) >= subject_min_ratio

    return compatible


def _group_block(
    rows: Iterable[dict[str, Any]],
    compatible: Callable[[dict[str, Any], dict[str, Any]], bool],
    window_days: int,
) -> list[_Group]:
    """Greedy complete-linkage grouping of one block's facts, visited in time order."""
    groups: list[_Group] = []
    for row in rows:
        day = row["day"]
        for group in groups:
            same_story = row["story_key"] in group.stories
            in_window = (
                day is not None
                and group.first_day is not None
                and abs(day - group.first_day) <= window_days
            )
            if (same_story or in_window) and all(compatible(row, m) for m in group.members):
                group.members.append(row)
                group.stories.add(row["story_key"])
                break
        else:
            groups.append(_Group(first_day=day, members=[row], stories={row["story_key"]}))
    return groups


def _with_time_and_story(
    facts: pl.DataFrame, dates: pl.DataFrame, stories: pl.DataFrame
) -> pl.DataFrame:
    """Add day (publication date, days since epoch; null if unknown) and story_key (the story,
    else the article itself)."""
    story_map = stories.select(
        pl.col("article_id").cast(pl.String), pl.col("story_id").cast(pl.String)
    ).unique("article_id", keep="first")
    return (
        facts.with_columns(pl.col("article_id").cast(pl.String), pl.col("fact_id").cast(pl.String))
        .join(
            dates.select(
                "article_id",
                pl.when(pl.col("date_known")).then(pl.col("day")).alias("day"),
            ),
            on="article_id",
            how="left",
        )
        .join(story_map, on="article_id", how="left")
        .with_columns(
            pl.when(pl.col("day").is_nan()).then(None).otherwise(pl.col("day")).alias("day"),
            pl.coalesce(
                pl.col("story_id"), pl.concat_str(pl.lit("article:"), pl.col("article_id"))
            ).alias("story_key"),
        )
    )


def _assign_events(
    facts: pl.DataFrame,
    block_columns: list[str],
    compatible: Callable[[dict[str, Any], dict[str, Any]], bool],
    *,
    window_days: int,
    kind: str,
    prefix: str,
) -> pl.DataFrame:
    if facts.height == 0:
        return pl.DataFrame(schema=EVENT_COLUMNS)
    ordered = facts.sort([*block_columns, "day", "fact_id"], nulls_last=True)
    fact_ids: list[str] = []
    event_ids: list[str] = []
    for _, block in ordered.group_by(block_columns, maintain_order=True):
        for group in _group_block(block.iter_rows(named=True), compatible, window_days):
            ids = [member["fact_id"] for member in group.members]
            event_id = prefix + min(ids)
            fact_ids.extend(ids)
            event_ids.extend([event_id] * len(ids))
    return pl.DataFrame(
        {"fact_id": fact_ids, "fact_kind": [kind] * len(fact_ids), "event_id": event_ids},
        schema=EVENT_COLUMNS,
    ).sort("fact_id")


def consolidate_events(
    moves: pl.DataFrame,
    policies: pl.DataFrame,
    articles: pl.DataFrame,
    stories: pl.DataFrame,
    *,
    window_days: int = 30,
    subject_min_ratio: float = 75.0,
) -> pl.DataFrame:
    """Assign every fact to a real-world event; returns [fact_id, fact_kind, event_id].

    moves / policies: raw.company_moves / raw.policy_actions rows; articles: article_id,
    published_at, ingested_at; stories: article_id, story_id (cluster_stories output).
    The rules are in the module docstring.
    """
    dates = article_dates(articles)

    move_rows = _with_time_and_story(
        moves.select(
            "fact_id",
            "article_id",
            pl.col("company_key").cast(pl.String),
            pl.col("move_type").cast(pl.String),
            pl.col("countries").fill_null([]),
            pl.col("to_countries").fill_null([]),
            pl.col("target")
            .cast(pl.String)
            .map_elements(target_name, return_dtype=pl.String)
            .fill_null("")
            .alias("target_norm"),
        ),
        dates,
        stories,
    )
    move_events = _assign_events(
        move_rows,
        ["company_key", "move_type"],
        _moves_compatible,
        window_days=window_days,
        kind="company_move",
        prefix="m_",
    )

    policy_rows = _with_time_and_story(
        policies.select(
            "fact_id",
            "article_id",
            pl.coalesce(
                pl.col("actor_country").cast(pl.String),
                pl.concat_str(
                    pl.lit("actor:"),
                    pl.col("actor")
                    .cast(pl.String)
                    .map_elements(company_key, return_dtype=pl.String),
                ),
            ).alias("actor_block"),
            pl.col("action_type").cast(pl.String),
            pl.col("target_country").cast(pl.String),
            pl.col("subject")
            .cast(pl.String)
            .map_elements(default_process, return_dtype=pl.String)
            .fill_null("")
            .alias("subject_norm"),
        ),
        dates,
        stories,
    )
    policy_events = _assign_events(
        policy_rows,
        ["actor_block", "action_type"],
        _policy_compatible_factory(subject_min_ratio),
        window_days=window_days,
        kind="policy_action",
        prefix="p_",
    )
    return pl.concat([move_events, policy_events])
