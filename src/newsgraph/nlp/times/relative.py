"""Steps 4d and 4e, dates that lean on another date: months and days whose year comes from the tense ("in March",
"Dec. 25"), words relative to the publication date ("yesterday", "on Tuesday", "last week", "three days ago") and
anaphora ("that day", "the following month")."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.nlp.times.absolute import ref_quarter
from newsgraph.nlp.times.calendar import iso, quarter, shift_months, shift_quarter, week, ymd
from newsgraph.nlp.times.context import When, reference_day, reference_in
from newsgraph.nlp.times.lexicon import LEX
from newsgraph.nlp.times.words import COUNT, ORDINAL_DAY, UNIT, number

Found = tuple[str | None, str] | None


# -- 4d. months and days whose year comes from the tense ----------------------------------------------------------

def pick_day(anchor: dt.date, month: int, day: int, tense: str | None) -> str | None:
    """The nearest such day to the anchor, a day on the wrong side of the tense counting as 90 days further
    ("payable Dec. 1", said in November, is this Dec. 1 even after a past-tense verb)."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None

    def cost(day_: dt.date) -> int:
        diff = (day_ - anchor).days
        wrong = (tense == "past" and diff > 0) or (tense == "future" and diff < 0)
        return abs(diff) + (90 if wrong else 0)

    return iso(min(candidates, key=cost))


def pick_month(anchor: dt.date, month: int, tense: str | None, word: str | None) -> str:
    if word in {"last", "past", "previous"}:
        year = anchor.year - (month >= anchor.month)
    elif word in {"next", "coming"}:
        year = anchor.year + (month <= anchor.month)
    elif word == "this":
        year = anchor.year
    elif tense == "past":
        year = anchor.year - (month > anchor.month)
    elif tense == "future":
        year = anchor.year + (month < anchor.month)
    else:  # the nearest such month, looking back on a tie
        ahead = (month - anchor.month) % 12
        year = anchor.year + (anchor.month + ahead > 12) if ahead < 6 else anchor.year - (month > anchor.month)
    return f"{year}-{month:02d}"


def month_day(low: str, when: When) -> Found:
    m = re.fullmatch(r"(?:(?:last|this|next|this coming|this past|coming|past) )?(?:([a-z]+),? )?([a-z]+)\.? "
                     r"(\d{1,2})(?:st|nd|rd|th)?", low) or \
        re.fullmatch(r"(?:the )?(?:([a-z]+),? )?(?:the )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)", low)
    if not m:
        return None
    weekday, a, b = m.groups()
    month_word, day_word = (a, b) if a in LEX.months else (b, a)
    if month_word not in LEX.months or (weekday and weekday not in LEX.weekdays):
        return None
    if not when.anchor:
        return None, "DATE"
    month, day = LEX.months[month_word], int(day_word)
    if weekday:  # "Monday, Oct. 26": the year whose Oct. 26 is a Monday
        for year in (when.anchor.year, when.anchor.year - 1, when.anchor.year + 1):
            value = ymd(year, month, day)
            if value and dt.date.fromisoformat(value).weekday() == LEX.weekdays[weekday]:
                return value, "DATE"
    tense = "past" if low.startswith("last ") else "future" if low.startswith("next ") else when.tense
    return pick_day(when.anchor, month, day, tense), "DATE"


def month(low: str, when: When) -> Found:
    m = re.fullmatch(r"(?:(last|this|next|past|previous|coming) )?([a-z]+)\.?(?: (this|last|next) year)?", low)
    if not m or m.group(2) not in LEX.months:
        return None
    if not when.anchor:
        return None, "DATE"
    number_ = LEX.months[m.group(2)]
    if m.group(3):
        year = when.anchor.year + {"this": 0, "last": -1, "next": 1}[m.group(3)]
        return f"{year}-{number_:02d}", "DATE"
    return pick_month(when.anchor, number_, when.tense, m.group(1)), "DATE"


# -- 4e. relative to the publication date, and anaphora --------------------------------------------------------------

