"""Event arguments through real syntax (issue 13, point 3): each construction on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.errors import SetupError
from newsgraph.nlp.events import scene


def _event(rec: dict, trigger: str) -> dict:
    """The trigger's event (the first one, told from the subject's side, for a reciprocal one coded both ways)."""
    return next(e for e in rec["events"] if e["trigger_text"] == trigger)


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


def test_argument_words_file_rejects_unknown_keys(tmp_path, monkeypatch) -> None:
    (tmp_path / "arguments.yaml").write_text("groups: [group]\nparticipation: [join]\nclusters: [swarm]\n"
                                             "reciprocal: ['04']\n", encoding="utf-8")
    monkeypatch.setattr(scene, "DATA", tmp_path)
    scene.argument_words.cache_clear()
    try:
        with pytest.raises(SetupError, match=r"arguments\.yaml line 3.*clusters"):
            scene.argument_words()
        (tmp_path / "arguments.yaml").write_text("groups: [group]\nparticipation: [join]\nreciprocal: ['04', '999']\n",
                                                 encoding="utf-8")
        scene.argument_words.cache_clear()
        with pytest.raises(SetupError, match=r"arguments\.yaml line 3.*'999' is not a CAMEO code"):
            scene.argument_words()
    finally:
        scene.argument_words.cache_clear()


@pytest.mark.parametrize(("text", "trigger", "source", "target"), [
    ("The Kurdistan Workers' Party issued a statement demanding that the Turkish government release its leader.",
     "demanding", {"TUR"}, {"TUR"}),
    ("Amnesty published a report accusing Israel of war crimes.", "accusing", {"AMN"}, {"ISR"}),
    ("A statement by the Russian foreign ministry accused Ukraine of sabotage.", "accused", {"RUS"}, {"UKR"}),
    ("Russia took part in negotiations with Ukraine.", "negotiations", {"RUS"}, {"UKR"}),
])
def test_agent_of_a_message_or_noun_event_from_its_governing_verb(analyze, text: str, trigger: str,
                                                                  source: set[str], target: set[str]) -> None:
    rec = analyze(text)
    event = _event(rec, trigger)
    assert _countries(rec, event["source"]) == source
    assert _countries(rec, event["target"]) == target


def test_a_report_names_no_actor(analyze) -> None:
    """A non-actor subject with no author stays unknown: not the place it was published in."""
    rec = analyze("A report published in Nairobi accused Kenya of torture.")
    event = _event(rec, "accused")
    assert event["source"] == []
    assert _countries(rec, event["target"]) == {"KEN"}


def test_a_noun_event_told_by_its_verb_is_not_counted_twice(analyze) -> None:
    rec = analyze("Hamas killed three Israeli soldiers in the attack.")
    assert [e["trigger_text"] for e in rec["events"]] == ["killed"]


@pytest.mark.parametrize(("text", "trigger", "target"), [
    ("Ministers charged with corruption criticized the court.", "charged", ("UNK", "GOV")),
    ("The Turkish soldiers killed in the ambush were buried on Friday.", "killed", ("TUR", "MIL")),
    ("The ministers who were charged with corruption resigned.", "charged", ("UNK", "GOV")),
])
def test_reduced_and_relative_passives_are_read_backwards(analyze, text: str, trigger: str,
                                                          target: tuple[str, str]) -> None:
    """The noun a passive participle or passive relative clause modifies is its patient, not its agent."""
    rec = analyze(text)
    event = _event(rec, trigger)
    assert event["source"] == []
    assert {(rec["actors"][a]["country"] or "UNK", rec["actors"][a]["sector"]) for a in event["target"]} == {target}


def test_reduced_passive_keeps_its_agent(analyze) -> None:
    rec = analyze("Journalists jailed by Iran for espionage were freed on Monday.")
    event = _event(rec, "jailed")
    assert _countries(rec, event["source"]) == {"IRN"}
    assert event["target"] and not _countries(rec, event["target"]) & {"IRN"}


def test_expelled_from_names_the_expeller(analyze) -> None:
    rec = analyze("Russian diplomats were expelled from the United States.")
    event = _event(rec, "expelled")
    assert _countries(rec, event["source"]) == {"USA"}
    assert _countries(rec, event["target"]) == {"RUS"}
    rec = analyze("The United States expelled ten Russian diplomats.")
    event = _event(rec, "expelled")
    assert (_countries(rec, event["source"]), _countries(rec, event["target"])) == ({"USA"}, {"RUS"})


def test_coordinated_countries_after_of_or_from_each_take_part(analyze) -> None:
    rec = analyze("The foreign ministers of France, Germany and Poland condemned Russia on Monday.")
    event = _event(rec, "condemned")
    assert _sectors(rec, event["source"]) == {("FRA", "GOV"), ("DEU", "GOV"), ("POL", "GOV")}
    assert _countries(rec, event["target"]) == {"RUS"}
    rec = analyze("Officials from Egypt, Qatar and the United States met in Cairo.")
    pairs = {(tuple(_countries(rec, e["source"])), tuple(_countries(rec, e["target"]))) for e in rec["events"]}
    assert pairs == {((a,), (b,)) for a in ("EGY", "QAT", "USA") for b in ("EGY", "QAT", "USA") if a != b}


def test_a_counterpart_is_of_its_nationality_not_of_its_possessor(analyze) -> None:
    rec = analyze("The Israeli foreign minister held talks with his Egyptian counterpart.", "2024-03-01")
    assert {_countries(rec, e["target"]).pop() for e in rec["events"] if e["trigger_text"] == "held"} >= {"EGY"}


@pytest.mark.parametrize(("text", "trigger", "pair"), [
    ("Putin held talks with Xi Jinping in Beijing.", "held", ("RUS", "CHN")),
    ("Russia signed an agreement with China.", "signed", ("RUS", "CHN")),
    ("Antony Blinken met Wang Yi in Beijing on Friday.", "met", ("USA", "CHN")),
])
def test_meetings_and_agreements_with_a_partner_go_both_ways(analyze, text: str, trigger: str,
                                                             pair: tuple[str, str]) -> None:
    rec = analyze(text, "2024-04-26")
    pairs = {(tuple(_countries(rec, e["source"])), tuple(_countries(rec, e["target"])))
             for e in rec["events"] if e["trigger_text"] == trigger}
    assert pairs == {((pair[0],), (pair[1],)), ((pair[1],), (pair[0],))}


def test_a_one_sided_act_with_a_partner_goes_one_way(analyze) -> None:
    rec = analyze("Azerbaijan severed diplomatic relations with Russia on Monday.")
    pairs = {(tuple(_countries(rec, e["source"])), tuple(_countries(rec, e["target"]))) for e in rec["events"]}
    assert pairs == {(("AZE",), ("RUS",))}


@pytest.mark.parametrize(("text", "trigger", "source", "target"), [
    ("Berlin rejected calls by Belarus's rulers for immediate economic aid.", "rejected", {"DEU"}, {"BLR"}),
    ("The United States sped up the withdrawal of its forces from Panama on Wednesday.", "withdrawal", {"USA"},
     {"PAN"}),
    ("Italy announced a suspension of air links with Serbia on Wednesday.", "suspension", {"ITA"}, {"SRB"}),
])
def test_targets_named_inside_the_object(analyze, text: str, trigger: str, source: set[str],
                                         target: set[str]) -> None:
    """The possessor of a person noun that resolves to no one ("Belarus's rulers"), and the prepositions after
    a noun event's "of" object ("the withdrawal of forces from Panama")."""
    rec = analyze(text)
    event = _event(rec, trigger)
    assert (_countries(rec, event["source"]), _countries(rec, event["target"])) == (source, target)


