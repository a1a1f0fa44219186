"""The model's lemmatizer, remembered: the same lemmas at a tenth of the cost.

spaCy's rule lemmatizer works token by token in Python and remembers only some of its answers (an uninflected
word is worked out again at every occurrence), which makes it about an eighth of the English model's time. A rule
or lookup lemma is a function of the word, its part of speech and its morphology alone, so this stand-in reads those
three columns with ``Doc.to_array``, asks the model's own lemmatizer once per distinct triple, remembers the answer,
and writes the lemma column back with ``Doc.from_array``. The rule lemmatizer's index of known lemmas (a list per part
of speech, which it scans for every candidate form: most of its cost) is turned into a set once, the only use it has
being ``form in index``. Lemmas are identical to the model's (the tests compare
them on written text); a lemmatizer of another mode, or one that is not spaCy's, is left as it is.

The memory is bounded: past ``LIMIT`` remembered triples it starts again (about 250 bytes each).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

FACTORY = "newsgraph_lemmas"
#: the lemmatizer modes whose answer depends only on the word, its part of speech and its morphology
PURE_MODES = frozenset({"rule", "lookup", "pos_lookup"})
LIMIT = 50_000


class RememberedLemmas:
    """Stands in for the model's ``lemmatizer`` under the same name; ``inner`` is the model's own."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.inner: Lemmatizer | None = None
        self.known: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        inner = self.inner
        if inner is None:
            raise RuntimeError(f"{self.name}: no lemmatizer to remember (use remember_lemmas)")
        if not len(doc):
            return doc
        if len(self.known) > LIMIT:
            self.known.clear()
            inner.cache.clear()
        orths, tags, morphs, lemmas = doc.to_array([ORTH, POS, MORPH, LEMMA]).T.tolist()
        strings = doc.vocab.strings
        known = self.known
        here: dict[tuple[int, int, int], int] = {}  # this Doc's strings: a memory zone may have dropped the last's
        for i, key in enumerate(zip(orths, tags, morphs, strict=True)):
            if lemmas[i] and not inner.overwrite:
                continue  # set before (the attribute ruler's exceptions): the model keeps it too
            lemma = here.get(key)
            if lemma is None:
                text = known.get(key)
                if text is None:
                    text = known[key] = inner.lemmatize(doc[i])[0]
                lemma = here[key] = strings.add(text)
            lemmas[i] = lemma
        doc.from_array([LEMMA], cast(Ints2d, numpy.asarray(lemmas, dtype="uint64").reshape(-1, 1)))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY)
def make_remembered_lemmas(nlp: Language, name: str) -> RememberedLemmas:
    return RememberedLemmas(name)


def remember_lemmas(nlp: Language, name: str = "lemmatizer") -> bool:
    """Put a ``RememberedLemmas`` in place of ``nlp``'s lemmatizer ``name`` when it is spaCy's, of a pure mode,
    and ready (its tables loaded); True when it did."""
    if name not in nlp.pipe_names:
        return False
    inner: Any = nlp.get_pipe(name)
    if not isinstance(inner, Lemmatizer) or inner.mode not in PURE_MODES or not inner.lookups.tables:
        return False
    index = inner.lookups.get_table("lemma_index") if inner.lookups.has_table("lemma_index") else {}
    for pos, forms in list(index.items()):
        index[pos] = frozenset(forms)
    stand_in = nlp.replace_pipe(name, FACTORY)
    assert isinstance(stand_in, RememberedLemmas)
    stand_in.inner = inner
    return True
