"""``newsgraph ingest``: read inputs, skip what the store has, analyse the rest in batches, store each batch.

``ingest_corpus`` is the library entry the CLI, the web UI and ``newsgraph.ingest`` share: it assembles the
settings, the engine and the store from ``IngestOptions`` and runs ``ingest_sources`` (inputs into an open store
on a given engine), which reads ``ingest_documents`` (already read documents, as ``watch`` gives them).

Idempotent: an article's id is the hash of its text, so an article stored before (or failed before) is skipped and
counted, and re-ingesting a corpus adds nothing. Resumable: each batch is committed in one transaction, so a
killed run loses at most the batch in flight and the next run picks up after the last committed batch. The store
is open only while a batch is checked and written; analysis runs with the file released (see ``store.db``).
"""

from __future__ import annotations

import glob
import hashlib
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.config import Settings, load_settings
from newsgraph.errors import ErrorCode, SetupError
from newsgraph.readers.files import JSONL_SUFFIXES, InputDoc, text_hash
from newsgraph.readers.sources import FEED_SUFFIXES, READABLE, FetchLimits, expand
from newsgraph.store.db import Store, WriteResult
from newsgraph.store.rows import Analyzed
from newsgraph.vocab import DEFAULT_STORE, INGEST_BATCH, INGEST_CHARS

#: analyse a list of documents, one record per document, in order (``Analyzer.analyze`` or a parallel engine)
AnalyzeFn = Callable[[list[InputDoc]], Iterable[dict[str, Any]]]


def article_id(doc: InputDoc, source: str) -> str:
    """The hash that identifies an article: its text with whitespace normalised. A document that could not be
    read has no text; it is identified by where it came from and why it failed."""
    if doc.error is None and doc.text.strip():
        return text_hash(doc.text)
    code = doc.error.code.value if doc.error is not None else "empty"
    key = f"\0error\0{source}\0{doc.id}\0{code}"
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


@dataclass
class IngestSummary:
    seen: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store (or twice in the input)
    errors: int = 0
    copies: int = 0  # near-duplicates of a stored story
    batches: int = 0
    seconds: float = 0.0
    error_codes: Counter[str] = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return self.stored / self.seconds if self.seconds else 0.0


def estimate_total(args: list[str]) -> int | None:
    """How many documents the inputs hold, counted cheaply (files, JSONL lines); None for feeds and URLs."""
    total = 0
    for arg in args:
        if arg == "-" or arg.startswith(("http://", "https://")):
            return None
        wild = any(c in arg for c in "*?[")
        paths = [Path(p) for p in sorted(glob.glob(arg, recursive=True))] if wild else [Path(arg)]
        for path in paths:
            files = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE] \
                if path.is_dir() else [path]
            for f in files:
                suffix = f.suffix.lower()
                if suffix in FEED_SUFFIXES:
                    return None
                if suffix in JSONL_SUFFIXES:
                    try:
                        with f.open("rb") as handle:
                            total += sum(1 for line in handle if line.strip())
                    except OSError:
                        total += 1
                else:
                    total += 1
    return total


def ingest_sources(
    args: list[str],
    store: Store,
    analyze: Callable[[], AnalyzeFn] | None = None,
    batch_size: int = INGEST_BATCH,
    published: str | None = None,
    fetch: bool = False,
    limits: FetchLimits | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
    hold: bool = False,
    engine: Any = None,
    should_stop: Callable[[], bool] | None = None,
) -> IngestSummary:
    """Ingest ``args`` into ``store``. Analysis runs on ``engine`` (see ``newsgraph.engines``; default: in this
    process, with the analyzer ``analyze()`` returns, built only when the first new document needs it — a re-run
    over a stored corpus never loads the model). ``hold`` keeps the store open between batches (faster, but
    readers wait until the run ends)."""
    return ingest_documents(expand(args, published, fetch, limits), store, analyze, batch_size, on_progress, hold,
                            engine, should_stop)


