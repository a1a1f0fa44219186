"""How a batch reaches the store (``store.staging``): rows staged as JSON lines and read by DuckDB with their
table's types; a value no column can hold costs its own document only (stored as an E010 error row), never the
batch; the staging files are gone afterwards, whatever happened; and a writing process never imports pyarrow."""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsgraph.errors import ErrorCode, SetupError
from newsgraph.pipeline import model
from newsgraph.pipeline.model import Place, Record
from newsgraph.readers.files import InputDoc
from newsgraph.store.db import Store
from newsgraph.store.parquet import ParquetStore
from newsgraph.store.rows import Analyzed
from newsgraph.store.staging import Staging

ROOT = Path(__file__).resolve().parent.parent


def _item(aid: str, text: str, title: str | None = None, geonameid: int | None = None) -> Analyzed:
    places = [Place(start=0, end=5, text=text[:5], name=text[:5], country="KEN", lat=None, lon=None,
                    geonameid=geonameid, metonymy=False, demonym=False, in_name=False,
                    bloc=False)] if geonameid is not None else []
    record = Record(id=aid, published="2024-05-16", title=None, url=None, text=text, tone=None, actors={},
                    mentions=[], quotes=[], events=[], times=[], amounts=[], places=places)
    plain = model.to_builtins(record)
    plain["title"] = title  # set after the model's own encoding, which refuses a lone surrogate itself
    return Analyzed(InputDoc(aid, text), "test", plain, aid)


def _batches_left() -> list[Path]:
    return sorted(Path(tempfile.gettempdir()).glob("newsgraph-batch-*"))


def test_staged_rows_come_back_with_their_types() -> None:
    columns = [("name", "VARCHAR"), ("n", "INTEGER"), ("big", "BIGINT"), ("x", "DOUBLE"), ("flag", "BOOLEAN"),
               ("day", "DATE"), ("at", "TIMESTAMP"), ("blob", "BLOB"), ("doc", "JSON"), ("words", "VARCHAR[]"),
               ("spans", "INTEGER[][]")]
    rows: list[dict[str, Any]] = [
        {"name": "Nairobi 'quoted' \"twice\"\nnew line\x00nul é 北京", "n": -7, "big": 2**62, "x": 0.1 + 0.2,
         "flag": True, "day": dt.date(2024, 5, 16), "at": dt.datetime(2024, 5, 16, 9, 30, 1, 250),
         "blob": b"\x00\xff\x10", "doc": '{"a": [1, 2]}', "words": ["a", ""], "spans": [[0, 5], [7, 9]],
         "not a column": 1},
        {"name": "", "x": math.nan},  # the other columns absent: null; NaN has no JSON number: null
    ]
    with Staging() as batch:
        batch.add("things", rows)
        back = duckdb.connect().execute(batch.select("things", columns)).fetchall()
        folder = batch.folder
        assert folder.is_dir()
    assert back == [tuple(rows[0][name] if name != "blob" else b"\x00\xff\x10" for name, _ in columns),
                    ("", *[None] * (len(columns) - 1))]
    assert not folder.exists()


def test_the_folder_a_killed_writer_left_is_removed_by_the_next_batch() -> None:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    temp = Path(tempfile.gettempdir())
    orphan = temp / f"newsgraph-batch-{finished.pid}-killed"
    alive = temp / f"newsgraph-batch-{os.getpid()}-mine"
    for folder in (orphan, alive):
        folder.mkdir()
        (folder / "events.jsonl").write_bytes(b"{}\n")
    try:
        with Staging():
            assert not orphan.exists()
            assert alive.exists()  # this process still runs: its batch may be in flight
    finally:
        shutil.rmtree(alive, ignore_errors=True)
        shutil.rmtree(orphan, ignore_errors=True)


def test_a_document_no_column_can_hold_is_an_error_row_and_the_rest_are_stored(tmp_path: Path) -> None:
    items = [
        _item("good-1", "Kenya praised Ethiopia on Monday."),
        _item("surrogate", "Kenya thanked Uganda.", title="a title with a lone \ud800 surrogate"),
        _item("overflow", "Kenya met Somalia.", geonameid=2**70),
        _item("good-2", "Ethiopia thanked Kenya on Tuesday.", geonameid=184745),
    ]
    before = _batches_left()
    with Store(tmp_path / "s.duckdb") as store:
        result = store.write(items)
        assert (result.articles, result.errors) == (2, 2)
        stored = {r[0] for r in store.con.execute("SELECT doc_id FROM articles").fetchall()}
        assert stored == {"good-1", "good-2"}
        errors = dict(store.con.execute("SELECT doc_id, code FROM errors").fetchall())
        assert errors == {"surrogate": "E010", "overflow": "E010"}
        [message] = store.con.execute("SELECT message FROM errors WHERE doc_id = 'overflow'").fetchone() or []
        assert "the store could not take its rows" in message
        assert store.con.execute("SELECT geonameid FROM places").fetchall() == [(184745,)]
        again = store.write(items)
        assert (again.articles, again.errors) == (0, 0)  # all four are known: nothing is written twice
    assert _batches_left() == before


def test_no_room_to_stage_is_a_clear_error_and_the_store_keeps_what_it_had(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.write([_item("kept", "Kenya praised Ethiopia on Monday.")]).articles == 1
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-folder"))
        with pytest.raises(SetupError) as raised:
            store.write([_item("new", "Ethiopia thanked Kenya on Tuesday.")])
        assert raised.value.code is ErrorCode.STORE and "set TMPDIR" in str(raised.value)
        monkeypatch.undo()
        assert store.con.execute("SELECT doc_id FROM articles").fetchall() == [("kept",)]
        assert store.write([_item("new", "Ethiopia thanked Kenya on Tuesday.")]).articles == 1


def test_the_parquet_output_has_the_tables_types(tmp_path: Path) -> None:
    store = ParquetStore(tmp_path / "out")
    assert store.write([_item("one", "Kenya praised Ethiopia on Monday.", geonameid=2**40)]).articles == 1
    [batch] = (tmp_path / "out").glob("batch=*")
    types = _types(batch / "places.parquet")
    assert types["geonameid"] == "BIGINT" and types["lat"] == "DOUBLE" and types["metonymy"] == "BOOLEAN"
    assert duckdb.sql(f"SELECT geonameid FROM read_parquet('{batch}/places.parquet')").fetchall() == [(2**40,)]
    articles = _types(batch / "articles.parquet")
    assert articles["minhash"] == "BLOB" and articles["published"] == "DATE"
    assert articles["ingested_at"].startswith("TIMESTAMP")


def _types(parquet: Path) -> dict[str, str]:
    return {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()}


def test_ingest_never_imports_pyarrow(tmp_path: Path) -> None:
    """pyarrow costs an ingesting process about 90 MB (the library and the registries its first array fills),
    for the life of the process: writing goes through ``store.staging`` instead."""
    story = tmp_path / "story.txt"
    story.write_text("Kenya and Ethiopia signed a trade agreement in Nairobi on Tuesday.", encoding="utf-8")
    script = ("import sys\nfrom newsgraph.cli import app\n"
              f"app(['ingest', {str(story)!r}, '--db', {str(tmp_path / 'x.duckdb')!r}], standalone_mode=False)\n"
              "print('pyarrow' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"
    with Store(tmp_path / "x.duckdb", read_only=True) as store:
        assert store.counts()["articles"] == 1
