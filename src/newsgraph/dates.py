"""Calendar days from the strings newsgraph reads and writes (``published`` values, TIMEX3 dates, file names):
``parse_day`` reads the day a value starts with, ``iso_day`` accepts exactly a real YYYY-MM-DD day."""

from __future__ import annotations

import datetime as dt
import re

#: a day written in full: YYYY-MM-DD, in ASCII digits ("２０２４" is not a year here)
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(value: str | None) -> dt.date | None:
    """The day a ``YYYY-MM-DD…`` string starts with, or None (no anchor rather than a wrong one)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def iso_day(value: str | None) -> dt.date | None:
    """The day ``value`` is when it is exactly a real ``YYYY-MM-DD`` day ("2024-02-30", "20240516" and
    "2024-05-16T10:00" are not), else None: the check for a ``published`` date a user gives."""
    if not value or not ISO_DAY.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
