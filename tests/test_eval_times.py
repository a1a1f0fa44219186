"""The TimeML reader and the TempEval-3-style scorer, on a small document written for these tests, and a run of
the real evaluation on the TempEval-3 training data when ../shared/gold is present."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.evaluate.times import (
    canonical_value,
    evaluate_times,
    format_errors,
    format_time_scores,
    match,
    read_timeml,
    score_document,
    scores_from_counts,
)

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>t1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-05-16" functionInDocument="CREATION_TIME">May 16, 2024</TIMEX3></DCT>
<TEXT>
The envoy <EVENT eid="e1" class="OCCURRENCE">arrived</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2024-05-14" \
functionInDocument="NONE">Tuesday</TIMEX3> &amp; left <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3> \
later.<TIMEX3 tid="t3" type="DATE" value="2024" />
</TEXT>
</TimeML>
"""


@pytest.fixture
def timeml(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "part"
    folder.mkdir(parents=True)
    (folder / "t1.tml").write_text(DOC, encoding="utf-8")
    return tmp_path / "corpus"


def _pred(start: int, end: int, text: str, kind: str, value: str | None) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text, "type": kind, "value": value}


def test_reader_strips_tags_and_keeps_offsets(timeml: Path) -> None:
    doc = read_timeml(timeml / "part" / "t1.tml")
    assert doc.name == "t1" and doc.dct == "2024-05-16"
    assert doc.text == "\nThe envoy arrived on Tuesday & left two days later.\n"
    # the creation time and the empty tag are not gold
    assert [(doc.text[g.start : g.end], g.type, g.value) for g in doc.timexes] == [
        ("Tuesday", "DATE", "2024-05-14"), ("two days", "DURATION", "P2D")]


def test_relaxed_matching_is_one_to_one() -> None:
    # two predictions overlap the first gold span: the larger overlap wins, the other stays unmatched
    assert match([(0, 10), (20, 30)], [(0, 3), (2, 10), (25, 40)]) == [(0, 1), (1, 2)]
    assert match([(0, 5)], [(5, 9)]) == []  # touching is no overlap


def test_scores_arithmetic(timeml: Path) -> None:
    doc = read_timeml(timeml / "part" / "t1.tml")
    tuesday, two_days = doc.timexes
    preds = [
        _pred(tuesday.start - 3, tuesday.end, "on Tuesday", "DATE", "2024-05-14"),  # right value, looser span
        _pred(two_days.start, two_days.end, "two days", "DURATION", "P3D"),  # exact span, wrong value
        _pred(1, 4, "The", "DATE", None),  # spurious
    ]
    errors: list = []
    counts = score_document(doc, preds, errors)
    assert (counts.gold, counts.pred, counts.matched, counts.strict) == (2, 3, 2, 1)
    assert (counts.value_ok, counts.type_ok) == (1, 2)
    assert (counts.date_gold, counts.date_pred, counts.date_matched, counts.date_value_ok) == (1, 2, 1, 1)
    s = scores_from_counts(counts)
    assert s["all_span_p"] == pytest.approx(2 / 3) and s["all_span_r"] == 1.0
    assert s["all_span_f1"] == pytest.approx(0.8)
    assert s["all_value_acc"] == 0.5 and s["all_value_f1"] == pytest.approx(0.4)
    assert s["all_strict_f1"] == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))
    assert s["date_span_p"] == 0.5 and s["date_span_r"] == 1.0
    assert s["date_value_acc"] == 1.0 and s["date_value_f1"] == pytest.approx(2 / 3)
    assert sorted(e.kind for e in errors) == ["spurious", "value"]
    assert all(line.startswith("t1\t") for line in format_errors(errors))


def test_equivalent_spellings_of_a_value() -> None:
    assert canonical_value("1968-XX") == canonical_value("1968")
    assert canonical_value("1998-XX-XX") == "1998"
    assert canonical_value("199X") == "199"
    assert canonical_value("2000-W7") == "2000-W07"
    assert canonical_value("2000-W12") == "2000-W12"
    assert canonical_value("1998-10-23") != canonical_value("1998-10")
    assert canonical_value("PXY") == "PXY" and canonical_value(None) == ""


class _FixedAnalyzer:
    """Stands in for ``Analyzer``: returns the same predictions for every document."""

    def __init__(self, times: list[dict[str, Any]]) -> None:
        self.times = times

    def analyze(self, items):
        for item in items:
            assert item.published == "2024-05-16"
            yield {"id": item.id, "times": self.times}


def test_evaluate_on_a_folder(timeml: Path) -> None:
    doc = read_timeml(timeml / "part" / "t1.tml")
    preds = [_pred(g.start, g.end, g.text, g.type, g.value) for g in doc.timexes]
    scores = evaluate_times(_FixedAnalyzer(preds), timeml, errors=True)
    assert scores["documents"] == 1 and scores["gold"] == 2 and scores["errors"] == []
    assert scores["all_value_f1"] == 1.0 and scores["date_value_f1"] == 1.0
    assert scores["seconds_per_doc"] >= 0.0
    lines = format_time_scores(scores)
    assert any(line.startswith("DATE") for line in lines) and any("per document" in line for line in lines)


def test_each_part_of_the_corpus_is_scored_apart(tmp_path: Path) -> None:
    """Rules tuned on one part (TBAQ's TimeBank) are checked on the other (AQUAINT): both are reported."""
    for part in ("TimeBank", "AQUAINT"):
        (tmp_path / part).mkdir()
        (tmp_path / part / f"{part}.tml").write_text(DOC, encoding="utf-8")
    doc = read_timeml(tmp_path / "TimeBank" / "TimeBank.tml")
    tuesday, two_days = doc.timexes
    preds = [_pred(tuesday.start, tuesday.end, "Tuesday", "DATE", "2024-05-14"),
             _pred(two_days.start, two_days.end, "two days", "DURATION", "P3D")]
    scores = evaluate_times(_FixedAnalyzer(preds), tmp_path)
    assert sorted(scores["splits"]) == ["AQUAINT", "TimeBank"]
    assert scores["timebank_date_value_f1"] == 1.0 and scores["aquaint_all_value_acc"] == 0.5
    lines = format_time_scores(scores)
    assert "TimeBank:" in lines and "AQUAINT:" in lines


def test_real_evaluation_returns_sane_scores(analyzer, shared: Path) -> None:
    folder = shared / "gold" / "tempeval3" / "Training" / "TBAQ-cleaned"
    if not folder.is_dir():
        pytest.skip("the TempEval-3 gold data is not present")
    scores = evaluate_times(analyzer, folder, limit=20)
    assert scores["documents"] == 20 and scores["failed"] == 0 and scores["gold"] > 0
    for key in ("date_span_p", "date_span_r", "date_span_f1", "date_value_acc", "date_value_f1", "all_span_f1",
                "all_value_acc", "all_value_f1", "all_type_acc", "all_strict_f1"):
        assert 0.0 <= scores[key] <= 1.0, key
    assert scores["seconds_per_doc"] > 0.0
    assert set(scores["splits"]) <= {"TimeBank", "AQUAINT"}
