"""``newsgraph watch``: keep a store current with its feeds — fetch, ingest what is new, sleep, repeat.

Each round:

1. **Fetch** every input that is due: a feed or page URL is downloaded (``readers.sources.read_url``); a path
   (a feed file, a directory a crawler fills) is read as ``newsgraph ingest`` reads it.
2. **Ingest what is new** with the store's ingest machinery (``store.ingest.ingest_documents``): an article
   already stored — same text — is skipped and counted, so a feed's old items cost nothing; a bad item (empty,
   not English, a page that cannot be downloaded) becomes a row of the ``errors`` table, as in any ingest.
3. **Log one line**: the round, new articles, skipped, copies of a stored story, bad items, failed feeds.
4. **Sleep** until the next round, ``every`` seconds after this one started.

A feed that cannot be downloaded (timeout, refused connection, HTTP error, a body over the size limit) is not an
article and is not stored as one: the round counts it and the feed **backs off** — after ``n`` failures in a row
it is next tried ``every × 2^(n-1)`` seconds later, at most ``max_backoff`` — while the other feeds go on. One
success resets it.

**Stopping** (``stop()``, which the CLI calls on Ctrl-C or SIGTERM) ends the sleep at once; during a round no
further document is read, and the documents already read are analysed and written, so the batch in flight is
never lost. The analyzer is built once, for the first new article, and kept across rounds.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import DocumentError
from newsgraph.readers.files import InputDoc
from newsgraph.readers.sources import FetchLimits, expand, read_url
from newsgraph.store.db import Store
from newsgraph.store.ingest import IngestSummary, ingest_documents
from newsgraph.vocab import INGEST_BATCH

log = logging.getLogger(__name__)


@dataclass
class Round:
    """What one round did."""

    number: int
    feeds: int = 0  # inputs read this round
    deferred: int = 0  # inputs backing off, not tried this round
    new: int = 0
    skipped: int = 0
    copies: int = 0
    errors: int = 0  # bad items, stored as error rows
    failed: list[str] = field(default_factory=list)  # "url: why" of each feed that could not be fetched
    seconds: float = 0.0
    stopped: bool = False

    def line(self) -> str:
        parts = [f"round {self.number}", f"{self.feeds} feed{'s' * (self.feeds != 1)}",
                 f"{self.new} new", f"{self.skipped} skipped", f"{self.copies} copies", f"{self.errors} bad items",
                 f"{len(self.failed)} feeds failed" + (": " + "; ".join(self.failed) if self.failed else "")]
        if self.deferred:
            parts.append(f"{self.deferred} backing off")
        parts.append(f"{self.seconds:.1f} s")
        return " · ".join(parts) + (" · stopped" if self.stopped else "")


@dataclass
class FeedState:
    failures: int = 0
    next_try: float = 0.0
    last_error: str = ""


class Watcher:
    """Rounds of fetch-and-ingest over ``inputs`` into ``store`` (see the module's docstring)."""

    def __init__(self, inputs: list[str], store: Store, engine: Any, every: float = 900.0,
                 published: str | None = None, fetch: bool = False, limits: FetchLimits | None = None,
                 batch_size: int = INGEST_BATCH, max_backoff: float = 6 * 3600.0,
                 on_round: Callable[[Round], None] | None = None, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        self.inputs, self.store, self.engine = inputs, store, engine
        self.every, self.max_backoff = every, max_backoff
        self.published, self.fetch, self.limits = published, fetch, limits or FetchLimits()
        self.batch_size = batch_size
        self.on_round = on_round
        self.clock = clock
        self.feeds = {arg: FeedState() for arg in inputs}
        self._stop = threading.Event()

    def stop(self) -> None:
        """Finish the batch in flight, then end (safe to call from a signal handler or another thread)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self, rounds: int | None = None) -> list[Round]:
        """Run ``rounds`` rounds (forever when None) or until ``stop()``; the rounds' results."""
        done: list[Round] = []
        while not self.stopping and (rounds is None or len(done) < rounds):
            started = self.clock()
            result = self.round(len(done) + 1)
            done.append(result)
            if self.on_round is not None:
                self.on_round(result)
            if rounds is not None and len(done) >= rounds:
                break
            self._stop.wait(max(0.0, started + self.every - self.clock()))
        return done

    def round(self, number: int) -> Round:
        result = Round(number)
        started = self.clock()
        docs: list[tuple[InputDoc, str]] = []
        for arg in self.inputs:
            if self.stopping:
                break
            state = self.feeds[arg]
            if state.next_try > started + 0.01 * self.every:
                result.deferred += 1
                continue
            result.feeds += 1
            try:
                docs.extend(self._read(arg))
            except DocumentError as err:
                self._failed(arg, state, err, result, started)
                continue
            state.failures, state.last_error = 0, ""
        summary = ingest_documents(docs, self.store, batch_size=self.batch_size, engine=self.engine,
                                   should_stop=lambda: self.stopping)
        self._count(summary, result, len(docs))
        result.stopped = self.stopping
        result.seconds = self.clock() - started
        return result

    def _read(self, arg: str) -> list[tuple[InputDoc, str]]:
        if arg.startswith(("http://", "https://")):
            return read_url(arg, self.published, self.fetch, self.limits)
        return list(expand([arg], self.published, self.fetch, self.limits))

    def _failed(self, arg: str, state: FeedState, err: DocumentError, result: Round, started: float) -> None:
        state.failures += 1
        wait = min(self.every * 2 ** (state.failures - 1), self.max_backoff)
        state.next_try = started + wait  # counted from the round's start: due again at that round
        state.last_error = str(err)
        result.failed.append(f"{err} (failure {state.failures} in a row, next try in {wait:.0f} s)")
        log.info("feed %s failed (%s); next try in %.0f s", arg, err, wait)

    @staticmethod
    def _count(summary: IngestSummary, result: Round, read: int) -> None:
        result.new = summary.stored
        result.skipped = summary.skipped
        result.copies = summary.copies
        result.errors = summary.errors
        if summary.seen < read:  # stopped before every document was read: the rest comes next run
            log.info("stopped after %d of %d documents", summary.seen, read)
