"""The model's attribute ruler and lemmatizer, remembered (nlp/rules.py, nlp/lemmas.py), annotate exactly as the
model's own, across documents, memory zones and their memory limits, and stand in only where they can."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language

from newsgraph.nlp import lemmas, rules
from newsgraph.nlp.build import resolve_model
from newsgraph.nlp.lemmas import RememberedLemmas, remember_lemmas
from newsgraph.nlp.rules import RememberedRules, remember_rules
from newsgraph.pipeline.analyzer import Analyzer

TEXTS = [
    "The ministers were meeting in Beijing on Thursday; they had agreed that it was time to widen the talks.",
    "\"We ain't gonna let 'em win, y'all,\" a senator said. \"C'mon, let's go, we gotta try.\"",
    "There is no plan, and there were no talks. I told you it would fail; you told me I was wrong.",
    "She can't and won't go: he did, and he'd done it before. It is what it is. Nothin' doin', ol' friend.",
    "Russia's exports of oil rose 12% to $240 billion as buyers' prices fell, analysts wrote.",
    "Troops withdrew   from the villages.\n\nThe U.N. envoys   met  \t again on 12 May 2024 at 10:00.",
    "Running, ran, runs: the leaders are the best of the worst, and the children's children lived.",
    "Whoever wins, which side gets the blame? That which was promised got lost; those who lost got nothing.",
    # one word and part of speech, two lemmas by morphology: what is remembered must be told apart by it
    "She saw the men who will saw the logs. They found a firm and now want to found another.",
]
#: each stand-in: the pipe it replaces, how it is put in place, its module (for LIMIT), its class
STAND_INS = {
    "rules": ("attribute_ruler", remember_rules, rules, RememberedRules),
    "lemmas": ("lemmatizer", remember_lemmas, lemmas, RememberedLemmas),
}


def stock() -> Language:
    return spacy.load(resolve_model(""))


def annotations(nlp: Language, text: str) -> list[tuple]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in nlp(text)]


@pytest.mark.parametrize("kind", STAND_INS)
def test_the_analyzer_uses_it(analyzer: Analyzer, kind: str) -> None:
    pipe, _, _, cls = STAND_INS[kind]
    assert isinstance(analyzer.nlp.get_pipe(pipe), cls)


@pytest.mark.parametrize("kind", STAND_INS)
def test_same_annotations_as_the_model(kind: str) -> None:
    pipe, remember, _, _ = STAND_INS[kind]
    model, ours = stock(), stock()
    assert remember(ours)
    for text in TEXTS + TEXTS:  # the second round from memory
        assert annotations(ours, text) == annotations(model, text)
    assert ours.get_pipe(pipe).known


@pytest.mark.parametrize("kind", STAND_INS)
def test_across_memory_zones_and_the_limit(monkeypatch, kind: str) -> None:
    pipe, remember, module, _ = STAND_INS[kind]
    model, ours = stock(), stock()
    remember(ours)
    expected = [annotations(model, text) for text in TEXTS]
    monkeypatch.setattr(module, "LIMIT", 10)  # forgets what it knows several times over
    for _ in range(2):
        with ours.memory_zone():  # the strings a zone adds are gone after it: the annotations must not be
            assert [annotations(ours, text) for text in TEXTS] == expected
    assert len(ours.get_pipe(pipe).known) <= 10 + max(len(ours.make_doc(t)) for t in TEXTS)


def test_both_at_once_as_the_pipeline_has_them() -> None:
    model, ours = stock(), stock()
    assert remember_rules(ours) and remember_lemmas(ours)
    assert [annotations(ours, t) for t in TEXTS] == [annotations(model, t) for t in TEXTS]


@pytest.mark.parametrize("kind", STAND_INS)
def test_not_without_the_pipe(kind: str) -> None:
    pipe, remember, _, _ = STAND_INS[kind]
    nlp = stock()
    nlp.remove_pipe(pipe)
    assert not remember(nlp)


def test_only_a_lemmatizer_with_its_tables() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("lemmatizer", config={"mode": "rule"})  # no tables loaded
    assert not remember_lemmas(blank)


def _ruler(add: Callable[[Language], None]) -> Language:
    nlp = spacy.blank("en")
    add(nlp)
    return nlp


def test_only_a_ruler_whose_rules_it_can_remember() -> None:
    sets_a_lexeme = _ruler(lambda n: n.add_pipe("attribute_ruler").add([[{"LOWER": "gov"}]], {"NORM": "government"}))
    assert not remember_rules(sets_a_lexeme)  # NORM is not among what it writes back
    reads_more = _ruler(lambda n: n.add_pipe("attribute_ruler").add([[{"LOWER": "us"}, {"IS_UPPER": True}]],
                                                                   {"POS": "PROPN"}))
    assert remember_rules(reads_more)  # a cross-token rule: matched as spaCy does
    ruler = reads_more.get_pipe("attribute_ruler")
    assert len(ruler.across) == 1 and len(ruler.local) == 0


def test_a_form_test_it_cannot_list_makes_every_form_count() -> None:
    def fuzzy(nlp: Language) -> None:
        nlp.add_pipe("attribute_ruler").add([[{"LOWER": {"FUZZY": "minister"}}]], {"POS": "NOUN"})

    ours, model = _ruler(fuzzy), _ruler(fuzzy)
    assert remember_rules(ours) and ours.get_pipe("attribute_ruler").every_form
    text = "The ministre met the minister and a monster."
    assert [t.pos_ for t in ours(text)] == [t.pos_ for t in model(text)]


def test_the_rules_of_both_kinds_are_exercised() -> None:
    ours = stock()
    remember_rules(ours)
    ruler = ours.get_pipe("attribute_ruler")
    assert len(ruler.across) and len(ruler.local)
