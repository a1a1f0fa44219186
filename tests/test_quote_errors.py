"""The breakdown ``newsgraph eval quotes`` prints: gold cues by word class, wrong predictions by cause."""

from __future__ import annotations

import pytest

from newsgraph.evaluate.quote_errors import cue_class, explain_article, fp_cause, load_classes


@pytest.fixture(scope="module")
def classes() -> dict[str, frozenset[str]]:
    return load_classes()


def _span(text: str, words: str) -> list[tuple[int, int]]:
    start = text.index(words)
    return [(start, start + len(words))]


@pytest.mark.parametrize(("text", "cue", "expected"), [
    ("The senator said that taxes will rise next year.", "said", "speech"),
    ("Voters believe that taxes will rise next year.", "believe", "belief"),
    ("The governor has endorsed Mr. Smith for the seat.", "has endorsed", "evaluative"),
    ("The poll showed a lead of five points for the mayor.", "showed", "object"),
    ("The allegation that he lied was never proven.", "allegation", "noun"),
    ("Taxes will rise, according to the senator.", "according to", "preposition"),
    ("The mayor reportedly plans to resign soon.", "reportedly", "other"),
    ("The mayor: taxes will rise next year.", ":", "none"),
])
def test_cue_classes(analyzer, classes, text: str, cue: str, expected: str) -> None:
    doc = analyzer.nlp(text)
    assert cue_class(doc, _span(text, cue), classes)[0] == expected


def _quote(text: str, content: str, cue: str) -> dict:
    return {"content": [list(s) for s in _span(text, content)], "cue": list(_span(text, cue)[0])}


def _chars(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {i for a, b in spans for i in range(a, b) if not text[i].isspace()}


def test_false_positive_causes(analyzer) -> None:
    text = ("Mayor Backs New Budget\n\nThe mayor responded to requests for comment on Monday. "
            "The senator said taxes will rise and the governor said schools will close.")
    doc = analyzer.nlp(text)
    gold = [_chars(text, _span(text, "taxes will rise")), _chars(text, _span(text, "schools will close"))]
    cases = {
        "headline": _quote(text, "New Budget", "Backs"),
        "adjunct": _quote(text, "requests for comment", "responded"),
        "merged": _quote(text, "taxes will rise and the governor said schools will close", "said"),
        "boundary": _quote(text, "The senator said taxes will rise and the", "said"),
    }
    for cause, quote in cases.items():
        chars = _chars(text, [tuple(c) for c in quote["content"]])
        assert fp_cause(doc, quote, chars, gold, text) == cause, cause


def test_explain_article_counts_misses_and_wrong_predictions(analyzer, classes) -> None:
    text = "The senator said taxes will rise. Critics accused him of lying about the budget."
    doc = analyzer.nlp(text)
    golds = [(_span(text, "said"), _chars(text, _span(text, "taxes will rise"))),
             (_span(text, "accused"), _chars(text, _span(text, "him of lying about the budget")))]
    quote = _quote(text, "taxes will rise", "said")
    wrong = _quote(text, "The senator said taxes", "said")
    pred = [_chars(text, [tuple(c) for c in q["content"]]) for q in (quote, wrong)]
    out = explain_article(doc, text, [quote, wrong], pred, golds, classes)
    assert out.gold["speech"] == 1 and out.missed["speech"] == 0
    assert out.missed["evaluative"] == 1 and out.missed_lemmas["evaluative"]["accuse"] == 1
    assert out.false_positives["boundary"] == 1
