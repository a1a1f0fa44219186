"""Text forms shared by recognition and normalisation: the cleaned form a phrase is normalised from, counts
written in words or digits, years spelled out, and the pattern of words that make a phrase temporal."""

from __future__ import annotations

import re
from functools import lru_cache

from newsgraph.nlp.numbers import words_value
from newsgraph.nlp.times.lexicon import LEX

SMALL = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
TENS = {w: 10 * n for n, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)}
NUMBER_WORD = "|".join([*SMALL, *TENS, "hundred", "thousand", "a dozen", "dozen", "a couple of", "couple of",
                        "a", "an"])
#: a count: digits, number words, or a vague quantity ("several", "hundreds of")
COUNT = rf"(?:\d+(?:[.,]\d+)?(?: 1/2)?|(?:{NUMBER_WORD})(?: (?:{'|'.join([*SMALL, *TENS, 'hundred', 'thousand'])}))*" \
        r"|several|a few|few|some|many|numerous|(?:dozens|scores|hundreds|thousands) of)"
ORDINALS = {w: n for n, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"],
    start=1)}
ORDINALS.update({"twentieth": 20, "thirtieth": 30})
#: a day of the month written as an ordinal word ("eighth", "twenty first")
ORDINAL_DAY = r"(?:(?:twenty|thirty) )?(?:" + "|".join(ORDINALS) + ")"
UNIT = r"(second|minute|hour|day|night|week|month|quarter|year|decade|centur(?:y|ie))s?"

#: a phrase with none of these is no time expression
TIMEWORD = re.compile(
    r"\d|\b(?:" + "|".join(sorted(LEX.months, key=len, reverse=True)) + "|" + "|".join(LEX.weekdays)
    + r"|now|today|tonight|yesterday|tomorrow|second|minute|hour|day|week|weekend|month|quarter|year|decade|centur\w*"
    r"|noon|midnight|midday|spring|summer|fall|autumn|winter|season|morning|afternoon|evening|night|overnight|period"
    r"|current(?:ly)?|recent(?:ly)?|lately|future|past|present|soon|once|previously|formerly|nowadays|daily|weekly"
    r"|monthly|quarterly|annual(?:ly)?|yearly|hourly|nightly|christmas|thanksgiving|easter|eve|holiday|date|\w+ties"
    r"|(?:near|short|long) term)s?\b")

WORD_YEAR = re.compile(r"\b(eighteen|nineteen|twenty) ((?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                       r"seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                       r"(?: (?:one|two|three|four|five|six|seven|eight|nine))?)\b")
#: words before the expression proper: prepositions, hedges and "the end of"-style parts, dropped in turn
LEAD = (r"^(?:on|in|at|by|since|until|till|from|during|through|throughout|within|for|over|around|about|"
        r"approximately|roughly|nearly|almost|barely|only|just|some ?time|both|between|up to|(?:at )?least|"
        r"(?:at )?most|"
        r"more than|less than|fewer than|no more than|no later than|as long as|as much as|as early as|"
        r"as late as|as of|of|its|his|her|their|our|my|your|"
        r"(?:the )?(?:very )?(?:end|beginning|start|middle|close|turn|rest|remainder) of|"
        r"early|late|mid|the early|the late|the mid) ")


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
    return words_value(words.split()) or None  # "zero" counts nothing (nlp/numbers.py adds the words up)


def ordinal(words: str) -> int | None:
    """'eighth' -> 8, 'twenty first' -> 21; None for anything else."""
    *tens, last = words.split() or [""]
    if last not in ORDINALS or len(tens) > 1 or (tens and (tens[0] not in TENS or ORDINALS[last] > 9)):
        return None
    return (TENS[tens[0]] if tens else 0) + ORDINALS[last]


def _ordinal_day_digits(text: str) -> str:
    """'march eighth' -> 'march 8', 'the first of may' -> 'the 1 of may' (dates read aloud)."""
    months = "|".join(LEX.months)

    def digits(m: re.Match[str]) -> str:
        day = ordinal(m.group("day"))
        return m.group(0) if day is None else m.group(0).replace(m.group("day"), str(day))

    text = re.sub(rf"\b(?:{months})\.? (?P<day>{ORDINAL_DAY})\b", digits, text)
    return re.sub(rf"\b(?P<day>{ORDINAL_DAY}) of (?:{months})\b", digits, text)


def _word_year_digits(m: re.Match[str]) -> str:
    """'nineteen ninety four' -> '1994' (broadcast transcripts spell years out)."""
    return str(SMALL.get(m.group(1), 20) * 100 + (number(m.group(2)) or 0))


@lru_cache(maxsize=8192)
def clean(text: str) -> str:
    """The form a phrase is normalised from: lower case, plain quotes, "p.m." as "pm", hyphens as spaces,
    no edge punctuation or possessive, no "fiscal"/"or so"-style words that do not change the value, years
    spelled out as digits, and no leading preposition, hedge or "the end of"."""
    low = text.lower().replace("’", "'").replace("‘", "'")
    low = re.sub(r"\b([ap])\. ?m\b\.?", r"\1m", low)
    low = re.sub(r"(?<=[a-z])-(?=[a-z0-9])|(?<=[0-9])-(?=[a-z])", " ", low)
    low = re.sub(r"\s+", " ", low).strip(" ,.;:!?()\"`")
    low = re.sub(r"'s$|s'$", "", low).strip()
    low = re.sub(r"\b(fiscal|financial|calendar|school|academic|trading|business) (?=year|quarter|\d|first|"
                 r"second|third|fourth|half|day)", "", low)
    low = re.sub(r" (or so|or more|or less|or longer|and beyond|alone)\b", "", low)
    low = WORD_YEAR.sub(_word_year_digits, low)
    low = _ordinal_day_digits(low)
    low = re.sub(r"^an? (?=\d|first|second|third|fourth)", "", low)
    low = re.sub(r"^(earlier|later) (in |on )?(?=\w)", "", low)
    low = re.sub(r"^(" + "|".join(LEX.months) + r")\.? month$", r"\1", low)
    while True:
        stripped = re.sub(LEAD, "", low)
        if stripped == low:
            return low
        low = stripped
