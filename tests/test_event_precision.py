"""Precision of event coding (issue 13, point 0), on sentences written for these tests: a trigger's sense is
confirmed by its arguments, the event needs a political actor, and what is not news is marked so."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.pipeline.analyzer import Analyzer
from newsgraph.readers.files import InputDoc


def _codes(rec: dict, trigger: str) -> list[str]:
    return [e["cameo"] for e in rec["events"] if e["trigger_text"] == trigger]


def _event(rec: dict, trigger: str) -> dict:
    (event,) = [e for e in rec["events"] if e["trigger_text"] == trigger]
    return event


def _own(rec: dict, trigger: str) -> list[str]:
    """The codes of the events at ``trigger`` that a pattern of our own file coded."""
    return [e["cameo"] for e in rec["events"] if e["trigger_text"] == trigger and "own.yaml" in e["pattern"]]


def _countries(rec: dict, ids: list[str]) -> set[str]:
    return {rec["actors"][a]["country"] for a in ids}


#: (sentence, trigger, root it must not be coded as): a word in another sense than the lexicon's
OTHER_SENSES = [
    ("Firefighters from Kenya fought the blaze for six hours.", "fought", "19"),
    ("The Kenyan government met the deadline set by the lenders.", "met", "04"),
    ("Protesters from Chile occupied the office of the minister.", "occupied", "19"),
    ("The BBC hosted a talk show about Brexit.", "hosted", "04"),
    ("The Canadian weather service warned of freezing rain.", "warned", "13"),
    ("The announcement by Peru killed the trade deal.", "killed", "19"),
    ("A Kenyan police officer pulled out a knife.", "pulled", "08"),
    ("The Chilean ministry issued a press release.", "release", "08"),
    ("The Nigerian army lent credence to the report.", "lent", "07"),
]


@pytest.mark.parametrize(("text", "trigger", "root"), OTHER_SENSES)
def test_a_word_in_another_sense_codes_nothing(analyze, text: str, trigger: str, root: str) -> None:
    assert not [c for c in _codes(analyze(text), trigger) if c.startswith(root)]


def test_the_same_words_in_their_political_sense_still_code(analyze) -> None:
    assert _codes(analyze("Kenya met Uganda on Monday."), "met") == ["040", "040"]  # one each way
    assert [c[:2] for c in _codes(analyze("Russia occupied Crimea in 2014.", "2014-05-01"), "occupied")] == ["19"]
    assert _codes(analyze("Egypt hosted Israeli negotiators."), "hosted") == ["043"]
    assert _codes(analyze("Taliban fighters attacked an army base in Kandahar."), "attacked")


#: (sentence, trigger): no political actor takes part
NOT_POLITICAL = [
    ("A car struck a cyclist on Main Street.", "struck"),
    ("Two people were injured when a gas explosion hit a restaurant.", "injured"),
    ("A tourist visited Paris last week.", "visited"),
    ("The airline apologized to its passengers.", "apologized"),
    ("Teenagers were fighting at a gas station.", "fighting"),
]


@pytest.mark.parametrize(("text", "trigger"), NOT_POLITICAL)
def test_no_political_actor_no_event(analyze, text: str, trigger: str) -> None:
    assert not _codes(analyze(text), trigger)


def test_acts_only_authorities_or_armed_parties_perform_need_no_named_source(analyze) -> None:
    rec = analyze("John Smith was arrested on Friday.")
    assert _codes(rec, "arrested") == ["173"]
    rec = analyze("Three soldiers were killed in an attack on a checkpoint.")
    assert _codes(rec, "killed")  # violence the clause names an attack
    rec = analyze("The Taliban attacked an army base in Kandahar.")
    assert _countries(rec, _event(rec, "attacked")["source"]) == {"AFG"}  # a non-state armed group of the KB


def test_a_visit_needs_a_political_traveller_and_a_host(analyze) -> None:
    rec = analyze("President Macron flew to Beijing on Monday.", "2024-05-16")
    assert _countries(rec, _event(rec, "flew")["target"]) == {"CHN"}
    assert not _codes(analyze("President Macron flew home on Monday."), "flew")


def test_history_and_standing_situations_are_background(analyze) -> None:
    rec = analyze("In 2010, Russia signed a treaty with Ukraine.", "2016-12-10")
    assert {e["modality"] for e in rec["events"] if e["trigger_text"] == "signed"} == {"background"}
    rec = analyze("Russia signed a treaty with Ukraine in March.", "2016-12-10")
    assert {e["modality"] for e in rec["events"] if e["trigger_text"] == "signed"} == {"asserted"}
    rec = analyze("Protests followed Russia's support for Assad.", "2016-12-10")
    assert _event(rec, "support")["modality"] == "background"


@pytest.mark.parametrize(("text", "trigger", "modality"), [
    ("Police in Kenya arrest dozens of protesters each year.", "arrest", "generic"),
    ("Young Kenyans are more likely to be arrested by the police.", "arrested", "generic"),
    ("The minister hopes parliament can ratify the treaty with Peru.", "ratify", "hypothetical"),
    ("It is unclear whether Britain will extradite him to Peru.", "extradite", "hypothetical"),
    ("The issue needs to be discussed with Iran.", "discussed", "hypothetical"),
    ("Washington wants Russia to stop the offensive.", "offensive", "request"),
])
def test_statements_that_report_no_act(analyze, text: str, trigger: str, modality: str) -> None:
    rec = analyze(text)
    assert {e["modality"] for e in rec["events"] if e["trigger_text"] == trigger} <= {modality}


def test_failing_and_attempting(analyze) -> None:
    rec = analyze("Iran failed to reach an agreement with the IAEA.")
    assert all(e["negated"] for e in rec["events"] if e["trigger_text"] == "reach")
    rec = analyze("Rebels attempted to seize the airport in Goma.")
    assert {e["modality"] for e in rec["events"] if e["trigger_text"] == "seize"} <= {"asserted"}


def test_a_participle_used_as_an_adjective_is_no_act(analyze) -> None:
    rec = analyze("The Kenyan parliament will debate the government's proposed budget.")
    assert not _codes(rec, "proposed")


# ---- the format's constraint keys, through a pattern file of our own ------------------------------------------
USER_PATTERNS = """
patterns:
  - {verb: receive, object: [AID], source: [from], cameo: "070"}
  - {verb: move, subject: [TROOPS], cameo: "154", target: [to]}
  - {verb: snub, object: ["to meet"], cameo: "125"}
  - {verb: praise, object_not: [weather], cameo: "051", needs: target}
