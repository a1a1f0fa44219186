"""The store's columns, read off the record model (``pipeline.model``): one table per part of the record, one
column per field, so a field added to the model is a column of its table.

How a field becomes columns:

1. a number, string, flag or enum: one column of its name ("cameo" -> ``cameo VARCHAR``); the span offsets of an
   item, ``start`` and ``end``, are called ``start_char`` and ``end_char`` (``end`` is an SQL keyword);
2. a ``Span`` (``[start, end]``): two columns ``<name>_start`` and ``<name>_end`` ("cue" -> ``cue_start``,
   ``cue_end``);
3. a nested item (a quote's ``speaker``): its fields, prefixed ("speaker_text", "speaker_actor"…);
4. a list of strings or of spans: a DuckDB list (``VARCHAR[]``, ``INTEGER[][]``); anything else nested
   (an event's evidence): ``JSON``;
5. a field's ``Meta(extra={"column": …, "sql": …})`` renames the column or chooses its SQL type (a mention's
   ``actor`` is ``actor_id``; ``quad_class`` a ``TINYINT``).

``flatten`` makes a row from a record item and ``unflatten`` the item back from a row, by the same columns; a
batch is loaded (``store.staging``) with the types its table has.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

import msgspec
import msgspec.inspect as mi

RENAMED = {"start": "start_char", "end": "end_char"}


@dataclass(frozen=True)
class Column:
    name: str
    sql: str
    path: tuple[str | int, ...]  # where the value sits in the item: ("speaker", "actor"), ("cue", 0)
    json: bool = False  # stored as JSON text


def _strip(t: mi.Type) -> tuple[mi.Type, dict[str, Any]]:
    """The type without its metadata and None, and the metadata's ``extra``."""
    extra: dict[str, Any] = {}
    while True:
        if isinstance(t, mi.Metadata):
            extra.update(t.extra or {})
            t = t.type
        elif isinstance(t, mi.UnionType):
            rest = [u for u in t.types if not isinstance(u, mi.NoneType)]
            if len(rest) == 1:
                t = rest[0]
            elif all(isinstance(u, mi.IntType | mi.FloatType) for u in rest):
                return mi.FloatType(), extra  # int | float: a DOUBLE
            else:
                return t, extra
        else:
            return t, extra


def _is_span(t: mi.Type) -> bool:
    t, _ = _strip(t)
    return isinstance(t, mi.TupleType) and len(t.item_types) == 2 and all(
        isinstance(_strip(i)[0], mi.IntType) for i in t.item_types)


def _sql(t: mi.Type) -> str:
    if isinstance(t, mi.StrType | mi.EnumType | mi.LiteralType):
        return "VARCHAR"
    if isinstance(t, mi.BoolType):
        return "BOOLEAN"
    if isinstance(t, mi.IntType):
        return "INTEGER"
    if isinstance(t, mi.FloatType):
        return "DOUBLE"
    if isinstance(t, mi.ListType):
        item, _ = _strip(t.item_type)
        if isinstance(item, mi.StrType):
            return "VARCHAR[]"
        if _is_span(item):
            return "INTEGER[][]"
    return "JSON"


def _columns(struct: type, prefix: str = "", path: tuple[str | int, ...] = ()) -> list[Column]:
    info = mi.type_info(struct)
    assert isinstance(info, mi.StructType)
    out: list[Column] = []
    for f in info.fields:
        t, extra = _strip(f.type)
        name = extra.get("column") or (f"{prefix}{f.name}" if prefix else RENAMED.get(f.name, f.name))
        where = (*path, f.name)
        if "sql" in extra:
            out.append(Column(name, extra["sql"], where, json=extra["sql"] == "JSON"))
        elif _is_span(t):
            out += [Column(f"{name}_start", "INTEGER", (*where, 0)), Column(f"{name}_end", "INTEGER", (*where, 1))]
        elif isinstance(t, mi.StructType):
            out += _columns(t.cls, f"{name}_", where)
        else:
            sql = _sql(t)
            out.append(Column(name, sql, where, json=sql == "JSON"))
    return out


@cache
def columns(struct: type) -> tuple[Column, ...]:
    """The columns a record item of type ``struct`` fills, in field order."""
    return tuple(_columns(struct))


def flatten(item: dict[str, Any], struct: type) -> dict[str, Any]:
    """One row (column -> value) from a record item given as plain JSON values."""
    row: dict[str, Any] = {}
    for col in columns(struct):
        value: Any = item
        for step in col.path:
            if value is None:
                break
            value = value[step] if isinstance(step, int) else value.get(step)
        if col.json and value is not None:
            value = json.dumps(value, ensure_ascii=False)
        row[col.name] = value
    return row


def unflatten(row: dict[str, Any], struct: type) -> dict[str, Any]:
    """A record item (plain values) from a row of its table; columns the row lacks (an older store) are null."""
    item: dict[str, Any] = {}
    for col in columns(struct):
        value = row.get(col.name)
        if col.json and isinstance(value, str):
            value = json.loads(value)
        _put(item, col.path, value)
    return _prune(item, struct)


def _put(item: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = item
    for step, following in pairwise(path):
        node = node.setdefault(step, [None, None] if isinstance(following, int) else {})
    node[path[-1]] = value


def _prune(item: dict[str, Any], struct: type) -> dict[str, Any]:
    """A span or nested item whose columns are all null is itself null ("cue": null, "speaker": null)."""
    info = mi.type_info(struct)
    assert isinstance(info, mi.StructType)
    for f in info.fields:
        value = item.get(f.name)
        t, _ = _strip(f.type)
        if isinstance(value, list) and _is_span(t) and value == [None, None]:
            item[f.name] = None
        elif isinstance(value, dict) and isinstance(t, mi.StructType):
            inner = _prune(value, t.cls)
            item[f.name] = None if all(v is None for v in inner.values()) else inner
        elif value is None and isinstance(t, mi.ListType):
            item[f.name] = []  # a list stored before its column existed
        elif value is None and not f.required and f.default not in (None, msgspec.NODEFAULT):
            del item[f.name]  # a field with a default ("out_of_range": false) stored as null: the default
    return item


def ddl(leading: list[tuple[str, str]], struct: type, trailing: list[tuple[str, str]]) -> str:
    """The column list of a table: ``leading`` (name, SQL type) columns, the model's, then ``trailing`` ones."""
    cols = [*leading, *((c.name, c.sql) for c in columns(struct)), *trailing]
    return ", ".join(f"{name} {sql}" for name, sql in cols)


def convert(item: dict[str, Any], struct: type) -> Any:
    """``item`` as an instance of ``struct`` (raises ``msgspec.ValidationError`` naming the bad field)."""
    return msgspec.convert(item, struct)
