"""Calendar arithmetic and TIMEX3 spellings: days, ISO weeks, months, quarters, nth weekdays, centuries."""

from __future__ import annotations

import datetime as dt

from newsgraph.nlp.times.lexicon import Holiday


def iso(day: dt.date) -> str:
    return day.isoformat()


def ymd(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD``, or None when there is no such day."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def week(day: dt.date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def shift_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``day``'s."""
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def shift_quarter(year: int, number: int, steps: int) -> str:
    total = year * 4 + number - 1 + steps
    return f"{total // 4}-Q{total % 4 + 1}"


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``th ``weekday`` (0 = Monday) of the month; the last one for ``n == -1``."""
    if n == -1:
        fifth = nth_weekday(year, month, weekday, 5)
        return fifth if fifth.month == month else nth_weekday(year, month, weekday, 4)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def holiday_in(rule: Holiday, year: int) -> dt.date:
    if rule.day is not None:
        return dt.date(year, rule.month, rule.day)
    assert rule.weekday is not None  # the loader requires a day or a weekday
    return nth_weekday(year, rule.month, rule.weekday, rule.nth) + dt.timedelta(days=rule.plus_days)


def century_of(two_digits: int, anchor: dt.date | None) -> int:
    """'98 -> 1998, '20s in 2024 -> 2020s: the latest century that does not put the year after the anchor."""
    this = (anchor.year if anchor else 2000) // 100
    return this if this * 100 + two_digits <= (anchor.year if anchor else 2099) + 1 else this - 1
