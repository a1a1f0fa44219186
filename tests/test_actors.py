"""Actor resolution and coreference through the real pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest


def _actor_of(rec: dict, text: str, nth: int = 0) -> str | None:
    found = [m for m in rec["mentions"] if m["text"] == text]
    return found[nth]["actor"] if len(found) > nth else None


def _group_of(rec: dict, text: str) -> list[str]:
    m = next(m for m in rec["mentions"] if m["text"] == text)
    return m.get("group") or [m["actor"]]


NAMED = [
    ("The U.S. and the Republic of Korea held drills near North Korea.",
     {"U.S.": "USA", "Republic of Korea": "KOR", "North Korea": "PRK"}),
    ("The Kremlin rejected the offer, and Downing Street said nothing.",
     {"Kremlin": "RUS.GOV", "Downing Street": "GBR.GOV"}),
    ("Chinese firms sold parts to Russia's military, and Ukrainian troops advanced.",
     {"Chinese firms": "CHN.BUS", "Russia's military": "RUS.MIL", "Ukrainian troops": "UKR.MIL"}),
]


@pytest.mark.parametrize(("text", "expected"), NAMED, ids=["states-and-aliases", "seats-of-power", "sector-nouns"])
def test_names_resolve_to_actors(analyze, text: str, expected: dict[str, str]) -> None:
    """State names and aliases, seats of power, role nouns with a demonym or a possessive."""
    rec = analyze(text)
    assert {name: _actor_of(rec, name) for name in expected} == expected


def test_capital_as_government_or_place(analyze) -> None:
    rec = analyze("Beijing said it would respond. The delegates met in Beijing on Monday.")
    assert _actor_of(rec, "Beijing", 0) == "CHN.GOV"
    second = [m for m in rec["mentions"] if m["text"] == "Beijing"][1]
    assert second["actor"] is None and second["how"] == "capital-as-place"
    places = [p for p in rec["places"] if p["text"] == "Beijing"]
    assert [p["metonymy"] for p in places] == [True, False]


def test_role_resolves_by_date(analyze) -> None:
    rec = analyze("Washington's top diplomat arrived in Riyadh on Monday.", "2024-04-29")
    assert _actor_of(rec, "Washington's top diplomat") == "USA.GOV.antony_blinken"
    rec = analyze("Washington's top diplomat arrived in Riyadh on Monday.", "2019-04-29")
    assert _actor_of(rec, "Washington's top diplomat") == "USA.GOV.mike_pompeo"


def test_whose_role_takes_the_relative_clause_head(analyze) -> None:
    rec = analyze("The visit snubbed Moscow, whose foreign minister had flown to India days earlier.", "2023-03-01")
    assert _actor_of(rec, "whose foreign minister") == "RUS.GOV.sergei_lavrov"


def test_short_names_and_pronouns(analyze) -> None:
    rec = analyze("Olaf Scholz met Emmanuel Macron in Paris. Scholz said he was pleased.", "2023-06-01")
    assert _actor_of(rec, "Scholz") == "DEU.GOV.olaf_scholz"
    assert _actor_of(rec, "he") == "DEU.GOV.olaf_scholz"


def test_the_two_leaders(analyze) -> None:
    rec = analyze("Narendra Modi hosted Fumio Kishida in Delhi. The two leaders signed a pact.", "2023-03-20")
    assert sorted(_group_of(rec, "The two leaders")) == ["IND.GOV.narendra_modi", "JPN.GOV.fumio_kishida"]


def test_coordinated_subject_then_they(analyze) -> None:
    rec = analyze("Egypt and Qatar urged a truce as they hosted the negotiators.")
    assert sorted(_group_of(rec, "they")) == ["EGY", "QAT"]


def test_person_known_only_from_the_article(analyze) -> None:
    rec = analyze("“It is a turning point,” said Amara Osei, an economist at Ghana’s University of Legon.")
    aid = _actor_of(rec, "Amara Osei")
    assert aid is not None
    actor = rec["actors"][aid]
    assert actor["kind"] == "person" and actor["country"] == "GHA"
    assert "economist" in (actor.get("description") or "")


def test_blocs_and_organisations(analyze) -> None:
    rec = analyze("NATO and the European Union condemned the attack, while the West weighed Western sanctions.")
    assert _actor_of(rec, "NATO") == "NATO"
    assert rec["actors"][_actor_of(rec, "European Union")]["country"] == "EUR"
    assert _actor_of(rec, "West") == "WST"


def test_lowercase_pronoun_us_is_not_the_usa(analyze) -> None:
    rec = analyze("“Let us work together,” the minister said. Who benefits?")
    assert not [m for m in rec["mentions"] if m["actor"] in {"USA", "WHO"}]
