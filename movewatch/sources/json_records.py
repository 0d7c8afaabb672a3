"""JSON and JSONL article records: field names mapped from the common spellings."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl

# First present, non-empty key wins; keys are compared lower-cased.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article"),
    "title": ("title", "headline"),
    "published_raw": ("date", "published", "pubdate", "published_at", "datepublished"),
    "url": ("url", "link"),
    "outlet": ("source", "outlet", "site"),
    "author": ("author", "byline"),
    # A wire dateline ("SALVADOR, Feb 26 -") opens the story's text, as on the wire.
    "dateline": ("dateline",),
}


@dataclass(frozen=True)
class MappedRecord:
    """The article fields of one JSON record, plus its id when it has one."""

    text: str
    title: str | None
    url: str | None
    outlet: str | None
    author: str | None
    published_raw: str | None
    record_id: str | None


def _as_text(value: Any) -> str | None:
    """A field value as a string: names of objects, lists joined, empty → None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, Mapping):  # e.g. {"id": "cnn", "name": "CNN"}
        return _as_text(value.get("name") or value.get("title"))
    if isinstance(value, list):
        parts = [part for part in (_as_text(item) for item in value) if part]
        return "\n".join(parts) or None
    if isinstance(value, bool):
        return None
    return str(value)


_KEY_PLAN_CACHE: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}


def _key_plan(keys: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """For a record's keys: the actual keys to try for each article field, in order.

    Records of one file share their keys, so the plan is computed once per key set.
    """
    plan = _KEY_PLAN_CACHE.get(keys)
    if plan is None:
        by_lower: dict[str, str] = {}
        for key in keys:
            by_lower.setdefault(str(key).lower(), key)
        plan = {
            field_name: tuple(by_lower[name] for name in candidates if name in by_lower)
            for field_name, candidates in {**FIELD_NAMES, "record_id": ("id",)}.items()
        }
        if len(_KEY_PLAN_CACHE) < 1024:
            _KEY_PLAN_CACHE[keys] = plan
    return plan


def map_record(record: Mapping[str, Any]) -> MappedRecord:
    """Map a JSON object's fields to article fields by their common names."""
    found: dict[str, str | None] = {}
    for field_name, keys in _key_plan(tuple(record)).items():
        value = None
        for key in keys:
            raw = record[key]
            value = (raw.strip() or None) if isinstance(raw, str) else _as_text(raw)
            if value is not None:
                break
        found[field_name] = value
    author_keys = _key_plan(tuple(record))["author"]
    if author_keys and isinstance(record[author_keys[0]], list):
        found["author"] = (found["author"] or "").replace("\n", ", ") or None  # one line
    text = found["text"] or ""
    if text and found["dateline"]:
        text = f"{found['dateline']} {text}"
    return MappedRecord(
        text=text,
        title=found["title"],
        url=found["url"],
        outlet=found["outlet"],
        author=found["author"],
        published_raw=found["published_raw"],
        record_id=found["record_id"],
    )


@dataclass(frozen=True)
class JsonItem:
    """One record of a JSON document (or why it is not one)."""

    index: int
    record: Any
    raw: bytes


def iter_json_document(data: bytes) -> Iterator[JsonItem]:
    """The records of a .json file: one object, a list of objects or {"articles": [...]}.

    Raises ValueError when the file is not valid JSON.
    """
    document = json.loads(data)
    if isinstance(document, Mapping) and isinstance(document.get("articles"), list):
        document = document["articles"]
    if isinstance(document, list):
        for index, record in enumerate(document):
            raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
            yield JsonItem(index, record, raw)
    else:
        yield JsonItem(-1, document, data)


def _field_as_text(frame: pl.DataFrame, column: str, list_separator: str) -> pl.Expr | None:
    """A column as a stripped string expression (None when its type holds no text)."""
    dtype = frame.schema[column]
    expr = pl.col(column)
    if dtype == pl.String:
        pass
    elif isinstance(dtype, pl.List) and dtype.inner == pl.String:
        expr = expr.list.eval(pl.element().str.strip_chars()).list.join(list_separator)
    elif isinstance(dtype, pl.Struct):
        names = [f.name for f in dtype.fields if f.name in ("name", "title")]
        if not names:
            return None
        expr = pl.coalesce([expr.struct.field(name).cast(pl.String) for name in names])
    elif dtype.is_numeric():
        expr = expr.cast(pl.String)
    else:
        return None
    stripped = expr.str.strip_chars()
    return pl.when(stripped != "").then(stripped)


def map_record_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """map_record over a frame of records (e.g. from pl.read_ndjson), vectorised.

    Returns columns text (after its dateline, if any), title, url, outlet, author,
    published_raw, record_id (strings).
    """
    # Records may spell a key differently ("title", "Title"): every spelling is a column.
    by_lower: dict[str, list[str]] = {}
    for column in frame.columns:
        by_lower.setdefault(column.lower(), []).append(column)
    exprs = []
    for field_name, candidates in {**FIELD_NAMES, "record_id": ("id",)}.items():
        separator = ", " if field_name == "author" else "\n"
        options = [
            expr
            for name in candidates
            for column in by_lower.get(name, [])
            if (expr := _field_as_text(frame, column, separator)) is not None
        ]
        value = pl.coalesce(options) if options else pl.lit(None, pl.String)
        exprs.append(value.cast(pl.String).alias(field_name))
    return (
        frame.select(exprs)
        .with_columns(
            text=pl.when(pl.col("dateline").is_not_null() & (pl.col("text") != ""))
            .then(pl.concat_str([pl.col("dateline"), pl.lit(" "), pl.col("text")]))
            .otherwise(pl.col("text"))
            .fill_null("")
        )
        .drop("dateline")
    )


def read_ndjson_records(lines: list[bytes]) -> pl.DataFrame | None:
    """All lines as one frame via polars, or None when any line needs per-line handling."""
    try:
        frame = pl.read_ndjson(io.BytesIO(b"\n".join(lines)), infer_schema_length=None)
    except Exception:  # noqa: BLE001 - any polars failure sends us to the per-line reader
        return None
    return frame if frame.height == len(lines) else None
