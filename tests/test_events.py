"""Events: triggers, arguments, modality, dates and the ontology, on sentences written for these tests."""

from __future__ import annotations

import pytest


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


#: Ordinary news wordings the lexicon covers: (sentence, trigger, CAMEO code, source countries, target countries).
#: An empty country set asks nothing of that side. Codes follow the CAMEO codebook: an announced act takes its
#: intent code ("will give … a grant" → 0331), ending a curfew is 0813, a hunger strike 142, a road block by
#: protesters 144.
COVERAGE = [
    ("Norway will give Malawi a grant of $20 million.", "give", "0331", {"NOR"}, {"MWI"}),
    ("Japan gave $3 million to Nepal after the floods.", "gave", "071", {"JPN"}, {"NPL"}),
    ("The Indian navy handed over medicine to Sri Lanka.", "handed", "073", {"IND"}, {"LKA"}),
    ("Ghana is ready to contribute troops to the force in Mali.", "contribute", "0334", {"GHA"}, set()),
    ("Peru lifted the nightly curfew.", "lifted", "0813", {"PER"}, set()),
    ("Ecuador shortened the curfew on Tuesday.", "shortened", "0813", {"ECU"}, set()),
    ("Thailand lifted the state of emergency in the south.", "lifted", "0814", {"THA"}, set()),
    ("Georgia accepted a plan for ending the dispute with Armenia.", "accepted", "037", {"GEO"}, {"ARM"}),
    ("Kenya will allow Somali refugees to return home.", "allow", "035", {"KEN"}, set()),
    ("Chile and Peru upgraded diplomatic ties.", "upgraded", "050", {"CHL"}, {"PER"}),
    ("Oman launched a mediation effort between Iran and Egypt.", "launched", "045", {"OMN"}, {"EGY", "IRN"}),
    ("India and Vietnam held joint naval exercises.", "held", "062", {"IND"}, {"VNM"}),
    ("Iran launched war games near the strait.", "launched", "150", {"IRN"}, set()),
    ("Belgium dispatched inspectors to Libya.", "dispatched", "090", {"BEL"}, {"LBY"}),
    ("Hungary opened an investigation into the bombing.", "opened", "090", {"HUN"}, set()),
    ("Kazakh prisoners went on hunger strike.", "went", "142", {"KAZ"}, set()),
    ("Greek dockworkers stopped work in a strike over pay.", "stopped", "143", {"GRC"}, set()),
    ("Chilean protesters blocked roads into Santiago.", "blocked", "144", {"CHL"}, set()),
    ("Estonian troops remained on alert near the border.", "remained", "152", {"EST"}, set()),
    ("Sweden reduced food aid to Eritrea.", "reduced", "162", {"SWE"}, {"ERI"}),
    ("Austria ended its mediation between Serbia and Kosovo.", "ended", "165", {"AUT"}, {"SRB", "XKX"}),
    ("Tajikistan outlawed the opposition party.", "outlawed", "1722", {"TJK"}, set()),
    ("Zambian police beat up two journalists.", "beat", "182", {"ZMB"}, set()),
    ("Militants wounded three Nigerian soldiers.", "wounded", "190", set(), {"NGA"}),
    ("Bolivia will release Carlos Mendoza.", "release", "0353", {"BOL"}, set()),
    ("The rebels released three Britons on Friday.", "released", "0841", set(), {"GBR"}),
    ("Cuban dissidents ended their hunger strike.", "ended", "082", {"CUB"}, set()),
    ("Italy returned the seized documents to Greece.", "returned", "084", {"ITA"}, {"GRC"}),
    ("Malaysia provided Indonesia with rescue boats.", "provided", "070", {"MYS"}, {"IDN"}),
]


@pytest.mark.parametrize(("text", "trigger", "cameo", "source", "target"), COVERAGE)
def test_common_news_wordings_are_coded(analyze, text: str, trigger: str, cameo: str, source: set[str],
                                        target: set[str]) -> None:
    rec = analyze(text)
    found = [(e["cameo"], _countries(rec, e["source"]), _countries(rec, e["target"])) for e in _events(rec, trigger)]
    assert any(code == cameo and source <= src and target <= tgt for code, src, tgt in found), found


def test_object_constraints_keep_other_senses_out(analyze) -> None:
    rec = analyze("The ministry released a statement on Friday, and Spain released its budget figures.")
    assert not [e for e in rec["events"] if e["cameo"].startswith("084")]  # only people or property are released
    rec = analyze("Russian warplanes launched strikes on Aleppo.")
    assert {e["cameo"] for e in _events(rec, "launched")} == {"190"}  # a strike that is not a labour strike
    rec = analyze("The army held a joint news conference with the police.")
    assert not [e for e in rec["events"] if e["cameo"] == "062"]  # "joint" alone is not a joint exercise
