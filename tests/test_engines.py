"""Engines: the same corpus ingested in this process, by two local worker processes and by a real Dask
LocalCluster of two workers gives the same store, row for row; a worker killed mid-run costs a retry of its
batch, never a lost or doubled article."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from corpus import make_articles, snapshot, write_jsonl
from newsgraph.config import Settings
from newsgraph.engines import DaskEngine, LocalEngine
from newsgraph.errors import SetupError
from newsgraph.nlp.build import stages_for
from newsgraph.store.db import Store
from newsgraph.store.ingest import IngestSummary, ingest_sources

N = 48
BATCH = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("engines") / "corpus.jsonl", make_articles(N, seed=3))


@pytest.fixture(scope="module")
def reference(corpus: Path, analyzer) -> dict:
    db = corpus.parent / "serial.duckdb"
    with Store(db) as store:
        assert ingest_sources([str(corpus)], store, lambda: analyzer.analyze, batch_size=BATCH).stored == N
    return snapshot(db)


def _run(corpus: Path, db: Path, engine, on_progress=None) -> IngestSummary:
    try:
        with Store(db) as store:
            return ingest_sources([str(corpus)], store, batch_size=BATCH, engine=engine, on_progress=on_progress)
    finally:
        engine.close()


def test_local_workers_give_the_same_store(corpus: Path, reference: dict, tmp_path: Path) -> None:
    summary = _run(corpus, tmp_path / "local.duckdb", LocalEngine(Settings(), workers=2))
    assert summary.stored == N
    assert snapshot(tmp_path / "local.duckdb") == reference


def test_dask_local_cluster_gives_the_same_store(corpus: Path, reference: dict, tmp_path: Path) -> None:
    engine = DaskEngine(Settings(), workers=2)
    assert engine.workers == 2
    summary = _run(corpus, tmp_path / "dask.duckdb", engine)
    assert summary.stored == N
    assert snapshot(tmp_path / "dask.duckdb") == reference


def test_a_killed_dask_worker_costs_a_retry(corpus: Path, reference: dict, tmp_path: Path) -> None:
    engine = DaskEngine(Settings(), workers=2)
    pids = engine.client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed: list[int] = []

    def kill_once(summary: IngestSummary) -> None:
        if summary.batches >= 1 and not killed:
            os.kill(victim, signal.SIGKILL)  # mid-run: other batches are being analysed on both workers
            killed.append(victim)

    summary = _run(corpus, tmp_path / "killed.duckdb", engine, kill_once)
    assert killed and summary.stored == N
    assert snapshot(tmp_path / "killed.duckdb") == reference


def test_a_killed_local_worker_costs_a_retry(corpus: Path, reference: dict, tmp_path: Path) -> None:
    engine = LocalEngine(Settings(), workers=2)
    killed: list[int] = []

    def kill_once(summary: IngestSummary) -> None:
        if summary.batches >= 1 and not killed and engine.pids():
            victim = engine.pids()[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    summary = _run(corpus, tmp_path / "killed.duckdb", engine, kill_once)
    assert killed and summary.stored == N
    assert snapshot(tmp_path / "killed.duckdb") == reference


def test_only_runs_the_stages_asked_for_and_what_they_need() -> None:
    assert stages_for(["events"]) == ("lang", "actors", "coref", "times", "places", "quotes", "events")
    assert stages_for(["amounts"]) == ("lang", "times", "amounts")
    assert stages_for(["quotes", "times"]) == ("lang", "actors", "coref", "times", "quotes")
    # places read the mentions, which coref completes: "--only places" gives the places of a full run
    assert stages_for(["places"]) == ("lang", "actors", "coref", "places")
    with pytest.raises(SetupError, match="unknown stage"):
        stages_for(["sentiment"])


def test_parquet_output_holds_the_same_rows(corpus: Path, reference: dict, tmp_path: Path, analyzer) -> None:
    import duckdb

    from newsgraph.store.parquet import ParquetStore

    out = tmp_path / "parquet"
    assert ingest_sources([str(corpus)], ParquetStore(out), lambda: analyzer.analyze, batch_size=BATCH).stored == N
    again = ingest_sources([str(corpus)], ParquetStore(out), lambda: analyzer.analyze, batch_size=BATCH)
    assert (again.stored, again.skipped) == (0, N)  # read back from the files: idempotent across runs
    assert not list(out.glob(".tmp-*"))
    for table in ("articles", "events", "event_dyads", "quotes", "mentions"):
        rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/*/{table}.parquet', hive_partitioning = true)")
        assert rows.fetchall()[0][0] == len(reference[table])
