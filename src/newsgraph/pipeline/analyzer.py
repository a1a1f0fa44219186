"""Analyse documents: checks that need no parse, then the spaCy pipeline in batches, then records, in order.

This is the library entry point the CLI, the web UI and Dask workers share.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.config import Settings
from newsgraph.dates import iso_day
from newsgraph.errors import DocumentError, ErrorCode, NewsgraphError
from newsgraph.nlp.build import build_pipeline
from newsgraph.nlp.lang import english_ratio
from newsgraph.pipeline.record import error_record, to_record
from newsgraph.readers.files import InputDoc

log = logging.getLogger(__name__)


class Analyzer:
    """Holds one loaded pipeline; ``analyze`` turns input documents into records, one per input, in order."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp or build_pipeline(self.settings)
        self._failures: dict[int, NewsgraphError] = {}
        # our components have no .pipe, so spaCy hands their failures to the default handler, one doc at a time
        self.nlp.default_error_handler = self._on_error

    def _on_error(self, name: str, proc: Any, docs: list[Doc], err: Exception) -> None:
        for doc in docs:
            log.warning("stage %s failed on %s: %r", name, doc.user_data.get("ng_id"), err)
            self._failures[id(doc)] = DocumentError(ErrorCode.PIPELINE, f"stage {name}: {err!r}")

    def precheck(self, item: InputDoc) -> NewsgraphError | None:
        if item.error is not None:
            return item.error
        if not item.text.strip():
            return DocumentError(ErrorCode.EMPTY, item.id)
        if item.published is not None and not _is_iso_day(item.published):
            return DocumentError(ErrorCode.BAD_DATE, f"{item.id}: published {item.published!r}")
        if len(item.text) > self.settings.max_chars:
            return DocumentError(ErrorCode.TOO_LARGE, f"{len(item.text):,} characters > {self.settings.max_chars:,}")
        ratio, words = english_ratio(item.text)
        if words >= self.settings.min_words_for_language and ratio < self.settings.min_english_ratio:
            return DocumentError(ErrorCode.NOT_ENGLISH, f"{ratio:.0%} English function words in {words} words")
        return None

    def analyze(self, items: Iterable[InputDoc]) -> Iterator[dict[str, Any]]:
        """Records as the batches are done, so memory holds one batch whatever the number of documents: a
        batch is at most ``batch_size`` documents and ``batch_chars`` characters (a longer document is a batch
        of its own), analysed inside a spaCy memory zone so that the strings and lexemes its words added to the
        vocabulary are freed with its ``Doc`` objects once its records are built."""
        for batch in _batches(iter(items), self.settings.batch_size, self.settings.batch_chars):
            with self.nlp.memory_zone():
                records = self._batch(batch)
            yield from records

    def analyze_one(self, item: InputDoc) -> dict[str, Any]:
        return next(iter(self.analyze([item])))

    def _batch(self, batch: list[InputDoc]) -> list[dict[str, Any]]:
        records: list[dict[str, Any] | None] = [None] * len(batch)
        docs: list[tuple[int, Doc]] = []
        for n, item in enumerate(batch):
            problem = self.precheck(item)
            if problem is not None:
                records[n] = error_record(item, problem)
                continue
            doc = self.nlp.make_doc(item.text)
            doc._.ng_published = item.published
            doc.user_data["ng_id"] = item.id
            docs.append((n, doc))
        self._failures.clear()
        done = {id(d): d for d in self.nlp.pipe((d for _, d in docs), batch_size=self.settings.batch_size)}
        for n, doc in docs:
            failure = self._failures.get(id(doc))
            if failure is not None or id(doc) not in done:
                records[n] = error_record(batch[n], failure or DocumentError(ErrorCode.PIPELINE, "no output"))
                continue
            try:
                records[n] = to_record(doc, batch[n])
            except Exception as err:  # one bad document must not stop the run; the reason is kept
                log.exception("record conversion failed for %s", batch[n].id)
                records[n] = error_record(batch[n], DocumentError(ErrorCode.PIPELINE, f"record: {err!r}"))
        return [r for r in records if r is not None]


def _is_iso_day(value: str) -> bool:
    """``published`` must be a real YYYY-MM-DD day: every stage anchors relative dates on it."""
    return isinstance(value, str) and iso_day(value) is not None


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
