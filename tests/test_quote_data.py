"""The quote stage's data files: loaders name the file and line of a mistake (E012); words stay words."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import SetupError
from newsgraph.nlp.quotes.datafile import read_csv, read_yaml_lists
from newsgraph.nlp.quotes.lexicon import load_lexicon


def test_shipped_cues_load() -> None:
    lex = load_lexicon()
    assert "tell" in lex.addressee_verbs and "statement" in lex.nouns
    assert "say" in lex.quote_cues and lex.row("say", "VERB", "that") is not None


def test_yaml_words_stay_words(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text("classes:\n  particles: [on, off, no, yes, 071]\n", encoding="utf-8")
    frames = tmp_path / "frames.csv"
    frames.write_text("", encoding="utf-8")
    assert load_lexicon(path, "cues.yaml", frames).classes["particles"] == {"on", "off", "no", "yes", "071"}


def test_unknown_key_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text("utterance_nouns: [statement]\n# a comment\nverbs: [tell]\n", encoding="utf-8")
    with pytest.raises(SetupError) as err:
        load_lexicon(path, "cues.yaml")
    assert err.value.code.value == "E012"
    assert "cues.yaml line 3" in str(err.value) and "verbs" in str(err.value)


def test_lists_must_hold_words(tmp_path: Path) -> None:
    path = tmp_path / "classes.yaml"
    path.write_text("speech: {say: 1}\n", encoding="utf-8")
    with pytest.raises(SetupError, match="must be a list of words"):
        read_yaml_lists(path, "classes.yaml", ("speech",))


def test_csv_header_and_row_width_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("# comment\nlemma,count\nsay,3\n", encoding="utf-8")
    assert list(read_csv(path, "rows.csv", ("lemma", "count"))) == [(3, {"lemma": "say", "count": "3"})]
    with pytest.raises(SetupError, match=r"rows\.csv line 2: unknown columns"):
        list(read_csv(path, "rows.csv", ("lemma", "total")))
    path.write_text("lemma,count\nsay,3,4\n", encoding="utf-8")
    with pytest.raises(SetupError, match=r"rows\.csv line 2: 3 values for 2 columns"):
        list(read_csv(path, "rows.csv", ("lemma", "count")))
