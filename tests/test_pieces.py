"""Long documents are parsed in pieces and joined back whole (pipeline/pieces.py; sentences written here)."""

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
    parts = pieces.split(doc, 250)
    assert "".join(p.text for p in parts) == text
    doc.user_data["ng_id"] = "whole"
    joined = pieces.join(parts, doc.text, doc.user_data)
    assert joined.text == text and joined.user_data["ng_id"] == "whole"
    assert [t.idx for t in joined] == [t.idx for t in doc]


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
