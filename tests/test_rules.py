"""The remembered attribute ruler annotates exactly as the model's own, across documents, memory zones and its
memory limit, and stands in only for a ruler whose rules it can remember."""

from __future__ import annotations

import spacy
from spacy.language import Language

from newsgraph.nlp import rules
from newsgraph.nlp.build import resolve_model
from newsgraph.nlp.rules import RememberedRules, remember_rules
from newsgraph.pipeline.analyzer import Analyzer

TEXTS = [
    "The ministers were meeting in Beijing on Thursday; they had agreed that it was time to widen the talks.",
    "\"We ain't gonna let 'em win, y'all,\" a senator said. \"C'mon, let's go, we gotta try.\"",
    "There is no plan, and there were no talks. I told you it would fail; you told me I was wrong.",
    "She can't and won't go: he did, and he'd done it before. It is what it is. Nothin' doin', ol' friend.",
    "Troops withdrew   from the villages.\n\nThe U.N. envoys   met  \t again on 12 May 2024 at 10:00.",
    "Whoever wins, which side gets the blame? That which was promised got lost; those who lost got nothing.",
]


def stock() -> Language:
    return spacy.load(resolve_model(""))


def annotations(nlp: Language, text: str) -> list[tuple]:
    return [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in nlp(text)]


def test_the_analyzer_uses_it(analyzer: Analyzer) -> None:
    assert isinstance(analyzer.nlp.get_pipe("attribute_ruler"), RememberedRules)


def test_same_annotations_as_the_model() -> None:
    model, ours = stock(), stock()
    assert remember_rules(ours)
    ruler = ours.get_pipe("attribute_ruler")
    assert len(ruler.across) and len(ruler.local)  # both kinds of rule are exercised
    for text in TEXTS + TEXTS:  # the second round from memory
        assert annotations(ours, text) == annotations(model, text)
    assert ruler.known


def test_across_memory_zones_and_the_limit(monkeypatch) -> None:
    model, ours = stock(), stock()
    remember_rules(ours)
    expected = [annotations(model, text) for text in TEXTS]
    monkeypatch.setattr(rules, "LIMIT", 10)  # forgets what it knows several times over
    for _ in range(2):
        with ours.memory_zone():
            assert [annotations(ours, text) for text in TEXTS] == expected


def test_only_a_ruler_it_can_stand_in_for() -> None:
    nlp = stock()
    nlp.remove_pipe("attribute_ruler")
    assert not remember_rules(nlp)
    sets_a_lexeme = spacy.blank("en")
    sets_a_lexeme.add_pipe("attribute_ruler").add([[{"LOWER": "gov"}]], {"NORM": "government"})
    assert not remember_rules(sets_a_lexeme)  # NORM is not among what it writes back
    reads_more = spacy.blank("en")
    reads_more.add_pipe("attribute_ruler").add([[{"LOWER": "us"}, {"IS_UPPER": True}]], {"POS": "PROPN"})
    assert remember_rules(reads_more)  # a cross-token rule: matched as spaCy does
    ruler = reads_more.get_pipe("attribute_ruler")
    assert len(ruler.across) == 1 and len(ruler.local) == 0


def test_a_form_test_it_cannot_list_makes_every_form_count() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": {"FUZZY": "minister"}}]], {"POS": "NOUN"})
    model = spacy.blank("en")
    model.add_pipe("attribute_ruler").add([[{"LOWER": {"FUZZY": "minister"}}]], {"POS": "NOUN"})
    assert remember_rules(nlp) and nlp.get_pipe("attribute_ruler").every_form
    text = "The ministre met the minister and a monster."
    assert [t.pos_ for t in nlp(text)] == [t.pos_ for t in model(text)]
