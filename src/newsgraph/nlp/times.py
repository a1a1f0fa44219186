"""Stage 3, ``newsgraph_times``: time expressions with TIMEX3 values anchored on the publication date.

  1. candidates: the model's DATE and TIME entities, plus what it tends to miss, found by one regular
     expression over the text ("now", "recently", "two weeks ago", "the quarter", "every week", "last fall");
  2. shaping, to TimeML's span conventions: adjacent pieces of one expression are joined ("Friday" +
     "morning", "Monday" + ", Oct. 26"); ranges and lists are split ("between 1994 and 1997"); leading
     prepositions and hedges go, a determiner stays ("the past year"); ages ("44", "a 6-year-old") are dropped;
  3. context: the tense of the verb that governs the expression (a bare "Tuesday" under a past-tense verb is the
     last Tuesday, under "will" the next one), the nearest explicit date earlier in the sentence (for "two days
     after", a clock time), and the document's last explicit value (for "the quarter", "a year earlier");
  4. normalisation (``normalize``), a cascade of small rules, one per family of forms: present/past/future
     references, sets, clock times and parts of days, absolute dates, quarters, halves and seasons, months and
     days whose year comes from the tense, weekdays, "last week"-style units, offsets ("three days ago"),
     anaphora ("that day"), and durations. A relative phrase without a publication date stays unresolved.

Values follow TIMEX3: ``2024-05-16``, ``2024-05``, ``2024``, ``199`` (a decade), ``19`` (a century), ``2024-W20``,
``2024-Q1``, ``2024-H1``, ``2024-SU``, ``2024-W20-WE``, ``2024-05-16T15:30``, ``2024-05-16TMO``, ``PRESENT_REF``,
``P3Y``/``PT5H``/``PXD`` (durations) and ``P1W``/``XXXX-WXX-1``/``XXXX-07`` (sets).

"X after <clause>" dates the clause's event: "the visit comes a day after he said" puts the saying a day
before the anchor; "days before he invaded" puts the invasion days after the anchor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.dates import parse_day
from newsgraph.nlp.extensions import TimeX

MONTHS = {m.lower(): n for n, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: n for n, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"])}
WEEKDAYS.update({"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                 "sun": 6})
SMALL = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
TENS = {w: 10 * n for n, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)}
VAGUE = frozenset({"several", "a few", "few", "some", "many", "a number of", "numerous", "the next few",
                   "a couple", "couple"})
NUMBER_WORD = "|".join([*SMALL, *TENS, "hundred", "thousand", "a dozen", "dozen", "a couple of", "couple of",
                        "a", "an"])
COUNT = rf"(?:\d+(?:[.,]\d+)?(?: 1/2)?|(?:{NUMBER_WORD})(?: (?:{'|'.join([*SMALL, *TENS, 'hundred'])}))*" \
        r"|several|a few|few|some|many|numerous)"
UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "weekend": "WE",
              "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE"}
UNIT = r"(second|minute|hour|day|night|week|month|quarter|year|decade|centur(?:y|ie))s?"
ORDINAL_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
                   "final": 4, "last": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "going"})
PERFECT_AUX = frozenset({"has", "have", "had", "'ve", "'d"})
#: verbs whose infinitive complement lies ahead ("expected to vote Friday")
FUTURE_VERBS = frozenset({"plan", "expect", "schedule", "intend", "want", "hope", "aim", "seek", "prepare", "agree",
                          "decide", "promise", "vow", "threaten", "set", "due", "likely", "going", "try", "ask",
                          "urge", "propose", "call", "ready", "able", "need", "wish", "pledge", "mean", "slate", "be"})
#: a verb of scheduling points ahead whatever its tense ("planned a rally on Saturday")
SCHEDULING = frozenset({"schedule", "plan", "slate", "postpone", "delay", "adjourn"})

#: what the model tends to miss, found over the whole text at once (the model's entities win on overlap)
EXTRA = re.compile(
    r"\b(?:now|currently|recently|nowadays|these days|the (?:past|future)|current"
    r"|(?:(?:(?:" + COUNT + r")\s+|a\s+)(?:days?|weeks?|months?|years?|decades?)|days|weeks|months|years|decades)"
    r"\s+(?:after|before|earlier|later|ago)"
    r"|the\s+(?:(?:latest|current|previous|prior|same|comparable|year[- ](?:ago|earlier)|\d{4})\s+)?(?:quarter|period)"
    r"|(?:every|each)\s+(?:other\s+)?(?:day|week|month|year|morning|night|evening|summer|winter|spring|autumn"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|daily|weekly|monthly|yearly|annually|hourly"
    r"|(?:the|this|last|next)\s+weekend|(?:this|last|next)\s+(?:spring|summer|fall|autumn|winter))\b",
    re.IGNORECASE,
)
EXTRA_WORDS = ("now", "currently", "recently", "nowadays", "days", "past", "future", "current", "after", "before",
               "earlier", "later", "ago", "quarter", "period", "every", "each", "daily", "weekly", "monthly", "yearly",
               "annually", "hourly", "weekend", "spring", "summer", "fall", "autumn", "winter")
EXTRA_KEYS = frozenset(get_string_id(w) for w in EXTRA_WORDS)
#: a span is cut at these words when both sides hold a time expression ("between 1994 and 1997")
SPLIT_WORDS = frozenset({"and", "or", "to", "through", "thru", "until", "till", "ended", "ending", "-", "–", "—"})
#: dropped from the start of a span: TimeML leaves prepositions and these hedges outside the expression
LEAD_WORDS = frozenset({"on", "in", "at", "by", "since", "until", "till", "from", "during", "through", "throughout",
                        "within", "for", "between", "both", "sometime", "of", "as", "like", "only", "just", "than",
                        "to", "into", "after", "before", "'s", "its", "his", "her", "their", "our", "my", "your"})
TIMEWORD = re.compile(
    r"\d|\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + "|" + "|".join(WEEKDAYS)
    + r"|now|today|tonight|yesterday|tomorrow|second|minute|hour|day|week|weekend|month|quarter|year|decade|centur\w*"
    r"|noon|midnight|midday|spring|summer|fall|autumn|winter|season|morning|afternoon|evening|night|overnight|period"
    r"|current(?:ly)?|recent(?:ly)?|lately|future|past|present|soon|once|previously|formerly|nowadays|daily|weekly"
    r"|monthly|quarterly|annual(?:ly)?|yearly|hourly|nightly|christmas|thanksgiving|easter|eve|holiday|date|\w+ties)s?\b")


@dataclass(frozen=True)
class When:
    """What a value can be resolved against: the publication date, the nearest explicit date earlier in the
    sentence, the governing verb's tense ("past", "future" or None) and the document's last explicit value."""

    anchor: dt.date | None
    local: dt.date | None = None
    tense: str | None = None
    reference: str | None = None
    nearby: bool = False  # whether the reference was set in the same sentence
    reference_day: str | None = None  # the document's last explicit day

    @property
    def base(self) -> dt.date | None:
        return self.local or self.anchor


Rule = Callable[[str, When], "tuple[str | None, str] | None"]


@Language.factory("newsgraph_times", assigns=["doc._.ng_times"], default_config={})
def make_times(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger()


class TimeTagger:
    def __call__(self, doc: Doc) -> Doc:
        anchor = parse_day(doc._.ng_published)
        out: list[TimeX] = []
        local: dict[int, str] = {}
        reference: str | None = None
        reference_day: str | None = None
        reference_sent = -1
        for span, how in _candidates(doc):
            sent_start = span.sent.start
            when = When(anchor, _parse_timex(local.get(sent_start)), _tense(span), reference,
                        nearby=reference_sent == sent_start, reference_day=reference_day)
            value, kind = normalize_in(span.text, when)
            if re.fullmatch(r"\d{1,2}", span.text):
                value = _day_after_list(out[-1]["value"] if out else None, int(span.text))  # "April 24 and 25"
                if value is None:
                    continue
            if value is not None and _explicit(span.text, value):
                reference, reference_sent = value, sent_start
                if re.match(r"\d{4}-\d\d-\d\d", value):
                    reference_day = value[:10]
                if kind == "DATE" and re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
                    local[sent_start] = value
            out.append(TimeX(start=span.start_char, end=span.end_char, text=span.text, type=kind, value=value,
                             tok=(span.start, span.end), how=how))
        doc._.ng_times = out
        return doc


# 1-2. candidates and their spans ------------------------------------------------------------------------------

def _candidates(doc: Doc) -> list[tuple[Span, str]]:
    spans = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    spans.extend(_extra_spans(doc))
    merged = _merge_adjacent(sorted(filter_spans(spans), key=lambda s: s.start))
    out: list[tuple[Span, str]] = []
    for span in merged:
        for n, piece in enumerate(_split(span)):
            shaped = _shape(piece)
            if shaped is None:
                continue
            listed_day = n > 0 and re.fullmatch(r"\d{1,2}", shaped.text) is not None  # "April 24 and 25"
            if listed_day or not _not_a_time(shaped):
                out.append((shaped, "pattern" if span.label_ == "PATTERN" else "ner"))
    return out


def _extra_spans(doc: Doc) -> list[Span]:
    """EXTRA's matches, looked for only around its key words: the words are found among the token ids (one array
    read, no Token objects), and the regular expression runs on a few tokens around each (scanning the whole text
    with it would cost more than the rest of the stage)."""
    hits = [i for i, key in enumerate(doc.to_array(LOWER).tolist()) if key in EXTRA_KEYS]
    found: dict[tuple[int, int], Span] = {}
    for i in hits:
        window = doc[max(0, i - 6) : min(len(doc), i + 3)]
        for match in EXTRA.finditer(window.text):
            start, end = window.start_char + match.start(), window.start_char + match.end()
            if (start, end) not in found:
                span = doc.char_span(start, end, label="PATTERN", alignment_mode="expand")
                if span is not None:
                    found[(start, end)] = span
    return list(found.values())


def _kind_of(span: Span) -> str:
    low = span.text.lower()
    if re.search(r"\d(:\d\d)?\s*[ap]\.?m\b|\bnoon\b|\bmidnight\b|\bmidday\b", low):
        return "clock"
    if re.fullmatch(r"(early |late )?(morning|afternoon|evening|night)", low):
        return "part"
    if any(t.lower_.rstrip(".") in WEEKDAYS for t in span):
        return "weekday"
    if any(t.lower_.rstrip(".") in MONTHS for t in span):
        return "date"
    return "other"


def _merge_adjacent(spans: list[Span]) -> list[Span]:
    """Join the model's pieces of one expression: a day with its part of day or clock time, a weekday with its
    date ("Monday, Oct. 26"), a clock time with its day ("4 a.m. EDT Thursday")."""
    out: list[Span] = []
    for span in spans:
        if out and span.start - out[-1].end <= 1:
            prev = out[-1]
            gap = span.doc[prev.end : span.start].text
            kinds = {_kind_of(prev), _kind_of(span)}
            joinable = gap.strip() in {"", ","} or (gap.strip().lower() in {"at", "on"} and "clock" in kinds)
            if joinable and len(kinds) == 2 and kinds <= {"clock", "part", "weekday", "date"} and \
                    kinds != {"clock", "part"}:
                out[-1] = Span(span.doc, prev.start, span.end, label=prev.label_)
                continue
        out.append(span)
    return out


def _split(span: Span) -> list[Span]:
    """Cut ranges and lists ("1991 to 1997", "the quarter ended Sept. 30", "1994, 1995 and 1997")."""
    cut = span.start
    pieces: list[Span] = []
    for tok in span:
        word = tok.lower_
        if word in {"-", "–"} and not (tok.whitespace_ or tok.nbor(-1).whitespace_) and not (
                tok.nbor(-1).like_num and tok.nbor(1).like_num):
            continue  # a hyphen inside a word ("year-earlier") is no range
        is_list_comma = word == "," and re.fullmatch(r"\d{4}", tok.nbor(-1).text) and tok.i + 1 < span.end \
            and re.fullmatch(r"\d{4}", tok.nbor(1).text)
        if (word in SPLIT_WORDS or is_list_comma) and cut < tok.i < span.end - 1:
            left, right = span.doc[cut : tok.i], span.doc[tok.i + 1 : span.end]
            if TIMEWORD.search(left.text.lower()) and TIMEWORD.search(right.text.lower()):
                pieces.append(left)
                cut = tok.i + 1
    pieces.append(span.doc[cut : span.end])
    return pieces


def _shape(span: Span) -> Span | None:
    """TimeML's span: no leading preposition or hedge, no trailing punctuation or possessive, and the
    determiner of a noun phrase included ("the past year", "the weekend")."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in LEAD_WORDS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s", "and", "or"}):
        end -= 1
    if start >= end:
        return None
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in {"the", "this", "last", "next"} and before.head.i in range(start, end):
        start -= 1
    return Span(doc, start, end, label=span.label_)


