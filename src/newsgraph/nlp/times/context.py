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
from newsgraph.nlp.times.words import TIMEWORD
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


def reference_in(when: When, unit: str) -> dt.date | None:
    """What "the following/previous <unit>" counts from: the text's last named date when it is at least as
    fine as ``unit`` ("In March ... the following month" is April), else ``reference_day``."""
    finest = {"year": 4, "month": 7, "week": 10, "weekend": 10}.get(unit, 10)
    ref = when.reference
    if ref and re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", ref) and len(ref) >= finest:
        return parse_timex(ref)
    return reference_day(when)


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
    """'past', 'future', 'present', 'open' (after a past moment, on either side of the publication date) or
    None (no verb, or a verb whose tense does not place the expression), read off the verb governing ``span``."""
    before = span.doc[max(0, span.start - 3) : span.start].text.lower()
    if before.endswith(("as soon as", "as early as", "no later than")):
        return "future"
    verb = _governor(span)
    if verb is None:
        return None
    found = _verb_tense(verb, 2)
    main = _clause_head(verb) if found != "future" and _temporal_clause(verb) else None
    if main is not None and _verb_tense(main, 2) == "future":
        return "future"  # "likely to buy as soon as trading opened Monday": the clause follows its head's time
    if found == "past" and _modifies_noun(span):
        return None  # "told of a cutback in supply in September": what was said in the past may lie ahead
    return found


def _modifies_noun(span: Span) -> bool:
    """Whether the expression is a prepositional modifier of a noun that is not itself a time ("a cutback in
    September", "loans through January"; not "the night of Oct. 23")."""
    root = span.root
    prep = root.head
    noun = prep.head
    return root.dep_ == "pobj" and prep.dep_ == "prep" and noun.pos_ in {"NOUN", "PROPN"} and \
        not TIMEWORD.fullmatch(noun.lower_)


#: conjunctions that make a clause the time of another ("as soon as trading opened", "when the talks resume")
TEMPORAL_MARKS = frozenset({"when", "once", "until", "till", "before", "after", "as", "whenever"})


def _clause_head(verb: Token) -> Token | None:
    """The verb of the clause an adverbial clause hangs on ("buy" for "to buy [as soon as] trading opened")."""
    tok = verb.head
    for _ in range(3):
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _temporal_clause(verb: Token) -> bool:
    if verb.dep_ != "advcl" or verb.head.i == verb.i:
        return False
    marks = {c.lower_ for c in verb.children if c.dep_ in {"mark", "advmod"}}
    return bool(marks & TEMPORAL_MARKS) or verb.head.lower_ == "soon"


def _verb_tense(verb: Token, depth: int) -> str | None:
    aux = syntax.auxiliaries(verb)
    if aux & FUTURE_AUX or (verb.lemma_ in LEX.scheduling_verbs and verb.tag_ != "VBD"):
        return "future"
    if verb.tag_ == "VB" and "to" in aux:
        return _infinitive_tense(verb, depth)
    if verb.tag_ == "VBN" and aux & {"is", "are", "am", "'s", "'re", "be", "been"} and \
            verb.lemma_ in LEX.future_verbs:
        return "future"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and (not aux or aux & (PERFECT_AUX | {"was", "were"}))):
        return "past"
    if verb.tag_ == "VBG" and aux & ({"was", "were"} | PERFECT_AUX):
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or (verb.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re"}):
        return "present"
    if verb.tag_ == "VBG" and not aux and verb.dep_ in {"advcl", "xcomp", "conj"} and depth and \
            verb.head.i != verb.i:
        return _verb_tense(verb.head, depth - 1)  # "has fluctuated, rising to a high in June": its head's time
    return None


def _infinitive_tense(verb: Token, depth: int) -> str | None:
    """An infinitive has no tense of its own. Under a verb that looks ahead it lies after that verb's time: in
    the future when that verb speaks of now ("plans to vote Friday", "is expected to last until March"), but
    not placed when that verb is past ("agreed to buy it in November": before or after today, the text does not
    say: "open"). Under another verb it shares that verb's time ("gathered to mark the day")."""
    head = verb.head
    if head.i == verb.i or not depth:
        return None
    ahead = head.lemma_.lower() in LEX.future_verbs or head.lower_ in LEX.future_verbs
    head_tense = _verb_tense(head, depth - 1) if head.pos_ in {"VERB", "AUX"} else None
    if not ahead:
        return head_tense
    if head_tense == "past" and not (head.tag_ == "VBN" and not syntax.auxiliaries(head)):
        return "open"
    return "future"


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
