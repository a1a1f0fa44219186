"""Tone on GDELT's scale (``nlp/tone.py``), on sentences we wrote whose polarity is not in doubt."""

from __future__ import annotations

import pytest

from newsgraph.nlp.tone import lexicon, tone

POSITIVE = [
    "The two leaders praised the peace agreement as a great success.",
    "Officials welcomed the generous aid and thanked the volunteers for their help.",
    "Both sides celebrated a historic victory for cooperation and friendship.",
]
NEGATIVE = [
    "Rebels killed dozens of civilians in a brutal attack that caused panic and terror.",
    "The minister condemned the violence and warned of a deadly crisis.",
    "Protesters were injured and arrested after the riot, and the government denounced the chaos.",
]
NEUTRAL = [
    "The committee will meet on Tuesday in Geneva to review the schedule.",
    "The report was published in March and has 40 pages.",
]


@pytest.mark.parametrize("text", POSITIVE)
def test_positive_sentences_have_positive_tone(text: str) -> None:
    t = tone(text)
    assert t.tone > 5 and t.negative == 0 and t.positive == t.polarity


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative_sentences_have_negative_tone(text: str) -> None:
    t = tone(text)
    assert t.tone < -5 and t.positive == 0 and t.negative == t.polarity


@pytest.mark.parametrize("text", NEUTRAL)
def test_factual_sentences_have_no_tone(text: str) -> None:
    assert tone(text).tone == 0.0


def test_the_scale_is_percent_of_words() -> None:
    t = tone("peace peace war hello")  # 2 positive, 1 negative of 4 words
    assert (t.positive, t.negative, t.tone, t.polarity, t.words) == (50.0, 25.0, 25.0, 75.0, 4)
    assert tone("").words == 0 and tone("").tone == 0.0
    assert tone("...!").words == 0


def test_words_of_names_carry_no_tone() -> None:
    # "United", "Justice", "Hope" are rated words, but here they are parts of names
    assert tone("He met the United Nations envoy and Hope Hicks at the Justice Department.").tone == 0.0
    assert tone("United we stand.").positive > 0  # a sentence's first word is a word, not a name


def test_the_lexicon_comes_from_the_installed_package() -> None:
    words = lexicon()
    assert len(words) > 5000
    assert words["war"] < 0 < words["peace"] and "the" not in words
    assert all(abs(v) >= 0.5 for v in words.values())
