"""A batch on its way into the store: each table's rows written, as they are made, to a newline-delimited JSON file
in a temporary folder, which DuckDB reads with ``read_json`` and the column types of the table.

Why not Arrow tables: an ingesting process that builds one pays for pyarrow itself (about 36 MB) and for the
registries its first array fills (about 50 MB more, whatever the memory pool), for the life of the process, on top
of the analyser's peak; and a batch's rows had to be held as Python dicts until their columns were built. Here a
row is encoded (msgspec) and written the moment it is made, DuckDB parses the file in C, and the reader's buffer is
sized to the longest line of the batch.

What a value becomes:

* strings, numbers, flags, lists: themselves. A value no column can hold — a string with a lone surrogate (which
  UTF-8 cannot encode), an integer beyond its column's range — raises (``UNREADABLE`` here, DuckDB's
  ``InvalidInputException`` when the batch is loaded), and the store writes the batch's documents one by one;
* a date or timestamp: its ISO text, read back as ``DATE`` or ``TIMESTAMP``;
* bytes (``BLOB`` columns): base64 text, decoded by DuckDB's ``from_base64``;
* a ``JSON`` column: the JSON text ``store.columns.flatten`` made, read as text and cast by the insert;
* a float that is not finite (NaN, infinity): null — JSON has no such number, and no stored value ever was one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import msgspec

from newsgraph.errors import ErrorCode, SetupError

#: raised while a row is encoded: a lone surrogate (UnicodeEncodeError), a value msgspec has no JSON for
UNREADABLE = (UnicodeError, TypeError, OverflowError, msgspec.EncodeError)
#: the SQL type ``read_json`` reads a column as, when it is not the column's own type
READ_AS = {"JSON": "VARCHAR", "BLOB": "VARCHAR"}
#: how a column read as text becomes its own type
DECODE = {"BLOB": "from_base64({0})"}
#: the staging folders' names: the prefix, then the writing process's id
PREFIX = "newsgraph-batch-"
#: the smallest JSON reader buffer asked for (DuckDB's default is 16 MB per buffer: most batches need far less)
MIN_OBJECT = 1 << 16


def literal(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


class Staging:
    """The files of one batch, one per table, in a folder of their own (in the system's temporary folder, or
    ``TMPDIR``) that ``close`` removes; the folder a killed process left is removed by the next batch staged."""

    def __init__(self) -> None:
        _remove_orphans()
        try:
            self.folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        except OSError as err:
            raise _no_room(tempfile.gettempdir(), err) from err
        self._files: dict[str, IO[bytes]] = {}
        self._widest: dict[str, int] = {}
        self.rows: dict[str, int] = {}
        self._encoder = msgspec.json.Encoder()
        self._line = bytearray()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        """Write ``rows`` of ``table`` (column -> value; a column a row lacks is null)."""
        try:
            out = self._files.get(table)
            if out is None:
                out = self._files[table] = open(self.folder / f"{table}.jsonl", "wb")  # noqa: SIM115 (see close)
                self._widest[table] = 0
                self.rows[table] = 0
            line = self._line
            for row in rows:
                self._encoder.encode_into(row, line)
                line.append(10)
                out.write(line)
                self._widest[table] = max(self._widest[table], len(line))
                self.rows[table] += 1
        except OSError as err:  # a full disk, say
            raise _no_room(self.folder, err) from err

    def tables(self) -> list[str]:
        """The tables this batch has rows for, in the order they were first given."""
        return [t for t, n in self.rows.items() if n]

    def select(self, table: str, columns: list[tuple[str, str]]) -> str:
        """A query giving ``table``'s staged rows as ``columns`` ((name, SQL type), in this order), typed."""
        try:
            self._files[table].flush()
        except OSError as err:
            raise _no_room(self.folder, err) from err
        read = ", ".join(f"{literal(name)}: {literal(READ_AS.get(sql, sql))}" for name, sql in columns)
        values = ", ".join(f"{DECODE.get(sql, '{0}').format(_quoted(name))} AS {_quoted(name)}"
                           for name, sql in columns)
        size = max(MIN_OBJECT, self._widest[table] + 1)
        return (f"SELECT {values} FROM read_json({literal(str(self.folder / f'{table}.jsonl'))}, "
                f"format = 'newline_delimited', columns = {{{read}}}, maximum_object_size = {size})")

    def close(self) -> None:
        for out in self._files.values():
            out.close()
        self._files.clear()
        shutil.rmtree(self.folder, ignore_errors=True)


def _no_room(folder: str | Path, err: OSError) -> SetupError:
    return SetupError(ErrorCode.STORE, f"a batch's rows cannot be staged in {folder} ({err.strerror or err}): "
                                       "set TMPDIR to a folder with room that this user can write")


def _remove_orphans() -> None:
    """Remove the staging folders of processes that no longer run (an ingest killed while writing)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*"):
        pid = folder.name[len(PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, say
    return True


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