def _not_a_time(span: Span) -> bool:
    """Ages, bare small numbers, a lone part of the day, and adjectives such as 'annual report'."""
    low = span.text.lower()
    if re.fullmatch(r"\d{1,3}|'?\d\d?(st|nd|rd|th)?|\d{5,}|0\d{3}|[3-9]\d{3}", low) or not TIMEWORD.search(_clean(low)):
        return True
    if re.search(r"\b(years?|months?|weeks?|days?)[- ]old\b|^ag(e|ed) \d", low):
        return True
    if re.fullmatch(r"(the )?(early |late )?(morning|afternoon|evening|night|overnight|day)", low):
        return True
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if low in {"annual", "quarterly", "semiannual", "yearly"} and nxt is not None:  # "daily" is kept, as TimeML does
        return nxt.pos_ in {"NOUN", "PROPN", "ADJ"}
    return False


# 3. context -----------------------------------------------------------------------------------------------------

def _governor(span: Span) -> Token | None:
    tok: Token = span.root
    for _ in range(5):
        if tok.head.i == tok.i:
            return tok if tok.pos_ in {"VERB", "AUX"} else None
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
    return None


def _tense(span: Span) -> str | None:
    """'past', 'future', 'present' or None (no verb), read off the verb governing ``span``."""
    before = span.doc[max(0, span.start - 3) : span.start].text.lower()
    if before.endswith(("as soon as", "as early as", "no later than")):
        return "future"
    verb = _governor(span)
    return _verb_tense(verb, 2) if verb is not None else None


