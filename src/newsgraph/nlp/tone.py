"""Tone: how positive or negative a text reads, on GDELT's scale.

GDELT's tone is "the percentage of all words in the article that were found to have a positive emotional
connotation minus the percentage with a negative one" (GDELT 2.0 event and GKG codebooks), so it runs from -100
to +100 and news mostly falls between -10 and +10. newsgraph measures it the same way:

* **words**: runs of letters (an apostrophe inside a word kept: "didn't"; hyphenated words count as their
  parts), lower-cased;
* **the lexicon**: VADER's (Hutto and Gilbert, 2014: 7,500 English words and expressions, each rated from -4
  to +4 by ten people), read from the installed ``vaderSentiment`` package (MIT) — not a list typed here. A word
  rated at least +0.5 on average is positive, at most -0.5 negative; weaker ratings count as neutral;
* **names do not carry tone**: a capitalised word that does not open a sentence is part of a name ("United
  States", "Hope Hicks", "Justice Department") and is counted as a word but never as positive or negative;
* no negation or intensity rules, as GDELT's word counts have none.

``tone(text)`` gives the tone and its parts: ``positive`` and ``negative`` (percent of words), ``polarity``
(percent of words with any tone: how emotional the text is, whichever way) and ``words``. The record carries it
for the article (``tone``) and for each event's sentence (``events[].tone``); the GDELT export's ``AvgTone`` is
the mean article tone of the articles that report the event's story.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources

LEXICON = ("vaderSentiment", "vader_lexicon.txt")
NEUTRAL_BELOW = 0.5
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_OPENS = re.compile(r"(?:^|[.!?:;]\s*[\"'“‘(]?\s*|\n\s*[\"'“‘(]?\s*|[\"“]\s*)$")


@dataclass(frozen=True)
class Tone:
    tone: float
    positive: float
    negative: float
    polarity: float
    words: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """Word → mean rating, for the words rated clearly positive or negative (|rating| ≥ ``NEUTRAL_BELOW``)."""
    text = (resources.files(LEXICON[0]) / LEXICON[1]).read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and _WORD.fullmatch(parts[0]):
            value = float(parts[1])
            if abs(value) >= NEUTRAL_BELOW:
                out[parts[0].lower()] = value
    return out


def _opens_sentence(text: str, start: int) -> bool:
    return _OPENS.search(text[max(0, start - 4) : start]) is not None


def tone(text: str) -> Tone:
    """The tone of ``text`` (see the module's docstring); an empty text has tone 0 and no words."""
    words = _WORD.finditer(text)
    rated = lexicon()
    n = positive = negative = 0
    for match in words:
        n += 1
        word = match.group().replace("’", "'")
        if word[0].isupper() and not _opens_sentence(text, match.start()):
            continue  # a word of a name
        value = rated.get(word.lower())
        if value is None:
            continue
        if value > 0:
            positive += 1
        else:
            negative += 1
    if n == 0:
        return Tone(0.0, 0.0, 0.0, 0.0, 0)
    pos, neg = 100.0 * positive / n, 100.0 * negative / n
    return Tone(round(pos - neg, 3), round(pos, 3), round(neg, 3), round(pos + neg, 3), n)
