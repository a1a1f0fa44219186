"""Hostile input against the store and the commands (issue 12): ``ingest`` finishes a corpus whatever it holds,
a bad command option stores nothing, and ``newsgraph sql`` cannot change the store or any other file."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.pipeline.analyzer import Analyzer
from newsgraph.store.db import Store
from newsgraph.store.ingest import ingest_sources
from newsgraph.store.schema import ARTICLE_TABLES

ROOT = Path(__file__).resolve().parent.parent
GOOD = ("Kenya and Ethiopia signed a trade agreement in Nairobi on Tuesday, the Kenyan foreign ministry said. "
        "President William Ruto praised the deal and said both countries would cut tariffs next year.")
HUGE = ("The central bank of Zimbabwe said on Monday that it had printed $99999999999999999999 billion in new notes, "
        "officials in Harare said. Finance minister Mthuli Ncube defended the decision.")
BAD_NAME = os.fsdecode(b"2024-05-16_bad\xff.txt")  # not UTF-8: Python keeps the byte as a lone surrogate


def _counts(store: Store) -> dict[str, int]:
    return {t: int(store.scalar(f"SELECT count(*) FROM {t}")) for t in ARTICLE_TABLES}


def _ingest(analyzer: Analyzer, db: Path, *inputs: Path) -> Any:
    with Store(db) as store:
        return ingest_sources([str(p) for p in inputs], store, lambda: analyzer.analyze, batch_size=8)


@pytest.fixture(scope="module")
def odd_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("odd")
    (folder / BAD_NAME).write_text(GOOD, encoding="utf-8")
    (folder / "huge.txt").write_text(HUGE, encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"1 0 obj\n<<>>\nendobj\n" * 20)
    (folder / "bundle.zip").write_bytes(b"PK\x03\x04\x14\x00" + bytes(100))
    (folder / "notes.md").write_text("A note that is not a news article.", encoding="utf-8")
    (folder / "gone.txt").symlink_to(folder / "no-such-target.txt")
    (folder / "folder.txt").mkdir()
    (folder / ".hidden.txt").write_text(GOOD + " A hidden copy.", encoding="utf-8")
    return folder


def test_ingest_finishes_an_odd_corpus_and_says_what_it_could_not_read(analyzer: Analyzer, odd_folder: Path,
                                                                       tmp_path: Path) -> None:
    db = tmp_path / "odd.duckdb"
    summary = _ingest(analyzer, db, odd_folder, odd_folder / "folder.txt")
    assert summary.stored == 2, summary
    assert dict(summary.error_codes) == {"E002": 3, "E009": 3}, summary.error_codes
    with Store(db, read_only=True) as store:
        docs = {r["doc_id"] for r in store.query("SELECT doc_id FROM articles").to_pylist()}
        assert docs == {"2024-05-16_bad\\xff.txt", "huge.txt"}
        errors = {Path(r["source"]).name: r["code"] for r in store.query("SELECT source, code FROM errors").to_pylist()}
        assert errors == {"photo.png": "E002", "report.pdf": "E002", "bundle.zip": "E002", "notes.md": "E009",
                          "gone.txt": "E009", "folder.txt": "E009"}
        [published] = store.query("SELECT published FROM articles WHERE doc_id LIKE '%bad%'").to_pylist()
        assert str(published["published"]) == "2024-05-16"
        amounts = store.query("SELECT value, out_of_range FROM amounts WHERE text LIKE '$9999%'").to_pylist()
        assert amounts and amounts[0]["value"] is None and amounts[0]["out_of_range"] is True
        before = _counts(store)
    again = _ingest(analyzer, db, odd_folder, odd_folder / "folder.txt")
    assert (again.stored, again.errors) == (0, 0) and again.skipped == summary.seen
    with Store(db, read_only=True) as store:
        assert _counts(store) == before


def test_analyze_writes_valid_utf8_for_odd_names_and_numbers(odd_folder: Path, tmp_path: Path) -> None:
    lines = tmp_path / "lines.jsonl"
    lines.write_bytes(b'{"id": "a", "text": "Kenya praised Ethiopia on Monday for the talks in Nairobi."}\n'
                      b'{"id": "b", "text": "Kenya \\ud800 praised Ethiopia."}\n'
                      b'{"id": "c", "text": ' + b"[" * 3000 + b"]" * 3000 + b"}\n"
                      b'{"id": ' + b"7" * 5000 + b', "text": "Kenya praised Ethiopia."}\n'
                      b'{"id": "e", "text": "Ethiopia thanked Kenya on Tuesday for its help after the floods."}\n')
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}  # the records are UTF-8 whatever the terminal says
    result = subprocess.run([sys.executable, "-m", "newsgraph.cli", "analyze", os.fsencode(odd_folder / BAD_NAME),
                             str(odd_folder / "huge.txt"), str(lines), "--format", "jsonl"],
                            cwd=ROOT, capture_output=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == ["2024-05-16_bad\\xff.txt", "huge.txt", "a", "b", "lines.jsonl:3",
                                          "lines.jsonl:4", "e"]
    assert [(r.get("error") or {}).get("code") for r in records] == [None, None, None, "E003", "E007", "E007",
                                                                     None]
    assert records[0]["published"] == "2024-05-16" and records[0]["actors"]
    [huge] = [a for a in records[1]["amounts"] if a["text"].startswith("$9999")]
    assert huge["value"] is None and huge["out_of_range"] is True


@pytest.mark.parametrize("command", ["ingest", "analyze"])
def test_a_bad_published_option_is_the_commands_error(tmp_path: Path, command: str) -> None:
    story = tmp_path / "story.txt"
    story.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "bad-option.duckdb"
    args = [command, str(story), "--published", "2024-13-45", *(["--db", str(db)] if command == "ingest" else [])]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "2024-13-45" in result.output
    assert not db.exists()  # nothing stored: the right date later is not "already stored"


# --- newsgraph sql is read-only ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def small_store(analyzer: Analyzer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sql")
    (folder / "one.txt").write_text(GOOD, encoding="utf-8")
    db = folder / "small.duckdb"
    assert _ingest(analyzer, db, folder / "one.txt").stored == 1
    return db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


WRITES = [
    "COPY (SELECT 'x') TO '{db}'",
    "COPY articles TO '{dir}/articles.csv'",
    "COPY (SELECT 1) TO '{dir}/one.parquet' (FORMAT parquet)",
    "EXPORT DATABASE '{dir}/export'",
    "ATTACH '{dir}/other.duckdb' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "PRAGMA enable_profiling",
    "CHECKPOINT",
    "CALL pragma_version()",
    "SELECT 1; DELETE FROM articles",
    "DELETE FROM articles",
    "DROP TABLE errors",
    "UPDATE articles SET title = 'x'",
    "CREATE TABLE made AS SELECT 1 AS a",
    "INSERT INTO meta VALUES ('k', 'v')",
    "SELECT * FROM read_csv('{dir}/planted.csv')",
    "SELECT * FROM read_text('/etc/hostname')",
]


@pytest.mark.parametrize("statement", WRITES)
def test_sql_cannot_write(small_store: Path, tmp_path: Path, statement: str) -> None:
    (tmp_path / "planted.csv").write_text("a\n1\n", encoding="utf-8")
    before = _digest(small_store)
    sql = statement.format(db=small_store, dir=tmp_path)
    result = CliRunner().invoke(app, ["sql", sql, "--db", str(small_store)])
    assert result.exit_code == 2, result.output
    assert _digest(small_store) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["planted.csv"]  # nothing written beside it


def test_sql_still_answers_queries(small_store: Path) -> None:
    before = _digest(small_store)
    for sql in ("SELECT count(*) AS n FROM articles", "DESCRIBE articles", "SHOW TABLES",
                "EXPLAIN SELECT * FROM events", "FROM articles SELECT doc_id"):
        result = CliRunner().invoke(app, ["sql", sql, "--db", str(small_store), "--format", "json"])
        assert result.exit_code == 0, (sql, result.output)
    assert _digest(small_store) == before
