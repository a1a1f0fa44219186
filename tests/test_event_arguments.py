"""Event arguments through real syntax (issue 13, point 3): each construction on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.errors import SetupError
from newsgraph.nlp.events import arguments


def _event(rec: dict, trigger: str) -> dict:
    (event,) = [e for e in rec["events"] if e["trigger_text"] == trigger]
    return event


def _countries(rec: dict, ids: list[str]) -> set[str]:
    return {rec["actors"][a]["country"] for a in ids}


def _sectors(rec: dict, ids: list[str]) -> set[tuple[str, str]]:
    return {(rec["actors"][a]["country"], rec["actors"][a]["sector"]) for a in ids}


@pytest.mark.parametrize(("text", "trigger", "source"), [
    ("A group of Moroccan diplomats held talks with President Obama.", "held", {"MAR"}),
    ("Members of the African Union condemned the coup.", "condemned", {"AFR"}),
    ("Dozens of Russian soldiers attacked Ukrainian positions.", "attacked", {"RUS"}),
    ("Hundreds of Kenyans protested against the government in Nairobi.", "protested", {"KEN"}),
])
def test_group_subject_stands_for_its_of_phrase(analyze, text: str, trigger: str, source: set[str]) -> None:
    rec = analyze(text)
    assert _countries(rec, _event(rec, trigger)["source"]) == source


def test_group_object_stands_for_its_of_phrase(analyze) -> None:
    rec = analyze("Syrian troops killed dozens of Turkish soldiers near the border.")
    assert _countries(rec, _event(rec, "killed")["target"]) == {"TUR"}


def test_the_other_side_is_not_a_group(analyze) -> None:
    """Critics of a government are not the government: the "of" phrase of such nouns is not read through."""
    rec = analyze("Critics of the Russian government protested in Moscow.")
    for event in rec["events"]:
        assert not {("RUS", "GOV")} & _sectors(rec, event["source"])


def test_coordinated_nationality_adjectives_each_add_their_country(analyze) -> None:
    rec = analyze("French and German activists protested against the summit in Brussels.")
    assert _sectors(rec, _event(rec, "protested")["source"]) == {("FRA", "NGO"), ("DEU", "NGO")}
    rec = analyze("British and American troops attacked the town of Mosul.")
    assert _countries(rec, _event(rec, "attacked")["source"]) == {"GBR", "USA"}


def test_group_words_file_rejects_unknown_keys(tmp_path, monkeypatch) -> None:
    (tmp_path / "arguments.yaml").write_text("groups: [group]\nclusters: [swarm]\n", encoding="utf-8")
    monkeypatch.setattr(arguments, "DATA", tmp_path)
    arguments.group_words.cache_clear()
    try:
        with pytest.raises(SetupError, match=r"arguments\.yaml line 2.*clusters"):
            arguments.group_words()
    finally:
        arguments.group_words.cache_clear()
