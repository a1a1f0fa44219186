"""The gazetteer's compact on-disk form, opened with ``mmap``: what every process reads instead of building it.

A built ``Gazetteer`` holds about 235,000 cities under 500,000 folded names in Python dicts: some 290 MB of
objects per process. ``write`` stores it once in one binary file; ``open_mapped`` maps that file and returns a
``Gazetteer`` whose large fields are read-only views over it, so a process pays only for the pages it touches
(and processes on one machine share them). The views answer every look-up exactly as the dicts did (they
iterate in the order of the names' hashes):

- a field of type ``dict[str, list[NamedTuple]]`` (``cities``, ``alt_cities``) becomes a ``Mapping`` whose
  ``get(key)`` builds that key's tuples from columns;
- ``dict[str, str]`` (``kinds``) a ``Mapping`` to strings, ``set[str]`` (``first_words``) a ``Set``;
- every other field — and any field too small to be worth it or holding values the columns cannot store
  exactly — is pickled into the same file and restored as it was.

The file is written by ``mapwrite.write``, which describes its layout.
"""

from __future__ import annotations

import json
import mmap
import pickle
from collections.abc import Callable, Iterator, Mapping, Set
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from newsgraph.nlp.places.mapwrite import ALIGN, MAGIC, _encode, _hash
from newsgraph.nlp.places.mapwrite import write as write  # the writer, with the reader, for callers

T = TypeVar("T")


class _File:
    """The mapped file: its header and its arrays (numpy views over the map, never copied)."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            self.map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        if self.map[: len(MAGIC)] != MAGIC:
            raise ValueError(f"{path}: not a newsgraph gazetteer file")
        self.header_at = int.from_bytes(self.map[len(MAGIC) : len(MAGIC) + 8], "little")
        size = int.from_bytes(self.map[len(MAGIC) + 8 : len(MAGIC) + 16], "little")
        self.header: dict[str, Any] = json.loads(self.map[self.header_at : self.header_at + size])
        self.start = ALIGN

    def array(self, name: str) -> np.ndarray:
        dtype, length, offset = self.header["arrays"][name]
        return np.frombuffer(self.map, dtype=np.dtype(dtype), count=length, offset=self.start + offset)

    def blob(self, name: str) -> tuple[int, np.ndarray]:
        """Where a string blob starts in the map, and its offsets."""
        return self.start + self.header["arrays"][f"{name}.blob"][2], self.array(f"{name}.off")

    def rest(self) -> dict[str, Any]:
        found: dict[str, Any] = pickle.loads(self.map[self.start + self.header["rest"] : self.header_at])
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
