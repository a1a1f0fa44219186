"""The cue lexicon: which words introduce attributed material, read from ``data/cues.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

from newsgraph.errors import ErrorCode, SetupError
from newsgraph.nlp.quotes.datafile import Readable, read_yaml

CUE_KEYS = ("verbs", "addressee_verbs", "nouns", "with_particle", "object_verbs", "prep_verbs")


@dataclass(frozen=True)
class Lexicon:
    verbs: frozenset[str]  # verbs of saying: their subject speaks, their clause or a quotation is the content
    addressee_verbs: frozenset[str]  # their direct object is the addressee ("told Putin")
    nouns: frozenset[str]  # nouns that stand for an utterance ("in a statement")
    with_particle: dict[str, frozenset[str]]  # verbs that are cues only with one of these particles
    object_verbs: frozenset[str]  # verbs whose object is the attributed content ("criticized the plan")
    prep_verbs: dict[str, frozenset[str]]  # verbs whose prepositional object is the content ("called for talks")

    @property
    def cue_lemmas(self) -> frozenset[str]:
        """Every lemma that can be a reported-speech cue."""
        return self.verbs | {"speak"} | self.object_verbs | frozenset(self.prep_verbs)


def _words(value: Any, where: str, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SetupError(ErrorCode.DATA_FILE, f"{where}: {key} must be a list of words")
    return frozenset(v.strip().lower() for v in value)


def _by_word(value: Any, where: str, key: str) -> dict[str, frozenset[str]]:
    if not isinstance(value, dict):
        raise SetupError(ErrorCode.DATA_FILE, f"{where}: {key} must map a verb to a list of words")
    return {k.strip().lower(): _words(v, where, f"{key}.{k}") for k, v in value.items()}


def load_lexicon(path: Readable | None = None, where: str = "nlp/quotes/data/cues.yaml") -> Lexicon:
    source = path if path is not None else resources.files("newsgraph.nlp.quotes") / "data" / "cues.yaml"
    data = read_yaml(source, where, CUE_KEYS)
    return Lexicon(
        verbs=_words(data.get("verbs", []), where, "verbs"),
        addressee_verbs=_words(data.get("addressee_verbs", []), where, "addressee_verbs"),
        nouns=_words(data.get("nouns", []), where, "nouns"),
        with_particle=_by_word(data.get("with_particle") or {}, where, "with_particle"),
        object_verbs=_words(data.get("object_verbs", []), where, "object_verbs"),
        prep_verbs=_by_word(data.get("prep_verbs") or {}, where, "prep_verbs"),
    )
