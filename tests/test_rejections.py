"""Rejections are logged at debug level with a reason code and can be gathered (no model needed)."""

from __future__ import annotations

import logging

import spacy

from newsgraph.nlp.rejections import collect, reject

NLP = spacy.blank("en")
log = logging.getLogger("newsgraph.nlp.test_stage")


def test_a_rejection_carries_code_offsets_and_reason() -> None:
    doc = NLP("The Boeing 737 landed.")
    with collect() as found:
        reject(log, "amounts:part-of-name", doc[1:3], "a model number", lemma="737")
        reject(log, "events:no-source", doc[3])
    assert [(r.code, r.start, r.end, r.text) for r in found] == [
        ("amounts:part-of-name", 4, 14, "Boeing 737"), ("events:no-source", 15, 21, "landed")]
    assert found[0].reason == "a model number" and found[0].details == {"lemma": "737"}
    assert found[0].logger == "newsgraph.nlp.test_stage"


def test_nothing_is_gathered_or_built_when_not_asked(caplog) -> None:
    doc = NLP("Nothing here.")
    with caplog.at_level(logging.INFO, logger="newsgraph"):
        reject(log, "events:no-source", doc[0])
    assert not caplog.records
    with collect() as found:
        pass
    reject(log, "events:no-source", doc[0])  # after the block: not gathered
    assert found == []
    assert logging.getLogger("newsgraph").propagate  # collect() restores the logger
