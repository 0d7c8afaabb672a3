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


# How each article field takes a JSON value. "text": a string only (anything else makes the
# record a reject); "string": strings only (other types are ignored); "named": a string or an
# object's "name"/"title"; "people": that, or a list of them; "scalar": a string or a number.
FIELD_KINDS: dict[str, str] = {
    "text": "text",
    "title": "string",
    "published_raw": "scalar",
    "url": "string",
    "outlet": "named",
    "author": "people",
    "dateline": "string",
    "record_id": "scalar",
}


@dataclass(frozen=True)
class MappedRecord:
    """The article fields of one JSON record, plus its id when it has one.

    problem is the reject reason when the record cannot be an article as it stands (its text
    field holds a number, object, boolean or list); text is then empty.
    """

    text: str
    title: str | None
    url: str | None
    outlet: str | None
    author: str | None
    published_raw: str | None
    record_id: str | None
    problem: str | None = None


def json_type_name(value: Any) -> str:
    """The JSON name of a Python value's type: string, number, boolean, object, list, null."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | tuple):
        return "list"
    return type(value).__name__


def text_problem(type_name: str) -> str:
    """The reject reason of a record whose text field holds a value of type_name."""
    return f"text is not a string ({type_name})"


def _string(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _scalar(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return _string(value)


def _named(value: Any) -> str | None:
    """A string, or the name (else title) of an object like {"id": "cnn", "name": "CNN"}."""
    if isinstance(value, Mapping):
        return _string(value.get("name")) or _string(value.get("title"))
    return _string(value)


def _people(value: Any) -> str | None:
    """Names of a string, an object or a list of them, joined with ', '."""
    if isinstance(value, list):
        return ", ".join(name for name in (_named(item) for item in value) if name) or None
    return _named(value)


_CONVERTERS = {"string": _string, "scalar": _scalar, "named": _named, "people": _people}


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
    """Map a JSON object's fields to article fields by their common names.

    The first key of a field holding a usable value wins (null and blank strings fall
    through). The text must be a string: when the first non-null, non-blank text value is a
    number, object, boolean or list the record gets a `problem` instead of text. Other fields
    ignore values of the wrong type (a numeric title is no title).
    """
    plan = _key_plan(tuple(record))
    found: dict[str, str | None] = {}
    problem = None
    for field_name, keys in plan.items():
        kind = FIELD_KINDS[field_name]
        value = None
        for key in keys:
            raw = record[key]
            if kind == "text":
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    continue
                if not isinstance(raw, str):
                    problem = text_problem(json_type_name(raw))
                    break
                value = raw.strip()
            else:
                value = _CONVERTERS[kind](raw)
            if value is not None:
                break
        found[field_name] = value
    text = "" if problem else (found["text"] or "")
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
        problem=problem,
    )


@dataclass(frozen=True)
class JsonItem:
    """One record of a JSON document; error is set (and record None) when it is unusable."""

    index: int
    record: Any
    raw: bytes
    error: str | None = None


TOO_DEEP = "JSON nested too deeply"


def iter_json_document(data: bytes) -> Iterator[JsonItem]:
    """The records of a .json file: one object, a list of objects or {"articles": [...]}.

    Raises ValueError when the file is not valid JSON and RecursionError when it is nested
    too deeply to parse. A list item too deeply nested to serialise gets error TOO_DEEP.
    """
    document = json.loads(data)
    if isinstance(document, Mapping) and isinstance(document.get("articles"), list):
        document = document["articles"]
    if isinstance(document, list):
        for index, record in enumerate(document):
            try:
                raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
            except RecursionError:
                yield JsonItem(index, None, b"", TOO_DEEP)
                continue
            except (TypeError, ValueError) as error:
                yield JsonItem(index, None, b"", f"unserialisable JSON record: {error}")
                continue
            yield JsonItem(index, record, raw)
    else:
        yield JsonItem(-1, document, data)


def _strip_blank(expr: pl.Expr) -> pl.Expr:
    stripped = expr.str.strip_chars()
    return pl.when(stripped != "").then(stripped)


def _field_as_text(frame: pl.DataFrame, column: str, kind: str) -> pl.Expr | None:
    """A column as a stripped string expression per FIELD_KINDS (None: no usable values)."""
    dtype = frame.schema[column]
    expr = pl.col(column)
    if dtype == pl.String:
        return _strip_blank(expr)
    if kind == "scalar" and dtype.is_numeric():
        return expr.cast(pl.String)
    if kind in ("named", "people") and isinstance(dtype, pl.Struct):
        names = [f.name for f in dtype.fields if f.name in ("name", "title")]
        names = [n for n in names if dict(dtype.to_schema())[n] == pl.String]
        if not names:
            return None
        return pl.coalesce([_strip_blank(expr.struct.field(name)) for name in names])
    if kind == "people" and isinstance(dtype, pl.List):
        inner = dtype.inner
        if inner == pl.String:
            element = pl.element()
        elif isinstance(inner, pl.Struct) and dict(inner.to_schema()).get("name") == pl.String:
            element = pl.element().struct.field("name")
        else:
            return None
        names = expr.list.eval(element.str.strip_chars()).list.eval(
            pl.element().filter(pl.element().is_not_null() & (pl.element() != ""))
        )
        return pl.when(names.list.len() > 0).then(names.list.join(", "))
    return None


def _frame_type_name(dtype: pl.DataType) -> str:
    if dtype == pl.Boolean:
        return "boolean"
    if dtype.is_numeric():
        return "number"
    if isinstance(dtype, pl.Struct):
        return "object"
    if isinstance(dtype, pl.List | pl.Array):
        return "list"
    return str(dtype)


def _text_and_problem(frame: pl.DataFrame, columns: list[str]) -> tuple[pl.Expr, pl.Expr]:
    """The first present text column's value, and a problem when that value is no string."""
    text: pl.Expr = pl.lit(None, pl.String)
    problem: pl.Expr = pl.lit(None, pl.String)
    for column in reversed(columns):  # earlier columns override later ones
        dtype = frame.schema[column]
        if dtype == pl.Null:
            continue
        if dtype == pl.String:
            present = pl.col(column).str.strip_chars() != ""
            text = pl.when(present).then(pl.col(column).str.strip_chars()).otherwise(text)
            problem = pl.when(present).then(pl.lit(None, pl.String)).otherwise(problem)
        else:
            present = pl.col(column).is_not_null()
            reason = text_problem(_frame_type_name(dtype))
            text = pl.when(present).then(pl.lit(None, pl.String)).otherwise(text)
            problem = pl.when(present).then(pl.lit(reason)).otherwise(problem)
    return text, problem