def ingest_documents(
    documents: Iterable[tuple[InputDoc, str]],
    store: Store,
    analyze: Callable[[], AnalyzeFn] | None = None,
    batch_size: int = INGEST_BATCH,
    on_progress: Callable[[IngestSummary], None] | None = None,
    hold: bool = False,
    engine: Any = None,
    should_stop: Callable[[], bool] | None = None,
) -> IngestSummary:
    """Ingest ``(document, source)`` pairs (as ``readers.sources.expand`` yields them); see ``ingest_sources``. When
    ``should_stop()`` turns true no further batch is started: the batches already read are analysed and
    written, so a stop never loses one."""
    from newsgraph.engines import SerialEngine

    if engine is None:
        if analyze is None:
            raise ValueError("ingest needs an engine or an analyze factory")
        engine = SerialEngine(analyze)
    summary = IngestSummary()
    started = time.monotonic()
    inflight: deque[list[tuple[InputDoc, str, str]]] = deque()

    def report() -> None:
        summary.seconds = time.monotonic() - started
        if on_progress is not None:
            on_progress(summary)

    def new_batches() -> Iterator[list[InputDoc]]:
        for batch in _batches(_until(iter(documents), should_stop), batch_size):
            todo = _new_in(batch, store, summary)
            if not hold:
                store.close()  # let readers in while the batch is analysed
            if not todo:
                report()
                continue
            inflight.append(todo)
            yield [doc for doc, _, _ in todo]

    try:
        for records in engine.map(new_batches()):
            todo = inflight.popleft()
            items = [Analyzed(doc, source, record, aid) for (doc, source, aid), record in zip(todo, records,
                                                                                              strict=True)]
            _count(summary, items, store.write(items, batch_id=time.time_ns()))
            del records, items, todo  # written: not held while the next batch is analysed
            if not hold:
                store.close()
            report()
    finally:
        store.close()
    summary.seconds = time.monotonic() - started
    return summary


def _new_in(batch: list[tuple[InputDoc, str]], store: Store, summary: IngestSummary
            ) -> list[tuple[InputDoc, str, str]]:
    """The (document, source, article id) of a batch that the store does not hold (nor the batch twice)."""
    summary.seen += len(batch)
    ids = [article_id(doc, source) for doc, source in batch]
    known = store.known(ids)
    todo: list[tuple[InputDoc, str, str]] = []
    for (doc, source), aid in zip(batch, ids, strict=True):
        if aid in known:
            summary.skipped += 1
            continue
        known.add(aid)
        todo.append((doc, source, aid))
    return todo


def _count(summary: IngestSummary, items: list[Analyzed], result: WriteResult) -> None:
    summary.stored += result.articles
    summary.errors += result.errors
    summary.copies += result.copies
    summary.skipped += len(items) - result.articles - result.errors  # stored by an earlier batch in flight
    summary.error_codes.update(i.record["error"]["code"] for i in items if i.record.get("error"))
    summary.batches += 1


def _until(pairs: Iterator[tuple[InputDoc, str]], should_stop: Callable[[], bool] | None
           ) -> Iterator[tuple[InputDoc, str]]:
    """``pairs`` until ``should_stop()`` turns true (checked before each document is read)."""
    for pair in pairs:
        if should_stop is not None and should_stop():
            return
        yield pair


def _batches(pairs: Iterator[tuple[InputDoc, str]], size: int, chars: int = INGEST_CHARS
             ) -> Iterator[list[tuple[InputDoc, str]]]:
    """``pairs`` in batches of ``size`` documents, a batch ending early once its texts reach ``chars`` characters:
    a batch's records are held until it is written, and a long document's record is tens of megabytes."""
    batch: list[tuple[InputDoc, str]] = []
    total = 0
    for pair in pairs:
        batch.append(pair)
        total += len(pair[0].text or "")
        if len(batch) >= size or total >= chars:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