def day_words(low: str, when: When) -> Found:
    key = low if low in LEX.day_words else next((w for w in ("today", "yesterday", "tomorrow")
                                                  if low.startswith(w + " ")), None)
    if key is None:
        return None
    if not when.anchor:
        return None, "DATE"
    return iso(when.anchor + dt.timedelta(days=LEX.day_words[key])), "DATE"


def weekday(low: str, when: When) -> Found:
    m = re.fullmatch(r"(?:(this coming|this past|the previous|the prior|the following|the next|last|this|next|past|"
                     r"coming|previous|early|late) )?"
                     r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:this|next|last) week)?", low)
    if not m:
        return None
    target, word = LEX.weekdays[m.group(2)], m.group(1)
    if word in {"the previous", "the prior", "the following", "the next"}:  # from the day the text last named
        base = reference_day(when)
        if base is None:
            return None, "DATE"
        if word in {"the previous", "the prior"}:
            return iso(base - dt.timedelta(days=(base.weekday() - target) % 7 or 7)), "DATE"
        return iso(base + dt.timedelta(days=(target - base.weekday()) % 7 or 7)), "DATE"
    if not when.anchor:
        return None, "DATE"
    a = when.anchor
    if word in {"last", "past", "previous", "this past"}:
        return iso(a - dt.timedelta(days=(a.weekday() - target) % 7 or 7)), "DATE"
    if word in {"next", "coming", "this coming"}:
        return iso(a + dt.timedelta(days=(target - a.weekday()) % 7 or 7)), "DATE"
    if when.tense == "future":
        return iso(a + dt.timedelta(days=(target - a.weekday()) % 7)), "DATE"
    if when.tense in {"present", "open"}:  # the nearest such day
        delta = (target - a.weekday()) % 7
        return iso(a + dt.timedelta(days=delta - 7 if delta > 3 else delta)), "DATE"
    return iso(a - dt.timedelta(days=(a.weekday() - target) % 7)), "DATE"  # news mostly reports what happened


STEPS = {"last": -1, "previous": -1, "the previous": -1, "next": 1, "coming": 1, "the following": 1, "the next": 1,
         "the coming": 1}


def this_unit(low: str, when: When) -> Found:
    m = re.fullmatch(r"(last|this|next|previous|coming|current|the current|the previous|the following|the next"
                     r"|the coming) (week|weekend|month|year)", low)
    if not m:
        return None
    word, unit = m.groups()
    anaphoric = word in {"the previous", "the following", "the next"}
    base = reference_in(when, unit) if anaphoric else when.anchor
    if base is None:
        return None, "DATE"
    step = STEPS.get(word, 0)
    if unit == "week":
        return week(base + dt.timedelta(weeks=step)), "DATE"
    quarter_ref = ref_quarter(when) if when.reference and "-Q" in when.reference else None
    if unit == "year" and step == -1 and quarter_ref and when.nearby and not anaphoric:  # "up from last year"
        return shift_quarter(*quarter_ref, -4), "DATE"
    if unit == "weekend":
        return weekend(base, step, when.tense if word in {"the", "this"} else None), "DATE"
    if unit == "month":
        return shift_months(base, step).isoformat()[:7], "DATE"
    return str(base.year + step), "DATE"


PERIOD = re.compile(r"the (?:(past|last|latest|most recent|full) )?(week|month|year|decade)")


