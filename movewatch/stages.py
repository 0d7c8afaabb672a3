"""The pipeline's stages as plain functions over a warehouse connection.

Dagster assets (orchestration/defs) and the `movewatch` command both run these; each stage
reads what it needs from the warehouse, calls the domain packages, and writes its tables in
one transaction, so any stage can be re-run and gives the same warehouse.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from movewatch.code_versions import package_digest
from movewatch.warehouse.countries import country_rows
from movewatch.warehouse.fingerprints import fingerprint, last_fingerprint, record_fingerprint
from movewatch.warehouse.loaders import (
    existing_signatures,
    known_raw_hashes,
    load_articles,
    replace_facts,
    replace_tables,
)
from movewatch.warehouse.schema import ensure_schema

Progress = Callable[[int], None]


@dataclass
class StageTimer:
    """Seconds spent per named step of a stage."""

    seconds: dict[str, float] = field(default_factory=dict)
    _last: float = field(default_factory=time.perf_counter)

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(self.seconds.get(name, 0.0) + now - self._last, 3)
        self._last = now


@dataclass(frozen=True)
class IngestResult:
    """What one ingest read and wrote."""

    records_read: int  # new or changed records (unchanged ones are skipped while reading)
    articles_added: int
    new_versions: int
    duplicates_marked: int
    rejects_found: int
    rejects_added: int
    seconds: dict[str, float]


def ingest(
    con: duckdb.DuckDBPyConnection,
    sources: Sequence[str | Path],
    settings: object | None = None,
    *,
    now: datetime | None = None,
) -> IngestResult:
    """Read the sources, normalise what is new, mark duplicates and load it with the rejects."""
    from movewatch.sources import SourceSettings, read_sources

    now = now or datetime.now(UTC)
    timer = StageTimer()
    ensure_schema(con)
    known = known_raw_hashes(con)
    timer.lap("known_hashes")
    # Records already loaded are dropped while reading, before parsing or following links.
    batch = read_sources(
        [str(s) for s in sources], settings or SourceSettings(), known_raw_hashes=set(known)
    )
    timer.lap("read")
    fresh = batch.articles.filter(~pl.col("raw_hash").is_in(known.implode()))
    duplicates = 0
    if fresh.height:
        # Imported only when there is something new (datasketch pulls in scipy).
        from movewatch.normalise import mark_duplicates, normalise_articles

        normalised = normalise_articles(fresh, now)
        timer.lap("normalise")
        marked = mark_duplicates(normalised, existing_signatures(con))
        duplicates = marked.filter(pl.col("duplicate_of").is_not_null()).height
        timer.lap("duplicates")
    else:
        marked = fresh
    rejects = batch.rejects.with_columns(rejected_at=pl.lit(now))
    load = load_articles(con, marked, rejects) if fresh.height or rejects.height else None
    timer.lap("load")
    return IngestResult(
        records_read=batch.articles.height,
        articles_added=load.articles_added if load else 0,
        new_versions=load.new_versions if load else 0,
        duplicates_marked=duplicates,
        rejects_found=batch.rejects.height,
        rejects_added=load.rejects_added if load else 0,
        seconds=timer.seconds,
    )


def load_countries(con: duckdb.DuckDBPyConnection) -> int:
    """Refresh raw.countries from pycountry; returns the row count."""
    rows = country_rows()
    replace_tables(con, {"raw.countries": rows})
    return rows.height


def fact_id(article_id: str, kind: str, index: int, key: str) -> str:
    """A deterministic id for the index-th fact of a kind in an article."""
    return hashlib.sha256(f"{article_id}|{kind}|{index}|{key}".encode()).hexdigest()[:16]


# Where a fact comes from and how sure we are: the columns both fact tables share.
PROVENANCE_SCHEMA = {
    "evidence": pl.String,
    "evidence_start": pl.Int32,
    "evidence_end": pl.Int32,
    "attributed_to": pl.String,
    "is_unverified": pl.Boolean,
    "confidence": pl.Float64,
    "extractor_version": pl.String,
    "extracted_at": pl.Datetime("us", "UTC"),
}
MOVE_SCHEMA = {
    "fact_id": pl.String,
    "article_id": pl.String,
    "company": pl.String,
    "company_key": pl.String,
    "move_type": pl.String,
    "countries": pl.List(pl.String),
    "to_countries": pl.List(pl.String),
    "headcount_min": pl.Int64,
    "headcount_max": pl.Int64,
    "target": pl.String,
    "status": pl.String,
    **PROVENANCE_SCHEMA,
}
POLICY_SCHEMA = {
    "fact_id": pl.String,
    "article_id": pl.String,
    "actor": pl.String,
    "actor_country": pl.String,
    "action_type": pl.String,
    "target_country": pl.String,
    "subject": pl.String,
    "status": pl.String,
    **PROVENANCE_SCHEMA,
}
LINK_SCHEMA = {
    "move_fact_id": pl.String,
    "policy_fact_id": pl.String,
    "article_id": pl.String,
    "cue": pl.String,
    "evidence": pl.String,
}
EXTRACTION_SCHEMA = {
    "article_id": pl.String,
    "extractor_version": pl.String,
    "n_company_moves": pl.Int32,
    "n_policy_actions": pl.Int32,
    "extracted_at": pl.Datetime("us", "UTC"),
}


def _fact_row(fact: object, schema: dict, **fixed: object) -> dict:
    """A raw-table row from an extracted fact: its fields by name, plus the `fixed` values."""
    row = {}
    for name in schema:
        if name in fixed:
            row[name] = fixed[name]
        else:
            value = getattr(fact, name)
            row[name] = list(value) if isinstance(value, tuple) else value
    return row


def fact_frames(results: Iterable[object], version: str, now: datetime) -> dict[str, pl.DataFrame]:
    """Turn extractor results (DocumentFacts, doc_id = article_id) into raw-table frames."""
    moves: list[dict] = []
    policies: list[dict] = []
    links: list[dict] = []
    extractions: list[dict] = []
    common = {"extractor_version": version, "extracted_at": now}
    for doc in results:
        article_id = doc.doc_id
        move_ids = [
            fact_id(article_id, "company_move", i, f"{m.move_type}|{m.company_key}")
            for i, m in enumerate(doc.company_moves)
        ]
        policy_ids = [
            fact_id(article_id, "policy_action", i, f"{p.action_type}|{p.actor_country}")
            for i, p in enumerate(doc.policy_actions)
        ]
        for fid, move in zip(move_ids, doc.company_moves, strict=True):
            moves.append(_fact_row(move, MOVE_SCHEMA, fact_id=fid, article_id=article_id, **common))
        for fid, policy in zip(policy_ids, doc.policy_actions, strict=True):
            policies.append(
                _fact_row(policy, POLICY_SCHEMA, fact_id=fid, article_id=article_id, **common)
            )
        for link in doc.links:
            links.append(
                {
                    "move_fact_id": move_ids[link.move_index],
                    "policy_fact_id": policy_ids[link.policy_index],
                    "article_id": article_id,
                    "cue": link.cue,
                    "evidence": link.evidence,
                }
            )
        extractions.append(
            {
                "article_id": article_id,
                "n_company_moves": len(move_ids),
                "n_policy_actions": len(policy_ids),
                **common,
            }
        )
    return {
        "moves": pl.DataFrame(moves, schema=MOVE_SCHEMA),
        "policies": pl.DataFrame(policies, schema=POLICY_SCHEMA),
        "links": pl.DataFrame(links, schema=LINK_SCHEMA).unique(
            ["move_fact_id", "policy_fact_id"], keep="first", maintain_order=True
        ),
        "extractions": pl.DataFrame(extractions, schema=EXTRACTION_SCHEMA),
    }


@dataclass(frozen=True)
class ExtractResult:
    """What one extraction pass did."""

    articles_extracted: int
    company_moves: int
    policy_actions: int
    links: int
    errors: int
    extractor_version: str
    seconds: float


def pending_articles(con: duckdb.DuckDBPyConnection, version: str) -> pl.DataFrame:
    """Articles not yet extracted with `version` (exact duplicates are left to their original)."""
    ensure_schema(con)
    return con.sql(
        """
        select a.article_id, a.text
        from raw.articles as a
        left join raw.extractions as e using (article_id)
        where (e.extractor_version is null or e.extractor_version <> ?)
          and a.duplicate_kind is distinct from 'exact'
        order by a.article_id
        """,
        params=[version],
    ).pl()


def extract(
    con: duckdb.DuckDBPyConnection,
    *,
    n_process: int = 1,
    flush_every: int = 2000,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ExtractResult:
    """Extract facts from every pending article; each flush replaces those articles' facts."""
    from movewatch.extraction import EXTRACTOR_VERSION

    started = time.perf_counter()
    now = now or datetime.now(UTC)
    pending = pending_articles(con, EXTRACTOR_VERSION)
    if not pending.height:
        return ExtractResult(0, 0, 0, 0, 0, EXTRACTOR_VERSION, 0.0)
    from movewatch.extraction import extract_documents  # spaCy: only when there is work

    totals = {"articles": 0, "moves": 0, "policies": 0, "links": 0, "errors": 0}
    buffer: list[object] = []

    def flush() -> None:
        frames = fact_frames(buffer, EXTRACTOR_VERSION, now)
        replace_facts(con, [d.doc_id for d in buffer], **frames)
        totals["articles"] += len(buffer)
        totals["moves"] += frames["moves"].height
        totals["policies"] += frames["policies"].height
        totals["links"] += frames["links"].height
        totals["errors"] += sum(1 for d in buffer if d.error)
        buffer.clear()

    docs = zip(pending["article_id"], pending["text"], strict=True)
    for doc in extract_documents(docs, n_process=n_process, progress=progress):
        buffer.append(doc)
        if len(buffer) >= flush_every:
            flush()
    if buffer:
        flush()
    return ExtractResult(
        articles_extracted=totals["articles"],
        company_moves=totals["moves"],
        policy_actions=totals["policies"],
        links=totals["links"],
        errors=totals["errors"],
        extractor_version=EXTRACTOR_VERSION,
        seconds=round(time.perf_counter() - started, 3),
    )


