"""Steps 4b and 4c, dates that name their calendar unit: days, months and years written out ("May 16, 2024",
"5/16/24"), decades and centuries, quarters ("the third quarter", "the year-ago period"), halves, seasons and
holidays."""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.dates import parse_day
from newsgraph.nlp.times.calendar import century_of, holiday_in, iso, quarter, shift_quarter, ymd
from newsgraph.nlp.times.context import When
from newsgraph.nlp.times.lexicon import LEX
from newsgraph.nlp.times.words import SMALL, number

Found = tuple[str | None, str] | None


def absolute(low: str, when: When) -> Found:
    m = re.fullmatch(r"(?:[a-z]+,? )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?,? (\d{4})", low)
    if m and m.group(2) in LEX.months:
        return ymd(int(m.group(3)), LEX.months[m.group(2)], int(m.group(1))), "DATE"
    m = re.fullmatch(r"(?:[a-z]+,? )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", low)
    if m and m.group(1) in LEX.months:
        return ymd(int(m.group(3)), LEX.months[m.group(1)], int(m.group(2))), "DATE"
    m = re.fullmatch(r"([a-z]+)\.?,? (?:of )?(\d{4})", low)
    if m and m.group(1) in LEX.months:
        return f"{m.group(2)}-{LEX.months[m.group(1)]:02d}", "DATE"
    m = re.fullmatch(r"(\d{4})[-/](\d\d)[-/](\d\d)(?:t[\d:]+)?", low)
    if m:
        return ymd(int(m.group(1)), int(m.group(2)), int(m.group(3))), "DATE"
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", low)
    if m:
        year = int(m.group(3)) if len(m.group(3)) == 4 else century_of(int(m.group(3)), when.anchor) * 100 + int(
            m.group(3))
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 >= second:  # "16/05/2024": day first, as most of the world writes it
            first, second = second, first
        return ymd(year, first, second), "DATE"
    m = re.fullmatch(r"(?:the )?(?:year |fy ?)?(\d{4})|'(\d\d)", low)
    if m:
        year = int(m.group(1)) if m.group(1) else century_of(int(m.group(2)), when.anchor) * 100 + int(m.group(2))
        return (str(year), "DATE") if 1000 <= year <= 2199 else None
    return _decade(low, when) or _century(low, when) or _word_year(low)


