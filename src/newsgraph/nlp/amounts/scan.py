"""Steps 1-2 on plain text: where amounts are written (``Scanner``), their value, unit, range and hedge."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy
from spacy.attrs import IDX, LOWER, PREFIX
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsgraph.nlp.amounts.lexicon import Lexicon, load_lexicon
from newsgraph.nlp.numbers import MULTIPLIERS, SCALES, UNITS, words_value

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
DEFINITE = frozenset({"the", "these", "those", "its", "their", "his", "her", "our", "your", "my", "both", "all"})
NEGATORS = frozenset({"no", "any", "every", "each", "not"})  # "no one was hurt" counts nobody
NUMBER_SIGNS = frozenset({"no.", "nos.", "number", "#"})
TOKENS_BEFORE, TOKENS_AFTER = 8, 24
#: the largest magnitude kept as a number (see "Bounds" in the package docstring)
MAX_VALUE = Decimal(10) ** 15
PHONE_REACH = 20  # characters either side of an amount searched for the rest of a phone number
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w])")


@dataclass(frozen=True)
class Side:
    """One number as written, e.g. "$5" or "10 billion" of "$5-10 billion"."""

    number: Decimal
    factor: int  # its scale: 1, 1000, 1e6 ...
    unit: str | None  # ISO 4217 code, "percent", "percentage point", or None
    word: str | None  # the currency word as written, lower case ("pounds"), for the checks of ambiguous words
    compact: bool  # a one-letter scale glued to the number ("5m")

    @property
    def value(self) -> Decimal:
        return self.number * self.factor


@dataclass(frozen=True)
class Reading:
    """An amount read from the text alone (steps 1-2). A "count" still needs its noun from the parse."""

    start: int
    end: int
    text: str
    value: float | None  # None beyond MAX_VALUE
    high: float | None
    unit: str | None
    kind: str  # "money", "percent" or "count"
    hedge: str | None
    vague: bool  # "dozens", "hundreds of thousands"
    after_of: bool  # directly followed by "of": "dozens of civilians", "one of the leaders"
    out_of_range: bool = False  # the value (or the range's top) exceeds MAX_VALUE and is null


def _alternation(words: Any) -> str:
    """A regex alternation of ``words``, longest first, any run of spaces inside a phrase matching \\s+."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