def test_a_list_hung_on_its_first_item_as_an_apposition_counts_whole(analyze) -> None:
    rec = analyze("Saudi Arabia, the United Arab Emirates, Bahrain and Egypt cut ties with Qatar.")
    event = _event(rec, "cut")
    assert _countries(rec, event["source"]) == {"SAU", "ARE", "BHR", "EGY"}
    assert _countries(rec, event["target"]) == {"QAT"}


def test_a_description_in_apposition_is_no_list(analyze) -> None:
    rec = analyze("Sergei Lavrov, the Russian foreign minister, condemned Ukraine on Monday.", "2024-03-01")
    assert _countries(rec, _event(rec, "condemned")["source"]) == {"RUS"}


@pytest.mark.parametrize(("text", "trigger", "source"), [
    ("Three soldiers were wounded in clashes with Taliban fighters.", "wounded", {"AFG"}),
    ("Two men were arrested in a raid by Turkish police in Izmir.", "arrested", {"TUR"}),
])
def test_a_passive_takes_its_source_from_the_action_it_happened_in(analyze, text: str, trigger: str,
                                                                   source: set[str]) -> None:
    rec = analyze(text)
    assert _countries(rec, _event(rec, trigger)["source"]) == source


def test_an_accident_has_no_source(analyze) -> None:
    rec = analyze("The driver was killed in a crash with a truck.")
    assert not [e for e in rec["events"] if e["source"]]
