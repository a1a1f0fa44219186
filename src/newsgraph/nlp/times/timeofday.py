"""Step 4a, times of day: clock times ("10:30 a.m. Monday", "noon") and parts of days ("Tuesday morning",
"tonight"), on the day their other words name (or the sentence's, or the publication date)."""

from __future__ import annotations

import re

from newsgraph.nlp.times.absolute import absolute, holiday
from newsgraph.nlp.times.calendar import iso
from newsgraph.nlp.times.context import When
from newsgraph.nlp.times.lexicon import LEX
from newsgraph.nlp.times.relative import anaphora, day_words, month_day, offset, weekday
from newsgraph.nlp.times.words import clean

Found = tuple[str | None, str] | None

CLOCK = re.compile(r"(?:\b(\d{1,2})(?:[:.](\d\d))? ?(am|pm|o'clock)\b|\b(noon|midday|midnight)\b"
                   r"|\b(\d{1,2}):(\d\d)\b)(?: (?:[a-z]{1,2}[sd]t|gmt|utc|local time|et))?")
#: the rules that can name a day, in the cascade's order
DAY_RULES = (absolute, holiday, month_day, day_words, weekday, anaphora, offset)


def day_of(text: str, when: When) -> str | None:
    """The day-level value of ``text`` (a weekday, a date, "yesterday"), or None."""
    low = clean(text)
    for rule in DAY_RULES:
        found = rule(low, when)
        if found is not None:
            value = found[0]
            return value if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None
    return None


def clock(low: str, when: When) -> Found:
    m = CLOCK.search(low)
    if not m:
        return None
    if m.group(4):
        hour, minute = {"noon": 12, "midday": 12, "midnight": 24}[m.group(4)], 0
    else:
        hour = int(m.group(1) or m.group(5))
        minute = int(m.group(2) or m.group(6) or 0)
        if m.group(3) == "pm" and hour < 12:
            hour += 12
        elif m.group(3) == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
    rest = re.sub(r"\b(?:in the |early |late )?(?:morning|afternoon|evening|night)\b", "", low[: m.start()] + " "
                  + low[m.end():])
    rest = re.sub(r"^[\s,]*(?:on|at)?[\s,]*|[\s,]*(?:on|at)?[\s,]*$", "", rest)
    rest = {"this": "", "last": "yesterday"}.get(rest, rest)
    day = day_of(rest, when) if rest else (iso(when.base) if when.base else None)
    return (f"{day}T{hour:02d}:{minute:02d}" if day else None), "TIME"


DAY_OF_PART = {"this": "today", "last": "yesterday", "the next": "the next day", "the following": "the next day",
               "that": "that day", "the same": "that day", "the previous": "the previous day"}


def part_of_day(low: str, when: When) -> Found:
    if low == "tonight":
        return (f"{iso(when.anchor)}TNI" if when.anchor else None), "TIME"
    m = re.fullmatch(r"(.+?),? (?:early |late |mid )?(?:in the )?(morning|afternoon|evening|night)", low) or \
        re.fullmatch(r"(?:early |late |mid )?(?:in the )?(morning|afternoon|evening|night) (?:of |on )?(.+)", low)
    if not m:
        return None
    day_text, part = (m.group(1), m.group(2)) if m.group(2) in LEX.parts_of_day else (m.group(2), m.group(1))
    day = day_of(DAY_OF_PART.get(day_text, day_text), when)
    if day is None:
        return None
    return f"{day}T{LEX.parts_of_day[part]}", "TIME"
