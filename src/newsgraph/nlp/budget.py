"""The per-document time budget, seen from inside a stage.

The analyzer (``pipeline.analyzer``) checks the budget between stages. A stage with a loop that may run long
on a long document can also look inside it::

    for n, tok in enumerate(doc):
        if n % 1000 == 0:
            budget.check(doc)

``check`` raises ``TimeBudgetExceeded`` once the document's deadline has passed; the analyzer turns that into
the document's E018 record and the run goes on. Without a deadline (a stage called outside the analyzer, or no
budget) it does nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: ``doc.user_data`` key of ``(deadline, clock)``: the clock's reading after which the document is over budget
DEADLINE = "ng_deadline"


class TimeBudgetExceeded(Exception):
    """The document's time budget ran out inside a stage."""


def check(doc: Doc) -> None:
    """Raise ``TimeBudgetExceeded`` if ``doc`` is past its deadline."""
    entry = doc.user_data.get(DEADLINE)
    if entry is not None:
        deadline, clock = entry
        if clock() > deadline:
            raise TimeBudgetExceeded(f"past the deadline of {doc.user_data.get('ng_id')}")
