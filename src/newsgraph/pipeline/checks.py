"""The checks a document passes before it is parsed, cheapest first; the first that fails names its error.

1. the reader's own error (binary file, bad JSONL line, unreadable path…);
2. E001 empty: nothing but whitespace;
3. E004 too large: more than ``max_chars`` characters (before any other work on the text);
4. E002 binary: a NUL character anywhere (a file's NUL bytes were caught by the reader; this catches ``\\u0000``
   in a JSON string or text handed in by a library caller);
5. E003 not Unicode: lone surrogates, which no tokenizer or UTF-8 writer accepts;
6. E001 no words: not a single letter (zero-width characters, marks, digits, brackets only);
7. E011 bad date: ``published`` that is not a real ``YYYY-MM-DD`` day in ASCII digits;
8. E005 not English: mostly letters of another script (Chinese, Japanese, Arabic…: their words are not
   separated by spaces, so the next test would see too few), or, with enough words, too few English
   function words.
"""

from __future__ import annotations

from newsgraph.config import Settings
from newsgraph.dates import iso_day
from newsgraph.errors import DocumentError, ErrorCode, NewsgraphError
from newsgraph.nlp.lang import english_ratio, has_letters, latin_share
from newsgraph.readers.files import InputDoc
from newsgraph.readers.sniff import has_surrogates

#: below this share of Latin letters (of at least MIN_LETTERS letters) a document is not English
MIN_LATIN_SHARE = 0.5
MIN_LETTERS = 20


def precheck(item: InputDoc, settings: Settings) -> NewsgraphError | None:
    """Why ``item`` cannot be analysed, or None."""
    if item.error is not None:
        return item.error
    text = item.text
    if not text.strip():
        return DocumentError(ErrorCode.EMPTY, item.id)
    if len(text) > settings.max_chars:
        return DocumentError(ErrorCode.TOO_LARGE, f"{len(text):,} characters > {settings.max_chars:,}")
    if "\x00" in text:
        return DocumentError(ErrorCode.BINARY, f"{item.id}: NUL character at {text.index(chr(0)):,}")
    if has_surrogates(text):
        return DocumentError(ErrorCode.ENCODING, f"{item.id}: lone surrogates (not Unicode text)")
    if not has_letters(text):
        return DocumentError(ErrorCode.EMPTY, f"{item.id}: not a single letter")
    if item.published is not None and not is_iso_day(item.published):
        return DocumentError(ErrorCode.BAD_DATE, f"{item.id}: published {item.published[:40]!r}")
    return language_problem(text, settings)


def language_problem(text: str, settings: Settings) -> DocumentError | None:
    share, letters = latin_share(text)
    if letters >= MIN_LETTERS and share < MIN_LATIN_SHARE:
        return DocumentError(ErrorCode.NOT_ENGLISH, f"{1 - share:.0%} of {letters:,} letters in a non-Latin script")
    ratio, words = english_ratio(text)
    if words >= settings.min_words_for_language and ratio < settings.min_english_ratio:
        return DocumentError(ErrorCode.NOT_ENGLISH, f"{ratio:.0%} English function words in {words} words")
    return None


def is_iso_day(value: str) -> bool:
    """``published`` must be a real YYYY-MM-DD day: every stage anchors relative dates on it."""
    return isinstance(value, str) and iso_day(value) is not None
