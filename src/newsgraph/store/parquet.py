"""``--out parquet DIR``: the store's tables as partitioned Parquet files, for corpora beyond one DuckDB file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import duckdb

from newsgraph.store.db import Store
from newsgraph.store.schema import create_statements, table_columns
from newsgraph.store.staging import Staging, literal


class ParquetStore(Store):
    """``--out parquet DIR``: the same tables as Parquet, partitioned by batch — ``DIR/batch=<id>/events.parquet``
    and so on — for corpora beyond one DuckDB file. DuckDB (``read_parquet('DIR/*/events.parquet',
    hive_partitioning = true)``), Spark or pandas read them directly. A batch is written into a hidden folder and
    renamed into place in one step, so a killed run leaves no half-written batch; the ids, stories and bands of
    earlier runs are read back when the folder is opened, so re-runs stay idempotent and copies of a story are
    found across runs."""

    KEEP: ClassVar[dict[str, list[str]]] = {"articles": ["article_id", "story_id", "minhash"],
                                            "errors": ["article_id"], "story_bands": ["band", "hash", "article_id"]}

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        for leftover in self.folder.glob(".tmp-*"):  # a batch a killed run did not finish
            for f in leftover.iterdir():
                f.unlink()
            leftover.rmdir()
        super().__init__(self.folder / "index.duckdb", read_only=False)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(":memory:")

    def _check_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        for statement in create_statements():
            con.execute(statement)
        for table, columns in self.KEEP.items():
            files = [str(f) for f in sorted(self.folder.glob(f"batch=*/{table}.parquet"))]
            if files:
                con.execute(f"INSERT INTO {table} BY NAME SELECT {', '.join(columns)} FROM read_parquet(?)", [files])

    def close(self) -> None:
        pass  # the in-memory index of what is stored lives as long as the object

    def _insert(self, batch: Staging, batch_id: int) -> None:
        staging = self.folder / f".tmp-{batch_id}"
        staging.mkdir()
        con = self.con
        for table in batch.tables():
            target = literal(str(staging / f"{table}.parquet"))
            con.execute(f"COPY ({batch.select(table, _parquet_columns(table))}) TO {target} (FORMAT parquet)")
        staging.rename(self.folder / f"batch={batch_id}")
        con.execute("BEGIN TRANSACTION")
        try:
            for table, columns in self.KEEP.items():
                if table in batch.tables():
                    kept = [c for c in table_columns(table) if c[0] in columns]
                    con.execute(f"INSERT INTO {table} BY NAME {batch.select(table, kept)}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def _parquet_columns(table: str) -> list[tuple[str, str]]:
    """``table``'s columns as its Parquet files hold them: JSON as text (Parquet readers see a string)."""
    return [(name, "VARCHAR" if sql == "JSON" else sql) for name, sql in table_columns(table)]