def _verb_tense(verb: Token, depth: int) -> str | None:
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if aux & FUTURE_AUX or (verb.lemma_ in SCHEDULING and verb.tag_ != "VBD"):
        return "future"
    if verb.tag_ == "VB" and "to" in aux:  # "plans to vote Friday" looks ahead; "gathered to mark" does not
        head = verb.head
        if head.lemma_.lower() in FUTURE_VERBS or head.lower_ in FUTURE_VERBS:
            return "future"
        return _verb_tense(head, depth - 1) if depth and head.i != verb.i else None
    if verb.tag_ == "VBN" and aux & {"is", "are", "am", "'s", "'re", "be", "been"} and verb.lemma_ in FUTURE_VERBS:
        return "future"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and (not aux or aux & (PERFECT_AUX | {"was", "were"}))):
        return "past"
    if verb.tag_ == "VBG" and aux & ({"was", "were"} | PERFECT_AUX):
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or (verb.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re"}):
        return "present"
    return None


def _explicit(text: str, value: str) -> bool:
    """Whether a value may anchor later anaphora: not an offset, nor a comparison period ("the 1988 period",
    "last year's")."""
    return bool(re.match(r"\d", value)) and not re.search(
        r"\b(ago|earlier|later|after|before|previous|prior|period|last)\b", text.lower())


def _parse_timex(value: str | None) -> dt.date | None:
    if not value:
        return None
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 7, 1)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return dt.date(int(value[:4]), int(value[5:7]), 15)
    return parse_day(value)


