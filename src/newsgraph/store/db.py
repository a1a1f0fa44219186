"""The embedded DuckDB store: one file holds every analysed article and what was read from it.

DuckDB lets one process write a file and, while it does, no other process open it. newsgraph designs for that:

* ``newsgraph ingest`` analyses outside any connection and opens the file only to write a finished batch, in
  one transaction, then closes it; a reader (``newsgraph events``, ``newsgraph serve``) gets in between batches.
* Opening waits up to ``wait`` seconds for the lock, then raises ``StoreBusyError`` with what to do — never a
  stack trace.
* A batch is atomic: ``kill -9`` during a write loses that batch only; the next run skips what is stored.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np

from newsgraph.errors import MESSAGES, ErrorCode, NewsgraphError, SetupError
from newsgraph.store import dedup
from newsgraph.store.rows import Analyzed, article_rows, error_row
from newsgraph.store.schema import (
    MIGRATIONS,
    PART_TABLES,
    SCHEMA_VERSION,
    create_statements,
    missing_columns,
    table_columns,
)
from newsgraph.store.staging import UNREADABLE, Staging
from newsgraph.vocab import DEFAULT_STORE

if TYPE_CHECKING:
    import pyarrow as pa  # query results are Arrow tables; writing never imports pyarrow

PID = re.compile(r"PID (\d+)")
log = logging.getLogger(__name__)
#: the statement types a user's query may have (``check_query``)
QUERY_TYPES = frozenset({"SELECT", "EXPLAIN"})
#: DuckDB settings of a ``sandbox`` connection: no files or network beyond the store, no extensions, locked
SANDBOX = (("enable_external_access", False), ("autoinstall_known_extensions", False),
           ("autoload_known_extensions", False), ("lock_configuration", True))
#: what a value no column can hold raises while a batch's rows are built or loaded
UNWRITABLE = (*UNREADABLE, duckdb.ConversionException, duckdb.InvalidInputException, ValueError)


class StoreBusyError(NewsgraphError):
    """Another process holds the store's lock for longer than we were willing to wait."""


@dataclass
class WriteResult:
    articles: int = 0
    errors: int = 0
    copies: int = 0  # articles found to be near-duplicates of a stored story


