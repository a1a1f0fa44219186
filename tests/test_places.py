"""The place stage's rules, one sentence each, through the real pipeline (sentences written for these tests)."""

from __future__ import annotations

import pytest

from newsgraph.evaluate.places import haversine_km
from newsgraph.nlp.places import _centre, fold, gazetteer

# rule, text, the place's text, its country (ISO alpha-3), a point it must lie within `km` of
RESOLVED = [
    ("country named beside it", "The fighting near Tbilisi spread as Georgia accused Russia of aggression.",
     "Georgia", "GEO", (42.3, 43.4), 161),
    ("state beside its towns", "Police in Atlanta said Georgia would send more troopers to Savannah.",
     "Georgia", "USA", (32.7, -83.4), 161),
    ("city, state", "A storm damaged homes in Paris, Texas, on Sunday.", "Paris", "USA", (33.66, -95.56), 20),
    ("the qualifier is a place", "A storm damaged homes in Paris, Texas, on Sunday.", "Texas", "USA",
     (31.3, -99.3), 161),
    ("larger population without context", "She moved to Paris last year to study art.", "Paris", "FRA",
     (48.86, 2.35), 20),
    ("AP state abbreviation", "The council in Alexandria, Va., approved the budget.", "Alexandria", "USA",
     (38.80, -77.05), 20),
    ("province abbreviation", "The paper mill in Gatineau, Que., will close next year.", "Gatineau", "CAN",
     (45.48, -75.70), 20),
    ("US state", "Voters in Ohio went to the polls on Tuesday.", "Ohio", "USA", (40.4, -82.7), 161),
    ("province", "Wildfires forced thousands to flee their homes across Alberta.", "Alberta", "CAN",
     (55.0, -115.0), 161),
    ("state of another country", "Flooding hit New South Wales and Queensland after days of rain.",
     "New South Wales", "AUS", (-32.2, 147.0), 161),
    ("country's GeoNames point, not its capital", "Canada imposed new tariffs on steel imports.", "Canada", "CAN",
     (60.1, -113.6), 50),
    ("dateline", "BEIJING, May 16 (Reuters) - The ministry said trade talks would resume next week.", "BEIJING",
     "CHN", (39.9, 116.4), 20),
    ("dateline with its state", "EDMONTON, Ky. (WBKO) - A fire destroyed a barn near the creek.", "EDMONTON",
     "USA", (36.98, -85.61), 20),
    ("towns of one state support each other",
     "The council in Springfield met officials from Decatur and Champaign on Monday.", "Springfield", "USA",
     (39.80, -89.64), 20),
    ("county in a town's state", "The mayor of Gainesville thanked Hall County deputies.", "Hall County", "USA",
     (34.32, -83.82), 50),
    ("the county's town", "The mayor of Gainesville thanked Hall County deputies.", "Gainesville", "USA",
     (34.30, -83.82), 20),
    ("place inside an organisation's name", "A spokesman for the Kentucky State Police said the road reopened.",
     "Kentucky", "USA", (37.5, -85.3), 161),
    ("capital where its country is named", "The talks in Washington ended without a deal, the White House said.",
     "Washington", "USA", (38.9, -77.04), 20),
    ("seat of government at its capital", "The talks in Washington ended without a deal, the White House said.",
     "White House", "USA", (38.9, -77.04), 20),
    ("continent", "Ministers from Asia and Europe met in Singapore.", "Europe", None, (48.7, 9.1), 161),
    ("macro-region", "Tensions rose across the Middle East after the strike.", "Middle East", None, (29.0, 41.0), 161),
    ("sea", "Chinese ships patrolled the South China Sea on Friday.", "South China Sea", None, (12.0, 113.0), 161),
    ("peninsula", "Talks on the Korean Peninsula stalled again.", "Korean Peninsula", None, (37.5, 127.5), 161),
    ("a small town the model calls an organisation, by its police", "Danbury police arrested two men on Monday.",
     "Danbury", "USA", (41.39, -73.45), 20),
    ("a small town after a locative preposition", "The water main burst in Whitestown on Sunday night.",
     "Whitestown", "USA", (40.0, -86.35), 20),  # the larger Whitestown (Indiana) without other context
    ("a county's own point", "Flooding closed roads across Kanawha County on Monday.", "Kanawha County", "USA",
     (38.34, -81.53), 60),
    ("a second-level area abroad", "Police in Oxfordshire said the road would reopen.", "Oxfordshire", "GBR",
     (51.78, -1.28), 60),
    ("a bloc names the place it covers", "Senior EU officials met on Monday to discuss the budget.", "EU", None,
     (48.7, 9.1), 161),
]