"""


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("patterns") / "own.yaml"
    path.write_text(USER_PATTERNS, encoding="utf-8")
    analyzer = Analyzer(Settings(pattern_files=(str(path),)))
    return lambda text: analyzer.analyze_one(InputDoc("t", text, "2024-05-16"))


def test_converse_verbs_take_their_source_from_a_preposition(own) -> None:
    rec = own("Kenya received aid from Japan.")
    event = _event(rec, "received")
    assert "own.yaml" in event["pattern"]
    assert _countries(rec, event["source"]) == {"JPN"} and _countries(rec, event["target"]) == {"KEN"}


def test_subject_constraint(own) -> None:
    assert _own(own("Russian troops moved to the Ukrainian border."), "moved") == ["154"]
    assert not _own(own("Russian families moved to the Ukrainian border."), "moved")


def test_infinitive_object_and_needs(own) -> None:
    assert not _own(own("Chile snubbed Peru and declined to meet its president."), "snubbed")
    assert _own(own("Chile snubbed to meet Peru's president."), "snubbed") == ["125"]
    assert not _own(own("Chile praised the weather."), "praised")  # object_not, and needs a target
    assert _own(own("Chile praised Peru."), "praised") == ["051"]


def test_new_keys_are_checked(tmp_path: Path) -> None:
    from newsgraph.errors import SetupError
    from newsgraph.nlp.events.lexicon import load_patterns

    for body, words in [("{verb: go, cameo: '042', needs: host}", "needs"),
                        ("{verb: go, cameo: '042', standing: true}", "standing applies to nouns"),
                        ("{verb: go, cameo: '042', source: [frm]}", "not a preposition"),
                        ("{verb: go, cameo: '042', object: ['to GOING']}", "unknown verb class GOING"),
                        ("{verb: go, cameo: '042', subject: [TROOP]}", "unknown word class TROOP")]:
        path = tmp_path / "bad.yaml"
        path.write_text(f"patterns:\n  - {body}\n", encoding="utf-8")
        with pytest.raises(SetupError, match=words):
            load_patterns((str(path),))


# ---- explain --why-not ----------------------------------------------------------------------------------------
def test_why_not_lists_every_candidate_and_its_reason(analyzer) -> None:
    from newsgraph.nlp.events.whynot import candidates, sentence_at
    from newsgraph.nlp.rejections import collect

    text = "Kenya condemned Uganda. The Nigerian army lent credence to the report and painted the barracks."
    with collect() as found:
        record = analyzer.analyze_one(InputDoc("t", text, "2024-05-16"))
    rows = {(c.text, c.outcome): c.detail for c in candidates(record, found)}
    assert ("condemned", "coded") in rows
    assert "object is not of the pattern's kind" in rows[("lent", "events:no-pattern-holds")]  # lend + MONEY
    assert ("painted", "events:unknown-word") in rows  # a verb the lexicon does not know
    start, end = sentence_at(text, text.index("credence"))
    assert text[start:end].strip().startswith("The Nigerian army")
    assert all(start <= c.start < end for c in candidates(record, found, start, end))


def test_why_not_on_the_command_line() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "newsgraph.cli", "explain", "--why-not",
                             "Firefighters from Kenya fought the blaze."], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=300, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 0, result.stderr
    assert "fought" in result.stdout and "events:no-pattern-holds" in result.stdout
