"""The Python API over a store: ``newsgraph.open("news.duckdb").events(source="CHN")``.

Every method takes the same filters as the command of the same name and returns a pandas DataFrame, or an Arrow
table with ``arrow=True``. The store is opened read-only, so it can be read while an ingest runs (between its
batches).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from newsgraph.analysis import query
from newsgraph.store.db import Store
from newsgraph.vocab import DEFAULT_STORE


class Corpus:
    def __init__(self, path: str | Path, read_only: bool = True) -> None:
        self.store = Store(path, read_only=read_only)

    def _out(self, table: pa.Table, arrow: bool) -> Any:
        return table if arrow else table.to_pandas()

    def events(self, arrow: bool = False, **filters: Any) -> Any:
        filters.setdefault("limit", None)
        return self._out(query.events(self.store, **filters), arrow)

    def quotes(self, arrow: bool = False, **filters: Any) -> Any:
        filters.setdefault("limit", None)
        return self._out(query.quotes(self.store, **filters), arrow)

    def actors(self, arrow: bool = False, **filters: Any) -> Any:
        filters.setdefault("limit", None)
        return self._out(query.actors(self.store, **filters), arrow)

    def dyads(self, countries: list[str] | None = None, arrow: bool = False, **options: Any) -> Any:
        return self._out(query.dyads(self.store, countries or [], **options), arrow)

    def sql(self, statement: str, arrow: bool = False) -> Any:
        return self._out(self.store.read_only_query(statement), arrow)

    def network(self, arrow: bool = False, **filters: Any) -> Any:
        return self._out(query.network(self.store, **filters), arrow)

    def errors(self, arrow: bool = False, limit: int | None = None) -> Any:
        return self._out(query.errors(self.store, limit), arrow)

    def overview(self) -> dict[str, Any]:
        """What the store holds: articles, stories, events, quotes, actors, errors."""
        return query.overview(self.store)

    def export(self, what: str, out: str | Path, fmt: str = "csv", header: bool = False) -> int:
        """Write ``events`` (as GDELT, PLOVER, CSV, Parquet or JSON) or any table to ``out``; the rows written."""
        from newsgraph.analysis.export import export_events, export_table

        if what == "events":
            return export_events(self.store, Path(out), fmt, header)
        return export_table(self.store, what, Path(out), fmt)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(path: str | Path = DEFAULT_STORE, read_only: bool = True) -> Corpus:
    """Open a store for reading (``read_only=False`` takes the write lock: only one process may hold it)."""
    return Corpus(path, read_only=read_only)
