"""newsgraph: who did and said what to whom, when, where and with how much — from news text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.vocab import DEFAULT_STORE

if TYPE_CHECKING:
    from newsgraph.analysis.corpus import Corpus


def open(path: Any = DEFAULT_STORE, read_only: bool = True) -> Corpus:
    """Open a newsgraph store: ``newsgraph.open("news.duckdb").events(source="CHN")`` (see ``analysis.corpus``)."""
    from newsgraph.analysis.corpus import open as open_corpus

    return open_corpus(path, read_only)


def ingest(inputs: list[str] | str, db: Any = DEFAULT_STORE, **options: Any) -> Any:
    """Ingest files, directories, globs, JSONL corpora, feeds or URLs into a store, as ``newsgraph ingest`` does:
    ``newsgraph.ingest("corpus/", "news.duckdb", workers=2)``. The keywords are those of
    ``store.ingest.IngestOptions``; returns the run's ``IngestRun`` (its ``summary`` counts what was stored)."""
    from newsgraph.store.ingest import IngestOptions, ingest_corpus

    return ingest_corpus([inputs] if isinstance(inputs, str) else list(inputs), db, IngestOptions(**options))
