"""Step 4f, durations: "three years" (P3Y), "16-hour" (PT16H), "the past year" (P1Y), "months" (PXM)."""

from __future__ import annotations

import re

from newsgraph.nlp.times.context import When
from newsgraph.nlp.times.lexicon import LEX
from newsgraph.nlp.times.words import COUNT, number


def duration_value(count: int | None, unit: str, half: bool = False) -> str:
    """The TIMEX3 duration of ``count`` ``unit``s (X for an unknown count), plus a half when ``half``."""
    n = "X" if count is None else str(count)
    if unit in {"hour", "minute", "second"}:
        return f"PT{n}{LEX.units[unit]}{'30M' if half and unit == 'hour' else ''}"
    if unit == "decade":
        return f"P{count * 10}Y" if count is not None else "PXDE"
    if unit == "century":
        return f"P{count * 100}Y" if count is not None else "PXCE"
    if unit == "weekend":
        return f"P{2 * count}D" if count is not None else "PXWE"
    if unit == "night":
        unit = "day"
    extra = {"year": "6M", "month": "15D", "day": "T12H"}.get(unit, "") if half else ""
    return f"P{n}{LEX.units[unit]}{extra}"


DURATION = re.compile(
    rf"(?:the |a |an )?(?:year (?:ago|earlier) )?(?:(past|last|next|first|final|previous|coming|following|other|"
    rf"initial|latest|recent|remaining|same|entire|whole|full) )?(?:({COUNT}) )?(?:(?:more|additional|full|"
    rf"straight|consecutive|long|whole|entire|extra|short|brief|working) )?"
    rf"(second|minute|hour|day|night|weekend|week|month|quarter|year|decade|centur(?:y|ie))(s)?"
    r"(?: long| old| running| in a row)?")


RANGE = re.compile(rf"^(?:the |a |an )?(?:{COUNT}) (?:to|or) (?:{COUNT}) (?=\w+s$)")


def duration(low: str, when: When) -> tuple[str | None, str] | None:
    m = DURATION.fullmatch(RANGE.sub("several ", low))  # "two to three weeks": a duration of no one length
    if not m:
        return None
    modifier, count_text, unit, plural = m.group(1), m.group(2) or "", m.group(3), m.group(4)
    unit = "century" if unit.startswith("centur") else unit
    if unit == "weekend" and not count_text:
        return None
    half = count_text.endswith(" 1/2")
    count_text = count_text.removesuffix(" 1/2")
    count = number(count_text) if count_text and count_text not in LEX.vague_counts else None
    if not count_text:
        count = None if plural else 1
    if count is None and not plural and count_text not in LEX.vague_counts and count_text:
        return None
    if modifier in {"same"}:
        return None
    return duration_value(count, unit, half), "DURATION"
