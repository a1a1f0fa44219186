"""Numbers written in words, for every stage: "forty-five", "two hundred and fifty", "three million".

``UNITS`` (zero … nineteen and the tens), ``MULTIPLIERS`` ("hundred", "dozen") and ``SCALES`` ("thousand" …
"trillion") are the words; ``words_value`` adds them up the one way English composes them. The time stage reads
counts of units with it ("twenty four hours"), the amount stage amounts ("three million dollars").
"""

from __future__ import annotations

from collections.abc import Iterable

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
MULTIPLIERS: dict[str, int] = {"hundred": 100, "dozen": 12}
SCALES: dict[str, int] = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
#: words that join number words without adding to them ("two hundred and fifty", "a hundred")
JOINERS = frozenset({"and", "a"})


def words_value(words: Iterable[str], strict: bool = True) -> int | None:
    """The number lower-case ``words`` write: units add up, "hundred" and "dozen" multiply what came before,
    a scale closes a group ("two million three hundred thousand"). None when no number word is there, or, when
    ``strict``, when a word is neither a number word nor a joiner ("twenty odd")."""
    total, current, seen = 0, 0, False
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in MULTIPLIERS:
            current = max(current, 1) * MULTIPLIERS[word]
        elif word in SCALES:
            total, current = total + max(current, 1) * SCALES[word], 0
        elif strict and word not in JOINERS:
            return None
        else:
            continue
        seen = True
    return total + current if seen else None
