"""Step 4, normalisation: a phrase and its context to a TIMEX3 value and type, by a cascade of small rules, one per
family of forms; the first rule that claims the phrase decides (a claim may be "no value": a relative date
without a publication date)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from newsgraph.nlp.times.absolute import absolute, halves, holiday, quarters, seasons
from newsgraph.nlp.times.context import When
from newsgraph.nlp.times.durations import duration
from newsgraph.nlp.times.lexicon import LEX
from newsgraph.nlp.times.refs import refs, sets
from newsgraph.nlp.times.relative import (
    anaphora,
    day_words,
    month,
    month_day,
    named_period,
    nth_of_something,
    offset,
    the_weekend,
    this_unit,
    weekday,
    year_end,
)
from newsgraph.nlp.times.timeofday import clock, part_of_day
from newsgraph.nlp.times.words import clean

Rule = Callable[[str, When], "tuple[str | None, str] | None"]

#: the cascade, in order: references and sets, times of day, dates that name their unit, dates that lean on the
#: tense or the publication date, anaphora and offsets, and durations last
RULES: tuple[Rule, ...] = (refs, sets, clock, part_of_day, absolute, quarters, halves, seasons, holiday, month_day,
                           month, day_words, weekday, this_unit, the_weekend, anaphora, named_period, nth_of_something,
                           year_end, offset, duration)


def normalize(
    text: str, anchor: dt.date | None, local: dt.date | None = None, tense: str | None = None,
    reference: str | None = None,
) -> tuple[str | None, str]:
    """(TIMEX3 value or None, type) for ``text``. ``anchor`` is the publication date, ``local`` the nearest
    explicit date earlier in the sentence, ``tense`` the governing verb's ("past", "future" or None),
    ``reference`` the document's last explicit value."""
    return normalize_in(text, When(anchor, local, tense, reference))


#: a value whose year has five digits or a sign is outside what TIMEX3 (and Python's calendar) can write
BEYOND_CALENDAR = re.compile(r"^(-|[0-9]{5})")


@lru_cache(maxsize=8192)
def normalize_in(text: str, when: When) -> tuple[str | None, str]:
    """``normalize`` with its context in one object (pure, so cached: the same phrases recur in a corpus)."""
    low = clean(text)
    for rule in RULES:
        try:
            found = rule(low, when)
        except (ValueError, OverflowError):  # "next month" of 9999-12-31: beyond the calendar, no value
            return None, "DATE"
        if found is not None and found[0] is not None and BEYOND_CALENDAR.match(found[0]):
            return None, found[1]  # "next year" of 9999-12-31 would be 10000
        if found is not None:
            if found[0] is None and found[1] == "DATE":
                return underspecified(low), "DATE"
            return found
    return None, "DATE"


def underspecified(low: str) -> str | None:
    """The TIMEX3 value of a date whose calendar position the text does not fix (no publication date, or an
    ordinal day of some event), with X for what is unknown: "Tuesday" XXXX-WXX-2, "March 3" XXXX-03-03,
    "last month" XXXX-XX; None when the words name no calendar unit."""
    words = low.replace(",", " ").replace(".", " ").split()
    months = [LEX.months[w] for w in words if w in LEX.months]
    days = [int(w.rstrip("stndrh")) for w in words if re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", w)]
    if months:
        return f"XXXX-{months[0]:02d}-{days[0]:02d}" if days and days[0] <= 31 else f"XXXX-{months[0]:02d}"
    for word in words:
        if word in LEX.weekdays:
            return f"XXXX-WXX-{LEX.weekdays[word] + 1}"
        if word in LEX.seasons:
            return f"XXXX-{LEX.seasons[word]}"
        if word in LEX.quarter_ordinals and "quarter" in words:
            return f"XXXX-Q{LEX.quarter_ordinals[word]}"
    for word in reversed(words):
        unit = UNIT_FORMS.get(word.removesuffix("s"))
        if unit is not None:
            return unit
    return None


#: a calendar unit's unknown value ("the second day" XXXX-XX-XX, "that week" XXXX-WXX)
UNIT_FORMS = {"day": "XXXX-XX-XX", "today": "XXXX-XX-XX", "yesterday": "XXXX-XX-XX", "tomorrow": "XXXX-XX-XX",
              "night": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
              "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX"}
