"""Long documents are parsed in pieces and written back onto the whole (pipeline/pieces.py; sentences written here)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import spacy
from spacy.language import Language

from newsgraph.config import Settings
from newsgraph.pipeline import pieces
from newsgraph.pipeline.analyzer import Analyzer
from newsgraph.pipeline.record import validate_record
from newsgraph.readers.files import InputDoc

PARAGRAPHS = [
    "Kenya's foreign minister met his Ethiopian counterpart in Nairobi on Monday to discuss the border.",
    "The two governments agreed to reopen the crossing at Moyale, officials said.",
    "Ethiopia's prime minister later thanked Kenya for its help with refugees.",
    "Uganda criticised both countries over the deal, saying it had not been consulted.",
]


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def test_pieces_are_bounded_cut_at_paragraphs_and_join_up_to_the_text(blank: Language) -> None:
    text = "\n\n".join(PARAGRAPHS * 3)
    doc = blank.make_doc(text)
    starts = pieces.cut_points(doc, 250)
    assert starts[0] == 0 and starts == sorted(set(starts))
    ends = [*starts[1:], len(doc)]
    for start, end in zip(starts, ends, strict=True):
        span = doc[start:end]
        assert len(span.text_with_ws) <= 250
    for start in starts[1:]:  # every cut is after a paragraph break: there is one within each half piece
        assert doc[start - 1].is_space and "\n" in doc[start - 1].text
    parts = list(pieces.split(doc, 250))
    assert "".join(p.text for p in parts) == text


def test_a_piece_keeps_the_norms_the_tokenizer_set(blank: Language) -> None:
    doc = blank.make_doc("They don't know. " * 20 + "\n\nWe're gonna stay, y'all said. " * 20)
    assert {t.text: t.norm_ for t in doc}["n't"] == "not"  # a tokenizer exception, not the word's own norm
    parts = list(pieces.split(doc, 120))
    assert len(parts) > 5
    assert [t.norm_ for p in parts for t in p] == [t.norm_ for t in doc]


def test_what_the_model_wrote_on_the_pieces_is_written_back_onto_the_whole(blank: Language) -> None:
    text = "\n\n".join(PARAGRAPHS * 3)
    doc = blank.make_doc(text)
    doc.user_data["ng_id"] = "whole"
    found = []
    for part in pieces.split(doc, 250):
        for token in part:  # stand-ins for a tagger, a parser and a recogniser: one sentence a piece, rooted at 0
            token.tag_, token.lemma_ = f"T{len(token.text)}", token.text.lower()
            token.head, token.dep_ = part[0], "ROOT" if token.i == 0 else "dep"
        part.ents = [part.char_span(0, len(part[0].text), label="GPE")]
        found.append(pieces.model_columns(part))
    pieces.write_back(doc, found)
    assert found == [] and doc.text == text and doc.user_data["ng_id"] == "whole"
    assert [t.tag_ for t in doc] == [f"T{len(t.text)}" for t in doc]
    assert [t.lemma_ for t in doc] == [t.text.lower() for t in doc]
    starts = pieces.cut_points(doc, 250)
    assert [s.start for s in doc.sents] == starts  # heads are relative: each piece's tree lands where it sits
    assert [e.start for e in doc.ents] == starts and {e.label_ for e in doc.ents} == {"GPE"}
    assert all(t.head.i == max(s for s in starts if s <= t.i) for t in doc)


def test_pieces_that_do_not_match_the_whole_are_refused(blank: Language) -> None:
    doc = blank.make_doc("Kenya thanked Ethiopia. Uganda did not.")
    other = blank.make_doc("Kenya thanked Ethiopia. Uganda did too.")
    with pytest.raises(ValueError, match="do not match"):
        pieces.write_back(doc, [pieces.model_columns(other)])
    with pytest.raises(ValueError, match="do not match"):
        pieces.write_back(doc, [pieces.model_columns(doc[:3].as_doc())])


def test_without_paragraphs_a_cut_falls_after_a_sentence_then_a_space_then_anywhere(blank: Language) -> None:
    doc = blank.make_doc(" ".join(PARAGRAPHS))
    for start in pieces.cut_points(doc, 120)[1:]:
        assert doc[start - 1].text == "." and doc[start].is_title
    words = blank.make_doc("word " * 100)
    assert all(words[s - 1].whitespace_ for s in pieces.cut_points(words, 42)[1:])
    solid = blank.make_doc("x" * 50 + " " + "y" * 50)  # two tokens each longer than the limit: one per piece
    assert pieces.cut_points(solid, 10) == [0, 1]


def test_cutting_is_linear_in_the_length(blank: Language) -> None:
    doc = blank.make_doc("\n\n".join(PARAGRAPHS * 400))
    starts = pieces.cut_points(doc, 2_000)
    assert len(starts) == pytest.approx(len(doc.text) / 2_000, rel=0.6)


def test_a_long_document_is_analysed_in_pieces_like_a_whole_one(analyzer: Analyzer) -> None:
    text = "NAIROBI (Reuters) - " + "\n\n".join(PARAGRAPHS * 2)
    kept = analyzer.settings
    try:
        analyzer.settings = replace(kept, batch_chars=300)  # about two paragraphs a piece
        cut = analyzer.analyze_one(InputDoc("long", text, "2024-05-16"))
        analyzer.settings = replace(kept, batch_chars=100_000)
        whole = analyzer.analyze_one(InputDoc("long", text, "2024-05-16"))
    finally:
        analyzer.settings = kept
    assert not cut.get("error") and validate_record(cut) == []
    assert cut["text"] == text
    for mention in cut["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    # the same words name the same actors, and the dateline is still a dateline, not an actor
    assert {(m["start"], m["end"], m["actor"]) for m in cut["mentions"]} == \
        {(m["start"], m["end"], m["actor"]) for m in whole["mentions"]}
    assert not any(m["start"] == 0 for m in cut["mentions"])
    assert len(cut["events"]) == len(whole["events"]) > 0


def _clocked_pipeline(clock: dict[str, float]) -> Language:
    """A blank English pipeline whose one batching component 'takes' 50 s on every piece it is given."""
    nlp = spacy.blank("en")

    class Slow:
        def __call__(self, doc: Any) -> Any:
            clock["now"] += 50.0
            return doc

        def pipe(self, docs: Any, batch_size: int = 1) -> Any:
            for doc in docs:
                yield self(doc)

    @Language.factory("test_pieces_slow")
    def make_slow(nlp: Language, name: str) -> Slow:
        return Slow()

    nlp.add_pipe("test_pieces_slow")
    return nlp


def test_the_time_budget_is_checked_between_pieces() -> None:
    clock = {"now": 0.0}
    analyzer = Analyzer(Settings(time_budget=120.0, batch_chars=200), nlp=_clocked_pipeline(clock),
                        clock=lambda: clock["now"])
    long = "\n\n".join(PARAGRAPHS * 5)  # about 2,000 characters: ten pieces, 500 s if all were parsed
    records = list(analyzer.analyze([InputDoc("long", long), InputDoc("short", "Kenya thanked Ethiopia.")]))
    assert records[0]["error"]["code"] == "E018" and not records[1].get("error")
    assert clock["now"] <= 200.0  # it stopped after the piece that went over, not after all ten