def _day_after_list(previous: str | None, day: int) -> str | None:
    if previous and re.fullmatch(r"\d{4}-\d\d-\d\d", previous):
        return _ymd(int(previous[:4]), int(previous[5:7]), day)
    return None


# 4. normalisation -----------------------------------------------------------------------------------------------

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
    low = _clean(text)
    for rule in RULES:
        found = rule(low, when)
        if found is not None:
            return found
    return None, "DATE"


@lru_cache(maxsize=8192)
def _clean(text: str) -> str:
    low = text.lower().replace("’", "'").replace("‘", "'")
    low = re.sub(r"\b([ap])\. ?m\b\.?", r"\1m", low)
    low = re.sub(r"(?<=[a-z])-(?=[a-z0-9])|(?<=[0-9])-(?=[a-z])", " ", low)
    low = re.sub(r"\s+", " ", low).strip(" ,.;:!?()\"`")
    low = re.sub(r"'s$|s'$", "", low).strip()
    low = re.sub(r"\b(fiscal|financial|calendar|school|academic|trading|business) (?=year|quarter|\d|first|"
                 r"second|third|fourth|half|day)", "", low)
    low = re.sub(r" (or so|or more|or less|or longer|and beyond|alone)\b", "", low)
    low = WORD_YEAR.sub(_word_year_digits, low)
    low = re.sub(r"^an? (?=\d|first|second|third|fourth)", "", low)
    low = re.sub(r"^(earlier|later) (in |on )?(?=\w)", "", low)
    low = re.sub(r"^(" + "|".join(MONTHS) + r")\.? month$", r"\1", low)
    lead = (r"^(?:on|in|at|by|since|until|till|from|during|through|throughout|within|for|over|around|about|"
            r"approximately|roughly|nearly|almost|only|just|some ?time|both|between|up to|at least|at most|"
            r"more than|less than|fewer than|no more than|no later than|as long as|as much as|as early as|"
            r"as late as|as of|of|its|his|her|their|our|my|your|"
            r"(?:the )?(?:very )?(?:end|beginning|start|middle|close|turn|rest|remainder) of|"
            r"early|late|mid|the early|the late|the mid) ")
    while True:
        stripped = re.sub(lead, "", low)
        if stripped == low:
            return low
        low = stripped


WORD_YEAR = re.compile(r"\b(eighteen|nineteen|twenty) ((?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                       r"seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                       r"(?: (?:one|two|three|four|five|six|seven|eight|nine))?)\b")


def _word_year_digits(m: re.Match[str]) -> str:
    """'nineteen ninety four' -> '1994' (broadcast transcripts spell years out)."""
    return str(SMALL.get(m.group(1), 20) * 100 + (number(m.group(2)) or 0))


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _shift_quarter(year: int, quarter: int, steps: int) -> str:
    total = year * 4 + quarter - 1 + steps
    return f"{total // 4}-Q{total % 4 + 1}"


def number(words: str) -> int | None:
    """'twenty four' -> 24, '1,000' -> 1000, 'a' -> 1; None for vague or unknown counts."""
    words = words.strip()
    if re.fullmatch(r"\d+(,\d{3})*", words):
        return int(words.replace(",", ""))
    if words in {"a", "an"}:
        return 1
    if words in {"a couple of", "couple of", "a couple"}:
        return 2
    if words in {"a dozen", "dozen"}:
        return 12
    total, current = 0, 0
    for word in words.split():
        if word in SMALL:
            current += SMALL[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        elif word not in {"and", "a"}:
            return None
    return total + current if total + current else None


def _century_of(two_digits: int, anchor: dt.date | None) -> int:
    """'98 -> 1998, '20s in 2024 -> 2020s: the latest century that does not put the year after the anchor."""
    this = (anchor.year if anchor else 2000) // 100
    return this if this * 100 + two_digits <= (anchor.year if anchor else 2099) + 1 else this - 1


# -- 4a. references, sets, clock times -----------------------------------------------------------------------------

def _refs(low: str, when: When) -> tuple[str | None, str] | None:
    if low in {"now", "currently", "nowadays", "these days", "at present", "the present", "present", "current",
               "right now", "the moment", "this moment", "the time being", "today's"}:
        return "PRESENT_REF", "DATE"
    if low in {"recently", "lately", "the past", "recent", "in recent times", "previously", "formerly",
               "once", "in the past"} or re.fullmatch(r"(the )?(most )?recent (days|weeks|months|years|times)", low):
        return "PAST_REF", "DATE"
    if low in {"one day", "some day", "someday"} and when.tense == "future":
        return "FUTURE_REF", "DATE"
    if low in {"the future", "future", "soon", "in the future", "the near future", "the years ahead",
               "a later date", "some later date", "a future date"} or \
            re.fullmatch(r"(the )?(coming|upcoming) (days|weeks|months|years|decades)", low):
        return "FUTURE_REF", "DATE"
    return None


SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
             "annually": "P1Y", "yearly": "P1Y", "annual": "P1Y", "hourly": "PT1H", "biweekly": "P2W"}


