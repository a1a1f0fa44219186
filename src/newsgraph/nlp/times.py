"""Stage 3, ``newsgraph_times``: time expressions with TIMEX3-style values anchored on the publication date.

  1. candidates: the model's DATE and TIME entities, plus relative phrases it misses ("a day after",
     "two weeks ago");
  2. normalisation (``normalize``): absolute dates, weekdays, "last month", "N units ago/after/before",
     decades, durations; a relative phrase without a publication date stays unresolved (value None).

"X after <clause>" dates the clause's event: "the visit comes a day after he said" puts the saying a day
before the anchor; "days before he invaded" puts the invasion days after the anchor. The anchor is the nearest
explicit date earlier in the sentence, else the publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsgraph.nlp.extensions import TimeX

MONTHS = {m.lower(): n for n, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: n for n, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"])}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3, "a few": 3,
           "some": 3, "couple of": 2, "a couple of": 2}
UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}
RELATIVE = re.compile(
    r"\b((?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+)?"
    r"(day|week|month|year)s?\s+(after|before|earlier|later|ago)\b",
    re.IGNORECASE,
)
FUTURE_AUX = frozenset({"will", "shall", "'ll"})


@Language.factory("newsgraph_times", assigns=["doc._.ng_times"], default_config={})
def make_times(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger()


class TimeTagger:
    def __call__(self, doc: Doc) -> Doc:
        anchor = _parse_date(doc._.ng_published)
        spans = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]
        for match in RELATIVE.finditer(doc.text):
            span = doc.char_span(match.start(), match.end(), label="DATE", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        out: list[TimeX] = []
        previous_in_sentence: dict[int, str] = {}
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            span = _trim(span)
            if span is None:
                continue
            sent_start = span.sent.start
            local = _parse_timex(previous_in_sentence.get(sent_start)) or anchor
            future = _future_context(span)
            value, kind = normalize(span.text, anchor, local, future)
            explicit = not RELATIVE.search(span.text)
            if value is not None and kind == "DATE" and explicit and re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
                previous_in_sentence[sent_start] = value
            out.append(TimeX(start=span.start_char, end=span.end_char, text=span.text, type=kind, value=value,
                             tok=(span.start, span.end), how="ner" if span.label_ else "pattern"))
        doc._.ng_times = out
        return doc


def _trim(span: Span) -> Span | None:
    """Drop leading prepositions and determiners the model sometimes includes; skip bare numbers."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in {"on", "in", "the", "since", "by", "from", "until", "at"}:
        start += 1
    if start >= end:
        return None
    return Span(span.doc, start, end, label=span.label_)


def _future_context(span: Span) -> bool:
    head = span.root.head
    while head.dep_ in {"prep", "pobj", "npadvmod"} and head.head.i != head.i:
        head = head.head
    return any(c.lower_ in FUTURE_AUX or c.lower_ == "next" for c in head.children) or "next" in span.text.lower()


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _parse_timex(value: str | None) -> dt.date | None:
    if not value:
        return None
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 7, 1)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return dt.date(int(value[:4]), int(value[5:7]), 15)
    return _parse_date(value)


def _shift_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def normalize(
    text: str, anchor: dt.date | None, local: dt.date | None = None, future: bool = False
) -> tuple[str | None, str]:
    """(TIMEX3 value or None, type) for ``text``. ``anchor`` is the publication date; ``local`` the nearest
    explicit date earlier in the sentence (for "days before")."""
    low = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip(" ,.")
    low = re.sub(r"\b(fiscal|financial|calendar|school|academic) (year|quarter)", r"\2", low)
    low = re.sub(r"^(early|late|mid|earlier|later|the|on|in|since|by)[- ]", "", low)
    low = re.sub(r"^(early|late|mid|the) ", "", low)
    local = local or anchor
    # absolute forms first -------------------------------------------------------------------------------
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?,? (\d{4})", low)
    if m and m.group(2) in MONTHS:
        return _ymd(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))), "DATE"
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", low)
    if m and m.group(1) in MONTHS:
        return _ymd(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2))), "DATE"
    m = re.fullmatch(r"([a-z]+)\.?,? (\d{4})", low)
    if m and m.group(1) in MONTHS:
        return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}", "DATE"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", low)
    if m:
        return low, "DATE"
    m = re.fullmatch(r"(?:the )?(\d{3})0'?s", low)
    if m:
        return m.group(1), "DATE"
    m = re.fullmatch(r"(?:year )?((?:19|20)\d{2})", low)
    if m:
        return m.group(1), "DATE"
    m = re.fullmatch(r"(?:the )?(first|second|third|fourth) quarter(?: of)?(?: (\d{4}))?", low)
    if m:
        year = m.group(2) or (str(anchor.year) if anchor else None)
        quarter = ["first", "second", "third", "fourth"].index(m.group(1)) + 1
        return (f"{year}-Q{quarter}" if year else None), "DATE"
    # month and day without a year: the most recent such day (or the next one in future context)
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?", low) or re.fullmatch(
        r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)", low)
    if m:
        month_word, day_word = (m.group(1), m.group(2)) if m.group(1) in MONTHS else (m.group(2), m.group(1))
        if month_word in MONTHS:
            if not anchor:
                return None, "DATE"
            return _nearest_day(anchor, MONTHS[month_word], int(day_word), future), "DATE"
    if low in MONTHS and len(low) > 3:
        if not anchor:
            return None, "DATE"
        month = MONTHS[low]
        year = anchor.year + (1 if future and month < anchor.month else 0) - (
            1 if not future and month > anchor.month else 0)
        return f"{year}-{month:02d}", "DATE"
    # relative to the publication date ------------------------------------------------------------------
    if low in {"now", "currently", "at present", "present"}:
        return "PRESENT_REF", "DATE"
    if low in {"recently", "lately", "in recent days", "in recent weeks", "the past"}:
        return "PAST_REF", "DATE"
    if low in {"the future", "soon"}:
        return "FUTURE_REF", "DATE"
    rel = _relative(low, anchor, local, future)
    if rel is not None:
        return rel
    dur = _duration(low)
    if dur is not None:
        return dur, "DURATION"
    if re.fullmatch(r"(every|each) (day|week|month|year)|daily|weekly|monthly|annually|yearly", low):
        return None, "SET"
    return None, "DATE"


