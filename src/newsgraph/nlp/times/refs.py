"""Step 4a, references and sets: "now", "recently", "the future" (PRESENT_REF, PAST_REF, FUTURE_REF) and
frequencies ("every week", "twice a year", "Mondays")."""

from __future__ import annotations

import re

from newsgraph.nlp.times.context import When
from newsgraph.nlp.times.durations import duration_value
from newsgraph.nlp.times.lexicon import LEX
from newsgraph.nlp.times.words import COUNT, number

Found = tuple[str | None, str] | None


FUTURE_UNITS = re.compile(r"(the )?(coming|upcoming|future) (days|weeks|months|quarters|years|decades)")


def refs(low: str, when: When) -> Found:
    if low in LEX.present_ref:
        return "PRESENT_REF", "DATE"
    if low in LEX.past_ref or re.fullmatch(r"(the )?(most )?recent (days|weeks|months|years|times)", low):
        return "PAST_REF", "DATE"
    if low in LEX.future_if_future_tense and when.tense == "future":
        return "FUTURE_REF", "DATE"
    if low in LEX.future_ref or FUTURE_UNITS.fullmatch(low):
        return "FUTURE_REF", "DATE"
    return None


def sets(low: str, when: When) -> Found:
    if low in LEX.set_words:
        return LEX.set_words[low], "SET"
    m = re.fullmatch(rf"(?:every|each|per|once a|twice a|\w+ times a) (other )?(?:({COUNT}) )?(\w+?)(s)?", low)
    if not m:
        return _plural_weekday(low)
    count = 2 if m.group(1) else number(m.group(2)) if m.group(2) else 1
    word = m.group(3)
    if word in LEX.weekdays:
        return f"XXXX-WXX-{LEX.weekdays[word] + 1}", "SET"
    if word in LEX.months:
        return f"XXXX-{LEX.months[word]:02d}", "SET"
    if word in LEX.parts_of_day:
        return f"XXXX-XX-XXT{LEX.parts_of_day[word]}", "SET"
    if word in LEX.seasons:
        return f"XXXX-{LEX.seasons[word]}", "SET"
    if word in LEX.units and word != "weekend":
        return duration_value(count, word), "SET"
    return None


def _plural_weekday(low: str) -> Found:
    m = re.fullmatch(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s(?: (morning|afternoon|evening|"
                     r"night)s)?", low)
    if not m:
        return None
    part = f"T{LEX.parts_of_day[m.group(2)]}" if m.group(2) else ""
    return f"XXXX-WXX-{LEX.weekdays[m.group(1)] + 1}{part}", "SET"
