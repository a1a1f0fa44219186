"""``newsgraph explain --why-not``: every trigger candidate of a passage and what became of it.

A candidate is a word the event stage considered: a verb of the text (the lexicon may have no pattern for it), a
word of the lexicon whose patterns did not hold, a trigger whose event was screened out, merged or coded. The
stage logs each decision with a reason code (``nlp/events/screening.py`` lists them); this module gathers those
and the coded events of a record into one row per word, in text order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsgraph.nlp.rejections import Rejection

#: the logger the event stage's rejections are logged under
STAGE_LOGGER = "newsgraph.nlp.events"


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    text: str
    outcome: str  # "coded" or the reason code ("events:no-pattern-holds", …)
    detail: str


def candidates(record: dict[str, Any], rejections: Iterable[Rejection], start: int = 0,
               end: int | None = None) -> list[Candidate]:
    """The candidates whose word lies in ``[start, end)`` of the record's text."""
    stop = len(record["text"]) if end is None else end
    rows = [_coded(record, e) for e in record["events"] if start <= e["trigger"][0] < stop]
    for r in rejections:
        if r.logger.startswith(STAGE_LOGGER) and r.start is not None and start <= r.start < stop:
            rows.append(Candidate(r.start, r.end or r.start, r.text or "", r.code, r.reason))
    unique = {(c.start, c.outcome, c.detail): c for c in rows}
    return sorted(unique.values(), key=lambda c: (c.start, c.outcome != "coded"))


def _coded(record: dict[str, Any], e: dict[str, Any]) -> Candidate:
    def names(ids: list[str]) -> str:
        return ", ".join(str(record["actors"].get(a, {}).get("name", a)) for a in ids) or "—"

    notes = [e["modality"]] + (["negated"] if e["negated"] else []) + (["embedded in another event"]
                                                                       if e.get("embedded") else [])
    detail = (f"CAMEO {e['cameo']} ({e['plover']}) {names(e['source'])} → {names(e['target'])}; "
              f"{', '.join(notes)}; pattern {e['pattern']}")
    start, end = e["trigger"]
    return Candidate(start, end, record["text"][start:end], "coded", detail)


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The bounds of the sentence around ``offset``: from after the previous full stop (or line break) to the
    next one."""
    if not 0 <= offset < len(text):
        raise ValueError(f"offset {offset} is outside the text (0 … {len(text) - 1})")
    begin = max(text.rfind(mark, 0, offset) for mark in (". ", "? ", "! ", "\n"))
    begin = 0 if begin < 0 else begin + 1
    ends = [i for i in (text.find(mark, offset) for mark in (". ", "? ", "! ", "\n")) if i >= 0]
    return begin, (min(ends) + 1 if ends else len(text))