@dataclass(frozen=True)
class IngestOptions:
    """What an ingest run can be told: the options of ``newsgraph ingest`` and the keywords of
    ``newsgraph.ingest``."""

    published: str | None = None  # the publication date of inputs that give none (YYYY-MM-DD)
    fetch: bool = False  # download each feed item's page instead of using the feed's text
    timeout: float = 20.0  # seconds to wait for a download
    max_bytes: int = 8 * 1024 * 1024  # the largest page or feed downloaded
    batch_size: int = INGEST_BATCH  # articles analysed and committed together
    model: str | None = None  # spaCy model name or path
    actor_files: tuple[str, ...] = ()  # extra actor files layered over the knowledge base
    config: str | Path | None = None  # a TOML settings file (default: ./newsgraph.toml)
    hold: bool = False  # keep the store open for the whole run
    workers: int = 1  # local worker processes (or Dask workers of a local cluster)
    engine: str = ""  # serial, local or dask; "" picks local for workers > 1, dask with a scheduler
    scheduler: str | None = None  # a Dask scheduler address
    only: str | None = None  # only these stages and what they need ("events,quotes")
    parquet: Path | None = None  # write partitioned Parquet here instead of a DuckDB file
    time_budget: float | None = None  # seconds one document may take (None: the settings' own, 300 by default)

    @property
    def engine_kind(self) -> str:
        return self.engine or ("local" if self.workers > 1 else "dask" if self.scheduler else "serial")


@dataclass
class IngestRun:
    """What ``ingest_corpus`` did: the summary, and the engine it ran on."""

    summary: IngestSummary
    engine: str
    workers: int


def ingest_settings(options: IngestOptions) -> Settings:
    """The settings of a run: defaults, the TOML file, then the run's own options."""
    from newsgraph.nlp.build import stages_for

    settings = load_settings(options.config, model=options.model, time_budget=options.time_budget)
    if options.actor_files:
        settings = settings.with_overrides(actor_files=(*settings.actor_files, *options.actor_files))
    settings = settings.with_overrides(batch_size=options.batch_size)
    if options.only:
        settings = settings.with_overrides(stages=stages_for(options.only.split(",")))
    return settings


def make_engine(options: IngestOptions, settings: Settings) -> Any:
    """The engine ``options`` ask for (see ``newsgraph.engines``)."""
    from newsgraph.engines import DaskEngine, LocalEngine, SerialEngine
    from newsgraph.pipeline.analyzer import Analyzer

    kind = options.engine_kind
    if kind == "local":
        return LocalEngine(settings, max(1, options.workers))
    if kind == "dask":
        return DaskEngine(settings, options.scheduler, max(1, options.workers))
    if kind == "serial":
        return SerialEngine(lambda: Analyzer(settings).analyze)
    raise SetupError(ErrorCode.CONFIG, f"the engine must be serial, local or dask, not {kind!r}")


def ingest_corpus(inputs: list[str], db: str | Path = DEFAULT_STORE, options: IngestOptions | None = None,
                  on_progress: Callable[[IngestSummary], None] | None = None) -> IngestRun:
    """Ingest ``inputs`` (files, directories, globs, JSONL, feeds, URLs, "-") into the store ``db`` (or Parquet):
    settings, engine and store are assembled here, for the CLI, the web UI and Python alike."""
    from newsgraph.store.parquet import ParquetStore

    options = options or IngestOptions()
    settings = ingest_settings(options)
    store: Any = ParquetStore(options.parquet) if options.parquet is not None else Store(db, read_only=False)
    runner = make_engine(options, settings)
    try:
        summary = ingest_sources(inputs, store, batch_size=options.batch_size, published=options.published,
                                 fetch=options.fetch, limits=FetchLimits(options.timeout, options.max_bytes),
                                 on_progress=on_progress, hold=options.hold, engine=runner)
    finally:
        runner.close()
        store.close()
    return IngestRun(summary, options.engine_kind, getattr(runner, "workers", 1))
