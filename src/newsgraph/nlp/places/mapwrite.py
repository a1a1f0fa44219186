"""Writing the gazetteer's mapped file (``mapped.py`` reads it): the arrays go into the file as they are
made, so that building the file costs little beyond the gazetteer itself.

The file: ``MAGIC``, where the JSON header starts and its length, then from byte 64 the arrays, each 64-byte
aligned and written as it is made, then the pickled remainder, then the header (where each array starts, its
type and length; the mapped fields; where the remainder starts). The names are one table shared by every mapped
field: 64-bit BLAKE2b hashes of the UTF-8 keys in ascending order (a lookup is one binary search) and the keys
themselves, to confirm a hit. A row table per tuple type stores one array per field: integers as int64, floats
as float64, strings as offsets into a UTF-8 blob, each with a null mask.
"""

from __future__ import annotations

import array
import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

MAGIC = b"NGGAZ\x00\x02\x00"
#: fields with fewer entries than this stay pickled: a view would save nothing
MIN_MAPPED = 1000
ALIGN = 64


def _hash(key: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little", signed=True)


def _encode(key: str) -> bytes:
    return key.encode("utf-8", "surrogatepass")


class _Writer:
    """Writes each array into the file as it is added, aligned, and remembers where (so that the arrays are
    never all held at once)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.arrays: dict[str, tuple[str, int, int]] = {}  # name -> dtype, length, offset from the data start
        self.offset = 0

    def add(self, name: str, array: np.ndarray) -> None:
        array = np.ascontiguousarray(array)
        self.handle.seek(ALIGN + self.offset)
        self.handle.write(array.data.cast("B"))
        self.arrays[name] = (array.dtype.str, len(array), self.offset)
        self.offset += -(-array.nbytes // ALIGN) * ALIGN

    def strings(self, name: str, values: list[str | None]) -> None:
        offsets, blob = _joined(_encode(v) if v is not None else b"" for v in values)
        self.add(f"{name}.off", offsets)
        self.add(f"{name}.blob", blob)
        self.add(f"{name}.null", np.fromiter((v is None for v in values), dtype=np.uint8, count=len(values)))


def _joined(blobs: Iterable[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (one more than there are blobs) and the concatenation of ``blobs``, built without a list of
    them: the gazetteer's 800,000 names as bytes objects would cost more than everything written."""
    joined = bytearray()
    ends = array.array("q", [0])
    for blob in blobs:
        joined += blob
        ends.append(len(joined))
    return np.frombuffer(ends, dtype=np.int64), np.frombuffer(joined, dtype=np.uint8)


def _column_kind(values: list[Any]) -> str | None:
    """How a column is stored: int, float or str (None allowed in each), else None (not storable exactly)."""
    kinds = {type(v) for v in values if v is not None}
    if kinds in ({int}, {float}, {str}):
        return next(iter(kinds)).__name__
    return "str" if not kinds else None


def _row_table(writer: _Writer, name: str, rows: list[tuple[Any, ...]], tuple_type: type) -> dict[str, Any]:
    columns = []
    for n, column in enumerate(tuple_type._fields):  # type: ignore[attr-defined]
        values = [row[n] for row in rows]
        kind = _column_kind(values) or "str"  # _chosen keeps only tuples whose columns all have a kind
        key = f"{name}.{column}"
        if kind == "str":
            writer.strings(key, values)
        else:
            dtype = np.int64 if kind == "int" else np.float64
            writer.add(key, np.array([0 if v is None else v for v in values], dtype=dtype))
            writer.add(f"{key}.null", np.array([v is None for v in values], dtype=np.uint8))
        columns.append([column, kind])
    return {"module": tuple_type.__module__, "type": tuple_type.__qualname__, "columns": columns}


def _mappable(value: Any, least: int) -> str | None:
    """The view a field's value can become: "lists", "strings", "set", or None (pickle it)."""
    if isinstance(value, set) and len(value) >= least and all(type(v) is str for v in value):
        return "set"
    if not isinstance(value, dict) or len(value) < least or not all(type(k) is str for k in value):
        return None
    if all(type(v) is str for v in value.values()):
        return "strings"
    if all(type(v) is list and v and all(type(t) is type(v[0]) for t in v) for v in value.values()):
        return "lists" if isinstance(next(iter(value.values()))[0], tuple) and hasattr(
            next(iter(value.values()))[0], "_fields") else None
    return None


def _row_type(value: dict[str, list[Any]]) -> type:
    return type(next(iter(value.values()))[0])


def _chosen(gaz: Any, least: int) -> dict[str, str]:
    """The fields to map and how; a field of tuples whose columns cannot be stored exactly stays pickled."""
    chosen = {f.name: kind for f in fields(gaz) if (kind := _mappable(getattr(gaz, f.name), least)) is not None}
    rows: dict[type, dict[tuple[Any, ...], None]] = {}
    for name in [n for n, kind in chosen.items() if kind == "lists"]:
        value = getattr(gaz, name)
        table = rows.setdefault(_row_type(value), {})
        for found in value.values():
            table.update(dict.fromkeys(found))
    bad = {t for t, table in rows.items() if any(_column_kind([row[n] for row in table]) is None
                                                 for n in range(len(t._fields)))}  # type: ignore[attr-defined]
    return {n: kind for n, kind in chosen.items() if kind != "lists" or _row_type(getattr(gaz, n)) not in bad}


def _layout(gaz: Any, writer: _Writer, least: int) -> dict[str, Any]:
    """Put the mapped fields' names, rows and values into ``writer``; return the header's entries for them."""
    chosen = _chosen(gaz, least)
    keys, hashes = _names(set().union(*(getattr(gaz, name) for name in chosen)))
    writer.add("names.hash", hashes)
    offsets, blob = _joined(map(_encode, keys))
    writer.add("names.off", offsets)
    writer.add("names.blob", blob)
    del offsets, blob
    position = _positions(keys, hashes)
    rows: dict[type, dict[tuple[Any, ...], int]] = {}
    entries: dict[str, Any] = {}
    for name, kind in chosen.items():
        value = getattr(gaz, name)
        at = position(value)
        entries[name] = {"kind": kind}
        if kind == "set":
            flags = np.zeros(len(keys), dtype=np.uint8)
            flags[at] = 1
            writer.add(f"{name}.flag", flags)
        elif kind == "strings":
            vocabulary = sorted(set(value.values()))
            codes = np.full(len(keys), -1, dtype=np.int16)
            codes[at] = [vocabulary.index(v) for v in value.values()]
            writer.add(f"{name}.code", codes)
            entries[name]["vocabulary"] = vocabulary
        else:
            table = rows.setdefault(_row_type(value), {})
            start, count = np.full(len(keys), -1, dtype=np.int32), np.zeros(len(keys), dtype=np.int32)
            postings = array.array("i")
            for key_at, found in zip(at.tolist(), value.values(), strict=True):
                start[key_at], count[key_at] = len(postings), len(found)
                postings.extend(table.setdefault(t, len(table)) for t in found)
            writer.add(f"{name}.start", start)
            writer.add(f"{name}.count", count)
            writer.add(f"{name}.rows", np.frombuffer(postings, dtype=np.int32))
            entries[name]["table"] = _row_type(value).__qualname__
    tables = {t.__qualname__: _row_table(writer, f"rows.{t.__qualname__}", list(table), t)
              for t, table in rows.items()}
    return {"fields": entries, "tables": tables, "names": len(keys)}


def _names(keys: set[str]) -> tuple[list[str], np.ndarray]:
    """The keys in the order of their hashes, and the hashes (keys of one hash are all compared on look-up)."""
    found = list(keys)
    hashes = np.fromiter((_hash(_encode(k)) for k in found), dtype=np.int64, count=len(found))
    order = np.argsort(hashes, kind="stable")
    return [found[n] for n in order.tolist()], hashes[order]


def _positions(keys: list[str], hashes: np.ndarray) -> Callable[[Iterable[str]], np.ndarray]:
    """How to find the rows of a field's keys: by binary search over the hashes, or, should two keys ever share
    a hash, through a dict of every key."""
    if len(hashes) < 2 or bool((hashes[1:] != hashes[:-1]).all()):
        def search(value: Iterable[str]) -> np.ndarray:
            found = np.fromiter((_hash(_encode(k)) for k in value), dtype=np.int64)
            return np.searchsorted(hashes, found)
        return search
    position = {k: n for n, k in enumerate(keys)}
    return lambda value: np.fromiter(map(position.__getitem__, value), dtype=np.int64)


def write(gaz: Any, path: Path, least: int = MIN_MAPPED) -> None:
    """Write the dataclass ``gaz`` to ``path`` atomically (a temporary file renamed over it: readers never see
    half a file), mapping the fields of at least ``least`` entries that can be mapped."""
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            writer = _Writer(handle)
            layout = _layout(gaz, writer, least)
            rest = {f.name: getattr(gaz, f.name) for f in fields(gaz) if f.name not in layout["fields"]}
            handle.seek(ALIGN + writer.offset)
            pickle.dump(rest, handle, protocol=pickle.HIGHEST_PROTOCOL)
            header = json.dumps({**layout, "arrays": writer.arrays, "rest": writer.offset}).encode("utf-8")
            at = handle.tell()
            handle.write(header)
            handle.seek(0)
            handle.write(MAGIC + at.to_bytes(8, "little") + len(header).to_bytes(8, "little"))
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
