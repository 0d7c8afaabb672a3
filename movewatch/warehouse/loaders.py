"""Transactional, idempotent writes of each stage's frames into the `raw` tables.

Every writer runs in one transaction: a run killed half way leaves the previous state, and
running again completes it. Writers never overwrite an article: new input is appended, an
edited article becomes a new version, and facts are replaced per article.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import polars as pl

from movewatch.warehouse.schema import ensure_schema


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run the body in one transaction; roll back on any error."""
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    con.commit()


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, **frames: pl.DataFrame) -> Iterator[None]:
    for name, frame in frames.items():
        con.register(name, frame.to_arrow())
    try:
        yield
    finally:
        for name in frames:
            con.unregister(name)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    schema, name = table.split(".")
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    return [r[0] for r in rows]


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, view: str, *, ignore_conflicts: bool = False
) -> int:
    """Insert the registered `view` into `table`, by the table's column names."""
    cols = ", ".join(_columns(con, table))
    verb = "insert or ignore" if ignore_conflicts else "insert"
    before = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    con.execute(f"{verb} into {table} ({cols}) select {cols} from {view}").fetchall()
    return con.execute(f"select count(*) from {table}").fetchall()[0][0] - before


def known_raw_hashes(con: duckdb.DuckDBPyConnection) -> pl.Series:
    """raw_hash of every article already loaded (to skip unchanged input before normalising)."""
    ensure_schema(con)
    return con.sql("select raw_hash from raw.articles").pl()["raw_hash"]


def existing_signatures(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """article_id, content_hash, source_key and minhash of every loaded article, oldest first."""
    ensure_schema(con)
    return con.sql(
        """
        select a.article_id, a.content_hash, a.source_key, s.minhash
        from raw.articles as a
        left join raw.article_signatures as s using (article_id)
        order by a.ingested_at, a.article_id
        """
    ).pl()


@dataclass(frozen=True)
class ArticleLoad:
    """What one ingest wrote."""

    articles_added: int
    new_versions: int
    rejects_added: int


def load_articles(
    con: duckdb.DuckDBPyConnection, articles: pl.DataFrame, rejects: pl.DataFrame
) -> ArticleLoad:
    """Append new articles (with signatures) and rejects in one transaction.

    `articles` has the columns of raw.articles plus `minhash`; rows whose article_id is
    already stored are skipped. An article whose source_key is already stored under another
    article_id is an edit: it is stored as a new row with version_of = the latest earlier one.
    """
    ensure_schema(con)
    if not articles.height:
        return ArticleLoad(0, 0, load_rejects(con, rejects))
    columns = [c for c in _columns(con, "raw.articles") if c != "version_of"]
    selected = ", ".join(f"incoming.{c}" for c in columns)
    with _registered(con, incoming=articles, incoming_rejects=rejects), transaction(con):
        inserted = con.execute(
            f"""
            insert into raw.articles ({", ".join(columns)}, version_of)
            with latest_version as (
                select source_key, arg_max(article_id, ingested_at) as article_id
                from raw.articles
                group by source_key
            )
            select {selected}, latest_version.article_id
            from incoming
            left join latest_version using (source_key)
            where incoming.article_id not in (select article_id from raw.articles)
            qualify row_number() over (partition by incoming.article_id) = 1
            returning article_id, version_of
            """
        ).fetchall()
        added = len(inserted)
        new_versions = sum(1 for _, version_of in inserted if version_of is not None)
        with _registered(
            con,
            inserted_ids=pl.DataFrame(
                {"article_id": [article_id for article_id, _ in inserted]},
                schema={"article_id": pl.String},
            ),
        ):
            con.execute(
                "insert or ignore into raw.article_signatures (article_id, minhash) "
                "select article_id, minhash from incoming "
                "semi join inserted_ids using (article_id) where minhash is not null"
            ).fetchall()
        rejects_added = (
            _insert(con, "raw.rejects", "incoming_rejects", ignore_conflicts=True)
            if rejects.height
            else 0
        )
    return ArticleLoad(added, new_versions, rejects_added)


def load_rejects(con: duckdb.DuckDBPyConnection, rejects: pl.DataFrame) -> int:
    """Record rejects (source, position, reason, sample, rejected_at) once each."""
    ensure_schema(con)
    if not rejects.height:
        return 0
    with _registered(con, incoming_rejects=rejects), transaction(con):
        return _insert(con, "raw.rejects", "incoming_rejects", ignore_conflicts=True)


def replace_facts(
    con: duckdb.DuckDBPyConnection,
    article_ids: Sequence[str],
    *,
    moves: pl.DataFrame,
    policies: pl.DataFrame,
    links: pl.DataFrame,
    extractions: pl.DataFrame,
) -> None:
    """Replace the facts of `article_ids` (all four tables) in one transaction."""
    ensure_schema(con)
    ids = pl.DataFrame({"article_id": list(article_ids)}, schema={"article_id": pl.String})
    with (
        _registered(
            con,
            ids=ids,
            new_moves=moves,
            new_policies=policies,
            new_links=links,
            new_extractions=extractions,
        ),
        transaction(con),
    ):
        for table in ("company_moves", "policy_actions", "move_policy_links", "extractions"):
            con.execute(
                f"delete from raw.{table} where article_id in (select article_id from ids)"
            ).fetchall()
        for table, view in (
            ("raw.company_moves", "new_moves"),
            ("raw.policy_actions", "new_policies"),
            ("raw.move_policy_links", "new_links"),
            ("raw.extractions", "new_extractions"),
        ):
            _insert(con, table, view)


def replace_tables(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    """Replace several whole tables together, in one transaction."""
    ensure_schema(con)
    views = {f"incoming_{i}": frame for i, frame in enumerate(frames.values())}
    with _registered(con, **views), transaction(con):
        for table, view in zip(frames, views, strict=True):
            con.execute(f"delete from {table}").fetchall()
            _insert(con, table, view)
