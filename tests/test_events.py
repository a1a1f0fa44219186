"""Events: triggers, arguments, modality, dates and the ontology, on sentences written for these tests."""

from __future__ import annotations


def _events(rec: dict, trigger: str) -> list[dict]:
    return [e for e in rec["events"] if e["trigger_text"] == trigger]


def _countries(rec: dict, ids: list[str]) -> set[str]:
    return {rec["actors"][a]["country"] for a in ids}


def test_condemn_with_coordinated_subject(analyze) -> None:
    rec = analyze("Japan and South Korea condemned North Korea on Sunday.", "2024-02-26")
    (event,) = _events(rec, "condemned")
    assert _countries(rec, event["source"]) == {"JPN", "KOR"}
    assert _countries(rec, event["target"]) == {"PRK"}
    assert event["cameo"] == "111" and event["plover"] == "ACCUSE" and event["quad_class"] == 3
    assert event["date"] == "2024-02-25"
    assert event["goldstein"] < 0


def test_passive_agent_is_the_source(analyze) -> None:
    rec = analyze("Egypt proposed a truce in March. The proposal was rejected by Israel and Hamas.", "2024-05-01")
    (event,) = _events(rec, "rejected")
    assert "ISR" in _countries(rec, event["source"])
    assert event["plover"] == "REJECT"


def test_intent_and_negation(analyze) -> None:
    rec = analyze("Britain said it would impose sanctions on Iranian banks. France did not condemn Iran.")
    (impose,) = _events(rec, "impose")
    assert impose["modality"] == "intent"
    assert _countries(rec, impose["target"]) == {"IRN"}
    (condemn,) = _events(rec, "condemn")
    assert condemn["negated"] is True


def test_request_embedded_event_and_reported_speech(analyze) -> None:
    rec = analyze("Germany urged Turkey to condemn the attack.")
    (urge,) = _events(rec, "urged")
    assert urge["plover"] == "REQUEST"
    assert _countries(rec, urge["target"]) == {"TUR"}
    (condemn,) = _events(rec, "condemn")
    assert condemn["modality"] == "request"


def test_nominal_events_take_possessor_and_demonym(analyze) -> None:
    rec = analyze("Modi's visit to Japan followed Western sanctions on Russia.", "2024-02-21")
    (visit,) = _events(rec, "visit")
    assert _countries(rec, visit["source"]) == {"IND"}
    assert _countries(rec, visit["target"]) == {"JPN"}
    (sanctions,) = _events(rec, "sanctions")
    assert _countries(rec, sanctions["source"]) == {"WST"}
    assert _countries(rec, sanctions["target"]) == {"RUS"}


def test_reciprocal_meeting_gives_both_directions(analyze) -> None:
    rec = analyze("Recep Tayyip Erdogan and Vladimir Putin met in Sochi on Wednesday.", "2021-09-29")
    met = _events(rec, "met")
    pairs = {(tuple(_countries(rec, e["source"])), tuple(_countries(rec, e["target"]))) for e in met}
    assert pairs == {(("TUR",), ("RUS",)), (("RUS",), ("TUR",))}
    assert all(e["place"] == "Sochi" and e["date"] == "2021-09-29" for e in met)


def test_repeated_mentions_of_one_event_are_merged(analyze) -> None:
    rec = analyze("Canada condemned Russia on Monday. On Monday Canada condemned Russia again.", "2024-03-12")
    events = _events(rec, "condemned")
    assert len(events) == 1 and len(events[0]["also"]) == 1


def test_every_event_has_its_ontology(analyze) -> None:
    rec = analyze("Turkey backed Azerbaijan, and Iran attacked Israel while China traded with Brazil.")
    for event in rec["events"]:
        assert event["plover"] and event["quad_class"] in {1, 2, 3, 4}
        assert isinstance(event["goldstein"], float)


def test_announced_actions_are_coded_as_intent_or_threat(analyze) -> None:
    rec = analyze("Japan will provide food aid to Sudan. Russia said it would strike the convoy.")
    (provide,) = _events(rec, "provide")
    assert provide["modality"] == "intent"
    assert provide["cameo"].startswith("033") and provide["plover"] == "AGREE"
    (strike,) = _events(rec, "strike")
    assert strike["cameo"].startswith("138") and strike["plover"] == "THREATEN"


def test_recipient_inside_an_infinitive(analyze) -> None:
    rec = analyze("Libya offered to hand over two suspects to Britain.")
    (offer,) = [e for e in rec["events"] if e["trigger_text"] == "offered"]
    assert _countries(rec, offer["target"]) == {"GBR"}


def test_refused_actions_are_coded_as_refusals(analyze) -> None:
    rec = analyze("The United States will not lift the embargo on Cuba.")
    (lift,) = _events(rec, "lift")
    assert lift["negated"] and lift["modality"] == "intent"
    assert lift["cameo"] == "1244" and lift["plover"] == "REJECT"
    assert _countries(rec, lift["target"]) == {"CUB"}


def test_demand_is_aimed_at_the_subject_of_its_clause(analyze) -> None:
    rec = analyze("Norway demanded that Venezuela release the detained journalists.", "2024-03-10")
    (event,) = _events(rec, "demanded")
    assert _countries(rec, event["target"]) == {"VEN"}
    rec = analyze("The union warned that it would not end the strike.", "2024-03-10")
    assert all(not e["target"] for e in _events(rec, "warned"))  # its own plan is aimed at nobody


def test_a_rejected_offer_comes_from_its_maker(analyze) -> None:
    rec = analyze("Chile rejected an offer from Bolivia for talks on the border.", "2024-03-10")
    (event,) = _events(rec, "rejected")
    assert _countries(rec, event["target"]) == {"BOL"}


def test_domestic_actors_are_placed_by_their_sentence(analyze) -> None:
    rec = analyze("Riot police used tear gas to disperse protesters in Nairobi on Tuesday.", "2024-06-26")
    police = next(m for m in rec["mentions"] if m["text"].lower().endswith("police"))
    assert rec["actors"][police["actor"]]["country"] == "KEN"
    assert police["how"].endswith("+placed-by-sentence")
    # a country that is only the goal of the action places nobody
    rec = analyze("Protesters marched against Israel outside the embassy.", "2024-06-26")
    protesters = next(m for m in rec["mentions"] if m["text"].lower().endswith("protesters"))
    assert rec["actors"][protesters["actor"]]["country"] is None
    # two countries in the sentence: no guess
    rec = analyze("Rebels attacked a convoy near the border between Chad and Sudan.", "2024-06-26")
    rebels = next(m for m in rec["mentions"] if m["text"].lower().endswith("rebels"))
    assert rec["actors"][rebels["actor"]]["country"] is None
