"""Steps 1 and 2, recognition: candidate spans and their TimeML shape.

  1. candidates: the model's DATE and TIME entities, plus what it tends to miss, found by one regular expression
     around a few key words ("now", "recently", "two weeks ago", "the quarter", "every week", "last fall");
  2. shaping, to TimeML's span conventions: adjacent pieces of one expression are joined ("Friday" + "morning",
     "Monday" + ", Oct. 26"); ranges and lists are split ("between 1994 and 1997"); leading prepositions and
     hedges go, a determiner stays ("the past year"); what is no time expression is rejected, with a reason code
     logged at debug level (``times:age``, ``times:number``, ``times:no-time-word``, ``times:part-of-day``,
     ``times:adjective``; the component adds ``times:no-value`` for a date its words do not date).
"""

from __future__ import annotations

import logging
import re

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsgraph.nlp.rejections import reject
from newsgraph.nlp.times.context import When
from newsgraph.nlp.times.lexicon import LEX
from newsgraph.nlp.times.normalize import normalize_in
from newsgraph.nlp.times.words import COUNT, TIMEWORD, clean

log = logging.getLogger(__name__)

#: what the model tends to miss, found over the whole text at once (the model's entities win on overlap)
EXTRA = re.compile(
    r"\b(?:now|currently|recently|nowadays|these days|the (?:past|(?:(?:near|distant) )?future)"
    r"|the (?:near|short|long) term"
    r"|(?:(?:(?:" + COUNT + r")\s+|a\s+)(?:days?|weeks?|months?|years?|decades?)|days|weeks|months|years|decades)"
    r"\s+(?:after|before|earlier|later|ago)"
    r"|the\s+(?:(?:latest|current|previous|prior|same|comparable|year[- ](?:ago|earlier)|\d{4})\s+)?(?:quarter|period)"
    r"|(?:every|each)\s+(?:other\s+)?(?:day|week|month|year|morning|night|evening|summer|winter|spring|autumn"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|daily|weekly|monthly|yearly|annually|hourly"
    r"|(?:the|this|last|next)\s+weekend|(?:this|last|next)\s+(?:spring|summer|fall|autumn|winter))\b",
    re.IGNORECASE,
)
EXTRA_WORDS = ("now", "currently", "recently", "nowadays", "days", "past", "future", "term", "after", "before",
               "earlier", "later", "ago", "quarter", "period", "every", "each", "daily", "weekly", "monthly", "yearly",
               "annually", "hourly", "weekend", "spring", "summer", "fall", "autumn", "winter")
EXTRA_KEYS = frozenset(get_string_id(w) for w in EXTRA_WORDS)
NO_CONTEXT = When(None)


def candidates(doc: Doc) -> list[tuple[Span, str]]:
    """(span, how) of every time expression, in text order; ``how`` is "ner" or "pattern"."""
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
            reason = None if listed_day else not_a_time(shaped)
            if reason is None:
                out.append((shaped, "pattern" if span.label_ == "PATTERN" else "ner"))
            else:
                reject(log, f"times:{reason}", shaped)
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
    if any(t.lower_.rstrip(".") in LEX.weekdays for t in span):
        return "weekday"
    if any(t.lower_.rstrip(".") in LEX.months for t in span):
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
    """Cut ranges and lists ("1991 to 1997", "the quarter ended Sept. 30", "1994, 1995 and 1997"), and a
    period of a date ("the first nine months of 1997": a duration and a year, as TimeML marks them)."""
    cut = span.start
    pieces: list[Span] = []
    for tok in span:
        word = tok.lower_
        if word in {"-", "–"} and not (tok.whitespace_ or tok.nbor(-1).whitespace_) and not (
                tok.nbor(-1).like_num and tok.nbor(1).like_num):
            continue  # a hyphen inside a word ("year-earlier") is no range
        is_list_comma = word == "," and re.fullmatch(r"\d{4}", tok.nbor(-1).text) and tok.i + 1 < span.end \
            and re.fullmatch(r"\d{4}", tok.nbor(1).text)
        if (word in LEX.split_words or is_list_comma or word == "of") and cut < tok.i < span.end - 1:
            left, right = span.doc[cut : tok.i], span.doc[tok.i + 1 : span.end]
            if word == "of" and normalize_in(left.text, NO_CONTEXT)[1] != "DURATION":
                continue  # only "the first nine months of 1997" is two expressions, not "the first half of 1997"
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
    while start < end:
        if doc[start].lower_ in LEX.lead_words or doc[start].is_punct:
            start += 1
        elif (hedge := _hedge_length(doc, start, end)) is not None:
            start += hedge
        else:
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s", "and", "or"}):
        end -= 1
    if start >= end:
        return None
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ in {"the", "this", "last", "next"} and before.head.i in range(start, end):
        start -= 1
    return Span(doc, start, end, label=span.label_)


#: hedges before an expression, with their first word dropped already as a lead word ("at least", "as early as")
HEDGES = (("least",), ("most",), ("early", "as"), ("late", "as"), ("soon", "as"), ("later", "than"),
          ("earlier", "than"), ("more", "than"), ("less", "than"), ("fewer", "than"), ("up", "to"),
          ("no", "later", "than"), ("no", "earlier", "than"), ("no", "more", "than"))


def _hedge_length(doc: Doc, start: int, end: int) -> int | None:
    words = [t.lower_ for t in doc[start : min(end, start + 3)]]
    for hedge in HEDGES:
        if tuple(words[: len(hedge)]) == hedge and start + len(hedge) < end:
            return len(hedge)
    return None


def not_a_time(span: Span) -> str | None:
    """Why ``span`` is no time expression (a reason code), or None when it is one: ages, bare small numbers, a
    lone part of the day, and adjectives such as 'annual report'."""
    low = span.text.lower()
    if re.fullmatch(r"\d{1,3}|'?\d\d?(st|nd|rd|th)?|\d{5,}|0\d{3}|[3-9]\d{3}", low):
        return "number"
    if not TIMEWORD.search(clean(low)):
        return "no-time-word"
    if re.search(r"\b(years?|months?|weeks?|days?)[- ]old\b|^ag(e|ed) \d", low):
        return "age"
    if re.fullmatch(r"(the )?(early |late )?(morning|afternoon|evening|night|overnight|day)", low):
        return "part-of-day"
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if low in {"annual", "quarterly", "semiannual", "yearly"} and nxt is not None and \
            nxt.pos_ in {"NOUN", "PROPN", "ADJ"}:  # "daily" is kept, as TimeML does
        return "adjective"
    return None
