"""Where analysis runs: in this process, in N local worker processes, or on a Dask cluster.

Every engine takes batches of ``InputDoc`` and yields, for each batch and in the order the batches came, the
analysis records of its documents (``Analyzer.analyze``'s output). The caller (``ingest``) writes each finished
batch to the store itself, so a store has one writer whatever the engine, and the records — hence the store's
rows — are the same whatever the engine or the number of workers.

* ``serial``   one ``Analyzer`` in this process.
* ``local``    ``--workers N``: a pool of N processes, each loading the model once (pool initializer). At most
               ``2 × N`` batches are in flight, so memory stays bounded on a corpus of any size. A worker that
               dies (killed, out of memory) breaks the pool: the pool is rebuilt and every batch that had not
               come back is analysed again — a retry, never a lost or doubled article, because nothing is
               written until a batch's records are back.
* ``dask``     ``--engine dask --scheduler tcp://HOST:8786`` (or an in-process ``LocalCluster`` when no
               scheduler is given): each batch is one task; each worker process builds its ``Analyzer`` once
               and keeps it (a per-process cache keyed by the settings). Dask re-runs the task of a worker that
               dies (``retries``), and only the client writes.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from newsgraph.config import Settings
from newsgraph.readers.files import InputDoc

log = logging.getLogger(__name__)
Records = list[dict[str, Any]]
_ANALYZERS: dict[Settings, Any] = {}


def analyze_batch(docs: list[InputDoc], settings: Settings) -> Records:
    """Analyse one batch with this process's analyzer for ``settings`` (built on first use, then kept)."""
    analyzer = _ANALYZERS.get(settings)
    if analyzer is None:
        from newsgraph.pipeline.analyzer import Analyzer

        analyzer = _ANALYZERS[settings] = Analyzer(settings)
    return list(analyzer.analyze(docs))


def _more(source: Iterator[list[InputDoc]], room: int) -> list[list[InputDoc]]:
    """Up to ``room`` more batches to put in flight (fewer, or none, once ``source`` runs out)."""
    return list(islice(source, max(room, 0)))


class SerialEngine:
    name = "serial"

    def __init__(self, analyze: Callable[[], Callable[[list[InputDoc]], Iterable[dict[str, Any]]]]) -> None:
        self._factory = analyze
        self._analyze: Callable[[list[InputDoc]], Iterable[dict[str, Any]]] | None = None

    def map(self, batches: Iterable[list[InputDoc]]) -> Iterator[Records]:
        for batch in batches:
            if self._analyze is None:
                self._analyze = self._factory()  # loaded only when a batch needs it
            yield list(self._analyze(batch))

    def close(self) -> None:
        pass


def _init_worker(settings: Settings) -> None:
    analyze_batch([], settings)  # load the model once, when the worker starts


class LocalEngine:
    name = "local"

    def __init__(self, settings: Settings, workers: int, max_retries: int = 3) -> None:
        self.settings = settings
        self.workers = workers
        self.max_retries = max_retries
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing

            # spawn, not fork: a forked child would inherit this process's threads and open DuckDB handles
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker, initargs=(self.settings,))
        return self._pool

    def map(self, batches: Iterable[list[InputDoc]]) -> Iterator[Records]:
        pending: deque[tuple[list[InputDoc], Future[Records], int]] = deque()
        source = iter(batches)
        while True:
            for batch in _more(source, 2 * self.workers - len(pending)):
                try:
                    pending.append((batch, self._executor().submit(analyze_batch, batch, self.settings), 0))
                except BrokenProcessPool:  # a worker died since the last result: resubmit everything pending
                    pending = self._resubmit(pending)
                    pending.append((batch, self._executor().submit(analyze_batch, batch, self.settings), 0))
            if not pending:
                return
            batch, future, tries = pending[0]
            try:
                records = future.result()
            except BrokenProcessPool:
                if tries >= self.max_retries:
                    raise
                pending = self._resubmit(pending)
                continue
            pending.popleft()
            yield records

    def _resubmit(self, pending: deque[tuple[list[InputDoc], Future[Records], int]]
                  ) -> deque[tuple[list[InputDoc], Future[Records], int]]:
        log.warning("a worker process died; restarting the pool and retrying %d batch(es)", len(pending))
        self._restart()
        return deque((b, self._executor().submit(analyze_batch, b, self.settings), t + 1) for b, _, t in pending)

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def pids(self) -> list[int]:
        """The worker processes' ids (for tests that kill one)."""
        return list(getattr(self._pool, "_processes", {}) or {})

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskEngine:
    name = "dask"

    def __init__(self, settings: Settings, scheduler: str | None = None, workers: int = 2,
                 retries: int = 3) -> None:
        from dask.distributed import Client, LocalCluster

        self.settings = settings
        self.retries = retries
        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None)
            self.client = Client(self._cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def map(self, batches: Iterable[list[InputDoc]]) -> Iterator[Records]:
        pending: deque[Any] = deque()
        source = iter(batches)
        while True:
            for batch in _more(source, 2 * self.workers - len(pending)):
                pending.append(self.client.submit(analyze_batch, batch, self.settings, pure=False,
                                                  retries=self.retries))
            if not pending:
                return
            records: Records = pending.popleft().result()
            yield records

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
