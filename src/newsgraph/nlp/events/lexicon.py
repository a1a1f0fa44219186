"""Step 0: the trigger lexicon — verb and noun patterns with their CAMEO code, read from the data files."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from newsgraph.errors import ErrorCode, SetupError

DEFAULT_NOUN_TARGETS = ("against", "on", "with", "to", "for", "between")

#: (part of speech, lemma) → the patterns of that trigger word, in the order they are tried
PatternTable = dict[tuple[str, str], list["Pattern"]]


@dataclass(frozen=True)
class Pattern:
    lemma: str
    pos: str  # VERB or NOUN
    cameo: str
    objects: frozenset[str] = frozenset()
    targets: tuple[str, ...] = ("dobj",)
    mutual: bool = False
    place_is_target: bool = False
    particle: str | None = None
    prep: str | None = None  # a preposition the trigger must govern: "call for", "pull out of"

    @property
    def name(self) -> str:
        return f"{self.pos.lower()}:{self.lemma}" + (f"+{'|'.join(sorted(self.objects))}" if self.objects else "")


def load_patterns(extra: tuple[str, ...] = ()) -> PatternTable:
    texts = [(resources.files("newsgraph.nlp") / "data" / "event_patterns.yaml").read_text(encoding="utf-8")]
    for path in extra:
        try:
            with open(path, encoding="utf-8") as handle:
                texts.append(handle.read())
        except OSError as err:
            raise SetupError(ErrorCode.DATA_FILE, f"event pattern file {path}: {err}") from err
    table: PatternTable = {}
    for text in texts:  # the shipped file first; a user file's patterns are tried before the shipped ones
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as err:
            raise SetupError(ErrorCode.DATA_FILE, f"event patterns: {err}") from err
        own: PatternTable = {}
        for pos, key in (("VERB", "verbs"), ("NOUN", "nouns")):
            for entry in data.get(key) or []:
                pattern = _pattern(entry, pos)
                own.setdefault((pos, pattern.lemma), []).append(pattern)
        for lemma, patterns in own.items():
            table[lemma] = patterns + table.get(lemma, [])
    return table


def _word(value: Any) -> str:
    """YAML 1.1 reads a bare ``on``/``off`` as a boolean; we mean the preposition."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value).lower()


def _pattern(entry: dict[str, Any], pos: str) -> Pattern:
    try:
        words = str(entry["lemma"]).lower().split()
        default = ("dobj",) if pos == "VERB" else DEFAULT_NOUN_TARGETS
        return Pattern(
            lemma=words[0],
            pos=pos,
            cameo=str(entry["cameo"]),
            objects=frozenset(str(o).lower() for o in entry.get("object") or []),
            targets=tuple(_word(t) for t in entry.get("target") or default),
            mutual=bool(entry.get("mutual", False)),
            place_is_target=bool(entry.get("place_is_target", False)),
            particle=words[1] if len(words) > 1 else None,
            prep=_word(entry["prep"]) if entry.get("prep") is not None else None,
        )
    except (KeyError, TypeError, AttributeError) as err:
        raise SetupError(ErrorCode.DATA_FILE, f"event pattern {entry!r}: {err!r}") from err