def _relative(low: str, anchor: dt.date | None, local: dt.date | None, future: bool) -> tuple[str | None, str] | None:
    words = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
             "yesterday": -1, "tomorrow": 1, "last night": -1, "the day before yesterday": -2}
    if low in words or any(low.startswith(w + " ") for w in ("today", "yesterday", "tomorrow")):
        key = low if low in words else low.split()[0]
        return (_iso(anchor + dt.timedelta(days=words[key])) if anchor else None), "DATE"
    m = re.fullmatch(r"(?:(last|this|next|past|coming) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                     r"(?: (?:morning|afternoon|evening|night))?", low)
    if m:
        if not anchor:
            return None, "DATE"
        return _iso(_weekday(anchor, WEEKDAYS[m.group(2)], future or m.group(1) in {"next", "coming"})), "DATE"
    m = re.fullmatch(r"(last|this|next|past|previous|coming|current) (week|month|year|decade)", low)
    if m:
        if not anchor:
            return None, "DATE"
        step = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[m.group(1)]
        unit = m.group(2)
        if unit == "week":
            return _week(anchor + dt.timedelta(weeks=step)), "DATE"
        if unit == "month":
            return _shift_months(anchor, step).isoformat()[:7], "DATE"
        if unit == "year":
            return str(anchor.year + step), "DATE"
        return str(anchor.year // 10 + step)[:3], "DATE"
    m = RELATIVE.fullmatch(low)
    if m:
        count_word = (m.group(1) or "").strip()
        vague = count_word in {"", "several", "a few"} or low.split()[0] in {"days", "weeks", "months", "years"}
        count = NUMBERS.get(count_word, int(count_word) if count_word.isdigit() else 3)
        unit, direction = m.group(2), m.group(3)
        base = anchor if direction in {"ago", "earlier", "later"} else local
        if base is None:
            return None, "DATE"
        sign = 1 if direction in {"before", "later"} else -1
        return _offset(base, unit, sign * count, vague), "DATE"
    return None


def _offset(base: dt.date, unit: str, amount: int, vague: bool) -> str:
    if unit == "day":
        day = base + dt.timedelta(days=amount)
        return day.isoformat()[:7] if vague else day.isoformat()
    if unit == "week":
        day = base + dt.timedelta(weeks=amount)
        return day.isoformat()[:7] if vague else _week(day)
    if unit == "month":
        return _shift_months(base, amount).isoformat()[:7 if not vague else 4]
    return str(base.year + amount)


def _duration(low: str) -> str | None:
    m = re.fullmatch(r"(?:(?:for|over|about|nearly|almost|more than) )?(?:the )?(?:(past|last|next) )?"
                     r"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|several|a few)?\s*"
                     r"(day|week|month|year|decade|century|hour|minute)s?", low)
    if not m:
        return None
    count_word = m.group(2) or "1"
    count = NUMBERS.get(count_word) or (int(count_word) if count_word.isdigit() else None)
    unit = m.group(3)
    n = "X" if count_word in {"several", "a few"} or (m.group(2) is None and low.endswith("s")) else str(count)
    if unit in {"hour", "minute"}:
        return f"PT{n}{unit[0].upper()}"
    if unit == "decade":
        return f"P{n}0Y" if n != "X" else "PXDE"
    if unit == "century":
        return f"P{n}CE"
    return f"P{n}{UNITS[unit]}"


def _weekday(anchor: dt.date, weekday: int, future: bool) -> dt.date:
    delta = (weekday - anchor.weekday()) % 7
    if future:
        return anchor + dt.timedelta(days=delta or 7)
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def _nearest_day(anchor: dt.date, month: int, day: int, future: bool) -> str | None:
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            return None
        if (cand <= anchor + dt.timedelta(days=2)) != future or year == anchor.year + 1:
            if future and cand < anchor:
                continue
            return cand.isoformat()
    return None


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso(day: dt.date) -> str:
    return day.isoformat()
