"""DDL of the `raw` schema: the tables Python writes and dbt reads as sources.

This module is the contract between the Python stages and the dbt project:
column names and types here are what `dbt_project/models/staging` selects.
"""

from __future__ import annotations

RAW_SCHEMA = "raw"

# Each statement is idempotent, so `ensure_schema` can run at the start of every stage.
DDL: tuple[str, ...] = (
    "create schema if not exists raw",
    # One row per article version. content_hash = hash of the normalised title and text;
    # article_id = hash of (source_key, content_hash), so an exact copy from another source is
    # its own row, marked duplicate_of the first; raw_hash = hash of the record as read, so
    # unchanged input is skipped before normalising. duplicate_kind is 'exact' or 'near'.
    # An edited article (same source_key, other content) is a new row whose version_of names
    # the article_id it replaces; nothing is ever overwritten.
    """
    create table if not exists raw.articles (
        article_id      varchar primary key,
        content_hash    varchar not null,
        raw_hash        varchar not null,
        source_key      varchar not null,
        version_of      varchar,
        source          varchar not null,
        source_kind     varchar not null,
        position        varchar,
        url             varchar,
        outlet          varchar,
        title           varchar,
        text            varchar not null,
        author          varchar,
        published_raw   varchar,
        published_at    timestamptz,
        language        varchar,
        word_count      integer,
        duplicate_of    varchar,
        duplicate_kind  varchar,
        fixes           varchar[],
        ingested_at     timestamptz not null
    )
    """,
    # MinHash signature of each article's text (datasketch, see movewatch.normalise), kept so
    # near-duplicate detection and story clustering never recompute old articles.
    """
    create table if not exists raw.article_signatures (
        article_id  varchar primary key,
        minhash     ubigint[] not null
    )
    """,
    # Input that could not become an article, with the reason. Keyed so that re-running on the
    # same bad input records it once.
    """
    create table if not exists raw.rejects (
        source       varchar not null,
        position     varchar not null,
        reason       varchar not null,
        sample       varchar,
        rejected_at  timestamptz not null,
        primary key (source, position, reason)
    )
    """,
    # Which articles have been through which extractor version (also those with no facts).
    """
    create table if not exists raw.extractions (
        article_id         varchar not null,
        extractor_version  varchar not null,
        n_company_moves    integer not null,
        n_policy_actions   integer not null,
        extracted_at       timestamptz not null,
        primary key (article_id)
    )
    """,
    """
    create table if not exists raw.company_moves (
        fact_id            varchar primary key,
        article_id         varchar not null,
        company            varchar not null,
        company_key        varchar not null,
        move_type          varchar not null,
        countries          varchar[] not null,
        to_countries       varchar[] not null,
        headcount_min      bigint,
        headcount_max      bigint,
        target             varchar,
        status             varchar not null,
        evidence           varchar not null,
        evidence_start     integer not null,
        evidence_end       integer not null,
        attributed_to      varchar,
        is_unverified      boolean not null,
        confidence         double not null,
        extractor_version  varchar not null,
        extracted_at       timestamptz not null
    )
    """,
    """
    create table if not exists raw.policy_actions (
        fact_id            varchar primary key,
        article_id         varchar not null,
        actor              varchar not null,
        actor_country      varchar,
        action_type        varchar not null,
        target_country     varchar,
        subject            varchar,
        status             varchar not null,
        evidence           varchar not null,
        evidence_start     integer not null,
        evidence_end       integer not null,
        attributed_to      varchar,
        is_unverified      boolean not null,
        confidence         double not null,
        extractor_version  varchar not null,
        extracted_at       timestamptz not null
    )
    """,
    # A move citing a policy action of the same article as its context or cause.
    """
    create table if not exists raw.move_policy_links (
        move_fact_id    varchar not null,
        policy_fact_id  varchar not null,
        article_id      varchar not null,
        cue             varchar not null,
        evidence        varchar not null,
        primary key (move_fact_id, policy_fact_id)
    )
    """,
    # Story clustering: every non-rejected article belongs to exactly one story.
    """
    create table if not exists raw.article_stories (
        article_id  varchar primary key,
        story_id    varchar not null
    )
    """,
    # Consolidation: every fact belongs to exactly one real-world event.
    # fact_kind is 'company_move' or 'policy_action'.
    """
    create table if not exists raw.fact_events (
        fact_id    varchar primary key,
        fact_kind  varchar not null,
        event_id   varchar not null
    )
    """,
    # Fingerprints of what a stage last built from, so a run with nothing new can skip it.
    """
    create table if not exists raw.stage_fingerprints (
        stage        varchar primary key,
        fingerprint  varchar not null,
        built_at     timestamptz not null
    )
    """,
    # The outcome of every dbt test in the last full dbt build, re-reported (as asset checks)
    # while neither the models nor their inputs change and the build is skipped.
    """
    create table if not exists raw.dbt_test_results (
        asset_key    varchar not null,  -- the checked model as Dagster writes it: marts/dim_country
        check_name   varchar not null,  -- the dbt test's name
        passed       boolean not null,
        severity     varchar not null,  -- ERROR or WARN
        metadata     varchar not null,  -- JSON: dbt's status, failed row count, unique_id, ...
        fingerprint  varchar not null,  -- of the inputs the build read
        built_at     timestamptz not null,
        primary key (asset_key, check_name)
    )
    """,
    # ISO 3166 reference data from pycountry, plus EU.
    """
    create table if not exists raw.countries (
        country_code  varchar primary key,
        alpha3        varchar,
        name          varchar not null,
        region        varchar
    )
    """,
)


def ensure_schema(con) -> None:  # con: duckdb.DuckDBPyConnection
    """Create the raw schema and its tables if they do not exist yet."""
    for statement in DDL:
        con.execute(statement).fetchall()