def _sets(low: str, when: When) -> tuple[str | None, str] | None:
    if low in SET_WORDS:
        return SET_WORDS[low], "SET"
    m = re.fullmatch(rf"(?:every|each|per|once a|twice a|\w+ times a) (other )?(?:({COUNT}) )?(\w+?)(s)?", low)
    if not m:
        return _plural_weekday(low)
    count = 2 if m.group(1) else number(m.group(2)) if m.group(2) else 1
    word = m.group(3)
    if word in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[word] + 1}", "SET"
    if word in MONTHS:
        return f"XXXX-{MONTHS[word]:02d}", "SET"
    if word in PARTS:
        return f"XXXX-XX-XXT{PARTS[word]}", "SET"
    if word in SEASONS:
        return f"XXXX-{SEASONS[word]}", "SET"
    if word in UNIT_CODES and word != "weekend":
        return _duration_value(count, word), "SET"
    return None


def _plural_weekday(low: str) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s(?: (morning|afternoon|evening|"
                     r"night)s)?", low)
    if not m:
        return None
    part = f"T{PARTS[m.group(2)]}" if m.group(2) else ""
    return f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}{part}", "SET"


CLOCK = re.compile(r"(?:\b(\d{1,2})(?:[:.](\d\d))? ?(am|pm|o'clock)\b|\b(noon|midday|midnight)\b"
                   r"|\b(\d{1,2}):(\d\d)\b)(?: (?:[a-z]{1,2}[sd]t|gmt|utc|local time|et))?")


def _clock(low: str, when: When) -> tuple[str | None, str] | None:
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
    day = _day_of(rest, when) if rest else (_iso(when.base) if when.base else None)
    return (f"{day}T{hour:02d}:{minute:02d}" if day else None), "TIME"


def _day_of(text: str, when: When) -> str | None:
    """The day-level value of ``text`` (a weekday, a date, "yesterday"), or None."""
    value, _ = normalize_in(text, when)
    return value if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value) else None


def _part_of_day(low: str, when: When) -> tuple[str | None, str] | None:
    if low == "tonight":
        return (f"{_iso(when.anchor)}TNI" if when.anchor else None), "TIME"
    m = re.fullmatch(r"(.+?),? (?:early |late )?(?:in the )?(morning|afternoon|evening|night)", low) or re.fullmatch(
        r"(?:early |late )?(?:in the )?(morning|afternoon|evening|night) (?:of |on )?(.+)", low)
    if not m:
        return None
    day_text, part = (m.group(1), m.group(2)) if m.group(2) in PARTS else (m.group(2), m.group(1))
    day_text = {"this": "today", "last": "yesterday", "the next": "the next day", "the following": "the next day",
                "that": "that day", "the same": "that day", "the previous": "the previous day"}.get(day_text, day_text)
    day = _day_of(day_text, when)
    if day is None:
        return None
    return f"{day}T{PARTS[part]}", "TIME"


# -- 4b. absolute dates ----------------------------------------------------------------------------------------------

def _absolute(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(?:[a-z]+,? )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?,? (\d{4})", low)
    if m and m.group(2) in MONTHS:
        return _ymd(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))), "DATE"
    m = re.fullmatch(r"(?:[a-z]+,? )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", low)
    if m and m.group(1) in MONTHS:
        return _ymd(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2))), "DATE"
    m = re.fullmatch(r"([a-z]+)\.?,? (?:of )?(\d{4})", low)
    if m and m.group(1) in MONTHS:
        return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}", "DATE"
    m = re.fullmatch(r"(\d{4})[-/](\d\d)[-/](\d\d)(?:t[\d:]+)?", low)
    if m:
        return _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3))), "DATE"
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", low)
    if m:
        year = int(m.group(3)) if len(m.group(3)) == 4 else _century_of(int(m.group(3)), when.anchor) * 100 + int(
            m.group(3))
        return _ymd(year, int(m.group(1)), int(m.group(2))), "DATE"
    m = re.fullmatch(r"(?:the )?(?:year )?(\d{4})|'(\d\d)", low)
    if m:
        year = int(m.group(1)) if m.group(1) else _century_of(int(m.group(2)), when.anchor) * 100 + int(m.group(2))
        return (str(year), "DATE") if 1000 <= year <= 2199 else None
    return _decade(low, when) or _century(low, when) or _word_year(low)


DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}


