"""Merging one event told by many articles (rules in newsgraph/analysis/merge.py)."""

from __future__ import annotations

from newsgraph.analysis.merge import dates_agree, merge_events


def _record(article: str, *events: dict) -> dict:
    return {"id": article, "events": list(events)}


def _event(src: str, tgt: str, cameo: str, date: str | None, modality: str = "asserted") -> dict:
    return {"source": [src], "target": [tgt], "cameo": cameo, "date": date, "modality": modality,
            "negated": False, "trigger_text": "x"}


def test_wire_copies_become_one_event() -> None:
    records = [_record(f"a{n}", _event("RUS", "UKR", "190", "2024-03-10")) for n in range(150)]
    (event,) = merge_events(records)
    assert event.as_record()["article_count"] == 150


def test_same_root_merges_and_keeps_the_most_frequent_code() -> None:
    records = [_record("a", _event("FRA", "IRN", "111", "2024-05-16")),
               _record("b", _event("FRA", "IRN", "112", "2024-05-17")),
               _record("c", _event("FRA", "IRN", "111", "2024-05"))]
    (event,) = merge_events(records)
    rec = event.as_record()
    assert rec["cameo"] == "111" and rec["date"] == "2024-05-16" and rec["articles"] == ["a", "b", "c"]


def test_different_dyads_dates_and_modality_stay_apart() -> None:
    records = [_record("a", _event("FRA", "IRN", "111", "2024-05-16")),
               _record("b", _event("IRN", "FRA", "111", "2024-05-16")),
               _record("c", _event("FRA", "IRN", "111", "2024-06-20")),
               _record("d", _event("FRA", "IRN", "111", "2024-05-16", modality="intent"))]
    assert len(merge_events(records)) == 4


def test_date_agreement() -> None:
    assert dates_agree("2024-05-16", "2024-05-18", 2)
    assert not dates_agree("2024-05-16", "2024-05-19", 2)
    assert dates_agree("2024", "2024-05-16", 0)
    assert dates_agree(None, "2024-05-16", 0)