class Store:
    """A newsgraph DuckDB file. ``read_only`` stores never create or migrate anything."""

    def __init__(self, path: str | Path = DEFAULT_STORE, read_only: bool = False, wait: float = 30.0,
                 sandbox: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only or sandbox
        self.wait = wait
        self.sandbox = sandbox  # no file or network access beyond the store, configuration locked (``sql``)
        self._con: duckdb.DuckDBPyConnection | None = None
        if read_only and not self.path.exists():
            raise SetupError(ErrorCode.STORE, f"no store at {self.path}: create one with `newsgraph ingest PATH "
                                              f"--db {self.path}`")

    # ---- connection ---------------------------------------------------------------------------------------
    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._con = self._connect()
            self._check_schema(self._con)
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.wait
        delay = 0.05
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self.read_only,
                                      config=dict(SANDBOX) if self.sandbox else {})
            except duckdb.IOException as err:
                if "lock" not in str(err).lower():
                    raise SetupError(ErrorCode.STORE, f"{self.path}: {err}") from err
                if time.monotonic() >= deadline:
                    holder = PID.search(str(err))
                    who = f"process {holder.group(1)}" if holder else "another process"
                    raise StoreBusyError(ErrorCode.STORE_BUSY, (
                        f"{self.path} is held by {who} (waited {self.wait:.0f} s). An ingest releases the file "
                        "between batches, so a reader normally gets in within seconds; a process that keeps it "
                        "open (a Python session with newsgraph.open(..., read_only=False), a second ingest) "
                        "blocks it. Wait for that process, stop it, or query a copy of the file.")) from err
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
            except duckdb.Error as err:
                raise SetupError(ErrorCode.STORE, f"{self.path}: {err}") from err

    def _check_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        if self.read_only:
            version = _version(con)
            if version != SCHEMA_VERSION:
                raise SetupError(ErrorCode.STORE, (
                    f"{self.path} has schema version {version}, this newsgraph reads {SCHEMA_VERSION}: "
                    "open it once for writing (newsgraph ingest with no new input) to migrate it"
                    if version is not None and version < SCHEMA_VERSION else
                    f"{self.path} is not a newsgraph store of a version this newsgraph knows ({version})"))
            return
        for statement in create_statements():
            con.execute(statement)
        version = _version(con)
        if version is None:
            con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            return
        if version > SCHEMA_VERSION:
            raise SetupError(ErrorCode.STORE, f"{self.path} was written by a newer newsgraph (schema {version})")
        while version < SCHEMA_VERSION:
            con.execute("BEGIN TRANSACTION")
            for step in MIGRATIONS[version]:
                if callable(step):
                    step(con)
                else:
                    con.execute(step)
            version += 1
            con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
            con.execute("COMMIT")
        for table in PART_TABLES:  # a field added to the record model since this store was made
            existing = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
            for statement in missing_columns(table, existing):
                con.execute(statement)

    # ---- writing ------------------------------------------------------------------------------------------
    def known(self, article_ids: Sequence[str]) -> set[str]:
        """The ids among ``article_ids`` already stored, as articles or as errors."""
        if not article_ids:
            return set()
        rows = self.con.execute(
            "WITH ids AS (SELECT unnest(?::VARCHAR[]) AS article_id) "
            "SELECT article_id FROM articles WHERE article_id IN (SELECT article_id FROM ids) "
            "UNION SELECT article_id FROM errors WHERE article_id IN (SELECT article_id FROM ids)",
            [list(article_ids)]).fetchall()
        return {r[0] for r in rows}

    def write(self, items: Sequence[Analyzed], batch_id: int | None = None) -> WriteResult:
        """Store one batch in one transaction. If the batch cannot be written (a value no column holds), each of
        its documents is written alone, and one that still fails is stored as an E010 error row saying why: one
        document never costs the batch, and a store that cannot be written at all raises."""
        batch_id = batch_id if batch_id is not None else time.time_ns()
        try:
            return self._write(items, batch_id)
        except UNWRITABLE as err:
            if len(items) == 1 and items[0].record.get("error"):
                raise
            log.warning("a batch of %d could not be written (%r): writing its documents one by one", len(items),
                        err)
        result = WriteResult()
        for item in items:
            try:
                one = self._write([item], batch_id)
            except UNWRITABLE as err:
                log.warning("%s could not be stored: %r", item.doc.id, err)
                one = self._write([_unstorable(item, err)], batch_id)
            result.articles += one.articles
            result.errors += one.errors
            result.copies += one.copies
        return result

    def _write(self, items: Sequence[Analyzed], batch_id: int) -> WriteResult:
        """Store ``items`` in one transaction: all of them, or (on any failure) none. Each article's rows are
        staged (``store.staging``) as they are made, so a batch is never held as rows in memory."""
        result = WriteResult()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        fresh = {a.article_id for a in items} - self.known([a.article_id for a in items])
        good = [a for a in items if a.article_id in fresh and not a.record.get("error")]
        stories = self._stories(good)
        seen: set[str] = set()
        with Staging() as batch:
            for item in items:
                if item.article_id not in fresh or item.article_id in seen:
                    continue  # stored earlier, or twice in this batch
                seen.add(item.article_id)
                if item.record.get("error"):
                    batch.add("errors", [error_row(item, now, batch_id)])
                    result.errors += 1
                    continue
                story_id, similarity, sig = stories[item.article_id]
                result.articles += 1
                result.copies += story_id != item.article_id
                tables = article_rows(item, story_id, similarity, dedup.to_blob(sig), now, batch_id)
                for table in list(tables):  # each table's rows let go once staged (a long article has 100,000s)
                    batch.add(table, tables.pop(table))
                batch.add("story_bands", ({"band": n, "hash": h, "article_id": item.article_id}
                                          for n, h in enumerate(dedup.band_hashes(sig))))
            self._insert(batch, batch_id)
        return result

    def _insert(self, batch: Staging, batch_id: int) -> None:
        """Load one batch's staged rows, all tables in one transaction."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table in batch.tables():
                con.execute(f"INSERT INTO {table} BY NAME {batch.select(table, table_columns(table))}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _stories(self, items: Sequence[Analyzed]) -> dict[str, tuple[str, float, np.ndarray]]:
        """article id → (story id, similarity to the story's first article, signature)."""
        sigs = {a.article_id: dedup.signature(a.record["text"]) for a in items}
        bands = {aid: dedup.band_hashes(sig) for aid, sig in sigs.items()}
        out: dict[str, tuple[str, float, np.ndarray]] = {}
        stored = self._stored_candidates(bands)
        in_batch: dict[tuple[int, int], list[str]] = {}
        for item in items:
            aid = item.article_id
            candidates: dict[str, np.ndarray] = {}
            for n, h in enumerate(bands[aid]):
                for other, other_sig, _ in stored.get((n, h), []):
                    candidates[other] = other_sig
                for other in in_batch.get((n, h), []):
                    candidates[other] = sigs[other]
            best: tuple[float, str] | None = None
            for other, other_sig in candidates.items():
                sim = dedup.similarity(sigs[aid], other_sig)
                if sim >= dedup.THRESHOLD and (best is None or sim > best[0]):
                    best = (sim, other)
            if best is None:
                out[aid] = (aid, 1.0, sigs[aid])
            else:
                story = out[best[1]][0] if best[1] in out else self._story_of(best[1], stored)
                out[aid] = (story, best[0], sigs[aid])
            for n, h in enumerate(bands[aid]):
                in_batch.setdefault((n, h), []).append(aid)
        return out

    def _stored_candidates(self, bands: dict[str, list[int]]) -> dict[tuple[int, int], list[tuple[str, Any, str]]]:
        if not bands:
            return {}
        rows = self.con.execute(
            "WITH wanted AS (SELECT unnest(?::SMALLINT[]) AS band, unnest(?::BIGINT[]) AS hash) "
            "SELECT DISTINCT b.band, b.hash, a.article_id, a.minhash, a.story_id FROM story_bands b "
            "JOIN wanted w ON b.band = w.band AND b.hash = w.hash JOIN articles a ON a.article_id = b.article_id",
            [[n for hs in bands.values() for n in range(len(hs))], [h for hs in bands.values() for h in hs]],
        ).fetchall()
        out: dict[tuple[int, int], list[tuple[str, Any, str]]] = {}
        for band, h, aid, blob, story in rows:
            out.setdefault((band, h), []).append((aid, dedup.from_blob(blob), story))
        return out

    @staticmethod
    def _story_of(aid: str, stored: dict[tuple[int, int], list[tuple[str, Any, str]]]) -> str:
        for entries in stored.values():
            for other, _, story in entries:
                if other == aid:
                    return story
        return aid

    # ---- reading ------------------------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> pa.Table:
        return self.con.sql(sql, params=list(params)).to_arrow_table()

    def read_only_query(self, sql: str) -> pa.Table:
        """The result of one query given by a user (``newsgraph sql``, ``Corpus.sql``): ``check_query`` first,
        then on this store's connection (read-only; in a ``sandbox`` store no file beyond the store can be
        read or written and no setting changed)."""
        check_query(sql)
        return self.con.sql(sql).to_arrow_table()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first value of the first row (all rows are fetched: DuckDB wants every result finished)."""
        rows = self.con.execute(sql, list(params)).fetchall()
        return rows[0][0] if rows else None

    def counts(self) -> dict[str, int]:
        tables = ("articles", "events", "quotes", "actors", "mentions", "errors")
        return {t: int(self.scalar(f"SELECT count(*) FROM {t}")) for t in tables}


def check_query(sql: str) -> None:
    """Refuse (E019) anything but one query: DuckDB's own parser names each statement's type, and only
    ``SELECT`` (with ``DESCRIBE``, ``SHOW``, ``SUMMARIZE``, ``VALUES`` and ``FROM …``, which it parses as
    selects) and ``EXPLAIN`` pass — never COPY, EXPORT, ATTACH, INSTALL, LOAD, SET, PRAGMA, CALL or CHECKPOINT,
    nor a second statement after the first."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        raise NewsgraphError(ErrorCode.READ_ONLY, str(err).splitlines()[0]) from err
    if len(statements) != 1:
        raise NewsgraphError(ErrorCode.READ_ONLY, f"{len(statements)} statements; give exactly one query")
    kind = statements[0].type.name
    if kind not in QUERY_TYPES:
        raise NewsgraphError(ErrorCode.READ_ONLY, f"a {kind} statement; only {' and '.join(sorted(QUERY_TYPES))} "
                                                  "run here")


def _unstorable(item: Analyzed, err: Exception) -> Analyzed:
    """``item`` as the error row of a document whose rows the store could not take."""
    record = {"id": item.record.get("id"), "text": "", "error": {
        "code": ErrorCode.PIPELINE.value, "message": f"{MESSAGES[ErrorCode.PIPELINE]}: the store could not take "
                                                     f"its rows: {err!r}"[:500]}}
    return Analyzed(item.doc, item.source, record, item.article_id)


def _version(con: duckdb.DuckDBPyConnection) -> int | None:
    try:
        rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    except duckdb.CatalogException:
        return None
    return int(rows[0][0]) if rows else None


@contextmanager
def open_store(path: str | Path = DEFAULT_STORE, read_only: bool = True, wait: float = 30.0) -> Iterator[Store]:
    store = Store(path, read_only=read_only, wait=wait)
    try:
        yield store
    finally:
        store.close()
