"""The corpus store on real DuckDB files: idempotent ingest, near-duplicate stories, error rows, queries, exports,
the single-writer lock and schema migration."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import newsgraph
from corpus import holding_store, make_articles, write_jsonl
from newsgraph.analysis import query
from newsgraph.analysis.export import export_events, export_table
from newsgraph.errors import SetupError
from newsgraph.store.db import Store, StoreBusyError
from newsgraph.store.ingest import ingest_sources
from newsgraph.store.schema import ARTICLE_TABLES, SCHEMA_VERSION

N_ARTICLES = 240


def _ingest(analyzer, store: Store, *inputs: Path | str, **kw):
    return ingest_sources([str(i) for i in inputs], store, lambda: analyzer.analyze, batch_size=32, **kw)


def _counts(store: Store) -> dict[str, int]:
    return {t: int(store.scalar(f"SELECT count(*) FROM {t}")) for t in ARTICLE_TABLES}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, analyzer) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    articles = make_articles(N_ARTICLES)
    write_jsonl(folder / "corpus.jsonl", articles)
    db = folder / "corpus.duckdb"
    with Store(db) as store:
        summary = _ingest(analyzer, store, folder / "corpus.jsonl")
    assert summary.stored == N_ARTICLES and summary.errors == 0
    return db


def test_reingesting_a_corpus_adds_nothing(corpus_store: Path, analyzer) -> None:
    corpus = corpus_store.parent / "corpus.jsonl"
    with Store(corpus_store) as store:
        before = _counts(store)
        assert before["articles"] == N_ARTICLES and before["events"] > N_ARTICLES
        summary = _ingest(analyzer, store, corpus, corpus)  # the same corpus twice in one run, too
        assert (summary.stored, summary.skipped, summary.errors) == (0, 2 * N_ARTICLES, 0)
        assert _counts(store) == before
        assert store.scalar("SELECT count(*) - count(DISTINCT article_id) FROM articles") == 0


def test_event_and_dyad_queries(corpus_store: Path) -> None:
    with Store(corpus_store, read_only=True) as store:
        rows = query.events(store, source="FRA", limit=None).to_pylist()
        assert rows and all(r["source_country"] == "FRA" for r in rows)
        imposed = query.events(store, plover="COERCE", since="2024-03", until="2024-08", limit=None).to_pylist()
        assert all(r["plover"] == "COERCE" and "2024-03-01" <= str(r["day"]) < "2024-09-01" for r in imposed)
        series = query.dyads(store, ["FRA", "DEU", "JPN"], by="quarter").to_pylist()
        assert series and {r["source_country"] for r in series} <= {"FRA", "DEU", "JPN"}
        assert all(r["events"] == r["verbal_coop"] + r["material_coop"] + r["verbal_conflict"]
                   + r["material_conflict"] for r in series)
        expected = store.scalar("""SELECT count(*) FROM event_dyads WHERE pair_first AND day IS NOT NULL
            AND source_country IN ('FRA','DEU','JPN') AND target_country IN ('FRA','DEU','JPN')
            AND source_country <> target_country AND article_id = story_id AND modality = 'asserted'
            AND NOT negated""")
        assert sum(r["events"] for r in series) == expected
        spoken = query.quotes(store, contains="clear answer", limit=None).to_pylist()
        assert spoken and all("clear answer" in r["content_text"] for r in spoken)
        people = query.actors(store, kind="state", limit=None).to_pylist()
        assert {"FRA", "DEU"} <= {r["actor_id"] for r in people}


def test_exports(corpus_store: Path, tmp_path: Path) -> None:
    with Store(corpus_store, read_only=True) as store:
        n = export_events(store, tmp_path / "events.tsv", "gdelt")
        lines = (tmp_path / "events.tsv").read_text(encoding="utf-8").splitlines()
        assert n == len(lines) > 0
        assert all(len(line.split("\t")) == 61 for line in lines)
        first = lines[0].split("\t")
        assert first[1].isdigit() and len(first[1]) == 8 and first[26]  # SQLDATE, EventCode
        n = export_events(store, tmp_path / "events.jsonl", "plover")
        records = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
        assert len(records) == n and {"event", "actor", "recipient", "date", "text", "cite_info"} <= set(records[0])
        for table in ("articles", "events", "quotes", "places"):
            export_table(store, table, tmp_path / f"{table}.parquet", "parquet")
            stored = store.scalar(f"SELECT count(*) FROM {table}")
            assert pq.read_table(tmp_path / f"{table}.parquet").num_rows == stored
        export_table(store, "actors", tmp_path / "actors.csv", "csv")
        rows = list(csv.DictReader(io.StringIO((tmp_path / "actors.csv").read_text(encoding="utf-8"))))
        assert rows and "actor_id" in rows[0]


def test_python_api(corpus_store: Path) -> None:
    with newsgraph.open(corpus_store) as corpus:
        frame = corpus.events(source="DEU")
        assert len(frame) > 0 and set(frame["source_country"]) == {"DEU"}
        assert corpus.dyads(["DEU", "FRA"], by="year", arrow=True).num_rows >= 1
        assert int(corpus.sql("SELECT count(*) AS n FROM articles")["n"][0]) == N_ARTICLES


def test_sql_is_read_only(corpus_store: Path) -> None:
    import duckdb

    with Store(corpus_store, read_only=True) as store, pytest.raises(duckdb.Error):
        store.query("DELETE FROM articles")


def test_near_duplicate_copies_make_one_story(tmp_path: Path, analyzer) -> None:
    wire = ("Kenya and Ethiopia signed a trade agreement in Nairobi on Tuesday, officials said. The deal cuts "
            "tariffs on tea, coffee and textiles and opens a new border crossing at Moyale. President Ruto said "
            "the agreement would create thousands of jobs on both sides of the border. Ethiopia's prime minister "
            "Abiy Ahmed called it a milestone for the region and invited Ruto to Addis Ababa next year.")
    copy = "NAIROBI (Agency) - " + wire.replace("officials said", "officials told reporters")
    other = "Brazil condemned Venezuela on Monday over the closure of the border crossing at Pacaraima."
    write_jsonl(tmp_path / "wire.jsonl", [
        {"id": "outlet-a", "text": wire, "published": "2024-03-12"},
        {"id": "outlet-b", "text": copy, "published": "2024-03-12"},
        {"id": "other", "text": other, "published": "2024-03-12"}])
    with Store(tmp_path / "s.duckdb") as store:
        summary = _ingest(analyzer, store, tmp_path / "wire.jsonl")
        assert (summary.stored, summary.copies) == (3, 1)
        stories = dict(store.con.execute("SELECT doc_id, story_id FROM articles").fetchall())
        assert stories["outlet-a"] == stories["outlet-b"] != stories["other"]
        once = query.events(store, source="KEN", limit=None).to_pylist()
        every = query.events(store, source="KEN", copies=True, limit=None).to_pylist()
        assert once and len(every) == 2 * len(once)
        assert all(r["reports"] == 2 for r in once)
        once_total = sum(r["events"] for r in query.dyads(store, ["KEN", "ETH"]).to_pylist())
        every_total = sum(r["events"] for r in query.dyads(store, ["KEN", "ETH"], copies=True).to_pylist())
        assert once_total >= 2 and every_total == 2 * once_total  # KEN→ETH and ETH→KEN, once per story


def test_bad_files_become_error_rows(tmp_path: Path, analyzer) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("   \n", encoding="utf-8")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (bad / "latin1.txt").write_bytes("Le ministre a déclaré".encode("latin-1"))
    (bad / "french.txt").write_text("Le gouvernement a annoncé mardi que les négociations avec les syndicats "
                                    "reprendraient la semaine prochaine dans la capitale du pays.", encoding="utf-8")
    (bad / "lines.jsonl").write_text('{"id": "ok", "text": "Japan thanked India for the aid.", '
                                     '"published": "2024-01-02"}\nnot json\n{"id": 3, "text": 5}\n', encoding="utf-8")
    (bad / "broken.rss").write_text("<rss><channel><item><title>x", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        summary = _ingest(analyzer, store, bad, tmp_path / "missing.txt")
        codes = dict(store.con.execute("SELECT doc_id, code FROM errors").fetchall())
        assert summary.stored == 1 and summary.errors == len(codes) == 8
        # the truncated feed still yields an item, with a title and no text (E001)
        assert sorted(codes.values()) == ["E001", "E001", "E002", "E003", "E005", "E007", "E008", "E009"]
        again = _ingest(analyzer, store, bad, tmp_path / "missing.txt")
        assert (again.stored, again.errors) == (0, 0)
        assert store.scalar("SELECT count(*) FROM errors") == 8


def test_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    with Store(db) as store:  # create it
        assert store.counts()["articles"] == 0
    with holding_store(db) as pid:
        for read_only in (False, True):
            with pytest.raises(StoreBusyError) as caught:
                Store(db, read_only=read_only, wait=0.5).con  # noqa: B018
            assert f"process {pid}" in str(caught.value) and "E016" in str(caught.value)
    assert Store(db, read_only=True, wait=5).counts()["articles"] == 0  # free again once the holder is gone


def test_schema_version_and_migration(tmp_path: Path, monkeypatch) -> None:
    import newsgraph.store.db as db_module

    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        assert store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(db_module.SCHEMA_VERSION)
    current = db_module.SCHEMA_VERSION
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(db_module, "MIGRATIONS", {current: ["ALTER TABLE articles ADD COLUMN language VARCHAR"]})
    with pytest.raises(SetupError, match=f"schema version {current}"):
        Store(db, read_only=True).con  # noqa: B018
    with Store(db) as store:  # opening for writing migrates
        assert store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(current + 1)
        assert "language" in [c[0] for c in store.con.execute("DESCRIBE articles").fetchall()]
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 0


def test_version_1_stores_gain_tone_and_place_columns(tmp_path: Path) -> None:
    """A store written before issue 18 (schema 1: no tone, mention count or place columns) is migrated when it
    is opened for writing, and its rows are kept."""
    db = tmp_path / "v1.duckdb"
    with Store(db) as store:
        store.con.execute("INSERT INTO articles (article_id, doc_id) VALUES ('a1', 'old.txt')")
        for table, columns in (("articles", "tone tone_positive tone_negative tone_polarity word_count"),
                               ("events", "tone mentions place_how place_start place_end")):
            for column in columns.split():
                store.con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with pytest.raises(SetupError, match="schema version 1"):
        Store(db, read_only=True).con  # noqa: B018
    with Store(db) as store:
        assert store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)
        assert {"tone", "word_count"} <= {c[0] for c in store.con.execute("DESCRIBE articles").fetchall()}
        assert {"tone", "mentions", "place_how"} <= {c[0] for c in store.con.execute("DESCRIBE events").fetchall()}
        assert store.con.execute("SELECT doc_id, tone FROM articles").fetchall() == [("old.txt", None)]


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SetupError, match="newsgraph ingest"):
        Store(tmp_path / "nothing.duckdb", read_only=True)
