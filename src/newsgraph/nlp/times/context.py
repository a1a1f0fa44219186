"""Step 3, context: what an expression's value is resolved against — the publication date, the nearest explicit
date earlier in the sentence, the tense of the verb that governs it, and the document's last explicit value."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsgraph.dates import parse_day
from newsgraph.nlp import syntax
from newsgraph.nlp.times.lexicon import LEX
from newsgraph.vocab import FUTURE_AUX

PERFECT_AUX = frozenset({"has", "have", "had", "'ve", "'d"})


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
    ends: str | None = None  # the day that closes the period, when the text says so ("the quarter ended Sept. 30")

    @property
    def base(self) -> dt.date | None:
        return self.local or self.anchor


def reference_day(when: When) -> dt.date | None:
    """The day anaphora ("that day", "the next day") count from: the last day the text named, else the
    sentence's date, else the publication date."""
    return parse_day(when.reference_day) or when.local or when.anchor


def _governor(span: Span) -> Token | None:
    tok: Token = span.root
    for _ in range(5):
        if tok.head.i == tok.i:
            return tok if tok.pos_ in {"VERB", "AUX"} else None
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
    return None


def tense(span: Span) -> str | None:
    """'past', 'future', 'present' or None (no verb), read off the verb governing ``span``."""
    before = span.doc[max(0, span.start - 3) : span.start].text.lower()
    if before.endswith(("as soon as", "as early as", "no later than")):
        return "future"
    verb = _governor(span)
    return _verb_tense(verb, 2) if verb is not None else None


def _verb_tense(verb: Token, depth: int) -> str | None:
    aux = syntax.auxiliaries(verb)
    if aux & FUTURE_AUX or (verb.lemma_ in LEX.scheduling_verbs and verb.tag_ != "VBD"):
        return "future"
    if verb.tag_ == "VB" and "to" in aux:  # "plans to vote Friday" looks ahead; "gathered to mark" does not
        head = verb.head
        if head.lemma_.lower() in LEX.future_verbs or head.lower_ in LEX.future_verbs:
            return "future"
        return _verb_tense(head, depth - 1) if depth and head.i != verb.i else None
    if verb.tag_ == "VBN" and aux & {"is", "are", "am", "'s", "'re", "be", "been"} and \
            verb.lemma_ in LEX.future_verbs:
        return "future"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and (not aux or aux & (PERFECT_AUX | {"was", "were"}))):
        return "past"
    if verb.tag_ == "VBG" and aux & ({"was", "were"} | PERFECT_AUX):
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or (verb.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re"}):
        return "present"
    return None


def explicit(text: str, value: str) -> bool:
    """Whether a value may anchor later anaphora: not an offset, nor a comparison period ("the 1988 period",
    "last year's")."""
    return bool(re.match(r"\d", value)) and not re.search(
        r"\b(ago|earlier|later|after|before|previous|prior|period|last)\b", text.lower())


def parse_timex(value: str | None) -> dt.date | None:
    """A representative day of a year, month or day value (mid-year, mid-month), or None."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 7, 1)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return dt.date(int(value[:4]), int(value[5:7]), 15)
    return parse_day(value)
