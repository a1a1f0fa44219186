"""Step 4: time and place — the time expression nearest the trigger in the parse tree of its sentence (else the
narrative date of the paragraph, else the publication date, recorded as such), and a place in a locative phrase
of the trigger."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from newsgraph.dates import parse_day
from newsgraph.nlp import syntax
from newsgraph.nlp.common import doc_text
from newsgraph.nlp.lookup import last_date_between, places_by_token, sentence_start, times_in_sentence

#: an event dated to a period that ended more than this many days before the report is background, not news
BACKGROUND_DAYS = 365

#: links that may be climbed from the trigger up to the node shared with a time expression
CLIMBABLE = frozenset({"xcomp", "advcl", "conj", "acl", "pcomp", "prep", "pobj", "dobj", "ccomp", "compound", "amod",
                       "nsubj", "nsubjpass", "poss"})


def clause_path(trigger: Token, time: Token) -> int | None:
    """Tree distance from the trigger to a time expression in the same clause, or None.

    From the time expression up to the common ancestor no other verb may intervene (the time belongs to that
    clause, not to a relative clause inside it); from the trigger up, only participial, infinitival and
    coordinated links may be climbed ("flew … last month urging Beijing": the urging is last month too)."""
    up = {t.i: n for n, t in enumerate([trigger, *trigger.ancestors])}
    for n, t in enumerate([time, *time.ancestors]):
        if t.i in up:
            climbed = [trigger, *trigger.ancestors][: up[t.i]]
            if any(c.dep_ not in CLIMBABLE for c in climbed):
                return None
            return up[t.i] + n
        if n > 0 and t.pos_ in {"VERB", "AUX"} and t.dep_ != "acl":  # "trade, totaling … last year" passes
            return None
    return None


def date_for(doc: Doc, tok: Token) -> tuple[str | None, str]:
    """The event's date: a time expression of its clause; else the last dated event of the same paragraph
    for a past-tense report; else the publication date for past and present tense; else none."""
    best: tuple[int, int, str] | None = None
    for t, span in times_in_sentence(doc, sentence_start(doc, tok.i)):
        if t["type"] != "DATE" or not t["value"]:
            continue
        text = t["text"].lower()
        if text.endswith((" after", " before")) and tok.i < span.start:
            continue  # "X comes weeks after Y": the offset dates Y, not X
        distance = clause_path(tok, span.root)
        if distance is None and text.endswith((" after", " before")) and tok.i >= span.end:
            distance = 50 + tok.i - span.end  # the clause introduced by "after"/"before"
        if distance is None:
            continue
        key = (distance, abs(span.root.i - tok.i), t["value"])
        if best is None or key < best:
            best = key
    if best is not None:
        return best[2], "time-expression"
    carried = paragraph_date(doc, tok)
    if carried is not None and simple_past(tok):
        return carried, "paragraph"
    if doc._.ng_published and tok.tag_ in {"VBD", "VBZ", "VBP", "VBN", "VBG", "NN", "NNS"}:
        return doc._.ng_published, "published"
    return None, "none"


def simple_past(tok: Token) -> bool:
    """'condemned', 'was rejected' — not 'has supplied' (the perfect reaches into the present)."""
    aux = syntax.auxiliaries(tok)
    if tok.tag_ == "VBD":
        return not aux & {"has", "have"}
    return tok.tag_ == "VBN" and bool(aux & {"was", "were"}) and not aux & {"has", "have", "had"}


def paragraph_start(doc: Doc, offset: int) -> int:
    """Start of the paragraph holding ``offset`` (paragraph starts are computed once per document)."""
    starts = doc.user_data.get("ng_paragraph_starts")
    if starts is None:
        text = doc_text(doc)
        starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
        doc.user_data["ng_paragraph_starts"] = starts
    return int(starts[bisect_right(starts, offset) - 1])


def paragraph_date(doc: Doc, tok: Token) -> str | None:
    """The last explicit date earlier in the trigger's paragraph (narrative time carries over)."""
    return last_date_between(doc, paragraph_start(doc, tok.idx), doc[sentence_start(doc, tok.i)].idx)


def place_for(doc: Doc, tok: Token) -> str | None:
    """A place named in an in/at/near phrase of the trigger or its head (never a metonymic place or a demonym)."""
    places = places_by_token(doc)
    for head in (tok, tok.head):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "near"}:
                for pobj in prep.children:
                    for start, place in places.items():
                        if start <= pobj.i < place["tok"][1]:
                            return place["name"]
    return None


def period_end(value: str | None) -> dt.date | None:
    """The last day a TIMEX3 date value can mean: "2010" → 2010-12-31, "2007-12" → 2007-12-31, "199" (the
    1990s) → 1999-12-31; weeks, quarters, halves and seasons → the end of their year; None for anything else
    (durations, PRESENT_REF, partly unknown dates)."""
    if not value:
        return None
    if re.fullmatch(r"\d{2,3}", value):  # a century ("19") or a decade ("199")
        return dt.date(int(value.ljust(4, "9")), 12, 31)
    match = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if match is None:
        return None
    year, month, day = match.groups()
    if day:
        return parse_day(value)
    if month and value[5:7].isdigit() and 1 <= int(month) <= 12:
        return dt.date(int(year), int(month), calendar.monthrange(int(year), int(month))[1])
    return dt.date(int(year), 12, 31)


def is_background(date: str | None, date_how: str, published: str | None) -> bool:
    """Is an event dated by the text (not by the publication date) to a period over a year before the report?"""
    if date_how == "published":
        return False
    end, day = period_end(date), parse_day(published)
    return end is not None and day is not None and (day - end).days > BACKGROUND_DAYS
