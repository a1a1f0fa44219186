"""Time normalisation: pure tests of ``normalize`` and a pipeline test for relative phrases."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.nlp.times import normalize

THURSDAY = dt.date(2024, 5, 16)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Thursday", "2024-05-16"),
        ("on Monday", "2024-05-13"),
        ("last month", "2024-04"),
        ("last year", "2023"),
        ("this year", "2024"),
        ("next week", "2024-W21"),
        ("yesterday", "2024-05-15"),
        ("February 2022", "2022-02"),
        ("16 May 2024", "2024-05-16"),
        ("May 16, 2024", "2024-05-16"),
        ("2023", "2023"),
        ("the 1990s", "199"),
        ("three days ago", "2024-05-13"),
        ("two years ago", "2022"),
        ("March 3", "2024-03-03"),
        ("December", "2023-12"),
        ("the first quarter", "2024-Q1"),
    ],
)
def test_values_anchored_on_publication(text: str, value: str) -> None:
    assert normalize(text, THURSDAY)[0] == value


def test_future_context_looks_forward() -> None:
    assert normalize("Friday", THURSDAY, future=True)[0] == "2024-05-17"
    assert normalize("next Monday", THURSDAY)[0] == "2024-05-20"


def test_offsets_from_a_local_anchor() -> None:
    anchor = dt.date(2022, 2, 15)
    assert normalize("a day after", THURSDAY, THURSDAY)[0] == "2024-05-15"
    assert normalize("days before", THURSDAY, anchor)[0] == "2022-02"


def test_durations_and_sets() -> None:
    assert normalize("five years", THURSDAY) == ("P5Y", "DURATION")
    assert normalize("two weeks", THURSDAY) == ("P2W", "DURATION")
    assert normalize("every year", THURSDAY) == (None, "SET")


def test_no_anchor_leaves_relative_dates_unresolved() -> None:
    assert normalize("last month", None)[0] is None
    assert normalize("Thursday", None)[0] is None
    assert normalize("March 2021", None)[0] == "2021-03"


def test_pipeline_finds_relative_phrases(analyze) -> None:
    rec = analyze("The envoy arrived on Tuesday, two days after the talks collapsed in Geneva.", "2024-05-16")
    values = {t["text"]: t["value"] for t in rec["times"]}
    assert values.get("Tuesday") == "2024-05-14"
    # "X after <clause>" dates the clause it introduces: the talks collapsed two days before Tuesday
    assert values.get("two days after") == "2024-05-12"
