"""The ``newsgraph_times`` spaCy component: finds the time expressions of a parsed ``Doc`` (steps 1-2), reads
each one's context (step 3), normalises it (step 4) and sets ``doc._.ng_times``."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.dates import parse_day
from newsgraph.nlp.extensions import TimeX
from newsgraph.nlp.times.calendar import ymd
from newsgraph.nlp.times.context import When, explicit, parse_timex, tense
from newsgraph.nlp.times.normalize import normalize_in
from newsgraph.nlp.times.recognize import candidates


@Language.factory("newsgraph_times", assigns=["doc._.ng_times"], default_config={})
def make_times(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger()


class TimeTagger:
    def __call__(self, doc: Doc) -> Doc:
        anchor = parse_day(doc._.ng_published)
        out: list[TimeX] = []
        local: dict[int, str] = {}
        reference: str | None = None
        reference_day: str | None = None
        reference_sent = -1
        for span, how in candidates(doc):
            sent_start = span.sent.start
            when = When(anchor, parse_timex(local.get(sent_start)), tense(span), reference,
                        nearby=reference_sent == sent_start, reference_day=reference_day)
            value, kind = normalize_in(span.text, when)
            if re.fullmatch(r"\d{1,2}", span.text):
                value = _day_after_list(out[-1]["value"] if out else None, int(span.text))  # "April 24 and 25"
                if value is None:
                    continue
            if value is not None and explicit(span.text, value):
                reference, reference_sent = value, sent_start
                if re.match(r"\d{4}-\d\d-\d\d", value):
                    reference_day = value[:10]
                if kind == "DATE" and re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
                    local[sent_start] = value
            out.append(TimeX(start=span.start_char, end=span.end_char, text=span.text, type=kind, value=value,
                             tok=(span.start, span.end), how=how))
        doc._.ng_times = out
        return doc


def _day_after_list(previous: str | None, day: int) -> str | None:
    if previous and re.fullmatch(r"\d{4}-\d\d-\d\d", previous):
        return ymd(int(previous[:4]), int(previous[5:7]), day)
    return None
