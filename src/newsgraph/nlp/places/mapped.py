"""The gazetteer's compact on-disk form, opened with ``mmap``: what every process reads instead of building it.

A built ``Gazetteer`` holds about 235,000 cities under 500,000 folded names in Python dicts: some 290 MB of
objects per process. ``write`` stores it once in one binary file; ``open_mapped`` maps that file and returns a
``Gazetteer`` whose large fields are read-only views over it, so a process pays only for the pages it touches
(and processes on one machine share them). The views answer exactly as the dicts did, in the same order:

- a field of type ``dict[str, list[NamedTuple]]`` (``cities``, ``alt_cities``) becomes a ``Mapping`` whose
  ``get(key)`` builds that key's tuples from columns;
- ``dict[str, str]`` (``kinds``) a ``Mapping`` to strings, ``set[str]`` (``first_words``) a ``Set``;
- every other field — and any field too small to be worth it or holding values the columns cannot store
  exactly — is pickled into the same file and restored as it was.

The file: ``MAGIC``, the length of a JSON header, the header (where each array starts, its type and length; the
mapped fields; the offset of the pickled remainder), then the arrays, each 64-byte aligned. The names are one
table shared by every mapped field: 64-bit BLAKE2b hashes of the UTF-8 keys in ascending order (a lookup is one
binary search) and the keys themselves, to confirm a hit. A row table per tuple type stores one array per field:
integers as int64, floats as float64, strings as offsets into a UTF-8 blob, each with a null mask.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import pickle
from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

MAGIC = b"NGGAZ\x00\x01\x00"
#: fields with fewer entries than this stay pickled: a view would save nothing
MIN_MAPPED = 1000
ALIGN = 64
T = TypeVar("T")


def _hash(key: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little", signed=True)


def _encode(key: str) -> bytes:
    return key.encode("utf-8", "surrogatepass")


# --- writing ------------------------------------------------------------------------------------------------


class _Writer:
    """Arrays and their places in the file, gathered before anything is written."""

    def __init__(self) -> None:
        self.arrays: dict[str, np.ndarray] = {}

    def add(self, name: str, array: np.ndarray) -> None:
        self.arrays[name] = np.ascontiguousarray(array)

    def strings(self, name: str, values: list[str | None]) -> None:
        blobs = [_encode(v) if v is not None else b"" for v in values]
        self.add(f"{name}.off", np.cumsum([0, *map(len, blobs)], dtype=np.int64))
        self.add(f"{name}.blob", np.frombuffer(b"".join(blobs), dtype=np.uint8))
        self.add(f"{name}.null", np.array([v is None for v in values], dtype=np.uint8))


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
    encoded = {k: _encode(k) for k in set().union(*(getattr(gaz, name) for name in chosen))}
    hashes = {k: _hash(raw) for k, raw in encoded.items()}
    keys = sorted(hashes, key=hashes.__getitem__)  # keys of one hash (never seen yet) are all compared
    position = {k: n for n, k in enumerate(keys)}
    writer.add("names.hash", np.array([hashes[k] for k in keys], dtype=np.int64))
    blobs = [encoded[k] for k in keys]
    writer.add("names.off", np.cumsum([0, *map(len, blobs)], dtype=np.int64))
    writer.add("names.blob", np.frombuffer(b"".join(blobs), dtype=np.uint8))
    rows: dict[type, dict[tuple[Any, ...], int]] = {}
    entries: dict[str, Any] = {}
    for name, kind in chosen.items():
        value = getattr(gaz, name)
        at = np.fromiter(map(position.__getitem__, value), dtype=np.int64, count=len(value))
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
            postings: list[int] = []
            for key_at, found in zip(at.tolist(), value.values(), strict=True):
                start[key_at], count[key_at] = len(postings), len(found)
                postings.extend(table.setdefault(t, len(table)) for t in found)
            writer.add(f"{name}.start", start)
            writer.add(f"{name}.count", count)
            writer.add(f"{name}.rows", np.array(postings, dtype=np.int32))
            entries[name]["table"] = _row_type(value).__qualname__
    tables = {t.__qualname__: _row_table(writer, f"rows.{t.__qualname__}", list(table), t)
              for t, table in rows.items()}
    return {"fields": entries, "tables": tables, "names": len(keys)}


def write(gaz: Any, path: Path, least: int = MIN_MAPPED) -> None:
    """Write the dataclass ``gaz`` to ``path`` atomically (a temporary file renamed over it: readers never see
    half a file), mapping the fields of at least ``least`` entries that can be mapped."""
    writer = _Writer()
    layout = _layout(gaz, writer, least)
    mapped = set(layout["fields"])
    rest = {f.name: getattr(gaz, f.name) for f in fields(gaz) if f.name not in mapped}
    arrays: dict[str, tuple[str, int, int]] = {}
    offset = 0
    for name, array in writer.arrays.items():
        arrays[name] = (array.dtype.str, len(array), offset)
        offset += -(-array.nbytes // ALIGN) * ALIGN
    header = json.dumps({**layout, "arrays": arrays, "rest": offset}).encode("utf-8")
    start = -(-(len(MAGIC) + 8 + len(header)) // ALIGN) * ALIGN
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        handle.write(MAGIC + len(header).to_bytes(8, "little") + header)
        for name, array in writer.arrays.items():
            handle.seek(start + arrays[name][2])
            handle.write(array.tobytes())
        handle.seek(start + offset)
        pickle.dump(rest, handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)


# --- reading ------------------------------------------------------------------------------------------------


class _File:
    """The mapped file: its header and its arrays (numpy views over the map, never copied)."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            self.map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        if self.map[: len(MAGIC)] != MAGIC:
            raise ValueError(f"{path}: not a newsgraph gazetteer file")
        size = int.from_bytes(self.map[len(MAGIC) : len(MAGIC) + 8], "little")
        self.header: dict[str, Any] = json.loads(self.map[len(MAGIC) + 8 : len(MAGIC) + 8 + size])
        self.start = -(-(len(MAGIC) + 8 + size) // ALIGN) * ALIGN

    def array(self, name: str) -> np.ndarray:
        dtype, length, offset = self.header["arrays"][name]
        return np.frombuffer(self.map, dtype=np.dtype(dtype), count=length, offset=self.start + offset)

    def blob(self, name: str) -> tuple[int, np.ndarray]:
        """Where a string blob starts in the map, and its offsets."""
        return self.start + self.header["arrays"][f"{name}.blob"][2], self.array(f"{name}.off")

    def rest(self) -> dict[str, Any]:
        found: dict[str, Any] = pickle.loads(self.map[self.start + self.header["rest"] :])
        return found


class _Names:
    """The shared name table: key -> its row in the table, by binary search over the hashes."""

    def __init__(self, file: _File) -> None:
        self.map = file.map
        self.hashes = file.array("names.hash")
        self.base, self.offsets = file.blob("names")

    def find(self, key: str) -> int:
        """The key's row, or -1."""
        raw = _encode(key)
        h = _hash(raw)
        n = int(np.searchsorted(self.hashes, h))
        while n < len(self.hashes) and int(self.hashes[n]) == h:
            if self.key(n) == raw:
                return n
            n += 1
        return -1

    def key(self, n: int) -> bytes:
        return self.map[self.base + int(self.offsets[n]) : self.base + int(self.offsets[n + 1])]

    def __iter__(self) -> Iterator[tuple[int, str]]:
        for n in range(len(self.hashes)):
            yield n, self.key(n).decode("utf-8", "surrogatepass")


class _Rows:
    """A row table: row number -> the tuple, built from its columns."""

    def __init__(self, file: _File, layout: dict[str, Any]) -> None:
        module = __import__(layout["module"], fromlist=[layout["type"]])
        self.type: Any = getattr(module, layout["type"])
        self.map = file.map
        prefix = f"rows.{layout['type']}"
        self.columns: list[tuple[str, Any, Any]] = []
        for column, kind in layout["columns"]:
            null = file.array(f"{prefix}.{column}.null")
            if kind == "str":
                self.columns.append((kind, file.blob(f"{prefix}.{column}"), null))
            else:
                self.columns.append((kind, file.array(f"{prefix}.{column}"), null))

    def row(self, n: int) -> tuple[Any, ...]:
        values: list[Any] = []
        for kind, data, null in self.columns:
            if null[n]:
                values.append(None)
            elif kind == "str":
                base, offsets = data
                values.append(self.map[base + int(offsets[n]) : base + int(offsets[n + 1])].decode(
                    "utf-8", "surrogatepass"))
            else:
                values.append(data.item(n))
        result: tuple[Any, ...] = self.type(*values)
        return result


class ListView(Mapping[str, list[Any]]):
    """A mapped ``dict[str, list[NamedTuple]]``: each ``get`` returns a new list, as a copy would be."""

    def __init__(self, names: _Names, file: _File, name: str, rows: _Rows) -> None:
        self.names, self.rows = names, rows
        self.start, self.count = file.array(f"{name}.start"), file.array(f"{name}.count")
        self.postings = file.array(f"{name}.rows")
        self._cached = lru_cache(maxsize=4096)(self._tuples)

    def _tuples(self, key: str) -> tuple[Any, ...] | None:
        n = self.names.find(key)
        if n < 0 or self.start[n] < 0:
            return None
        first = int(self.start[n])
        return tuple(self.rows.row(r) for r in self.postings[first : first + int(self.count[n])].tolist())

    def __getitem__(self, key: str) -> list[Any]:
        found = self._cached(key) if isinstance(key, str) else None
        if found is None:
            raise KeyError(key)
        return list(found)

    def get(self, key: str, default: Any = None) -> Any:
        found = self._cached(key) if isinstance(key, str) else None
        return default if found is None else list(found)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        n = self.names.find(key)
        return n >= 0 and bool(self.start[n] >= 0)

    def __iter__(self) -> Iterator[str]:
        return (key for n, key in self.names if self.start[n] >= 0)

    def __len__(self) -> int:
        return int((self.start >= 0).sum())


class StringView(Mapping[str, str]):
    """A mapped ``dict[str, str]`` with few distinct values."""

    def __init__(self, names: _Names, file: _File, name: str, vocabulary: list[str]) -> None:
        self.names, self.vocabulary = names, vocabulary
        self.codes = file.array(f"{name}.code")

    def _code(self, key: object) -> int:
        n = self.names.find(key) if isinstance(key, str) else -1
        return -1 if n < 0 else int(self.codes[n])

    def __getitem__(self, key: str) -> str:
        code = self._code(key)
        if code < 0:
            raise KeyError(key)
        return self.vocabulary[code]

    def get(self, key: str, default: Any = None) -> Any:
        code = self._code(key)
        return default if code < 0 else self.vocabulary[code]

    def __contains__(self, key: object) -> bool:
        return self._code(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return (key for n, key in self.names if self.codes[n] >= 0)

    def __len__(self) -> int:
        return int((self.codes >= 0).sum())


class SetView(Set[str]):
    """A mapped ``set[str]``."""

    def __init__(self, names: _Names, file: _File, name: str) -> None:
        self.names = names
        self.flags = file.array(f"{name}.flag")

    def __contains__(self, key: object) -> bool:
        n = self.names.find(key) if isinstance(key, str) else -1
        return n >= 0 and bool(self.flags[n])

    def __iter__(self) -> Iterator[str]:
        return (key for n, key in self.names if self.flags[n])

    def __len__(self) -> int:
        return int(self.flags.sum())


def open_mapped(path: Path, factory: Callable[..., T]) -> T:
    """The gazetteer stored at ``path`` by ``write``, made by ``factory`` (the dataclass). Raises ``OSError``
    or ``ValueError`` when the file is missing or not one (the caller builds it then)."""
    file = _File(path)
    names = _Names(file)
    header = file.header
    try:
        tables = {name: _Rows(file, layout) for name, layout in header["tables"].items()}
        views: dict[str, Any] = {}
        for name, entry in header["fields"].items():
            if entry["kind"] == "set":
                views[name] = SetView(names, file, name)
            elif entry["kind"] == "strings":
                views[name] = StringView(names, file, name, entry["vocabulary"])
            else:
                views[name] = ListView(names, file, name, tables[entry["table"]])
        return factory(**file.rest(), **views)
    except (KeyError, TypeError, AttributeError, ImportError, pickle.UnpicklingError, EOFError) as err:
        raise ValueError(f"{path}: {err!r}") from err
