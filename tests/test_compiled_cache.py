"""Compiled data kept on disk (newsgraph.cache) and the phrase index built from it (sentences written here)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from newsgraph import cache
from newsgraph.nlp.phrases import PhraseIndex, phrase_indexes


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path))
    return tmp_path / "compiled"


def test_built_once_then_read_back(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.yaml"
    source.write_text("- alpha\n", encoding="utf-8")
    calls: list[int] = []

    def build() -> dict[str, list[str]]:
        calls.append(1)
        return {"words": source.read_text(encoding="utf-8").split()}

    first = cache.cached("words", [source], build)
    second = cache.cached("words", [source], build)
    assert first == second == {"words": ["-", "alpha"]} and len(calls) == 1
    assert len(list(folder.glob("words-*.pickle"))) == 1


def test_a_changed_source_rebuilds_and_the_old_file_goes(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.yaml"
    source.write_text("alpha", encoding="utf-8")
    assert cache.cached("words", [source], lambda: source.read_text(encoding="utf-8")) == "alpha"
    source.write_text("beta", encoding="utf-8")
    assert cache.cached("words", [source], lambda: source.read_text(encoding="utf-8")) == "beta"
    assert len(list(folder.glob("words-*.pickle"))) == 1
    assert cache.cached("words+user", [source], lambda: "other") == "other"  # another name keeps its own file
    assert len(list(folder.glob("words*.pickle"))) == 2


def test_a_damaged_file_is_rebuilt(folder: Path) -> None:
    assert cache.cached("damaged", ["x"], lambda: [1, 2]) == [1, 2]
    (damaged,) = folder.glob("damaged-*.pickle")
    damaged.write_bytes(b"\x80\x05not a pickle")
    assert cache.cached("damaged", ["x"], lambda: [3]) == [3]


def test_a_folder_that_cannot_be_written_costs_only_the_rebuild(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("NEWSGRAPH_CACHE", str(blocked))
    assert cache.cached("anything", ["x"], lambda: 42) == 42


PHRASES = ["Number 10", "White House", "the Kremlin", "Xi Jinping", "U.S.", "Downing Street", "New York",
           "York", "prime minister", "foreign minister", "minister", "Jean-Yves Le Drian", "O’Brien", "10"]
TEXTS = [
    "Number 10 said the prime minister would meet Xi Jinping at the White House; the Kremlin said nothing.",
    "The U.S. foreign minister flew from New York to York, then to Downing Street and Number 10.",
    "Jean-Yves Le Drian told O’Brien that 10 minister posts were open.",
    "NUMBER 10 AND THE KREMLIN, number 10 and the kremlin.",
]


def test_phrase_index_finds_what_the_phrase_matcher_finds(folder: Path) -> None:
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("KB", [nlp.make_doc(p) for p in PHRASES])
    index = phrase_indexes(nlp, {"KB": PHRASES}, "test-phrases")["KB"]
    again = phrase_indexes(nlp, {"KB": PHRASES}, "test-phrases")["KB"]  # read back from the cache
    for text in TEXTS:
        doc = nlp.make_doc(text)
        want = sorted(matcher(doc))
        assert want and sorted(index(doc)) == want and sorted(again(doc)) == want
    assert PhraseIndex("KB", [])(nlp.make_doc("Number 10")) == []
