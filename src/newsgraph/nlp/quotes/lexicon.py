"""The cue lexicon: which words introduce attributed material.

Two data files beside this module:

- ``data/cue_frames.csv`` — the learned cue lexicon: one row per (cue, part of speech, frame) with the figures it
  was learned from (``newsgraph learn cues`` writes it from PolNeAR's train split; see that file's header and
  ``frames`` for the frames). A row says: this word, with its content in this frame, is a cue. Users may add
  rows (``source`` = user, figures left empty); the learner keeps them when it rewrites the file.
- ``data/cues.yaml`` — the few word lists that are not learned: addressee verbs, utterance nouns.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

from newsgraph.cache import cached
from newsgraph.errors import ErrorCode, SetupError
from newsgraph.nlp.quotes.datafile import Readable, data_error, read_csv, read_yaml
from newsgraph.nlp.quotes.frames import CUE_POS

CUE_KEYS = ("addressee_verbs", "utterance_nouns", "classes")
#: the prefix of a row whose cue is a word class of ``cues.yaml`` ("@attribution_nouns")
CLASS = "@"
COLUMNS = ("cue", "pos", "frame", "shape", "count", "gold", "precision", "speaker", "kept", "source")
#: the cue of a row that stands for every word of its part of speech and frame without a row of its own
ANY = "*"
FRAMES = frozenset({"that", "wh", "clause", "inverted", "parenthetical", "to", "object", "predicate", "passive",
                    "rest", "colon", "quote"})
SHAPES = frozenset({"complement", "subject+complement"})


@dataclass(frozen=True)
class CueRow:
    cue: str  # the lemma, with its particle ("point out")
    pos: str  # VERB, NOUN or ADJ
    frame: str  # see ``frames``; "quote" = the cue of a direct quotation in its sentence
    shape: str  # whether the cue's subject belongs to the content ("subject+complement") or speaks it
    count: int | None  # how often the cue had this frame in the training split
    gold: int | None  # how often it was a gold cue there with this content
    precision: float | None  # gold / count
    speaker: float | None  # of the gold ones, the share whose speaker matched the gold source
    kept: bool  # whether the stage uses the row (a row not kept still says the word is known in that frame)
    source: str  # "learned", or who added the row

    def as_csv(self) -> list[str]:
        def num(value: float | int | None, digits: int = 3) -> str:
            return "" if value is None else (str(value) if isinstance(value, int) else f"{value:.{digits}f}")

        return [self.cue, self.pos, self.frame, self.shape, num(self.count), num(self.gold), num(self.precision),
                num(self.speaker), "yes" if self.kept else "no", self.source]


@dataclass(frozen=True)
class Lexicon:
    addressee_verbs: frozenset[str]  # their direct object is the addressee ("told Putin")
    nouns: frozenset[str]  # nouns that stand for an utterance ("in a statement")
    classes: dict[str, frozenset[str]] = field(default_factory=dict)  # word classes that rows may name ("@name")
    rows: dict[tuple[str, str, str], CueRow] = field(default_factory=dict)  # (cue, pos, frame) -> row

    @cached_property
    def any_frames(self) -> dict[str, frozenset[str]]:
        """For each part of speech with kept rows for every word ("*"), the frames of those rows."""
        out: dict[str, set[str]] = {}
        for (cue, pos, frame), row in self.rows.items():
            if cue == ANY and row.kept:
                out.setdefault(pos, set()).add(frame)
        return {pos: frozenset(frames) for pos, frames in out.items()}

    @property
    def any_pos(self) -> frozenset[str]:
        """The parts of speech with a kept row for every word ("*") in some frame."""
        return frozenset(self.any_frames)

    @cached_property
    def row_lemmas(self) -> frozenset[str]:
        """The lemmas (without particles) that a kept row names, directly or through its class, for a fast first
        look at a document."""
        out: set[str] = set()
        for (cue, _, _), row in self.rows.items():
            if row.kept and cue.startswith(CLASS):
                out |= self.classes.get(cue[1:], frozenset())
            elif row.kept and cue != ANY:
                out.add(cue.split()[0])
        return frozenset(out)

    @cached_property
    def class_of(self) -> dict[str, str]:
        """Each word of a class and its first class."""
        out: dict[str, str] = {}
        for name, words in self.classes.items():
            for word in sorted(words):
                out.setdefault(word, name)
        return out

    @cached_property
    def quote_cues(self) -> frozenset[str]:
        """Cues of direct quotations: the verbs with a kept "quote" row ("said", "told", "wrote")."""
        return frozenset(cue for (cue, pos, frame), r in self.rows.items()
                         if frame == "quote" and pos == "VERB" and r.kept)

    def row(self, cue: str, pos: str, frame: str) -> CueRow | None:
        """The kept row for the word in that frame: its own row, else its class's row ("@class"), else the row
        for any word ("*"). A row of its own that is not kept stops the search: that word is not a cue there."""
        row = self.rows.get((cue, pos, frame))
        if row is None and cue in self.class_of:
            row = self.rows.get((CLASS + self.class_of[cue], pos, frame))
        if row is None:
            row = self.rows.get((ANY, pos, frame))
        return row if row is not None and row.kept else None


def _words(value: Any, where: str, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SetupError(ErrorCode.DATA_FILE, f"{where}: {key} must be a list of words")
    return frozenset(v.strip().lower() for v in value)


def _number(text: str, kind: type, where: str, line: int, column: str) -> Any:
    if not text:
        return None
    try:
        value = kind(text)
    except ValueError as err:
        raise data_error(where, line, f"{column} {text!r} is not a number") from err
    if value < 0 or (kind is float and value > 1):
        raise data_error(where, line, f"{column} {text!r} is out of range")
    return value


def _row(values: dict[str, str], where: str, line: int) -> CueRow:
    cue, pos, frame, shape = values["cue"].lower(), values["pos"].upper(), values["frame"].lower(), values["shape"]
    if values["kept"] not in {"yes", "no"}:
        raise data_error(where, line, f"kept {values['kept']!r} must be yes or no")
    if cue != ANY and not cue.startswith(CLASS) and (not cue or not all(w.replace("-", "").isalpha()
                                                                        for w in cue.split())):
        raise data_error(where, line, f"cue {cue!r} must be a lemma (with its particle)")
    if pos not in CUE_POS:
        raise data_error(where, line, f"pos {pos!r} must be one of {', '.join(sorted(CUE_POS))}")
    if frame not in FRAMES and not (frame.startswith("prep:") and frame[5:].isalpha()):
        raise data_error(where, line, f"frame {frame!r} must be prep:<word> or one of {', '.join(sorted(FRAMES))}")
    if shape not in SHAPES:
        raise data_error(where, line, f"shape {shape!r} must be one of {', '.join(sorted(SHAPES))}")
    return CueRow(cue, pos, frame, shape, _number(values["count"], int, where, line, "count"),
                  _number(values["gold"], int, where, line, "gold"),
                  _number(values["precision"], float, where, line, "precision"),
                  _number(values["speaker"], float, where, line, "speaker"), values["kept"] == "yes",
                  values["source"] or "user")


def read_rows(path: Readable, where: str) -> dict[tuple[str, str, str], CueRow]:
    rows: dict[tuple[str, str, str], CueRow] = {}
    for line, values in read_csv(path, where, COLUMNS):
        row = _row(values, where, line)
        key = (row.cue, row.pos, row.frame)
        if key in rows:
            raise data_error(where, line, f"{' '.join(key)} is given twice")
        rows[key] = row
    return rows


def rows_csv(rows: list[CueRow], header: list[str]) -> str:
    """The text of a cue-frame file: ``header`` lines as comments, then the rows."""
    out = io.StringIO()
    for line in header:
        out.write(f"# {line}\n".replace("# \n", "#\n"))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(row.as_csv())
    return out.getvalue()


def shipped(name: str) -> Readable:
    return resources.files("newsgraph.nlp.quotes") / "data" / name


def shipped_lexicon() -> Lexicon:
    """``load_lexicon()`` of the shipped files, compiled once on disk (``newsgraph.cache``)."""
    sources = [f for f in (shipped("cues.yaml"), shipped("cue_frames.csv")) if _exists(f)]
    return cached("quote-cues", sources, load_lexicon)


def load_lexicon(path: Readable | None = None, where: str = "nlp/quotes/data/cues.yaml",
                 frames: Readable | None = None, frames_where: str = "nlp/quotes/data/cue_frames.csv") -> Lexicon:
    """The shipped lexicon, or the files given."""
    data = read_yaml(path if path is not None else shipped("cues.yaml"), where, CUE_KEYS)
    frames_file = frames if frames is not None else shipped("cue_frames.csv")
    classes = data.get("classes") or {}
    if not isinstance(classes, dict):
        raise SetupError(ErrorCode.DATA_FILE, f"{where}: classes must map a name to a list of words")
    lexicon = Lexicon(
        addressee_verbs=_words(data.get("addressee_verbs", []), where, "addressee_verbs"),
        nouns=_words(data.get("utterance_nouns", []), where, "utterance_nouns"),
        classes={name: _words(words, where, f"classes.{name}") for name, words in classes.items()},
        rows=read_rows(frames_file, frames_where) if _exists(frames_file) else {},
    )
    unknown = sorted({cue for cue, _, _ in lexicon.rows if cue.startswith(CLASS) and cue[1:] not in lexicon.classes})
    if unknown:
        raise SetupError(ErrorCode.DATA_FILE, f"{frames_where}: rows name unknown classes {unknown}")
    return lexicon


def _exists(path: Readable) -> bool:
    is_file = getattr(path, "is_file", None)
    return bool(is_file()) if callable(is_file) else True