@dataclass(frozen=True)
class StoriesResult:
    """What one story/event pass produced (skipped: its inputs had not changed)."""

    articles: int
    stories: int
    facts: int
    events: int
    seconds: float
    skipped: bool = False
    inputs_fingerprint: str = ""  # of the articles, facts and clustering code it was built from


STORIES_INPUTS = {
    "raw.articles": "article_id",
    "raw.company_moves": "fact_id",
    "raw.policy_actions": "fact_id",
    "raw.extractions": "article_id || extractor_version",
}


def build_stories(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> StoriesResult:
    """Cluster all articles into stories and all facts into events; replace both tables.

    Skipped when the articles, the facts and the clustering code are as they were at the
    last build (unless `force`).
    """
    started = time.perf_counter()
    ensure_schema(con)
    inputs = fingerprint(con, STORIES_INPUTS, package_digest("stories"))
    if not force and last_fingerprint(con, "stories") == inputs:
        counts = con.execute(
            "select count(*), count(distinct story_id) from raw.article_stories"
        ).fetchall()[0]
        events = con.execute(
            "select count(*), count(distinct event_id) from raw.fact_events"
        ).fetchall()[0]
        return StoriesResult(
            counts[0],
            counts[1],
            events[0],
            events[1],
            round(time.perf_counter() - started, 3),
            skipped=True,
            inputs_fingerprint=inputs,
        )
    from movewatch.stories import cluster_stories, consolidate_events

    articles = con.sql(
        "select article_id, published_at, ingested_at, title, text, duplicate_of "
        "from raw.articles order by article_id"
    ).pl()
    signatures = con.sql(
        "select article_id, minhash from raw.article_signatures order by article_id"
    ).pl()
    moves = con.sql("select * from raw.company_moves order by fact_id").pl()
    policies = con.sql("select * from raw.policy_actions order by fact_id").pl()
    stories = cluster_stories(articles, signatures, moves, policies)
    events = consolidate_events(moves, policies, articles, stories)
    replace_tables(con, {"raw.article_stories": stories, "raw.fact_events": events})
    record_fingerprint(con, "stories", inputs)
    return StoriesResult(
        articles=articles.height,
        stories=stories["story_id"].n_unique() if stories.height else 0,
        facts=events.height,
        events=events["event_id"].n_unique() if events.height else 0,
        seconds=round(time.perf_counter() - started, 3),
        inputs_fingerprint=inputs,
    )
