"""The remembered lemmatizer gives the model's own lemmas, across documents, memory zones and its memory limit."""

from __future__ import annotations

import spacy
from spacy.language import Language

from newsgraph.nlp import lemmas
from newsgraph.nlp.build import resolve_model
from newsgraph.nlp.lemmas import RememberedLemmas, remember_lemmas
from newsgraph.pipeline.analyzer import Analyzer

TEXTS = [
    "The ministers were meeting in Beijing on Thursday, and they had agreed to widen the talks.",
    "She said the sanctions wouldn't work; \"we ain't gonna let 'em win,\" a senator added.",
    "Russia's exports of oil rose 12% to $240 billion as buyers' prices fell, analysts wrote.",
    "Troops withdrew   from the villages.\n\nThe U.N. envoys' better offers got nowhere; talks resumed.",
    "Running, ran, runs: the leaders are the best of the worst, and the children's children lived.",
    # one word and part of speech, two lemmas by morphology: what is remembered must be told apart by it
    "She saw the men who will saw the logs. They found a firm and now want to found another.",
]


def stock() -> Language:
    return spacy.load(resolve_model(""))


def lemmas_of(nlp: Language, text: str) -> list[str]:
    return [token.lemma_ for token in nlp(text)]


def test_the_analyzer_uses_it(analyzer: Analyzer) -> None:
    assert isinstance(analyzer.nlp.get_pipe("lemmatizer"), RememberedLemmas)


def test_same_lemmas_as_the_model() -> None:
    model, ours = stock(), stock()
    assert remember_lemmas(ours)
    for text in TEXTS + TEXTS:  # the second round from memory
        assert lemmas_of(ours, text) == lemmas_of(model, text)
    assert ours.get_pipe("lemmatizer").known


def test_across_memory_zones_and_the_limit(monkeypatch) -> None:
    model, ours = stock(), stock()
    remember_lemmas(ours)
    expected = [lemmas_of(model, text) for text in TEXTS]
    monkeypatch.setattr(lemmas, "LIMIT", 20)  # forgets what it knows several times over
    for _ in range(2):
        with ours.memory_zone():  # the strings a zone adds are gone after it: the lemmas must not be
            assert [lemmas_of(ours, text) for text in TEXTS] == expected
    assert len(ours.get_pipe("lemmatizer").known) <= 20 + max(len(ours.make_doc(t)) for t in TEXTS)


def test_only_a_lemmatizer_it_can_stand_in_for() -> None:
    nlp = stock()
    nlp.remove_pipe("lemmatizer")
    assert not remember_lemmas(nlp)
    blank = spacy.blank("en")
    blank.add_pipe("lemmatizer", config={"mode": "rule"})  # no tables loaded
    assert not remember_lemmas(blank)
