"""The event scorers' readers and rules, on small inputs written for these tests."""

from __future__ import annotations

from pathlib import Path

from newsgraph.evaluate.events import (
    petrarch_gold,
    score_conflibert,
    sentence_class,
    tabari_actors_to_yaml,
)


def test_tabari_dictionary_to_actor_file(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text(
        "<!-- a comment -->\n"
        "ARNOR_  [ARN]\n"
        "+ARNORIAN\n"
        "ERIADOR  [ERI] # clashes with a real ISO code\n"
        "HIGH_COUNCIL_OF_ARNOR [ARNGOV]\n"
        "GOLLUM  # no code on this line\n"
        "\t[HOBREB > 990816]\n",
        encoding="utf-8",
    )
    converted = tabari_actors_to_yaml(path, known=frozenset({"ERI"}))
    countries = {c["code"]: c for c in converted["countries"]}
    assert countries["ARN"]["name"] == "Arnor" and "Arnorian" in countries["ARN"]["aliases"]
    assert countries["ERI"].get("extend") is True  # adds "Eriador" to the shipped ERI instead of replacing it
    blocs = {b["name"]: b for b in converted["blocs"]}
    assert blocs["High Council Of Arnor"]["country"] == "ARN" and blocs["High Council Of Arnor"]["sector"] == "GOV"
    assert blocs["Gollum"]["country"] == "HOB"


def test_petrarch_records(tmp_path: Path) -> None:
    path = tmp_path / "records.xml"
    path.write_text(
        '<Sentences>\n<Sentence date="19950101" id="T-1" category="X" sentence="true">\n'
        '<!-- note -->\n<EventCoding sourcecode="ARNGOV" targetcode="GON" eventcode="1123"></EventCoding>\n'
        "<Text>\nArnor condemned\nGondor.\n</Text>\n<Parse>(ROOT)</Parse>\n</Sentence>\n</Sentences>\n",
        encoding="utf-8",
    )
    (record,) = petrarch_gold(path)
    assert record["text"] == "Arnor condemned Gondor."
    assert record["date"] == "1995-01-01"
    assert record["triples"] == {("ARN", "GON", "11")}


def _event(cameo: str, goldstein: float, quad: int) -> dict:
    return {"cameo": cameo, "goldstein": goldstein, "quad_class": quad, "modality": "asserted", "embedded": False,
            "trigger": [0, 1]}


def test_sentence_class_is_the_quad_class_of_the_strongest_event() -> None:
    assert sentence_class({"events": [], "quotes": []}) == 0
    assert sentence_class({"events": [_event("010", 0.0, 1)], "quotes": []}) == 0  # statements do not count
    assert sentence_class({"events": [_event("020", 3.0, 1)], "quotes": []}) == 0  # nor appeals, as PLOVER drops them
    assert sentence_class({"events": [_event("163", -8.0, 4)], "quotes": []}) == 3  # sanctions are verbal conflict here
    assert sentence_class({"events": [_event("042", 1.9, 1), _event("190", -10.0, 4)], "quotes": []}) == 4


def test_macro_f1() -> None:
    records = [{"events": [], "quotes": []}, {"events": [_event("111", -2.0, 3)], "quotes": []}]
    scores = score_conflibert(records, [("a", 0), ("b", 3)])
    assert scores["accuracy"] == 1.0
    assert abs(scores["macro_f1"] - 2 / 5) < 1e-9  # classes 1, 2 and 4 are absent from gold and prediction


def test_outcomes_of_gold_sentences() -> None:
    from newsgraph.evaluate.events import outcome, score_plover

    assert outcome(False, False, False) == "no event"
    assert outcome(True, False, True) == "wrong root"
    assert outcome(True, True, False) == "wrong actors"
    assert outcome(True, True, True) == "right"
    actors = {"a": {"country": "FRA"}, "b": {"country": "DEU"}}
    gold = [{"type": "ACCUSE", "source": {"FRA"}, "target": {"DEU"}, "phrase": ""}] * 3
    records = [
        {"text": "x", "actors": actors, "events": []},
        {"text": "x", "actors": actors, "events": [{"plover": "ACCUSE", "source": ["b"], "target": ["a"],
                                                    "trigger": [0, 1]}]},
        {"text": "x", "actors": actors, "events": [{"plover": "ACCUSE", "source": ["a"], "target": ["b"],
                                                    "trigger": [0, 1]}]},
    ]
    assert score_plover(records, gold)["outcomes"] == {"no event": 1, "wrong actors": 1, "right": 1}
    scores = score_conflibert([{"events": [], "quotes": []}, {"events": [_event("111", -2.0, 3)], "quotes": []}],
                              [("a", 4), ("b", 3)])
    assert scores["outcomes"] == {"no event": 1, "right": 1}
