"""Phrases looked up by their tokens' lower-case forms: what spaCy's ``PhraseMatcher(attr="LOWER")`` finds, built
from token texts instead of ``Doc`` objects, so that it can be kept on disk.

A ``PhraseMatcher`` needs each phrase as a ``Doc``: tokenizing the ten thousand names of the knowledge base took
half a second of every start-up. ``phrase_indexes`` asks the pipeline's tokenizer once and keeps the finished
indexes in the compiled cache (``newsgraph.cache``), keyed by the phrases and by the tokenizer's own serialised
rules, so a changed model or phrase list re-tokenizes. A ``PhraseIndex`` matches its token sequences against a
``Doc``'s ``LOWER`` values with one array read and set look-ups, and returns every occurrence of every phrase,
overlapping or not, as ``(match_id, start, end)`` like the matcher.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from newsgraph.cache import cached


def phrase_indexes(nlp: Language, groups: dict[str, Iterable[str]], name: str) -> dict[str, PhraseIndex]:
    """A ``PhraseIndex`` of each group of phrases (label -> phrases), their tokens as ``nlp``'s tokenizer splits
    them; cached on disk under ``name`` for this tokenizer and these phrases."""
    unique = {label: sorted(set(phrases)) for label, phrases in groups.items()}
    rules = nlp.tokenizer.to_bytes(exclude=["vocab"])  # type: ignore[union-attr]
    key = [spacy.__version__, rules, *(f"{label}\n" + "\n".join(found) for label, found in unique.items())]

    def build() -> dict[str, PhraseIndex]:
        return {label: PhraseIndex(label, (tuple(t.lower_ for t in nlp.make_doc(p)) for p in found))
                for label, found in unique.items()}

    return cached(name, key, build)


class PhraseIndex:
    """Finds the token sequences it was given in a ``Doc``, by their tokens' ``LOWER`` values."""

    def __init__(self, label: str, phrases: Iterable[Sequence[str]]) -> None:
        self.match_id = get_string_id(label)
        self.phrases: set[tuple[int, ...]] = set()
        lengths: dict[int, set[int]] = {}
        for phrase in phrases:
            if phrase:
                ids = tuple(get_string_id(word) for word in phrase)
                self.phrases.add(ids)
                lengths.setdefault(ids[0], set()).add(len(ids))
        #: first token -> the lengths of the phrases it starts, shortest first
        self.lengths = {first: sorted(found) for first, found in lengths.items()}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not self.phrases or not len(doc):
            return []
        lows: list[int] = doc.to_array(LOWER).tolist()
        found = []
        for start, first in enumerate(lows):
            for length in self.lengths.get(first, ()):
                end = start + length
                if end > len(lows):
                    break
                if length == 1 or tuple(lows[start:end]) in self.phrases:
                    found.append((self.match_id, start, end))
        return found
