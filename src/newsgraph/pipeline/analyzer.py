"""Analyse documents: checks that need no parse, then the spaCy pipeline in batches, then records, in order.

This is the library entry point the CLI, the web UI and Dask workers share. One document never costs the
others:

1. ``checks.precheck`` turns what cannot be analysed into an error record before any parse.
2. The pipeline runs stage by stage over a batch: the model's own components (which batch well) over the
   whole batch, ours one document at a time. A stage that raises on one document makes that document an
   E010 record; a batched component that raises is run again one document at a time, so that only the
   document it fails on is lost.
3. **Time budget** (``Settings.time_budget``, default 300 s): each document is charged the time of our stages
   on it and its share (by tokens) of the batched components' time. Between stages, a document over its budget
   leaves the batch as an E018 record, naming the stage and the seconds; its neighbours go on. Our stages may
   also call ``nlp.budget.check`` inside long loops (``doc.user_data["ng_deadline"]``). Nothing is killed, so
   nothing already written is at risk; a stage that never returns is beyond this guard (our stages are linear
   in the length of a document, see ``tests/test_linear.py``).
4. **Long documents** (longer than ``batch_chars``) go through the model's components in pieces of at most that
   many characters, cut at paragraph or sentence breaks, one piece at a time through all of them, and what they
   wrote is written back onto the whole ``Doc`` for our stages (``pipeline.pieces``): the model's memory grows
   with the tokens it is given at once, so a document of ``max_chars`` given whole would peak at several
   gigabytes. The time budget is checked
   between pieces.
5. The record is built (``record.to_record``) and must serialise as JSON in UTF-8; if not, the document is an
   E010 record rather than a crash of the writer that prints or stores it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.config import Settings
from newsgraph.errors import DocumentError, ErrorCode, NewsgraphError
from newsgraph.heap import give_back
from newsgraph.nlp.budget import DEADLINE, TimeBudgetExceeded
from newsgraph.nlp.build import build_pipeline
from newsgraph.nlp.common import TEXT, doc_text
from newsgraph.pipeline import pieces
from newsgraph.pipeline.checks import precheck
from newsgraph.pipeline.record import error_record, to_record
from newsgraph.readers.files import InputDoc

log = logging.getLogger(__name__)


@dataclass
class _Job:
    """One document on its way through the pipeline."""

    n: int  # its place in the batch
    doc: Doc
    spent: float = 0.0  # seconds charged to it so far
    failure: NewsgraphError | None = None


class Analyzer:
    """Holds one loaded pipeline; ``analyze`` turns input documents into records, one per input, in order."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp or build_pipeline(self.settings)
        self.clock = clock
        self._failures: dict[int, NewsgraphError] = {}
        # for callers of ``nlp.pipe`` (the quote evaluation): our components' failures, one doc at a time
        self.nlp.default_error_handler = self._on_error

    def _on_error(self, name: str, proc: Any, docs: list[Doc], err: Exception) -> None:
        for doc in docs:
            log.warning("stage %s failed on %s: %r", name, doc.user_data.get("ng_id"), err)
            self._failures[id(doc)] = DocumentError(ErrorCode.PIPELINE, f"stage {name}: {err!r}")

    def precheck(self, item: InputDoc) -> NewsgraphError | None:
        return precheck(item, self.settings)

    def analyze(self, items: Iterable[InputDoc]) -> Iterator[dict[str, Any]]:
        """Records in input order, so memory holds one batch of ``Doc`` objects whatever the number of documents:
        a batch is at most ``batch_size`` documents and ``batch_chars`` characters (a longer document is a batch of
        its own). Batches run inside a spaCy memory zone that spans about ``zone_chars`` characters of text: on
        leaving it, the strings and lexemes its words added to the vocabulary are freed (the vocabulary would
        otherwise grow with every new name and number), and its records are yielded. A zone per batch would cost
        the time of making every word's lexeme again for each small batch."""
        batches = _batches(iter(items), self.settings.batch_size, self.settings.batch_chars)
        while records := self._zone(batches):
            records.reverse()
            while records:  # each record let go once handed over: none is held while the next zone is analysed
                yield records.pop()

    def _zone(self, batches: Iterator[list[InputDoc]]) -> list[dict[str, Any]]:
        """The records of the next batches, up to ``zone_chars`` characters, analysed in one memory zone (no
        record holds a spaCy object, so they outlive it)."""
        records: list[dict[str, Any]] = []
        chars = 0
        with self.nlp.memory_zone():
            for batch in batches:
                records.extend(self._batch(batch))
                chars += sum(len(item.text or "") for item in batch)
                if chars >= self.settings.zone_chars:
                    break
        return records

    def analyze_one(self, item: InputDoc) -> dict[str, Any]:
        return next(iter(self.analyze([item])))

    def _batch(self, batch: list[InputDoc]) -> list[dict[str, Any]]:
        records: list[dict[str, Any] | None] = [None] * len(batch)
        jobs: list[_Job] = []
        for n, item in enumerate(batch):
            problem = self.precheck(item)
            if problem is not None:
                records[n] = error_record(item, problem)
                continue
            started = self.clock()
            doc = self.nlp.make_doc(item.text)
            doc._.ng_published = item.published
            doc.user_data["ng_id"] = item.id
            doc.user_data[TEXT] = item.text  # the tokenizer keeps every character: the stages need not join tokens
            jobs.append(_Job(n, doc, self.clock() - started))
        # the pipeline as runs of consecutive components that batch (the model's) or do not (ours)
        for batched, run in groupby(self.nlp.pipeline, key=lambda step: hasattr(step[1], "pipe")):
            steps = list(run)
            alive = [job for job in jobs if job.failure is None]
            if not alive:
                break
            if not batched:
                for name, proc in steps:
                    self._one_by_one(name, proc, [job for job in alive if job.failure is None])
                continue
            whole = [job for job in alive if len(doc_text(job.doc)) <= self.settings.batch_chars]
            for job in alive:
                if len(doc_text(job.doc)) > self.settings.batch_chars:
                    self._in_pieces(steps, job)
            for name, proc in steps:
                self._batched(name, proc, [job for job in whole if job.failure is None])
        long = any(len(doc_text(job.doc)) > self.settings.batch_chars for job in jobs)
        for job in jobs:
            records[job.n] = self._record(job, batch[job.n])
            job.doc = Doc(self.nlp.vocab)  # its record is made: the Doc goes now, not with the batch
        if long:
            give_back()
        return [r for r in records if r is not None]

    # ---- the pipeline, stage by stage ---------------------------------------------------------------------
    def _over(self, job: _Job, name: str) -> bool:
        budget = self.settings.time_budget
        if job.failure is None and budget > 0 and job.spent > budget:
            log.warning("%s: over its time budget after stage %s (%.1f s > %.1f s)", job.doc.user_data.get("ng_id"),
                        name, job.spent, budget)
            job.failure = DocumentError(ErrorCode.TIME_BUDGET, f"{job.spent:.1f} s > {budget:g} s, after stage "
                                                               f"{name}")
        return job.failure is not None

    def _in_pieces(self, steps: list[tuple[str, Any]], job: _Job) -> None:
        """The model's components ``steps`` over a long document, one piece at a time through all of them (what
        they wrote kept, the piece let go), then written onto the job's ``Doc``."""
        budget = self.settings.time_budget
        started = self.clock()
        name = steps[0][0]
        try:
            found: list[Any] = []
            for part in pieces.split(job.doc, self.settings.batch_chars):
                for step in steps:
                    name = step[0]  # named in the error if it fails
                    step[1](part)
                found.append(pieces.model_columns(part))
                if budget > 0 and job.spent + self.clock() - started > budget:
                    break
            else:
                pieces.write_back(job.doc, found)
                give_back()
        except Exception as err:  # one bad document must not stop the run; the reason is kept
            log.warning("stage %s failed on a piece of %s: %r", name, job.doc.user_data.get("ng_id"), err)
            job.failure = DocumentError(ErrorCode.PIPELINE, f"stage {name}: {err!r}"[:500])
        job.spent += self.clock() - started
        self._over(job, name)

    def _batched(self, name: str, proc: Any, jobs: list[_Job]) -> None:
        """A component of the model over the whole batch; its time is shared out by tokens."""
        if not jobs:
            return
        started = self.clock()
        try:
            done = list(proc.pipe([job.doc for job in jobs], batch_size=self.settings.batch_size))
        except Exception as err:  # one document broke the batch: find it, keep the others
            log.warning("stage %s failed on a batch (%r); running it one document at a time", name, err)
            self._one_by_one(name, proc, jobs)
            return
        if len(done) != len(jobs):
            self._one_by_one(name, proc, [job for job in jobs if not any(d is job.doc for d in done)])
        elapsed = self.clock() - started
        tokens = sum(len(job.doc) for job in jobs) or 1
        for job in jobs:
            job.spent += elapsed * len(job.doc) / tokens
            self._over(job, name)

    def _one_by_one(self, name: str, proc: Any, jobs: list[_Job]) -> None:
        budget = self.settings.time_budget
        for job in jobs:
            if self._over(job, name):
                continue
            started = self.clock()
            if budget > 0:
                job.doc.user_data[DEADLINE] = (started - job.spent + budget, self.clock)
            try:
                proc(job.doc)
            except TimeBudgetExceeded:
                job.failure = DocumentError(ErrorCode.TIME_BUDGET, f"over {budget:g} s during stage {name}")
            except Exception as err:  # one bad document must not stop the run; the reason is kept
                log.warning("stage %s failed on %s: %r", name, job.doc.user_data.get("ng_id"), err)
                job.failure = DocumentError(ErrorCode.PIPELINE, f"stage {name}: {err!r}"[:500])
            job.doc.user_data.pop(DEADLINE, None)
            job.spent += self.clock() - started
            self._over(job, name)

    def _record(self, job: _Job, item: InputDoc) -> dict[str, Any]:
        if job.failure is not None:
            return error_record(item, job.failure)
        try:
            record = to_record(job.doc, item, release=True)  # decoded from its JSON: every writer can write it
        except Exception as err:  # one bad document must not stop the run; the reason is kept
            log.exception("record conversion failed for %s", item.id)
            return error_record(item, DocumentError(ErrorCode.PIPELINE, f"record: {err!r}"[:500]))
        return record


def _batches(items: Iterator[InputDoc], size: int, chars: int) -> Iterator[list[InputDoc]]:
    """``items`` in order, in batches of at most ``size`` documents and ``chars`` characters of text."""
    batch: list[InputDoc] = []
    total = 0
    for item in items:
        length = len(item.text or "")
        if batch and (len(batch) >= size or total + length > chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += length
    if batch:
        yield batch
