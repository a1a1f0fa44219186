"""The event lexicon: the shipped files load, every mistake is refused with E012 naming file and line, word
classes and user files work, and the most specific pattern of a word wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.errors import SetupError
from newsgraph.kb.ontology import load_ontology
from newsgraph.nlp.events.lexicon import DATA, load_patterns
from newsgraph.nlp.events.modality import load_modality
from newsgraph.pipeline.analyzer import Analyzer
from newsgraph.readers.files import InputDoc


def _user_file(tmp_path: Path, body: str) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    return str(path)


def _refused(path: str) -> str:
    with pytest.raises(SetupError) as caught:
        load_patterns((path,))
    message = str(caught.value)
    assert message.startswith("[E012]") and Path(path).name in message
    return message


def test_shipped_lexicon_loads_with_a_file_per_root() -> None:
    table = load_patterns()
    patterns = [p for group in table.values() for p in group]
    assert len(patterns) >= 693
    files = sorted(f.name[:2] for f in DATA.joinpath("patterns").iterdir() if f.name.endswith(".yaml"))
    assert files == [f"{n:02d}" for n in range(1, 21)]
    ontology = load_ontology()
    assert all(p.cameo in ontology and p.where.startswith("patterns/") for p in patterns)
    rules = load_modality()
    assert rules.intent_of["07"] == "033" and "want" in rules.intent_heads


def test_word_classes_are_expanded() -> None:
    (pattern,) = [p for p in load_patterns()[("VERB", "supply")] if p.cameo == "072"]
    assert pattern.objects.hold({"missile"}) and not pattern.objects.hold({"statement"})
    assert "WEAPONS" in pattern.name
    condemn = [p for p in load_patterns()[("VERB", "denounce")] if p.cameo == "111"]
    assert condemn  # a member of the CONDEMN verb class


def test_the_most_specific_pattern_of_a_word_is_tried_first() -> None:
    codes = [p.cameo for p in load_patterns()[("VERB", "return")]]
    assert codes.index("190") < codes.index("084")  # "returned fire" before "returned ANY object"
    call = load_patterns()[("VERB", "call")]
    assert call[0].particle == "off" and call[-1].objects.items == ()


@pytest.mark.parametrize(("body", "line", "words"), [
    ("patterns:\n  - {verb: chide, cameo: '111', colour: red}\n", 2, "unknown key 'colour'"),
    ("patterns:\n  - {verb: chide, cameo: '111'}\n  - {verb: arm, cameo: '072', object: [WEAPON]}\n", 3,
     "unknown word class WEAPON"),
    ("patterns:\n  - {verb: chide, cameo: '119'}\n", 2, "'119' is not a CAMEO code"),
    ("patterns:\n  - {verb: chide, cameo: 111, plover: SCOLD}\n", 2, "'SCOLD' is not a PLOVER type"),
    ("patterns:\n  - {verb: chide, cameo: 111, target: [agianst]}\n", 2, "target 'agianst'"),
    ("patterns:\n  - {verb: chide, cameo: 111, prep: ovre}\n", 2, "'ovre' is not a preposition"),
    ("patterns:\n  - {verb: chide, noun: chiding, cameo: 111}\n", 2, "exactly one of verb or noun"),
    ("patterns:\n  - {verb: SCOLD, cameo: 111}\n", 2, "unknown verb class SCOLD"),
    ("patterns:\n  - {noun: warning shot, cameo: 111}\n", 2, "a noun is one word"),
    ("root: '11'\npatterns:\n  - {verb: chide, cameo: '120'}\n", 3, "not a code of root 11"),
    ("patterns:\n  - {verb: chide, cameo: 111, mutual: sometimes}\n", 2, "mutual must be true or false"),
    ("classes:\n  nouns:\n    WEAPONS: {words: [bazooka]}\npatterns: []\n", 3, "exists already"),
    ("classes:\n  nouns:\n    A: {words: [B]}\n    B: {words: [A]}\npatterns: []\n", 4, "a cycle"),
    ("patterns:\n  - {verb: chide, cameo: 111\n", 3, "not valid YAML"),
])
def test_mistakes_are_refused_with_file_and_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    message = _refused(_user_file(tmp_path, body))
    assert f"line {line}:" in message and words in message, message


def test_yaml_words_stay_words(tmp_path: Path) -> None:
    # "on" is a preposition and 111 a code, not a boolean and a number
    path = _user_file(tmp_path, "patterns:\n  - {verb: chide, cameo: 111, target: [on, dobj]}\n")
    (pattern,) = load_patterns((path,))[("VERB", "chide")]
    assert pattern.cameo == "111" and pattern.targets == ("on", "dobj")


def test_user_classes_extend_shipped_ones_and_user_patterns_come_first(tmp_path: Path) -> None:
    path = _user_file(tmp_path, (
        "classes:\n"
        "  nouns:\n"
        "    WEAPONS: {extend: true, words: [bazooka]}\n"
        "    SCOLDING: {about: what one scolds with, words: [rebuke, reprimand]}\n"
        "patterns:\n"
        "  - {verb: deliver, object: [SCOLDING], cameo: '111', target: [to]}\n"))
    table = load_patterns((path,))
    deliver = table[("VERB", "deliver")]
    assert deliver[0].cameo == "111" and deliver[0].where.endswith("mine.yaml:6")
    weapons = next(p for p in deliver if p.cameo == "072")
    assert weapons.objects.hold({"bazooka"})  # a shipped pattern sees the extended class


def test_user_pattern_file_in_the_pipeline(tmp_path: Path) -> None:
    path = _user_file(tmp_path, "patterns:\n  - {verb: chide, cameo: '111', example: Peru chided Chile.}\n")
    analyzer = Analyzer(Settings(pattern_files=(path,)))
    record = analyzer.analyze_one(InputDoc("t", "Peru chided Chile on Monday.", "2024-05-16"))
    (event,) = [e for e in record["events"] if e["trigger_text"] == "chided"]
    assert event["cameo"] == "111" and "mine.yaml:2" in event["pattern"]
    assert {record["actors"][a]["country"] for a in event["target"]} == {"CHL"}


def test_every_example_in_the_lexicon_is_coded_by_its_pattern(analyze) -> None:
    wrong = []
    for group in load_patterns().values():
        for pattern in group:
            for sentence in pattern.examples:
                names = [e["pattern"] for e in analyze(sentence)["events"]]
                if pattern.name not in names:
                    wrong.append(f"{pattern.where}: {sentence!r} gave {names}")
    assert not wrong, "\n".join(wrong)


def test_modality_recodings_must_be_cameo_codes(tmp_path: Path) -> None:
    from newsgraph.nlp.events.datafile import read
    from newsgraph.nlp.events.modality import _recoding

    path = tmp_path / "modality.yaml"
    path.write_text("intent:\n  '07': '033'\n  '08': '999'\n", encoding="utf-8")
    table = read(path, "modality.yaml")
    with pytest.raises(SetupError, match=r"modality.yaml line 3: '999' is not a CAMEO code"):
        _recoding(table["intent"], "modality.yaml", 1)
