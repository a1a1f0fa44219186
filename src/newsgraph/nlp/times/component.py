"""The ``newsgraph_times`` spaCy component: finds the time expressions of a parsed ``Doc`` (steps 1-2), reads
each one's context (step 3), normalises it (step 4) and sets ``doc._.ng_times``."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.dates import parse_day
from newsgraph.nlp.extensions import TimeX
from newsgraph.nlp.rejections import reject
from newsgraph.nlp.times.calendar import ymd
from newsgraph.nlp.times.context import When, explicit, parse_timex, tense
from newsgraph.nlp.times.normalize import normalize_in
from newsgraph.nlp.times.recognize import candidates

log = logging.getLogger(__name__)


@Language.factory("newsgraph_times", assigns=["doc._.ng_times"], default_config={})
def make_times(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger()


@dataclass
class _Memory:
    """What the text has said so far: its last explicit value and day, and each sentence's explicit date."""

    reference: str | None = None
    reference_day: str | None = None
    reference_sent: int = -1
    local: dict[int, str] = field(default_factory=dict)

    def context(self, anchor: dt.date | None, span: Span, sent_start: int) -> When:
        return When(anchor, parse_timex(self.local.get(sent_start)), tense(span), self.reference,
                    nearby=self.reference_sent == sent_start, reference_day=self.reference_day)

    def remember(self, text: str, sent_start: int, value: str, kind: str) -> None:
        if not explicit(text, value):
            return
        self.reference, self.reference_sent = value, sent_start
        if re.match(r"\d{4}-\d\d-\d\d", value):
            self.reference_day = value[:10]
        if kind == "DATE" and re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
            self.local[sent_start] = value


class TimeTagger:
    def __call__(self, doc: Doc) -> Doc:
        anchor = parse_day(doc._.ng_published)
        out: list[TimeX] = []
        memory = _Memory()
        found = candidates(doc)
        for n, (span, how) in enumerate(found):
            sent_start = span.sent.start
            when = memory.context(anchor, span, sent_start)
            closing = _closing_day(span, found[n + 1][0] if n + 1 < len(found) else None, when)
            if closing is not None:
                when = replace(when, ends=closing)
            if re.fullmatch(r"\d{1,2}", span.text):  # "April 24 and 25"
                resolved: tuple[Span, str | None, str] | None = (
                    span, _day_after_list(out[-1]["value"] if out else None, int(span.text)), "DATE")
            else:
                resolved = _resolve(span, when)
            if resolved is None or (resolved[1] is None and resolved[2] == "DATE"):
                reject(log, "times:no-value", span, "a date whose words give no value")
                continue
            span, value, kind = resolved
            text = span.text
            if value is not None:
                memory.remember(text, sent_start, value, kind)
            out.append(TimeX(start=span.start_char, end=span.end_char, text=text, type=kind, value=value,
                             tok=(span.start, span.end), how=how))
        doc._.ng_times = out
        return doc


def _resolve(span: Span, when: When) -> tuple[Span, str | None, str] | None:
    """(span, value, type) of a candidate: its own words' value, else that of the longest tail of its words that
    has one ("coup d'etat [last year]", "as early as [next year's first quarter]", "an interview [several
    months]")."""
    value, kind = normalize_in(span.text, when)
    if value is not None or kind != "DATE":
        return span, value, kind
    for start in range(span.start + 1, span.end):
        tail = span.doc[start : span.end]
        value, kind = normalize_in(tail.text, when)
        if value is not None and not value.startswith("X") and (kind != "DURATION" or len(tail) > 1):
            return tail, value, kind  # not a lone "day" out of "the eighth day"
    return None


def _closing_day(span: Span, following: Span | None, when: When) -> str | None:
    """The day that closes the period ``span`` names, when the next expression follows it as "ended"/"ending"
    ("the quarter ended Sept. 30", "the year ending June 30")."""
    if following is None or following.start != span.end + 1 or span.doc[span.end].lower_ not in {"ended", "ending"}:
        return None
    value, _ = normalize_in(following.text, replace(when, tense=tense(following)))
    return value if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None


def _day_after_list(previous: str | None, day: int) -> str | None:
    if previous and re.fullmatch(r"\d{4}-\d\d-\d\d", previous):
        return ymd(int(previous[:4]), int(previous[5:7]), day)
    return None