def map_record_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """map_record over a frame of records (e.g. from pl.read_ndjson), vectorised.

    Returns columns text (after its dateline, if any; "" when there is a problem), title,
    url, outlet, author, published_raw, record_id, problem (strings).
    """
    # Records may spell a key differently ("title", "Title"): every spelling is a column.
    by_lower: dict[str, list[str]] = {}
    for column in frame.columns:
        by_lower.setdefault(column.lower(), []).append(column)
    exprs = []
    problem: pl.Expr = pl.lit(None, pl.String)
    for field_name, candidates in {**FIELD_NAMES, "record_id": ("id",)}.items():
        kind = FIELD_KINDS[field_name]
        columns = [column for name in candidates for column in by_lower.get(name, [])]
        if kind == "text":
            value, problem = _text_and_problem(frame, columns)
        else:
            options = [
                expr
                for column in columns
                if (expr := _field_as_text(frame, column, kind)) is not None
            ]
            value = pl.coalesce(options) if options else pl.lit(None, pl.String)
        exprs.append(value.cast(pl.String).alias(field_name))
    exprs.append(problem.cast(pl.String).alias("problem"))
    return (
        frame.select(exprs)
        .with_columns(
            text=pl.when(pl.col("dateline").is_not_null() & (pl.col("text") != ""))
            .then(pl.concat_str([pl.col("dateline"), pl.lit(" "), pl.col("text")]))
            .otherwise(pl.col("text"))
            .fill_null("")
        )
        .drop("dateline")
        .select("text", "title", "url", "outlet", "author", "published_raw", "record_id", "problem")
    )


# A string polars may have made from a non-string JSON value when a column mixes types:
# an object, a list, a boolean or a number ("scalar" fields take numbers anyway).
_STRINGIFIED = (
    r"^(?:\{|\[|true$|false$|-?[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?$"
    r"|(?i:-?(?:nan|inf|infinity))$)"
)
_STRINGIFIED_STRUCTURE = r"^(?:\{|\[|true$|false$)"


def _suspect_rows(frame: pl.DataFrame) -> pl.Series:
    """Rows where a mapped field holds a string that may be a stringified non-string value."""
    field_of = {
        name: field_name
        for field_name, candidates in {**FIELD_NAMES, "record_id": ("id",)}.items()
        for name in candidates
    }
    checks: list[pl.Expr] = []
    for column, dtype in frame.schema.items():
        field_name = field_of.get(column.lower())
        if field_name is None:
            continue
        pattern = _STRINGIFIED_STRUCTURE if FIELD_KINDS[field_name] == "scalar" else _STRINGIFIED
        expr = pl.col(column)
        if dtype == pl.String:
            checks.append(expr.str.contains(pattern))
        elif isinstance(dtype, pl.List) and dtype.inner == pl.String:
            checks.append(expr.list.eval(pl.element().str.contains(pattern)).list.any())
        elif isinstance(dtype, pl.Struct):
            for inner in dtype.fields:
                if inner.dtype == pl.String:
                    checks.append(expr.struct.field(inner.name).str.contains(pattern))
    if not checks:
        return pl.Series([False] * frame.height, dtype=pl.Boolean)
    return frame.select(pl.any_horizontal(checks).fill_null(False)).to_series()


def read_ndjson_records(lines: list[bytes]) -> pl.DataFrame | None:
    """All lines as one frame via polars, or None when any line needs per-line handling."""
    try:
        frame = pl.read_ndjson(io.BytesIO(b"\n".join(lines)), infer_schema_length=None)
    except Exception:  # noqa: BLE001 - any polars failure sends us to the per-line reader
        return None
    return frame if frame.height == len(lines) else None


def map_ndjson_lines(lines: list[bytes]) -> pl.DataFrame | None:
    """map_record_frame of all lines read by polars (the fast path), or None for per-line.

    Where a column mixes types polars turns objects, lists, booleans and numbers into
    strings; rows whose mapped fields may hold such a string are checked against map_record
    of the line itself, and any disagreement sends the whole file to the per-line reader.
    """
    frame = read_ndjson_records(lines)
    if frame is None:
        return None
    try:
        mapped = map_record_frame(frame)
        suspects = _suspect_rows(frame).arg_true().to_list()
    except Exception:  # noqa: BLE001 - an odd schema: the per-line reader decides
        return None
    for row in suspects:
        try:
            record = json.loads(lines[row])
        except (ValueError, RecursionError):
            return None
        if not isinstance(record, Mapping):
            return None
        expected = map_record(record)
        if mapped.row(row, named=True) != {
            name: getattr(expected, name) for name in mapped.columns
        }:
            return None
    return mapped
