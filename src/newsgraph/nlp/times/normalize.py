"""Step 4, normalisation: a phrase and its context to a TIMEX3 value and type, by a cascade of small rules, one per
family of forms; the first rule that claims the phrase decides (a claim may be "no value": a relative date
without a publication date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

from newsgraph.nlp.times.absolute import absolute, halves, holiday, quarters, seasons
from newsgraph.nlp.times.context import When
from newsgraph.nlp.times.durations import duration
from newsgraph.nlp.times.refs import refs, sets
from newsgraph.nlp.times.relative import anaphora, day_words, month, month_day, offset, the_weekend, this_unit, weekday
from newsgraph.nlp.times.timeofday import clock, part_of_day
from newsgraph.nlp.times.words import clean

Rule = Callable[[str, When], "tuple[str | None, str] | None"]

#: the cascade, in order: references and sets, times of day, dates that name their unit, dates that lean on the
#: tense or the publication date, anaphora and offsets, and durations last
RULES: tuple[Rule, ...] = (refs, sets, clock, part_of_day, absolute, quarters, halves, seasons, holiday, month_day,
                           month, day_words, weekday, this_unit, the_weekend, anaphora, offset, duration)


def normalize(
    text: str, anchor: dt.date | None, local: dt.date | None = None, tense: str | None = None,
    reference: str | None = None,
) -> tuple[str | None, str]:
    """(TIMEX3 value or None, type) for ``text``. ``anchor`` is the publication date, ``local`` the nearest
    explicit date earlier in the sentence, ``tense`` the governing verb's ("past", "future" or None),
    ``reference`` the document's last explicit value."""
    return normalize_in(text, When(anchor, local, tense, reference))


@lru_cache(maxsize=8192)
def normalize_in(text: str, when: When) -> tuple[str | None, str]:
    """``normalize`` with its context in one object (pure, so cached: the same phrases recur in a corpus)."""
    low = clean(text)
    for rule in RULES:
        found = rule(low, when)
        if found is not None:
            return found
    return None, "DATE"
