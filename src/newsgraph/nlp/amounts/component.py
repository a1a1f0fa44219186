"""The ``newsgraph_amounts`` component: scan the text (steps 1-2), keep counts the parse explains (step 3), read
what money and percentages measure (step 4) and date them (step 5)."""

from __future__ import annotations

from typing import Any, NamedTuple, NotRequired

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.nlp.amounts.counted import Counting
from newsgraph.nlp.amounts.lexicon import Lexicon, load_lexicon
from newsgraph.nlp.amounts.measured import Measuring
from newsgraph.nlp.amounts.parse import date_for
from newsgraph.nlp.amounts.scan import Reading, Scanner
from newsgraph.nlp.extensions import Amount
from newsgraph.nlp.intervals import Intervals


class AmountRecord(Amount):
    """``extensions.Amount`` plus the fields this stage adds (documented in the module docstring)."""

    kind: str
    high: float | None
    hedge: str | None
    year: str | None
    out_of_range: NotRequired[bool]  # present (true) when value or high exceeded MAX_VALUE and is null


class Times(NamedTuple):
    """The document's dated time expressions, by character offsets (overlaps) and by tokens (a sentence's)."""

    by_char: Intervals[Any]
    by_token: Intervals[Any]


@Language.factory("newsgraph_amounts", assigns=["doc._.ng_amounts"], requires=["doc._.ng_times"],
                  default_config={"lexicon_files": [], "min_definite_count": 10})
def make_amounts(nlp: Language, name: str, lexicon_files: list[str], min_definite_count: int) -> AmountTagger:
    return AmountTagger(load_lexicon(tuple(lexicon_files)), min_definite_count)


class AmountTagger(Counting, Measuring):
    """Finds amounts in a parsed ``Doc`` and sets ``doc._.ng_amounts`` (a list of ``AmountRecord``)."""

    def __init__(self, lexicon: Lexicon, min_definite_count: int = 10) -> None:
        self.lex = lexicon
        self.scanner = Scanner(lexicon)
        self.min_definite_count = min_definite_count

    def __call__(self, doc: Doc) -> Doc:
        dates = [t for t in doc._.ng_times or [] if t["type"] == "DATE"]
        times = Times(Intervals((t["start"], t["end"], t) for t in dates),
                      Intervals((t["tok"][0], t["tok"][1], t) for t in dates))
        out: list[AmountRecord] = []
        for reading in self.scanner.scan_doc(doc):
            span = doc.char_span(reading.start, reading.end, alignment_mode="expand")
            if span is not None and len(span):
                amount = self._amount(span, reading, times)
                if amount is not None:
                    out.append(amount)
        doc._.ng_amounts = out
        return doc

    def _amount(self, span: Span, reading: Reading, times: Times) -> AmountRecord | None:
        start, hedge = reading.start, reading.hedge  # a hedge is kept in the amount's text: "about $3 billion"
        text = reading.text
        if hedge and span[0].dep_ in {"prt", "prep"} and len(span) > 1:
            # "handed over 40 prisoners", "learn about 529 plans": a particle or preposition, not a hedge
            span, start, hedge = span[1:], span[1].idx, None
            text = text[start - reading.start :]
        unit: str | None
        measured: str | None
        if reading.kind == "count":
            if times.by_char.overlap(reading.start, reading.end):
                return None  # "May 16", "five days", "2023-24": part of a time expression
            counted = self._counted(span, reading)
            if counted is None:
                return None
            unit, measured = counted
        else:
            unit, measured = reading.unit, self._measured(span)
        sent = span.sent
        date = date_for(span, times.by_token.starting_in(sent.start, sent.end))
        record = AmountRecord(start=start, end=reading.end, text=text, value=reading.value,
                              unit=unit, object=measured, date=date, tok=(span.start, span.end), kind=reading.kind,
                              high=reading.high, hedge=hedge, year=date[:4] if date and date[:4].isdigit() else None)
        if reading.out_of_range:
            record["out_of_range"] = True
        return record
