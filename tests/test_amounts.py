"""Amounts: parsing values and units, and finding what they measure."""

from __future__ import annotations

import pytest

from newsgraph.nlp.amounts import parse_amount


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$240 billion", 240_000_000_000, "USD"),
        ("€45m", 45_000_000, "EUR"),
        ("5 trillion yen", 5_000_000_000_000, "JPY"),
        ("US$3.5 billion", 3_500_000_000, "USD"),
        ("£1,200", 1200, "GBP"),
        ("12.5%", 12.5, "%"),
        ("40 million dollars", 40_000_000, "USD"),
    ],
)
def test_parse_amount(text: str, value: float, unit: str) -> None:
    assert parse_amount(text) == (value, unit)


def test_object_and_date_from_the_parse(analyze) -> None:
    rec = analyze("Canada pledged $40 million in humanitarian aid to Sudan last year.", "2024-06-08")
    money = [a for a in rec["amounts"] if a["unit"] == "USD"]
    assert money and money[0]["value"] == 40_000_000
    assert money[0]["object"] == "aid"
    assert money[0]["date"] == "2023"


def test_acl_object(analyze) -> None:
    rec = analyze("Their bilateral trade, totaling $12 billion last year, keeps growing.", "2024-06-08")
    assert rec["amounts"][0]["object"] == "trade"
