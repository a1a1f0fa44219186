"""Calendar days from the strings newsgraph reads and writes (``published`` values, TIMEX3 dates)."""

from __future__ import annotations

import datetime as dt


def parse_day(value: str | None) -> dt.date | None:
    """The day a ``YYYY-MM-DD…`` string starts with, or None (no anchor rather than a wrong one)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