def named_period(low: str, when: When) -> Found:
    """'the past year', 'the last week', 'the full year', 'the year' (and "the end of the year", "earlier in the
    year", whose first words ``clean`` drops): TimeML reads these as the calendar unit they name, a DATE — the
    one before the publication date's for past/last/latest, else the sentence's or the publication date's.
    A year closed by a day ("the year ended March 31") is the twelve months to that day, a DURATION."""
    m = PERIOD.fullmatch(low)
    if not m:
        return None
    word, unit = m.groups()
    if when.ends and unit == "year":
        return "P1Y", "DURATION"
    base = when.anchor if word else when.base
    if base is None:
        return None, "DATE"
    step = -1 if word in {"past", "last", "latest", "most recent"} else 0
    if unit == "week":
        return week(base + dt.timedelta(weeks=step)), "DATE"
    if unit == "month":
        return shift_months(base, step).isoformat()[:7], "DATE"
    if unit == "decade":
        return str(base.year // 10 + step), "DATE"
    return str(base.year + step), "DATE"


def nth_of_something(low: str, when: When) -> Found:
    """'the second day' (of an offensive), 'the third week' (of a strike): a date the text fixes only by an event
    it does not date — claimed, without a value (so written with X)."""
    m = re.fullmatch(rf"the ({ORDINAL_DAY}|\d{{1,2}}(?:st|nd|rd|th)|last|final) (?:straight |consecutive )?"
                     r"(day|night|week|month|year)", low)
    return (None, "DATE") if m else None


def year_end(low: str, when: When) -> Found:
    """'year-end', "year's end": the closing day of the year (December 31), as accounts use it; the year before
    the publication date's after a past-tense verb ("had risen since year-end")."""
    if not re.fullmatch(r"(?:the )?year(?:'s)? end", low):
        return None
    if when.anchor is None:
        return None, "DATE"
    return f"{when.anchor.year - (when.tense == 'past')}-12-31", "DATE"


def weekend(base: dt.date, step: int, tense: str | None) -> str:
    saturday = base + dt.timedelta(days=(5 - base.weekday()) % 7)  # the coming (or current) weekend
    if step < 0 or (step == 0 and tense == "past" and base.weekday() < 5):
        saturday -= dt.timedelta(days=7)
    elif step > 0 and base.weekday() >= 5:
        saturday += dt.timedelta(days=7)
    return f"{week(saturday)}-WE"


def the_weekend(low: str, when: When) -> Found:
    if low not in {"the weekend", "weekend"}:
        return None
    if not when.anchor:
        return None, "DATE"
    return weekend(when.anchor, 0, when.tense or "past"), "DATE"


def anaphora(low: str, when: When) -> Found:
    if low in LEX.day_anaphora:
        base = reference_day(when)
        return (iso(base + dt.timedelta(days=LEX.day_anaphora[low])) if base else None), "DATE"
    if low in LEX.year_anaphora:
        ref = when.reference
        year = ref[:4] if ref and re.match(r"\d{4}", ref) else (str(when.anchor.year) if when.anchor else None)
        return year, "DATE"
    return None


def offset(low: str, when: When) -> Found:
    m = re.fullmatch(rf"(?:({COUNT}) |the )?{UNIT} (after|before|earlier|later|ago|from now|hence)", low)
    if not m:
        return None
    count_text, unit, direction = m.group(1) or "", m.group(2), m.group(3)
    unit_text = low[m.start(2) : m.end(2) + 1].strip()
    unit = "century" if unit.startswith("centur") else unit
    count = number(count_text) if count_text else (None if unit_text.endswith("s") else 1)
    vague = count is None or count_text in LEX.vague_counts
    if direction == "ago" and vague and count_text:
        return "PAST_REF", "DATE"
    quarter_ref = ref_quarter(when) if when.reference and "-Q" in when.reference else None
    if quarter_ref and unit == "year" and direction in {"ago", "earlier", "before"} and not vague:
        return shift_quarter(*quarter_ref, -4 * (count or 1)), "DATE"
    base = when.anchor if direction in {"ago", "from now", "hence"} else when.base
    if base is None:
        return None, "DATE"
    sign = 1 if direction in {"before", "later", "from now", "hence"} else -1
    return shift(base, unit, sign * (count or 3), vague and not count_text.isdigit()), "DATE"


def shift(base: dt.date, unit: str, amount: int, vague: bool) -> str:
    """The value ``amount`` ``unit``s from ``base``, one unit coarser when the amount is vague."""
    if unit in {"day", "night"}:
        day = base + dt.timedelta(days=amount)
        return day.isoformat()[:7] if vague else day.isoformat()
    if unit == "week":
        day = base + dt.timedelta(weeks=amount)
        return day.isoformat()[:7] if vague else week(day)
    if unit == "month":
        return shift_months(base, amount).isoformat()[:7 if not vague else 4]
    if unit == "quarter":
        return shift_quarter(*quarter(base), amount)
    if unit == "decade":
        return str(base.year + 10 * amount)
    if unit == "century":
        return str(base.year + 100 * amount)
    if unit in {"hour", "minute", "second"}:
        return base.isoformat()
    return str(base.year + amount)
