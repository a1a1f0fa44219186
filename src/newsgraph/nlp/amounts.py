"""Stage 4, ``newsgraph_amounts``: money, percentages and counts, with what they measure and when.

  1. candidates (``Scanner``): the tokens that can begin a number (a digit first, or a number word such as
     "five", "dozens") are picked from their hashes in one vectorised pass; at each, one compiled pattern reads
     the number (digits with separators, number words, a vague plural), the currency or percent sign around
     it, a scale word ("billion", glued "bn"), a range ("$5-10 billion", "between 5 and 10 billion dollars")
     and a hedge before it ("about", "more than", "up to"). "From 5% to 7%" is two amounts, not a range.
     Ordinals ("21st"), hyphenated modifiers ("25-year-old"), decades ("1990s"), clock times, slashed dates,
     scores ("3-1") and phone-like digit groups never match.
  2. value and unit: the number times its scale (decimal arithmetic, so "3.2tn" is exactly 3.2e12); a range
     keeps its low end in ``value`` and its high end in ``high``; a vague plural keeps the least it can mean
     ("dozens" -> 24, hedge "at least"). Unit: the ISO 4217 code of a sign, code or currency word, or "percent".
  3. counts: a number with neither currency nor percent is kept only when the parse shows what it counts: the
     noun it modifies ("10,000 troops"), the noun after "of" ("dozens of civilians"), or people when it is the
     subject of a casualty word ("40 were wounded", "40 wounded"). Such numbers inside a time expression
     ("May 16", "in 2023", "five days") are dropped, as are counts of one outside ``count_nouns`` ("one of the
     leaders", "one day"), small counts after "the" or a possessive ("the two leaders"), and bare four-digit
     numbers from 1800 to 2100, which are years.
  4. object: what the amount measures, read from the parse: "$40 million in aid", "investment of $3.5 billion",
     "a $40 million aid package", "trade reached $240 billion", "a 5% rise in exports", "five people killed".
  5. date: of the DATE expressions the times stage resolved in the same sentence, the one attached nearest to
     the amount in the parse ("trade reached $240 billion in 2023, officials said on Monday" -> 2023); ``year``
     is its calendar year.

Words, signs and codes live in ``data/amounts.yaml``. The record gains, beside the contract's fields: ``kind``
("money", "percent", "count"), ``high`` (the top of a range, else null) and ``hedge`` ("about", "more than",
"at least", "less than", "nearly", "up to", or null), and ``year``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any, TypeGuard

import numpy
import yaml
from spacy.attrs import IDX, LOWER, PREFIX
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ErrorCode, SetupError
from newsgraph.nlp import syntax
from newsgraph.nlp.extensions import Amount

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
         "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
MULTIPLIERS = {"hundred": 100, "dozen": 12}
WORD_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
DEFINITE = frozenset({"the", "these", "those", "its", "their", "his", "her", "our", "your", "my", "both", "all"})
NEGATORS = frozenset({"no", "any", "every", "each", "not"})  # "no one was hurt" counts nobody
NUMBER_SIGNS = frozenset({"no.", "nos.", "number", "#"})
TOKENS_BEFORE, TOKENS_AFTER = 8, 24
PHONE_REACH = 20  # characters either side of an amount searched for the rest of a phone number
PHONE = re.compile(r"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w])")


class AmountRecord(Amount):
    """``extensions.Amount`` plus the fields this stage adds (documented in the module docstring)."""

    kind: str
    high: float | None
    hedge: str | None
    year: str | None


@dataclass(frozen=True)
class Lexicon:
    """The contents of ``data/amounts.yaml`` (see its comments), ready for lookups."""

    symbols: dict[str, str]
    codes: dict[str, str]
    currency_words: dict[str, str]
    needs_scale: frozenset[str]
    weights_before_of: frozenset[str]
    scales: dict[str, int]
    compact_scales: dict[str, int]
    vague: dict[str, int]
    hedges: dict[str, str | None]
    percent_words: dict[str, str]
    casualty: dict[str, str]
    casualty_intransitive: frozenset[str]
    count_nouns: frozenset[str]
    people_nouns: frozenset[str]
    not_counted: frozenset[str]
    measure_verbs: frozenset[str]
    change_nouns: frozenset[str]
    stand_ins: frozenset[str]
    object_preps: frozenset[str]


def load_lexicon(extra: tuple[str, ...] | list[str] = ()) -> Lexicon:
    """The shipped lexicon with each file of ``extra`` layered on top."""
    merged: dict[str, Any] = {}
    texts = [("amounts.yaml", (resources.files("newsgraph.nlp") / "data" / "amounts.yaml").read_text("utf-8"))]
    for path in extra:
        try:
            with open(path, encoding="utf-8") as handle:
                texts.append((path, handle.read()))
        except OSError as err:
            raise SetupError(ErrorCode.DATA_FILE, f"amount lexicon {path}: {err}") from err
    for name, text in texts:
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as err:
            raise SetupError(ErrorCode.DATA_FILE, f"amount lexicon {name}: {err}") from err
        if not isinstance(data, dict):
            raise SetupError(ErrorCode.DATA_FILE, f"amount lexicon {name}: expected a mapping of sections")
        for key, value in data.items():
            if isinstance(value, dict):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = [*merged.get(key, []), *(value or [])]
    try:
        return _lexicon(merged)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise SetupError(ErrorCode.DATA_FILE, f"amount lexicon: {err!r}") from err


def _lexicon(data: dict[str, Any]) -> Lexicon:
    words = {str(k).lower(): str(v) for k, v in data["currency_words"].items()}
    words.update({f"{w}s": code for w, code in list(words.items()) if not w.endswith("s")})

    def lower_set(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or [])

    return Lexicon(
        symbols={str(k): str(v) for k, v in data["symbols"].items()},
        codes={str(k): str(v) for k, v in data["codes"].items()},
        currency_words=words,
        needs_scale=lower_set("needs_scale"),
        weights_before_of=lower_set("weights_before_of"),
        scales={str(k).lower(): int(v) for k, v in data["scales"].items()},
        compact_scales={str(k).lower(): int(v) for k, v in data["compact_scales"].items()},
        vague={str(k).lower(): int(v) for k, v in data["vague"].items()},
        hedges={str(k).lower(): (str(v) if v is not None else None) for k, v in data["hedges"].items()},
        percent_words={str(k).lower(): str(v) for k, v in data["percent_words"].items()},
        casualty={str(k).lower(): str(v) for k, v in data["casualty"].items()},
        casualty_intransitive=lower_set("casualty_intransitive"),
        count_nouns=lower_set("count_nouns"),
        people_nouns=lower_set("people_nouns"),
        not_counted=lower_set("not_counted"),
        measure_verbs=lower_set("measure_verbs"),
        change_nouns=lower_set("change_nouns"),
        stand_ins=lower_set("stand_ins"),
        object_preps=lower_set("object_preps"),
    )


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
    value: float
    high: float | None
    unit: str | None
    kind: str  # "money", "percent" or "count"
    hedge: str | None
    vague: bool  # "dozens", "hundreds of thousands"
    after_of: bool  # directly followed by "of": "dozens of civilians", "one of the leaders"


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
        firsts = {*UNITS, *MULTIPLIERS, *WORD_SCALES, *(v.split()[0] for v in lexicon.vague)}
        signs = _alternation(lexicon.symbols)
        self.anchor = re.compile(rf"\d|{signs}|\b(?:{_alternation(firsts)})\b", re.IGNORECASE)
        self.back = re.compile(rf"(?<![\w.])(?:(?:{_alternation(lexicon.hedges)})\s+)?"
                               rf"(?:(?-i:{signs}|(?:{_alternation(lexicon.codes)}))\s?|an?\s+)?\Z", re.IGNORECASE)
        self.first_chars = numpy.array(sorted(get_string_id(c) for c in "0123456789"), dtype=numpy.uint64)
        self.words = numpy.array(sorted({get_string_id(w) for w in firsts}), dtype=numpy.uint64)

    def _pattern(self, ranged: bool) -> str:
        lex = self.lex
        word = _alternation({*UNITS, *MULTIPLIERS, *WORD_SCALES})
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
        return Reading(m.start(), end, text[m.start() : end], _plain(low.value), _plain(high.value) if high else None,
                       unit, kind, None if hedge_words == "between" else hedge, False, after_of)

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
    total, current, seen = 0, 0, False
    for word in tokens:
        if word in UNITS:
            current += UNITS[word]
        elif word in MULTIPLIERS:
            current = max(current, 1) * MULTIPLIERS[word]
        elif word in WORD_SCALES:
            total, current = total + max(current, 1) * WORD_SCALES[word], 0
        else:
            continue
        seen = True
    if not seen:
        return None
    factor = WORD_SCALES.get(tokens[-1], 1)
    return Decimal(total + current) / factor, factor


def _year_like(digits: str | None) -> bool:
    return digits is not None and len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2100


def _plain(value: Decimal) -> float:
    """An int when whole (JSON then prints 240000000000, not 240000000000.0), else a float."""
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


NOUNS = frozenset({"NOUN", "PROPN"})
NUMBER_DEPS = frozenset({"nummod", "compound", "nmod", "quantmod", "amod", "appos"})
NAME_ENTS = frozenset({"ORG", "PRODUCT", "LAW", "FAC", "WORK_OF_ART", "EVENT"})
VERB_PREPS = frozenset({"to", "at", "by", "for", "from", "around", "near", "above", "below", "over", "under"})
SIBLING_PREPS = frozenset({"in", "on", "for"})
PEOPLE = "people"
THING_ENTS = frozenset({"", "PRODUCT", "MONEY", "ORG"})  # "GDP" is often tagged ORG by the small model
UNIT_NOUNS = frozenset({"percent", "%", "cent", "dollar", "dollars", "point", "points", "worth"})


@Language.factory("newsgraph_amounts", assigns=["doc._.ng_amounts"], requires=["doc._.ng_times"],
                  default_config={"lexicon_files": [], "min_definite_count": 10})
def make_amounts(nlp: Language, name: str, lexicon_files: list[str], min_definite_count: int) -> AmountTagger:
    return AmountTagger(load_lexicon(tuple(lexicon_files)), min_definite_count)


class AmountTagger:
    """Finds amounts in a parsed ``Doc`` and sets ``doc._.ng_amounts`` (a list of ``AmountRecord``)."""

    def __init__(self, lexicon: Lexicon, min_definite_count: int = 10) -> None:
        self.lex = lexicon
        self.scanner = Scanner(lexicon)
        self.min_definite_count = min_definite_count

    def __call__(self, doc: Doc) -> Doc:
        times = [t for t in doc._.ng_times or [] if t["type"] == "DATE"]
        out: list[AmountRecord] = []
        for reading in self.scanner.scan_doc(doc):
            span = doc.char_span(reading.start, reading.end, alignment_mode="expand")
            if span is not None and len(span):
                amount = self._amount(span, reading, times)
                if amount is not None:
                    out.append(amount)
        doc._.ng_amounts = out
        return doc

    def _amount(self, span: Span, reading: Reading, times: list[Any]) -> AmountRecord | None:
        start, hedge = reading.start, reading.hedge  # a hedge is kept in the amount's text: "about $3 billion"
        text = reading.text
        if hedge and span[0].dep_ in {"prt", "prep"} and len(span) > 1:
            # "handed over 40 prisoners", "learn about 529 plans": a particle or preposition, not a hedge
            span, start, hedge = span[1:], span[1].idx, None
            text = text[start - reading.start :]
        unit: str | None
        measured: str | None
        if reading.kind == "count":
            if any(t["start"] < reading.end and reading.start < t["end"] for t in times):
                return None  # "May 16", "five days", "2023-24": part of a time expression
            counted = self._counted(span, reading)
            if counted is None:
                return None
            unit, measured = counted
        else:
            unit, measured = reading.unit, self._measured(span)
        date = _date_for(span, times)
        return AmountRecord(start=start, end=reading.end, text=text, value=reading.value,
                            unit=unit, object=measured, date=date, tok=(span.start, span.end), kind=reading.kind,
                            high=reading.high, hedge=hedge, year=date[:4] if date and date[:4].isdigit() else None)

    # step 3: what a bare number counts

    def _counted(self, span: Span, reading: Reading) -> tuple[str, str] | None:
        """(unit, object) of a count, or None when the parse shows no counted thing."""
        doc, root = span.doc, span.root
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        after = doc[span.end] if span.end < len(doc) else None
        if span[0].ent_type_ in NAME_ENTS or before in NUMBER_SIGNS or before in NEGATORS:
            return None  # "Boeing 737", "No. 10": part of a name; "no one"
        if after is not None and after.lower_ in self.lex.not_counted:
            return None  # "a 3 a.m. call", "five years ago"
        if reading.after_of:  # "dozens of civilians"; "one of the leaders" is no count
            noun = next((c for c in doc[span.end].children if c.dep_ == "pobj" and c.pos_ in NOUNS), None)
            happened = self._casualty_of(root)
            if noun is None or (not reading.vague and happened is None):
                return None
        else:
            noun = _modified_noun(root, span)
            if noun is None:  # "40 were wounded", "40 wounded", "12 died"
                happened = self._casualty_of(root) or (self._casualty_word(after) if after is not None else None)
                return (PEOPLE, f"{PEOPLE} {happened}") if happened else None
            happened = self._casualty_of(noun)
        return self._count_of(noun, span, reading, happened)

    def _count_of(self, noun: Token, span: Span, reading: Reading, happened: str | None) -> tuple[str, str] | None:
        lemma = noun.lemma_.lower()
        if self._casualty_word(noun):  # "40 wounded" parsed as a noun
            return PEOPLE, f"{PEOPLE} {self._casualty_word(noun)}"
        if lemma in self.lex.people_nouns:  # "two others were wounded"
            return PEOPLE, f"{PEOPLE} {happened}" if happened else PEOPLE
        if lemma in self.lex.not_counted or noun.lower_ in self.lex.not_counted or not noun.text[:1].isalpha():
            return None  # "five days"; "the '90s"
        if reading.value == 1 and lemma not in self.lex.count_nouns:
            return None  # "one day", "one side"
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in DEFINITE and reading.value < self.min_definite_count and not reading.vague:
            return None  # "the two leaders" refers to them rather than counting them
        words = _noun_phrase(noun, span)
        unit = " ".join([*words[:-1], lemma])
        measured = " ".join(words)
        return unit, f"{measured} {happened}" if happened else measured

    def _casualty_word(self, token: Token) -> str | None:
        return self.lex.casualty.get(token.lower_) or self.lex.casualty.get(token.lemma_.lower())

    def _casualty_of(self, token: Token) -> str | None:
        """What a casualty word says happened to ``token``: "five people were killed", "killed 15 soldiers",
        "five people killed", "12 died", "12 were reported dead", "left 40 people wounded"."""
        head = token.head
        role = token.dep_
        if head.pos_ in {"VERB", "ADJ"} and head is not token:
            word = self._casualty_word(head)
            intransitive = head.lemma_.lower() in self.lex.casualty_intransitive
            if word and (role in {"nsubjpass", "dobj"} or (role == "nsubj" and intransitive)):
                return word
        if head.pos_ in {"VERB", "AUX"} and role in {"nsubj", "nsubjpass", "dobj"}:
            for child in head.children:  # "were reported dead", "left 40 people wounded"
                if child.dep_ in {"oprd", "acomp", "xcomp", "ccomp"} and child.i > token.i:
                    word = self._casualty_word(child)
                    if word:
                        return word
        for child in token.children:  # "five people killed", "12 people dead"
            if child.dep_ in {"acl", "amod"} and child.i > token.i:
                word = self._casualty_word(child)
                if word:
                    return word
        return None

    # step 4: what money or a percentage measures

    def _measured(self, span: Span, root: Token | None = None) -> str | None:
        """What the amount ``span`` measures; ``root`` is the word standing for it ("a record $240 billion")."""
        root = root if root is not None else span.root
        own = self._own_phrase(root, span)
        if own is not None:
            return own
        head = root.head
        if head is root:
            return None
        if root.dep_ in NUMBER_DEPS and head.lemma_.lower() in self.lex.stand_ins and head.i < span.start:
            return self._measured(span, head)  # "trade hit a record $240 billion"
        if root.dep_ in NUMBER_DEPS and head.pos_ == "NOUN" and head.i >= span.end:
            return self._noun_or_changed(head, span)  # "a $40 million aid package", "a 5% rise in exports"
        if head.lower_ == "worth":
            return self._worth(head, span)
        if root.dep_ == "pobj" and head.dep_ == "prep":
            governor = head.head
            if head.lower_ == "of" and governor.lemma_.lower() in self.lex.stand_ins:
                return self._measured(span, governor)  # "trade reached a total of $240 billion"
            if head.lower_ in {"of", "at", "worth"} and governor.pos_ == "NOUN":
                return self._noun_or_changed(governor, span)  # "investment of $3.5 billion"
            if head.lower_ in VERB_PREPS and governor.pos_ in {"VERB", "AUX"}:
                obj = syntax.child(governor, ("dobj",))  # "raised tariffs to 25%", "trade rose to $240 billion"
                return _phrase(obj, span) if _is_thing(obj) else self._subject(governor, span)
            return None
        if head.pos_ in {"VERB", "AUX"}:
            return self._from_verb(head, root, span)
        return None

    def _own_phrase(self, root: Token, span: Span) -> str | None:
        """ "$40 million in aid", "12% of the population", "$40 million worth of arms"."""
        for child in root.children:
            if child.i < span.end or child.dep_ not in {"prep", "amod", "advmod", "npadvmod"}:
                continue
            if child.lower_ == "worth":
                child = syntax.child(child, ("prep",)) or child
            if child.lower_ in self.lex.object_preps:
                pobj = syntax.pobj(child)
                if _is_thing(pobj) and pobj.lemma_.lower() not in self.lex.not_counted:
                    return self._noun_or_changed(pobj, span)
        return None

    def _worth(self, worth: Token, span: Span) -> str | None:
        """ "a deal worth $5bn" names the deal; "the deal is worth $5bn" names its subject."""
        if worth.dep_ in {"amod", "acl", "prep"} and worth.head.pos_ == "NOUN":
            return _phrase(worth.head, span)
        if worth.head.pos_ in {"VERB", "AUX"}:
            return self._subject(worth.head, span)
        return None

    def _from_verb(self, verb: Token, root: Token, span: Span) -> str | None:
        if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ == "NOUN":
            return _phrase(verb.head, span)  # "trade, totaling $240 billion"
        if verb.lemma_.lower() in self.lex.measure_verbs and root.dep_ != "nsubj":
            return self._subject(verb, span)  # "trade reached $240 billion", "inflation rose 12%"
        for child in verb.children:  # "spent $240bn on imports", "pledged $5m for reconstruction"
            if child.dep_ == "prep" and child.i >= span.end and child.lower_ in SIBLING_PREPS:
                pobj = syntax.pobj(child)
                if _is_thing(pobj) and pobj.lemma_.lower() not in self.lex.not_counted:
                    return _phrase(pobj, span)
        return None

    def _subject(self, verb: Token, span: Span) -> str | None:
        # "exports are expected to reach $5bn", "rose and reached $5bn"
        subject = syntax.subject(verb, through=("conj", "xcomp"))
        if subject is None:
            return None
        thing = next((t for t in (subject, *subject.conjuncts) if _is_thing(t)), None)
        return _phrase(thing, span) if thing is not None else None  # "China and Russia's trade hit ..."

    def _noun_or_changed(self, noun: Token, span: Span) -> str:
        """A change noun stands for what changed: "a 5% rise in exports" measures exports."""
        if noun.lemma_.lower() in self.lex.change_nouns:
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"in", "of"}), None)
            pobj = syntax.pobj(prep)
            if _is_thing(pobj):
                return _phrase(pobj, span)
        return _phrase(noun, span)


def _is_thing(token: Token | None) -> TypeGuard[Token]:
    """A common noun, or an acronym that names no party or place ("GDP"), and no unit word ("percent")."""
    if token is None or token.lower_ in UNIT_NOUNS:
        return False
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_upper and token.ent_type_ in THING_ENTS)


def _modified_noun(root: Token, span: Span) -> Token | None:
    """The noun a number modifies: "10,000 troops", "two aircraft carriers", "40 Palestinians"."""
    head = root.head
    if root.dep_ not in NUMBER_DEPS or head.i < span.end or head.i - span.end > 4:
        return None
    if head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ == "NORP"):
        return head
    return None


def _noun_phrase(noun: Token, span: Span) -> list[str]:
    """The lower-case words of a noun with its noun compounds, outside the amount: "aircraft carriers"."""
    words = [t for c in noun.lefts if c.dep_ == "compound" for t in c.subtree
             if t.pos_ == "NOUN" and not span.start <= t.i < span.end and t.dep_ == "compound"]
    return [t.lower_ for t in sorted(words, key=lambda t: t.i)] + [noun.lower_]


def _phrase(noun: Token, span: Span) -> str:
    return " ".join(_noun_phrase(noun, span))


def _date_for(span: Span, times: list[Any]) -> str | None:
    """Step 5: the dated time expression of the sentence that the parse attaches nearest to the amount."""
    doc, sent = span.doc, span.sent
    chain = {t.i: depth for depth, t in enumerate([span.root, *span.root.ancestors])}
    best: tuple[int, int, str] | None = None
    for t in times:
        first, last = t["tok"]
        value = t["value"]
        if not (sent.start <= first < sent.end) or not value or not value[:3].isdigit():
            continue  # not in this sentence, unresolved, a duration (P3D) or a reference (PRESENT_REF)
        if first < span.end and span.start < last:
            continue
        top = doc[first:last].root
        depth = next((chain[a.i] for a in [top, *top.ancestors] if a.i in chain), len(chain))
        key = (depth, abs(first - span.start), value)
        if best is None or key < best:
            best = key
    return best[2] if best else None