@pytest.mark.parametrize(("rule", "text", "phrase", "country", "point", "km"), RESOLVED,
                         ids=[case[0] for case in RESOLVED])
def test_resolution(analyze, rule: str, text: str, phrase: str, country: str | None,
                    point: tuple[float, float], km: float) -> None:
    places = {p["text"]: p for p in analyze(text)["places"]}
    assert phrase in places, f"{rule}: {phrase!r} not found in {sorted(places)}"
    place = places[phrase]
    assert place["country"] == country
    assert place["lat"] is not None and place["lon"] is not None
    assert haversine_km(place["lat"], place["lon"], *point) <= km, place


NOT_PLACES = [
    ("demonyms as towns", "The Turkish minister met French diplomats to discuss the crisis.", ("Turkish", "French")),
    ("name inside a person's name", "The novelist Jack London wrote about the Yukon.", ("London", "Jack London")),
    ("a common word that is also a town", "Mobile phones were banned in schools.", ("Mobile",)),
    ("a month that is also a town", "The council will vote in March on the new budget.", ("March",)),
    ("a word inside a longer name", "Officers of the Athens Police Department arrived.", ("Police", "Department")),
    ("an acronym that is also a town", "The SEC fined the bank on Monday.", ("SEC",)),
]


@pytest.mark.parametrize(("rule", "text", "words"), NOT_PLACES, ids=[case[0] for case in NOT_PLACES])
def test_not_places(analyze, rule: str, text: str, words: tuple[str, ...]) -> None:
    found = {p["text"] for p in analyze(text)["places"] if not p["demonym"]}  # demonyms name countries (below)
    assert not found & set(words), f"{rule}: {found}"


def test_metonymy_follows_the_actor_stage(analyze) -> None:
    rec = analyze("Beijing said on Tuesday it would retaliate. Leaders later met in Beijing.")
    assert [p["metonymy"] for p in rec["places"] if p["text"] == "Beijing"] == [True, False]
    assert {p["country"] for p in rec["places"]} == {"CHN"}


def test_places_carry_geonames_ids_and_spans(analyze) -> None:
    rec = analyze("Protesters gathered in Nairobi and Mombasa.")
    for place in rec["places"]:
        assert rec["text"][place["start"] : place["end"]] == place["text"]
    ids = {p["text"]: p["geonameid"] for p in rec["places"]}
    assert ids.get("Nairobi") == 184745


def test_gazetteer_is_built_once() -> None:
    assert gazetteer() is gazetteer()
    gaz = gazetteer()
    assert gaz.countries["FRA"].lat is not None  # every country has a point, from the table or its cities
    assert all(c.lat is not None for c in gaz.countries.values() if c.iso2 in {"FR", "DE", "JP", "BR"})


def test_fold_meets_accents_and_articles() -> None:
    assert fold("Québec") == fold("Quebec") == "quebec"
    assert fold("The Hague") == "hague"
    assert fold("New\nYork") == "new york"


def test_centre_across_the_antimeridian() -> None:
    lat, lon = _centre([(52.0, 179.0), (53.0, -179.0), (51.0, 178.0)]) or (0.0, 0.0)
    assert 51.0 <= lat <= 53.0
    assert abs(abs(lon) - 180.0) < 2.0  # not 0, the middle of the Atlantic


def test_town_size_floor_is_a_checked_setting() -> None:
    import pytest as _pytest

    from newsgraph.config import Settings
    from newsgraph.errors import SetupError
    from newsgraph.pipeline.analyzer import Analyzer

    with _pytest.raises(SetupError, match="places_min_population"):
        Analyzer(Settings(places_min_population=2000))