def _decade(low: str, when: When) -> Found:
    m = re.fullmatch(r"(?:the )?(\d\d)?(\d)0'?s", low) or re.fullmatch(r"(?:the )?'(\d\d)?(\d)0s", low)
    if m:
        century = int(m.group(1)) if m.group(1) else century_of(int(m.group(2)) * 10, when.anchor)
        return f"{century}{m.group(2)}", "DATE"
    m = re.fullmatch(r"(?:the )?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", low)
    if m:
        digit = LEX.decade_words[m.group(1)]
        return f"{century_of(digit * 10, when.anchor)}{digit}", "DATE"
    m = re.fullmatch(r"(this|last|next|the past|the last|the next|the previous) decade", low)
    if m and when.anchor and not m.group(1).startswith("the"):
        step = {"this": 0, "last": -1, "next": 1}[m.group(1)]
        return str(when.anchor.year // 10 + step), "DATE"
    return None


def _century(low: str, when: When) -> Found:
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", low)
    if m:
        return f"{int(m.group(1)) - 1:02d}", "DATE"
    if low == "this century" and when.anchor:
        return f"{when.anchor.year // 100:02d}", "DATE"
    return None


def _word_year(low: str) -> Found:
    m = re.fullmatch(r"(?:the )?(?:year )?(nineteen|eighteen|twenty) (.+)", low)
    if m and not re.search(r"\b(years?|days?|months?|weeks?|hours?)\b", low):
        rest = number(m.group(2))
        if rest is not None and rest < 100:
            return str(SMALL.get(m.group(1), 20) * 100 + rest), "DATE"
    m = re.fullmatch(r"(?:the )?year (two thousand(?: and)?(?: [a-z]+)*)", low)
    if m:
        year = number(m.group(1))
        return (str(year), "DATE") if year else None
    return None


# -- 4c. quarters, halves, seasons, holidays ----------------------------------------------------------------------

def ref_quarter(when: When) -> tuple[int, int] | None:
    """The quarter being reported: the text's last named quarter (not one still ahead of the publication date,
    which is a forecast), else the latest quarter to have ended."""
    if when.reference and (m := re.fullmatch(r"(\d{4})-Q([1-4])", when.reference)):
        named = int(m.group(1)), int(m.group(2))
        if when.anchor is None or named <= quarter(when.anchor):
            return named
    if when.anchor:
        year, number_ = quarter(when.anchor)
        return (year, number_ - 1) if number_ > 1 else (year - 1, 4)
    return None


def _comparison_quarter(low: str, when: When) -> Found:
    """'the year-ago quarter', 'the 1988 period', 'the third quarter a year ago'."""
    m = re.fullmatch(r"(?:the )?(?:comparable |same )?(?:year (?:ago|earlier) |(\d{4}) )"
                     r"(?:(first|second|third|fourth|1st|2nd|3rd|4th) )?(quarter|period)", low) or re.fullmatch(
        r"(?:the )?(?:(first|second|third|fourth) )?(quarter|period) (?:of )?a year (?:ago|earlier)", low)
    if not m:
        return None
    groups = m.groups()
    year_text = groups[0] if len(groups) == 3 else None
    ordinal = groups[1] if len(groups) == 3 else groups[0]
    ref = ref_quarter(when)
    if ref is None:
        return None, "DATE"
    year = int(year_text) if year_text else ref[0] - 1
    number_ = LEX.quarter_ordinals[ordinal] if ordinal else ref[1]
    return f"{year}-Q{number_}", "DATE"


QUARTER = re.compile(r"(?:the )?(?:(this|that|last|next|current|latest|most recent|recent|previous|prior|same|past|"
                     r"this year's|last year's|next year's) )?"
                     r"(?:(first|second|third|fourth|1st|2nd|3rd|4th|final) )?quarter(?: (?:of )?(\d{4}))?"
                     r"|(?:the )?(\d{4}) (first|second|third|fourth|1st|2nd|3rd|4th) quarter|q([1-4])(?: (\d{4}))?")


def quarters(low: str, when: When) -> Found:
    found = _comparison_quarter(low, when)
    if found is not None:
        return found
    if re.fullmatch(r"(?:the )?(?:latest|most recent|recent) (?:period|quarter)", low):
        ref = ref_quarter(When(when.anchor))  # the latest quarter to have ended
        return (f"{ref[0]}-Q{ref[1]}" if ref else None), "DATE"
    if re.fullmatch(r"(?:the )?(?:current|same) period", low):
        ref = ref_quarter(when)
        return (f"{ref[0]}-Q{ref[1]}" if ref else None), "DATE"
    m = QUARTER.fullmatch(low)
    if not m:
        return None
    word, ordinal, year_text = m.group(1), m.group(2) or m.group(5), m.group(3) or m.group(4) or m.group(7)
    number_ = LEX.quarter_ordinals.get(ordinal or "") or (int(m.group(6)) if m.group(6) else None)
    if year_text and number_:
        return f"{year_text}-Q{number_}", "DATE"
    end = parse_day(when.ends)
    if end is not None and not year_text and word in {None, "latest", "most recent", "recent", "current"}:
        return _quarter_ending(end, number_), "DATE"
    if not when.anchor:
        return None, "DATE"
    return _quarter_near(word, number_, when)


def _quarter_ending(end: dt.date, number_: int | None) -> str:
    """The quarter that ends on ``end`` ("the quarter ended Sept. 30"): a fiscal quarter named by its ordinal
    belongs to the year it ends in; an unnamed one is the calendar quarter holding most of its three months."""
    if number_:
        return f"{end.year}-Q{number_}"
    year, number_ = quarter(end - dt.timedelta(days=45))
    return f"{year}-Q{number_}"


def _quarter_near(word: str | None, number_: int | None, when: When) -> Found:
    assert when.anchor is not None
    year, current = quarter(when.anchor)
    if word == "last year's" and not number_:  # "last year's quarter": the one a year before the reported one
        ref = ref_quarter(when)
        return (shift_quarter(*ref, -4) if ref else None), "DATE"
    if number_:
        if word in {"last", "previous", "prior", "last year's"}:
            return f"{year - 1}-Q{number_}", "DATE"
        if word == "this year's":
            return f"{year}-Q{number_}", "DATE"
        if word in {"next", "next year's"}:
            return f"{year + 1}-Q{number_}", "DATE"
        return f"{year - (number_ > current and when.tense != 'future')}-Q{number_}", "DATE"
    if word in {"this", "current"}:
        return f"{year}-Q{current}", "DATE"
    if word == "next":
        return shift_quarter(year, current, 1), "DATE"
    if word in {"last", "previous", "prior", "past"}:
        return shift_quarter(year, current, -1), "DATE"
    ref = ref_quarter(when)
    return (f"{ref[0]}-Q{ref[1]}" if ref else None), "DATE"


def halves(low: str, when: When) -> Found:
    m = re.fullmatch(r"(?:the )?(?:(\d{4}) )?(first|second|latter|last) half(?: (?:of )?(?:the year )?(\d{4}))?",
                     low) or \
        re.fullmatch(r"(?:the )?(?:(\d{4}) )?(first|second) two quarters(?: of (\d{4}))?", low) or \
        re.fullmatch(r"(?:(\d{4}) )?h([12])(?: (\d{4}))?", low)
    if not m:
        return None
    half = 1 if m.group(2) in {"first", "1"} else 2
    year = m.group(1) or m.group(3)
    if year is None:
        if not when.anchor:
            return None, "DATE"
        now = 1 if when.anchor.month <= 6 else 2
        year = str(when.anchor.year - (half > now and when.tense != "future"))
    return f"{year}-H{half}", "DATE"


def seasons(low: str, when: When) -> Found:
    m = re.fullmatch(r"(?:(this past|this coming|this|last|next|past|coming|the) )?(spring|summer|fall|autumn|winter)"
                     r"(?: (?:of )?(\d{4}))?|(?:the )?(\d{4}) (spring|summer|fall|autumn|winter)", low)
    if not m:
        return None
    word, season = m.group(1), LEX.seasons[m.group(2) or m.group(5)]
    word = {"this past": "last", "this coming": "next"}.get(word or "", word)
    year_text = m.group(3) or m.group(4)
    if year_text:
        return f"{year_text}-{season}", "DATE"
    if not when.anchor:
        return None, "DATE"
    a, begins = when.anchor, LEX.season_starts[season]
    started = a.year if a.month >= begins else a.year - 1  # the year of the latest such season to have begun
    ongoing = 0 <= (a.month - begins) % 12 < 3
    if word in {"last", "past"}:
        year = started - 1 if ongoing else started
    elif word in {"next", "coming"}:
        year = started + 1
    elif word == "this" or when.tense in {None, "present"}:
        year = a.year if season != "WI" or a.month >= 3 else a.year - 1
    elif when.tense == "past":
        year = started
    else:
        year = started if ongoing else started + 1
    return f"{year}-{season}", "DATE"


def holiday(low: str, when: When) -> Found:
    m = re.fullmatch(r"(?:(last|this|next) )?(.+?)(?: (\d{4}))?", low)
    rule = LEX.holidays.get(m.group(2)) if m else None
    if m is None or rule is None:
        return None
    if m.group(3):
        return iso(holiday_in(rule, int(m.group(3)))), "DATE"
    anchor = when.anchor
    if not anchor:  # the day is known, the year is not
        return (f"XXXX-{rule.month:02d}-{rule.day:02d}" if rule.day else f"XXXX-{rule.month:02d}"), "DATE"
    tense = {"last": "past", "next": "future"}.get(m.group(1) or "", when.tense)
    wrong = {"past": 1, "future": -1}.get(tense or "", 0)

    def cost(day: dt.date) -> int:
        diff = (day - anchor).days
        return abs(diff) + (90 if wrong * diff > 0 else 0)

    return iso(min((holiday_in(rule, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)), key=cost)), "DATE"