def _decade(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(?:the )?(\d\d)?(\d)0'?s", low) or re.fullmatch(r"(?:the )?'(\d\d)?(\d)0s", low)
    if m:
        century = int(m.group(1)) if m.group(1) else _century_of(int(m.group(2)) * 10, when.anchor)
        return f"{century}{m.group(2)}", "DATE"
    m = re.fullmatch(r"(?:the )?(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", low)
    if m:
        digit = DECADE_WORDS[m.group(1)]
        return f"{_century_of(digit * 10, when.anchor)}{digit}", "DATE"
    m = re.fullmatch(r"(this|last|next|the past|the last|the next|the previous) decade", low)
    if m and when.anchor and not m.group(1).startswith("the"):
        step = {"this": 0, "last": -1, "next": 1}[m.group(1)]
        return str(when.anchor.year // 10 + step), "DATE"
    return None


def _century(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", low)
    if m:
        return f"{int(m.group(1)) - 1:02d}", "DATE"
    if low == "this century" and when.anchor:
        return f"{when.anchor.year // 100:02d}", "DATE"
    return None


def _word_year(low: str) -> tuple[str | None, str] | None:
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


# -- 4c. quarters, halves, seasons -----------------------------------------------------------------------------------

def _ref_quarter(when: When) -> tuple[int, int] | None:
    if when.reference and (m := re.fullmatch(r"(\d{4})-Q([1-4])", when.reference)):
        return int(m.group(1)), int(m.group(2))
    if when.anchor:  # the latest quarter that has ended
        year, quarter = _quarter(when.anchor)
        return (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return None


def _quarters(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(?:the )?(?:comparable |same )?(?:year (?:ago|earlier) |(\d{4}) )"
                     r"(?:(first|second|third|fourth|1st|2nd|3rd|4th) )?(quarter|period)", low) or re.fullmatch(
        r"(?:the )?(?:(first|second|third|fourth) )?(quarter|period) (?:of )?a year (?:ago|earlier)", low)
    if m:
        groups = m.groups()
        year_text = groups[0] if len(groups) == 3 else None
        ordinal = groups[1] if len(groups) == 3 else groups[0]
        ref = _ref_quarter(when)
        if ref is None:
            return None, "DATE"
        year = int(year_text) if year_text else ref[0] - 1
        quarter = ORDINAL_QUARTER[ordinal] if ordinal else ref[1]
        return f"{year}-Q{quarter}", "DATE"
    if re.fullmatch(r"(?:the )?(?:latest|most recent|recent) (?:period|quarter)", low):
        ref = _ref_quarter(When(when.anchor))  # the latest quarter to have ended
        return (f"{ref[0]}-Q{ref[1]}" if ref else None), "DATE"
    if re.fullmatch(r"(?:the )?(?:current|same) period", low):
        ref = _ref_quarter(when)
        return (f"{ref[0]}-Q{ref[1]}" if ref else None), "DATE"
    m = re.fullmatch(r"(?:the )?(?:(this|last|next|current|latest|most recent|recent|previous|prior|same|past|"
                     r"this year's|last year's|next year's) )?"
                     r"(?:(first|second|third|fourth|1st|2nd|3rd|4th|final) )?quarter(?: (?:of )?(\d{4}))?"
                     r"|(?:the )?(\d{4}) (first|second|third|fourth|1st|2nd|3rd|4th) quarter|q([1-4])(?: (\d{4}))?",
                     low)
    if not m:
        return None
    word, ordinal, year_text = m.group(1), m.group(2) or m.group(5), m.group(3) or m.group(4) or m.group(7)
    number_ = ORDINAL_QUARTER.get(ordinal or "") or (int(m.group(6)) if m.group(6) else None)
    if year_text and number_:
        return f"{year_text}-Q{number_}", "DATE"
    if not when.anchor:
        return None, "DATE"
    year, current = _quarter(when.anchor)
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
        return _shift_quarter(year, current, 1), "DATE"
    if word in {"last", "previous", "prior", "past"}:
        return _shift_quarter(year, current, -1), "DATE"
    ref = _ref_quarter(when)
    return (f"{ref[0]}-Q{ref[1]}" if ref else None), "DATE"


def _halves(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(?:the )?(?:(\d{4}) )?(first|second|latter) half(?: (?:of )?(?:the year )?(\d{4}))?", low) or \
        re.fullmatch(r"(?:the )?(?:(\d{4}) )?(first|second) two quarters(?: of (\d{4}))?", low)
    if not m:
        return None
    half = 1 if m.group(2) == "first" else 2
    year = m.group(1) or m.group(3)
    if year is None:
        if not when.anchor:
            return None, "DATE"
        now = 1 if when.anchor.month <= 6 else 2
        year = str(when.anchor.year - (half > now and when.tense != "future"))
    return f"{year}-H{half}", "DATE"


def _seasons(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(?:(this|last|next|past|coming|the) )?(spring|summer|fall|autumn|winter)(?: (?:of )?(\d{4}))?"
                     r"|(?:the )?(\d{4}) (spring|summer|fall|autumn|winter)", low)
    if not m:
        return None
    word, season = m.group(1), SEASONS[m.group(2) or m.group(5)]
    year_text = m.group(3) or m.group(4)
    if year_text:
        return f"{year_text}-{season}", "DATE"
    if not when.anchor:
        return None, "DATE"
    a, begins = when.anchor, SEASON_START[season]
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


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


#: holidays with a fixed rule: (month, day) or (month, weekday, nth)
HOLIDAYS: dict[str, tuple[int, ...]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25), "christmas day": (12, 25),
    "christmas eve": (12, 24), "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "bastille day": (7, 14), "labor day": (9, 0, 1), "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4),
    "memorial day": (5, 0, -1), "election day": (11, 1, 0), "international women's day": (3, 8),
    "may day": (5, 1),
}


def _holiday(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(?:(last|this|next) )?(.+?)(?: (\d{4}))?", low)
    rule = HOLIDAYS.get(m.group(2)) if m else None
    if m is None or rule is None:
        return None

    def day_in(year: int) -> dt.date:
        if len(rule) == 2:
            return dt.date(year, rule[0], rule[1])
        month, weekday, nth = rule
        if nth == -1:  # the last such weekday of the month
            return _nth_weekday(year, month, weekday, 5) if _nth_weekday(year, month, weekday, 5).month == month \
                else _nth_weekday(year, month, weekday, 4)
        if nth == 0:  # election day: the Tuesday after the first Monday
            return _nth_weekday(year, month, 0, 1) + dt.timedelta(days=1)
        return _nth_weekday(year, month, weekday, nth)

    if m.group(3):
        return _iso(day_in(int(m.group(3)))), "DATE"
    anchor = when.anchor
    if not anchor:
        return None, "DATE"
    tense = {"last": "past", "next": "future"}.get(m.group(1) or "", when.tense)
    wrong = {"past": 1, "future": -1}.get(tense or "", 0)

    def cost(day: dt.date) -> int:
        diff = (day - anchor).days
        return abs(diff) + (90 if wrong * diff > 0 else 0)

    return _iso(min((day_in(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)), key=cost)), "DATE"


# -- 4d. months and days whose year comes from the tense ----------------------------------------------------------

def _pick_day(anchor: dt.date, month: int, day: int, tense: str | None) -> str | None:
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

    return _iso(min(candidates, key=cost))


def _pick_month(anchor: dt.date, month: int, tense: str | None, word: str | None) -> str:
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


def _month_day(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(?:(?:last|this|next) )?(?:([a-z]+),? )?([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?", low) or \
        re.fullmatch(r"(?:([a-z]+),? )?(?:the )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)", low)
    if not m:
        return None
    weekday, a, b = m.groups()
    month_word, day_word = (a, b) if a in MONTHS else (b, a)
    if month_word not in MONTHS or (weekday and weekday not in WEEKDAYS):
        return None
    if not when.anchor:
        return None, "DATE"
    month, day = MONTHS[month_word], int(day_word)
    if weekday:  # "Monday, Oct. 26": the year whose Oct. 26 is a Monday
        for year in (when.anchor.year, when.anchor.year - 1, when.anchor.year + 1):
            value = _ymd(year, month, day)
            if value and dt.date.fromisoformat(value).weekday() == WEEKDAYS[weekday]:
                return value, "DATE"
    tense = "past" if low.startswith("last ") else "future" if low.startswith("next ") else when.tense
    return _pick_day(when.anchor, month, day, tense), "DATE"


def _month(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(?:(last|this|next|past|previous|coming) )?([a-z]+)\.?(?: (this|last|next) year)?", low)
    if not m or m.group(2) not in MONTHS:
        return None
    if not when.anchor:
        return None, "DATE"
    month = MONTHS[m.group(2)]
    if m.group(3):
        year = when.anchor.year + {"this": 0, "last": -1, "next": 1}[m.group(3)]
        return f"{year}-{month:02d}", "DATE"
    return _pick_month(when.anchor, month, when.tense, m.group(1)), "DATE"


# -- 4e. relative to the publication date ----------------------------------------------------------------------------

DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2}


def _day_words(low: str, when: When) -> tuple[str | None, str] | None:
    key = low if low in DAY_WORDS else next((w for w in ("today", "yesterday", "tomorrow")
                                              if low.startswith(w + " ")), None)
    if key is None:
        return None
    if not when.anchor:
        return None, "DATE"
    return _iso(when.anchor + dt.timedelta(days=DAY_WORDS[key])), "DATE"


def _weekday(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(?:(last|this|next|past|coming|previous|early|late) )?"
                     r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?: (?:this|next|last) week)?", low)
    if not m:
        return None
    if not when.anchor:
        return None, "DATE"
    target, word, a = WEEKDAYS[m.group(2)], m.group(1), when.anchor
    if word in {"last", "past", "previous"}:
        return _iso(a - dt.timedelta(days=(a.weekday() - target) % 7 or 7)), "DATE"
    if word in {"next", "coming"}:
        return _iso(a + dt.timedelta(days=(target - a.weekday()) % 7 or 7)), "DATE"
    if when.tense == "future":
        return _iso(a + dt.timedelta(days=(target - a.weekday()) % 7)), "DATE"
    if when.tense == "present":
        delta = (target - a.weekday()) % 7
        return _iso(a + dt.timedelta(days=delta - 7 if delta > 3 else delta)), "DATE"
    return _iso(a - dt.timedelta(days=(a.weekday() - target) % 7)), "DATE"  # news mostly reports what happened


def _this_unit(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(r"(last|this|next|previous|coming|current|the current|the previous|the following|the next"
                     r"|the coming) (week|weekend|month|year)", low)
    if not m:
        return None
    word, unit = m.groups()
    anaphoric = word in {"the previous", "the following", "the next"}
    base = _reference_day(when) if anaphoric else when.anchor
    if base is None:
        return None, "DATE"
    step = {"last": -1, "previous": -1, "the previous": -1, "next": 1, "coming": 1, "the following": 1,
            "the next": 1, "the coming": 1}.get(word, 0)
    if unit == "week":
        return _week(base + dt.timedelta(weeks=step)), "DATE"
    quarter_ref = _ref_quarter(when) if when.reference and "-Q" in when.reference else None
    if unit == "year" and step == -1 and quarter_ref and when.nearby and not anaphoric:  # "up from last year"
        return _shift_quarter(*quarter_ref, -4), "DATE"
    if unit == "weekend":
        return _weekend(base, step, when.tense if word in {"the", "this"} else None), "DATE"
    if unit == "month":
        return _shift_months(base, step).isoformat()[:7], "DATE"
    return str(base.year + step), "DATE"


def _weekend(base: dt.date, step: int, tense: str | None) -> str:
    saturday = base + dt.timedelta(days=(5 - base.weekday()) % 7)  # the coming (or current) weekend
    if step < 0 or (step == 0 and tense == "past" and base.weekday() < 5):
        saturday -= dt.timedelta(days=7)
    elif step > 0 and base.weekday() >= 5:
        saturday += dt.timedelta(days=7)
    return f"{_week(saturday)}-WE"


def _the_weekend(low: str, when: When) -> tuple[str | None, str] | None:
    if low not in {"the weekend", "weekend"}:
        return None
    if not when.anchor:
        return None, "DATE"
    return _weekend(when.anchor, 0, when.tense or "past"), "DATE"


def _reference_day(when: When) -> dt.date | None:
    return parse_day(when.reference_day) or when.local or when.anchor


def _anaphora(low: str, when: When) -> tuple[str | None, str] | None:
    steps = {"that day": 0, "the same day": 0, "the day": 0, "that same day": 0, "the next day": 1,
             "the following day": 1, "the day after": 1, "the previous day": -1, "the day before": -1,
             "the prior day": -1, "the next morning": 1}
    if low in steps:
        base = _reference_day(when)
        return (_iso(base + dt.timedelta(days=steps[low])) if base else None), "DATE"
    if low in {"that year", "the same year", "that same year"}:
        ref = when.reference
        year = ref[:4] if ref and re.match(r"\d{4}", ref) else (str(when.anchor.year) if when.anchor else None)
        return year, "DATE"
    return None


def _offset(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(rf"(?:({COUNT}) )?{UNIT} (after|before|earlier|later|ago|from now|hence)", low)
    if not m:
        return None
    count_text, unit, direction = m.group(1) or "", m.group(2), m.group(3)
    unit_text = low[m.start(2) : m.end(2) + 1].strip()
    unit = "century" if unit.startswith("centur") else unit
    count = number(count_text) if count_text else (None if unit_text.endswith("s") else 1)
    vague = count is None or count_text in VAGUE
    if direction == "ago" and vague and count_text:
        return "PAST_REF", "DATE"
    quarter_ref = _ref_quarter(when) if when.reference and "-Q" in when.reference else None
    if quarter_ref and unit == "year" and direction in {"ago", "earlier", "before"} and not vague:
        return _shift_quarter(*quarter_ref, -4 * (count or 1)), "DATE"
    base = when.anchor if direction in {"ago", "from now", "hence"} else when.base
    if base is None:
        return None, "DATE"
    sign = 1 if direction in {"before", "later", "from now", "hence"} else -1
    return _shift(base, unit, sign * (count or 3), vague and not count_text.isdigit()), "DATE"


def _shift(base: dt.date, unit: str, amount: int, vague: bool) -> str:
    if unit in {"day", "night"}:
        day = base + dt.timedelta(days=amount)
        return day.isoformat()[:7] if vague else day.isoformat()
    if unit == "week":
        day = base + dt.timedelta(weeks=amount)
        return day.isoformat()[:7] if vague else _week(day)
    if unit == "month":
        return _shift_months(base, amount).isoformat()[:7 if not vague else 4]
    if unit == "quarter":
        return _shift_quarter(*_quarter(base), amount)
    if unit == "decade":
        return str(base.year + 10 * amount)
    if unit == "century":
        return str(base.year + 100 * amount)
    if unit in {"hour", "minute", "second"}:
        return base.isoformat()
    return str(base.year + amount)


# -- 4f. durations -------------------------------------------------------------------------------------------------

def _duration_value(count: int | None, unit: str, half: bool = False) -> str:
    n = "X" if count is None else str(count)
    if unit in {"hour", "minute", "second"}:
        return f"PT{n}{UNIT_CODES[unit]}{'30M' if half and unit == 'hour' else ''}"
    if unit == "decade":
        return f"P{count * 10}Y" if count is not None else "PXDE"
    if unit == "century":
        return f"P{count * 100}Y" if count is not None else "PXCE"
    if unit == "weekend":
        return f"P{2 * count}D" if count is not None else "PXWE"
    if unit == "night":
        unit = "day"
    extra = {"year": "6M", "month": "15D", "day": "T12H"}.get(unit, "") if half else ""
    return f"P{n}{UNIT_CODES[unit]}{extra}"


def _duration(low: str, when: When) -> tuple[str | None, str] | None:
    m = re.fullmatch(rf"(?:the |a |an )?(?:year (?:ago|earlier) )?(?:(past|last|next|first|final|previous|coming|"
                     rf"following|other|initial|"
                     rf"latest|recent|remaining|same|entire|whole|full) )?(?:({COUNT}) )?(?:(?:more|additional|full|"
                     rf"straight|consecutive|long|whole|entire|extra|short|brief|working) )?"
                     rf"(second|minute|hour|day|night|weekend|week|month|quarter|year|decade|centur(?:y|ie))(s)?"
                     r"(?: long| old| running| in a row)?", low)
    if not m:
        return None
    modifier, count_text, unit, plural = m.group(1), m.group(2) or "", m.group(3), m.group(4)
    unit = "century" if unit.startswith("centur") else unit
    if unit == "weekend" and not count_text:
        return None
    half = count_text.endswith(" 1/2")
    count_text = count_text.removesuffix(" 1/2")
    count = number(count_text) if count_text and count_text not in VAGUE else None
    if not count_text:
        count = None if plural else 1
    if count is None and not plural and count_text not in VAGUE and count_text:
        return None
    if modifier in {"same"}:
        return None
    return _duration_value(count, unit, half), "DURATION"


RULES: list[Rule] = [_refs, _sets, _clock, _part_of_day, _absolute, _quarters, _halves, _seasons, _holiday, _month_day,
                     _month, _day_words, _weekday, _this_unit, _the_weekend, _anaphora, _offset, _duration]