def test_a_demonym_names_its_country_but_locates_no_event(analyze) -> None:
    rec = analyze("Kenyan officials met their counterparts in Addis Ababa on Monday.", "2024-03-12")
    kenyan = next(p for p in rec["places"] if p["text"] == "Kenyan")
    assert kenyan["demonym"] is True and kenyan["country"] == "KEN" and kenyan["geonameid"]
    assert not kenyan["metonymy"]
    assert all(e["place"] != kenyan["name"] for e in rec["events"])


def test_flags_for_names_that_are_places_in_part(analyze) -> None:
    rec = analyze("She flew American Airlines to Dallas. Senior EU officials said the Kentucky State Police "
                  "had reopened the road. European ministers met later.")
    places = {p["text"]: p for p in rec["places"]}
    american = places["American"]
    assert american["demonym"] and american["in_name"] and american["country"] == "USA"
    assert places["EU"]["bloc"] and places["EU"]["name"] == "Europe" and places["EU"]["lat"] is not None
    assert places["European"]["bloc"] and places["European"]["demonym"]
    assert places["Kentucky"]["in_name"] and places["Kentucky"]["country"] == "USA"
    assert not places["Dallas"]["in_name"] and not places["Dallas"]["bloc"]


EVENT_PLACES = [
    ("a locative phrase of the trigger", "Indian Prime Minister Narendra Modi met Japanese Prime Minister Fumio "
     "Kishida in Tokyo on Tuesday.", "met", "Tokyo", "clause"),
    ("a noun trigger's own phrase", "Ministers from Iran and Qatar began talks in Geneva on Monday.", "talks",
     "Geneva", "clause"),
    ("a fronted locative phrase", "In Nairobi, Kenya's president criticised Uganda for closing the border.",
     "criticised", "Nairobi", "clause"),
    ("elsewhere in the sentence", "In Nairobi, Kenya's president criticised Uganda for closing the border.",
     "closing", "Nairobi", "sentence"),
    ("the dateline", "NAIROBI, May 16 (Reuters) - Kenya condemned Uganda's decision on Thursday.", "condemned",
     "Nairobi", "dateline"),
    ("no place named", "Venezuela welcomed the proposal on Friday.", "welcomed", None, "none"),
]


@pytest.mark.parametrize(("rule", "text", "trigger", "place", "how"), EVENT_PLACES,
                         ids=[case[0] for case in EVENT_PLACES])
def test_event_places(analyze, rule: str, text: str, trigger: str, place: str | None, how: str) -> None:
    rec = analyze(text)
    event = next(e for e in rec["events"] if e["trigger_text"] == trigger)
    assert (event["place"], event["place_how"]) == (place, how), rule
    if place is not None:
        detail = event["place_detail"]
        assert rec["text"][detail["start"] : detail["end"]] == detail["text"] and detail["lat"] is not None
    else:
        assert event["place_detail"] is None


METONYMY = [
    ("subject", "Moscow rejected the proposal on Monday.", "Moscow", True),
    ("possessor", "Moscow's response came a day later.", "Moscow", True),
    ("object of a verb of pressure", "The ministers urged China to release the activists.", "China", True),
    ("partner", "Talks with Iran resumed in Vienna.", "Iran", True),
    ("passive agent", "The plan was rejected by Japan on Friday.", "Japan", True),
    ("locative", "The ministers met in Moscow on Monday.", "Moscow", False),
    ("a place's own predicate", "Cambodia is a country in Southeast Asia.", "Cambodia", False),
    ("a part of the place", "Fighting spread across Russia's south.", "Russia", False),
    ("a border is the place's", "Trucks waited at the border with Mexico.", "Mexico", False),
    ("a team acting", "Mexico won the final against Brazil.", "Mexico", True),
]


@pytest.mark.parametrize(("rule", "text", "name", "metonymic"), METONYMY, ids=[case[0] for case in METONYMY])
def test_metonymy_from_syntax(analyze, rule: str, text: str, name: str, metonymic: bool) -> None:
    flags = [p["metonymy"] for p in analyze(text)["places"] if p["text"] == name]
    assert flags == [metonymic], rule
