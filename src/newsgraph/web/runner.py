"""Analyses asked of the web app (Analyse page, ``POST /api/analyse``, "store it"), run off the event loop.

1. **One worker thread** runs them (a spaCy pipeline is not shared between threads); the event loop only
   waits, so every other page keeps answering while an analysis runs.
2. **Bounded**: at most ``waiting`` analyses queue behind the running one; one more is refused at once with 503
   and ``Retry-After``.
3. **Timeout**: an answer comes within ``timeout`` seconds or the request ends in 504 saying so. The analyzer
   the runner builds has a time budget of the same length, so an abandoned analysis stops at its next stage
   instead of holding the worker (see ``pipeline.analyzer``); one still queued is dropped.

The model is loaded on the first analysis, in the worker, without the timeout.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi import HTTPException

from newsgraph.readers.files import InputDoc

#: seconds a pasted article may take; also the time budget of the analyzer the runner builds
ANALYSIS_TIMEOUT = 30.0
WAITING = 4
RETRY_AFTER = 10


class AnalysisRunner:
    def __init__(self, make_analyzer: Callable[[], Any] | None = None, timeout: float = ANALYSIS_TIMEOUT,
                 waiting: int = WAITING) -> None:
        self.make_analyzer = make_analyzer
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(1 + waiting)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsgraph-analysis")
        self._analyzer: Any = None

    def _load(self) -> Any:
        if self._analyzer is None:
            self._analyzer = self.make_analyzer() if self.make_analyzer is not None else None
        if self._analyzer is None:
            from newsgraph.config import load_settings
            from newsgraph.pipeline.analyzer import Analyzer

            self._analyzer = Analyzer(load_settings(time_budget=self.timeout))
        return self._analyzer

    async def analyze(self, doc: InputDoc) -> dict[str, Any]:
        """The record of ``doc``; 503 when too many analyses wait, 504 when it takes longer than the timeout."""
        if not self._slots.acquire(blocking=False):
            raise HTTPException(503, "Other analyses are running or waiting; retry in a few seconds.",
                                headers={"Retry-After": str(RETRY_AFTER)})
        try:
            await asyncio.wrap_future(self._pool.submit(self._load))
        except BaseException:
            self._slots.release()
            raise
        future = self._pool.submit(lambda: self._analyzer.analyze_one(doc))
        future.add_done_callback(lambda _: self._slots.release())  # also when a queued one is cancelled
        try:
            record: dict[str, Any] = await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError as err:
            raise HTTPException(504, f"The analysis took longer than {self.timeout:g} seconds and was stopped. "
                                     "Try a shorter text.") from err
        return record

    def wait_idle(self, timeout: float | None = None) -> None:
        """Return once the analyses already submitted have ended: one that timed out runs on to its time budget,
        and two analyses must not share a spaCy pipeline at once (a memory zone ending in one thread would free
        the strings the other is using)."""
        self._pool.submit(lambda: None).result(timeout)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
