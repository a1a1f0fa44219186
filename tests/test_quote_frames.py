"""The frames of cue words (nlp/quotes/frames.py) and the learned lexicon's rows, on sentences we wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import SetupError
from newsgraph.evaluate.learn_cues import Gold, Learner
from newsgraph.nlp.quotes.frames import cue_key, frame_of
from newsgraph.nlp.quotes.lexicon import CueRow, Lexicon, load_lexicon, read_rows, rows_csv


def _word(doc, word: str):
    return next(t for t in doc if t.text == word)


def _text(doc, indices) -> str:
    return " ".join(doc[i].text for i in sorted(indices))


@pytest.mark.parametrize(("sentence", "cue", "frame", "content", "speaker"), [
    ("The senator said that taxes will rise next year.", "said", "that", "that taxes will rise next year", "senator"),
    ("Taxes will rise next year, the senator said.", "said", "inverted", "Taxes will rise next year", "senator"),
    ("The governor wants to cut taxes for farmers.", "wants", "to", "to cut taxes for farmers", "governor"),
    ("The union endorsed Maria Lopez for mayor.", "endorsed", "object", "Maria Lopez for mayor", "union"),
    ("Critics called for an independent inquiry.", "called", "prep:for", "an independent inquiry", "Critics"),
    ("She asked whether the bridge would reopen.", "asked", "wh", "whether the bridge would reopen", "She"),
    ("The mayor's claim that crime fell was disputed.", "claim", "that", "that crime fell", "mayor"),
    ("He is critical of the new budget.", "critical", "prep:of", "the new budget", "He"),
])
def test_frames(analyzer, sentence: str, cue: str, frame: str, content: str, speaker: str) -> None:
    doc = analyzer.nlp(sentence)
    found = frame_of(_word(doc, cue))
    assert found is not None and found.name == frame
    assert _text(doc, found.content) == content
    assert found.speaker is not None and found.speaker.text == speaker


def test_framing_phrases_and_dates_are_not_content(analyzer) -> None:
    doc = analyzer.nlp("The minister said in a statement on Monday that the talks had failed.")
    found = frame_of(_word(doc, "said"), frozenset({"statement"}))
    assert found is not None and _text(doc, found.content) == "that the talks had failed"


def test_passive_cue_speaks_through_its_agent(analyzer) -> None:
    doc = analyzer.nlp("The resignation was first reported by the local newspaper.")
    found = frame_of(_word(doc, "reported"))
    assert found is not None and found.name == "passive"
    assert _text(doc, found.content) == "The resignation"
    assert found.speaker is not None and found.speaker.text == "newspaper"


def test_cue_key_keeps_the_particle(analyzer) -> None:
    doc = analyzer.nlp("The auditor pointed out that the figures did not add up.")
    assert cue_key(_word(doc, "pointed")) == "point out"


def _row(cue: str, pos: str, frame: str, kept: bool = True, shape: str = "complement") -> CueRow:
    return CueRow(cue, pos, frame, shape, 10, 9, 0.9, 0.8, kept, "learned")


def test_row_lookup_backs_off_to_class_then_any_word() -> None:
    rows = [_row("say", "VERB", "that"), _row("@attribution_nouns", "NOUN", "that"), _row("*", "ADJ", "that"),
            _row("hint", "NOUN", "that", kept=False)]
    lex = Lexicon(frozenset(), frozenset(), {"attribution_nouns": frozenset({"claim", "hint"})},
                  {(r.cue, r.pos, r.frame): r for r in rows})
    assert lex.row("say", "VERB", "that") is not None
    assert lex.row("claim", "NOUN", "that") is not None  # through its class
    assert lex.row("sure", "ADJ", "that") is not None  # any adjective
    assert lex.row("hint", "NOUN", "that") is None  # its own row, not kept, decides
    assert lex.row("fact", "NOUN", "that") is None
    assert "claim" in lex.row_lemmas and "say" in lex.row_lemmas and lex.any_pos == {"ADJ"}


def test_rows_round_trip_and_bad_rows_name_their_line(tmp_path: Path) -> None:
    rows = [_row("say", "VERB", "that"), _row("seem", "VERB", "to", shape="subject+complement")]
    path = tmp_path / "frames.csv"
    path.write_text(rows_csv(rows, ["a header", "of two lines"]), encoding="utf-8")
    assert list(read_rows(path, "frames.csv").values()) == rows
    text = path.read_text(encoding="utf-8")
    for bad, message in [("say,VERB,that,", "say,VERB,thet,"), ("say,VERB,that,complement,10,9,0.900,0.800,yes",
                                                                "say,VERB,that,complement,10,9,1.900,0.800,yes")]:
        path.write_text(text.replace(bad, message), encoding="utf-8")
        with pytest.raises(SetupError, match=r"frames\.csv line 4"):
            read_rows(path, "frames.csv")


def test_rows_may_not_name_an_unknown_class(tmp_path: Path) -> None:
    path = tmp_path / "frames.csv"
    path.write_text(rows_csv([_row("@no_such_class", "NOUN", "that")], []), encoding="utf-8")
    with pytest.raises(SetupError, match="unknown classes"):
        load_lexicon(frames=path, frames_where="frames.csv")


def _spans(text: str, *pieces: str) -> list[tuple[int, int]]:
    out = []
    for words in pieces:
        start = text.index(words)
        out.append((start, start + len(words)))
    return out


def test_learner_counts_frames_and_chooses_the_shape(analyzer) -> None:
    seem = "The governor's plan to raise taxes on fuel seemed unlikely."
    said = "The mayor said that the budget was balanced."
    learner = Learner()
    plan = "The governor's plan to raise taxes on fuel"
    learner.add(analyzer.nlp(seem), [Gold(_spans(seem, "seemed"), _spans(seem, plan, "unlikely"), [])])
    learner.add(analyzer.nlp(said), [Gold(_spans(said, "said"), _spans(said, "that the budget was balanced"),
                                          _spans(said, "The mayor"))])
    learner.add(analyzer.nlp("The mayor said nothing at the meeting."), [])
    tally = learner.tallies[("say", "VERB", "that")]
    assert (tally.count, tally.right["complement"], tally.speaker["complement"]) == (1, 1, 1)
    assert learner.tallies[("say", "VERB", "object")].right["complement"] == 0
    rows = {(r.cue, r.frame): r for r in learner.rows(0.5, 1, 1)}
    assert rows[("say", "that")].kept and not rows[("say", "object")].kept
    seemed = next(t for (cue, _, _), t in learner.tallies.items() if cue == "seem")
    assert seemed.best() == "subject+complement"  # the plan is part of what seemed, not who said it


def test_rare_words_are_pooled_with_their_class(analyzer) -> None:
    text = "Her assertion that the vote was rigged angered the judge."
    learner = Learner(classes={"assertion": "attribution_nouns"})
    learner.add(analyzer.nlp(text), [Gold(_spans(text, "assertion"), _spans(text, "that the vote was rigged"),
                                          _spans(text, "Her"))])
    rows = {(r.cue, r.pos, r.frame): r for r in learner.rows(0.5, 1, 5)}
    assert rows[("@attribution_nouns", "NOUN", "that")].gold == 1
    assert ("assertion", "NOUN", "that") not in rows