OF_NEXT = re.compile(r"\s+of\b", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
DASHES = frozenset("-–—")


class Scanner:
    """Steps 1 and 2: the patterns compiled from one lexicon, and the reading of what they match."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.full = re.compile(self._pattern(ranged=True), re.IGNORECASE)
        self.single = re.compile(self._pattern(ranged=False), re.IGNORECASE)
        firsts = {*UNITS, *MULTIPLIERS, *SCALES, *(v.split()[0] for v in lexicon.vague)}
        signs = _alternation(lexicon.symbols)
        self.anchor = re.compile(rf"\d|{signs}|\b(?:{_alternation(firsts)})\b", re.IGNORECASE)
        self.back = re.compile(rf"(?<![\w.])(?:(?:{_alternation(lexicon.hedges)})\s+)?"
                               rf"(?:(?-i:{signs}|(?:{_alternation(lexicon.codes)}))\s?|an?\s+)?\Z", re.IGNORECASE)
        self.first_chars = numpy.array(sorted(get_string_id(c) for c in "0123456789"), dtype=numpy.uint64)
        self.words = numpy.array(sorted({get_string_id(w) for w in firsts}), dtype=numpy.uint64)

    def _pattern(self, ranged: bool) -> str:
        lex = self.lex
        word = _alternation({*UNITS, *MULTIPLIERS, *SCALES})
        joint = r"(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)"
        words = (rf"(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"
                 rf"(?:{word})(?:{joint}(?:{word}))*")
        signs = rf"(?-i:{_alternation(lex.symbols)}|(?:{_alternation(lex.codes)})\b)"
        scale = rf"\s*(?:{_alternation(lex.scales)})\b|(?:{_alternation(lex.compact_scales)})(?![^\W_])"
        post = (rf"\s*(?:{_alternation(lex.percent_words)})(?![^\W_])"
                rf"|\s*(?:{_alternation(lex.currency_words)})\b|\s*{signs}")

        def side(n: str) -> str:
            return (rf"(?:(?P<{n}pre>{signs})\s?)?(?:(?P<{n}digits>{DIGITS})|(?P<{n}words>{words}))"
                    rf"(?P<{n}scale>{scale})?(?P<{n}post>{post})?")

        vague = (rf"(?P<vague>{_alternation(lex.vague)})"
                 rf"(?:\s+of\s+(?P<vague_cur>{_alternation(lex.currency_words)})\b)?")
        hedge = rf"(?:(?P<hedge>{_alternation(lex.hedges)})\s+)?"
        second = rf"(?:(?P<conn>\s*[-–—]\s*|\s+(?:to|and|or)\s+){side('b_')})?" if ranged else ""
        head = r"(?<![\w.,/:+$€£¥₹₽-])"  # not inside a word, a number, a code or a date
        tail = r"(?![^\W_]|-[^\W\d_]|[.,]\d|[:/]\d)"  # not "1990s", "21st", "25-year-old", "3.2.1", "10:30"
        return rf"{head}{hedge}(?:{vague}|{side('a_')}{second}){tail}"

    def scan(self, text: str) -> list[Reading]:
        """Every amount ``text`` writes, in order of position (for text without a ``Doc``)."""
        out: list[Reading] = []
        done = 0
        for anchor in self.anchor.finditer(text):
            if anchor.start() >= done:
                reading, done = self._read_at(text, anchor.start())
                if reading is not None:
                    out.append(reading)
        return out

    def scan_doc(self, doc: Doc) -> list[Reading]:
        """Every amount of ``doc``. The tokens that can begin a number are found from their hashes in one
        vectorised pass; the patterns then read only the stretches of text around them."""
        if not len(doc):
            return []
        table = doc.to_array([PREFIX, LOWER, IDX]).astype(numpy.uint64)
        hits = numpy.flatnonzero(_among(table[:, 0], self.first_chars) | _among(table[:, 1], self.words)).tolist()
        starts = table[hits, 2].tolist()
        out: list[Reading] = []
        n = 0
        for first, last in _stretches(hits, len(doc)):
            window = doc[first:last]
            text, base = window.text, window.start_char
            done = 0
            while n < len(hits) and hits[n] < last:  # each hit lies in exactly one stretch
                local = starts[n] - base
                n += 1
                if local >= done:
                    reading, done = self._read_at(text, local)
                    if reading is not None:
                        out.append(replace(reading, start=reading.start + base, end=reading.end + base))
        return out

    def _read_at(self, text: str, pos: int) -> tuple[Reading | None, int]:
        """The amount whose number starts at ``pos`` (with the hedge and sign before it), and where it ends."""
        back = self.back.search(text, max(0, pos - 32), pos)
        match = None
        for start in ([back.start()] if back is not None and back.start() < pos else []) + [pos]:
            match = self.full.match(text, start)
            if match is not None and match.end() > pos:
                break
        else:
            return None, pos + 1
        reading = self._read(match, text)
        conn = match.group("conn")
        if reading is None and conn and conn.strip() not in DASHES:
            single = self.single.match(text, match.start())  # "from 5% to 7%": read each side alone
            if single is not None:
                match, reading = single, self._read(single, text)
        if reading is not None and _phone_like(text, reading):
            reading = None
        return reading, match.end()

    def _read(self, m: re.Match[str], text: str) -> Reading | None:
        hedge_words = _norm(m.group("hedge"))
        hedge = self.lex.hedges.get(hedge_words) if hedge_words else None
        after_of = OF_NEXT.match(text, m.end()) is not None
        if m.group("vague"):
            code = self.lex.currency_words.get(_norm(m.group("vague_cur"))) if m.group("vague_cur") else None
            value = self.lex.vague[_norm(m.group("vague"))]
            return Reading(m.start(), m.end(), m.group(), value, None, code, "money" if code else "count",
                           hedge or "at least", True, after_of)
        conn = m.groupdict().get("conn")  # absent from the single-sided pattern
        low = self._side(m, "a_")
        high = self._side(m, "b_") if conn else None
        if low is None or (conn and high is None):
            return None
        if high is not None:
            low, high = _join(low, high)
            if not self._valid_range(m, low, high, hedge_words, text):
                return None
        unit = low.unit
        if (low.compact or (high is not None and high.compact)) and (unit is None or unit.startswith("percent")):
            return None  # "10m" alone may be ten metres
        end = m.end()
        word = (low.word or "").removesuffix("s")
        if word in self.lex.needs_scale and low.factor == 1 and high is None:
            unit, end = None, m.start("a_post")  # "3 won", "236 pounds": a count of what the word names
        if after_of and word in self.lex.weights_before_of:
            return None  # "5 million pounds of explosives" is a weight
        kind = "count" if unit is None else "percent" if unit.startswith("percent") else "money"
        if kind == "count" and _year_like(m.group("a_digits")):
            return None  # "in 2023": a year, whether or not the times stage saw it
        bottom, top = _plain(low.value), _plain(high.value) if high else None
        return Reading(m.start(), end, text[m.start() : end], bottom, top, unit, kind,
                       None if hedge_words == "between" else hedge, False, after_of,
                       bottom is None or (high is not None and top is None))

    def _side(self, m: re.Match[str], n: str) -> Side | None:
        digits, words = m.group(f"{n}digits"), m.group(f"{n}words")
        number: Decimal | None
        number, factor = (_decimal(digits), 1) if digits else (_words_value(words or "") or (None, 1))
        if number is None:
            return None
        scale_word = _norm(m.group(f"{n}scale"))
        if scale_word:
            factor = self.lex.scales.get(scale_word) or self.lex.compact_scales[scale_word]
        unit, word = self._unit(m.group(f"{n}pre"), m.group(f"{n}post"))
        return Side(number, factor, unit, word, scale_word in self.lex.compact_scales)

    def _unit(self, pre: str | None, post: str | None) -> tuple[str | None, str | None]:
        """(unit, currency word as written) from the sign before or the word after a number."""
        for sign in (pre, post):
            written = (sign or "").strip()
            if written in self.lex.symbols:
                return self.lex.symbols[written], None
            if written in self.lex.codes:
                return self.lex.codes[written], None
        low = _norm(post)
        if low in self.lex.percent_words:
            return self.lex.percent_words[low], None
        if low in self.lex.currency_words:
            return self.lex.currency_words[low], low
        return None, None

    @staticmethod
    def _valid_range(m: re.Match[str], low: Side, high: Side, hedge_words: str, text: str) -> bool:
        """A range runs upward, and "from 5% to 7%", "rose 5% to 7%", "5 and 10" are two amounts."""
        conn = m.group("conn").strip().lower()
        if conn == "and" and hedge_words != "between":
            return False
        if conn == "to" and (m.group("a_post") or FROM_BEFORE.search(text, max(0, m.start() - 8), m.start())):
            return False
        return low.value < high.value


def _stretches(hits: list[int], length: int) -> list[tuple[int, int]]:
    """Token ranges around the hits, merged where they touch: room for a hedge and sign before the number
    ("no fewer than US$") and for a range, scale and unit after it."""
    merged: list[tuple[int, int]] = []
    for i in hits:
        first, last = max(0, i - TOKENS_BEFORE), min(length, i + TOKENS_AFTER)
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def _phone_like(text: str, reading: Reading) -> bool:
    """Is the reading part of a phone-like run of digit groups ("555-123-4567", "+44 20 7946 0958")?"""
    window = PHONE.finditer(text, max(0, reading.start - PHONE_REACH), reading.end + PHONE_REACH)
    return any(m.start() < reading.end and reading.start < m.end() for m in window)


def _join(low: Side, high: Side) -> tuple[Side, Side]:
    """The two ends of a range share a scale and a unit written once: "$5-10 billion" runs from 5e9 to 1e10."""
    unit = low.unit or high.unit
    word = low.word or high.word
    factor = high.factor if low.factor == 1 else low.factor
    return (Side(low.number, factor, unit, word, low.compact),
            Side(high.number, high.factor, unit, word, high.compact))


def _among(values: numpy.ndarray[Any, Any], sorted_keys: numpy.ndarray[Any, Any]) -> numpy.ndarray[Any, Any]:
    """Which of ``values`` are in ``sorted_keys`` (a sorted search: faster than ``numpy.isin`` on short arrays)."""
    at = numpy.minimum(numpy.searchsorted(sorted_keys, values), len(sorted_keys) - 1)
    return sorted_keys[at] == values


def _decimal(digits: str) -> Decimal | None:
    if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
        return None  # "007", "0143": codes, not quantities
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


def _words_value(words: str) -> tuple[Decimal, int] | None:
    """(number, scale) of "forty-five" (45, 1), "two hundred and fifty" (250, 1), "three million" (3, 1e6)."""
    tokens = re.findall(r"[a-z]+", words.lower())
    value = words_value(tokens, strict=False)
    if value is None:
        return None
    factor = SCALES.get(tokens[-1], 1)
    return Decimal(value) / factor, factor


def _year_like(digits: str | None) -> bool:
    return digits is not None and len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2100


def _plain(value: Decimal) -> float | None:
    """An int when whole (JSON then prints 240000000000, not 240000000000.0), else a float; None beyond
    ``MAX_VALUE`` (checked on the decimal, before any conversion of a number with thousands of digits)."""
    if not value.is_finite() or abs(value) > MAX_VALUE:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def read_amounts(text: str, lexicon: Lexicon | None = None) -> list[Reading]:
    """Steps 1-2 on plain text, without a parse: every amount written in ``text``."""
    return (Scanner(lexicon) if lexicon else _default_scanner()).scan(text)


def parse_amount(text: str, lexicon: Lexicon | None = None) -> tuple[float | None, str | None]:
    """(value, unit) of the first amount written in ``text``: "$240 billion", "€45m", "12.5%"."""
    readings = read_amounts(text, lexicon)
    return (readings[0].value, readings[0].unit) if readings else (None, None)


_SCANNER: list[Scanner] = []


def _default_scanner() -> Scanner:
    if not _SCANNER:
        _SCANNER.append(Scanner(load_lexicon()))
    return _SCANNER[0]
