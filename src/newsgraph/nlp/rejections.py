"""Why a stage let something go: every rejection is logged, at debug level, with a reason code.

The convention (as trafilatura logs why it drops an element): where a stage considers words and decides they are
not what it looks for — a time candidate that is a product name, an event trigger without a source, a number
that counts nothing — it calls

    reject(log, "times:not-a-date", span, "a model number")

with its module's logger (``logging.getLogger(__name__)``, so every stage logs under ``newsgraph.nlp``).

- ``code`` is ``<stage>:<reason>``, short, stable and documented beside the rule that uses it: tests, logs and
  ``newsgraph explain --why-not`` cite it.
- ``where`` is the token or span considered (its character offsets and text go into the record), or None.
- ``reason`` is optional prose for a human reader; ``details`` any further plain values (a lemma, a pattern).

Nothing is built when debug logging is off (one ``isEnabledFor`` test), so rejections cost nothing in a normal
run. To see them, turn on debug logging for ``newsgraph`` or gather them with ``collect()``:

    with collect() as found:
        nlp(text)
    [r for r in found if r.start <= offset < r.end]
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

ROOT_LOGGER = "newsgraph"


@dataclass(frozen=True)
class Rejection:
    """One rejection, as ``collect`` gathers it."""

    code: str
    start: int | None  # character offsets of the words considered, end-exclusive
    end: int | None
    text: str | None
    reason: str
    logger: str
    details: dict[str, Any] = field(default_factory=dict)


def reject(log: logging.Logger, code: str, where: Token | Span | None = None, reason: str = "",
           **details: Any) -> None:
    """Log that the words ``where`` were let go, for the reason ``code`` (``<stage>:<reason>``)."""
    if not log.isEnabledFor(logging.DEBUG):
        return
    start = end = text = None
    if isinstance(where, Token):
        start, end, text = where.idx, where.idx + len(where.text), where.text
    elif isinstance(where, Span):
        start, end, text = where.start_char, where.end_char, where.text
    log.debug("rejected %s %r%s", code, text, f": {reason}" if reason else "",
              extra={"ng_rejection": Rejection(code, start, end, text, reason, log.name, dict(details))})


class _Gather(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.found: list[Rejection] = []

    def emit(self, record: logging.LogRecord) -> None:
        rejection = getattr(record, "ng_rejection", None)
        if isinstance(rejection, Rejection):
            self.found.append(rejection)


@contextmanager
def collect(logger: str = ROOT_LOGGER) -> Iterator[list[Rejection]]:
    """Gather the rejections logged under ``logger`` while the block runs (debug logging is on meanwhile, and
    that logger's records go to the gathering only)."""
    target = logging.getLogger(logger)
    handler = _Gather()
    level, propagate = target.level, target.propagate
    target.addHandler(handler)
    target.setLevel(logging.DEBUG)
    target.propagate = False  # gathered, not printed by whatever handlers the application has
    try:
        yield handler.found
    finally:
        target.removeHandler(handler)
        target.setLevel(level)
        target.propagate = propagate
