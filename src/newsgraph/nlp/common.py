"""Small helpers the stages share: token→mention lookup, spans, sentence bounds, actor registration."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy
from spacy.tokens import Doc, Span

from newsgraph.kb.actors import Actor
from newsgraph.nlp.extensions import Mention

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "within", "throughout"})
DIRECTIONAL_PREPS = frozenset({"to", "from", "into", "towards", "toward", "via", "through", "onto"})
MOTION_NOUNS = frozenset(
    {"visit", "trip", "journey", "flight", "arrival", "return", "travel", "tour", "mission", "road", "way",
     "summit", "talks", "meeting", "conference", "airport", "embassy"}
)
MOTION_VERBS = frozenset({"visit", "leave", "reach", "enter", "tour", "depart", "arrive", "flee", "bomb", "shell"})


def add_actor(doc: Doc, actor: Actor) -> str:
    table = doc._.ng_actors
    if table is None:
        table = doc._.ng_actors = {}
    if actor.id not in table:
        table[actor.id] = dict(actor.as_record(), id=actor.id)
    return actor.id


def mention_at(doc: Doc) -> dict[int, int]:
    """Token index → index of the mention covering it (built from ``doc._.ng_mentions``)."""
    index: dict[int, int] = {}
    for n, mention in enumerate(doc._.ng_mentions or []):
        start, end = mention["tok"]
        for i in range(start, end):
            index[i] = n
    return index


def is_place_use(span: Span) -> bool:
    """Does this name of a capital or state stand for the place (met in Beijing) rather than its government?"""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        prep = head.lower_
        governor = head.head
        if prep in LOCATIVE_PREPS:
            return True
        if prep in DIRECTIONAL_PREPS:
            return governor.pos_ in {"VERB", "AUX"} or governor.lemma_.lower() in MOTION_NOUNS
        return False
    if root.dep_ == "dobj" and head.lemma_.lower() in MOTION_VERBS:
        return True
    return root.dep_ == "compound" and head.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() in MOTION_NOUNS


#: "NAIROBI —", "KYIV, Ukraine, May 3 (Reuters) -", "WASHINGTON (AP) —": a place in capitals opening the story
DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.])(?:,\s*[A-Z][\w.'’ -]{0,40}?)*"
    r"(?:,\s*\w{3,9}\.?\s+\d{1,2})?\s*(?:\([^)\n]{1,40}\))?\s*[-—–―:]\s+")


def dateline(text: str) -> tuple[int, int, int] | None:
    """(place start, place end, end of the dateline) when ``text`` opens with a wire dateline, else None."""
    match = DATELINE.match(text[:200])
    if match is None:
        return None
    return match.start("place"), match.end("place"), match.end()


#: where ``doc_text`` keeps a document's text (the analyser sets it to the input text when it makes the ``Doc``)
TEXT = "ng_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token anew on each access."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return str(text)


def with_lemma(doc: Doc, lemmas: frozenset[str] | set[str], attrs: tuple[str, ...] = ("LEMMA",)) -> list[int]:
    """Indices of the tokens whose lower-cased lemma (or other ``attrs``, e.g. "LOWER") is in ``lemmas``, tested
    once per distinct value in the document rather than once per token."""
    if len(doc) == 0:
        return []
    strings = doc.vocab.strings
    found = numpy.zeros(len(doc), dtype=bool)
    for attr in attrs:
        hashes, inverse = numpy.unique(doc.to_array(attr), return_inverse=True)
        keep = numpy.zeros(len(hashes), dtype=bool)
        for n, value in enumerate(hashes):
            try:
                keep[n] = strings[int(value)].lower() in lemmas
            except KeyError:  # a token without a lemma
                continue
        found |= keep[inverse.reshape(-1)]
    return [int(i) for i in numpy.nonzero(found)[0]]


def tokens_where(doc: Doc, attrs: Sequence[str], keep: Callable[..., bool]) -> list[int]:
    """Indices, in order, of the tokens whose values of ``attrs`` ("POS", "LOWER", "LEMMA", ...), given to ``keep``
    as strings, pass it. ``keep`` is called once per distinct combination in the document, not once per token: a
    stage that looks at a few kinds of word finds them without making a ``Token`` of every other."""
    if len(doc) == 0:
        return []
    strings = doc.vocab.strings
    table = doc.to_array(list(attrs)).reshape(len(doc), len(attrs))
    rows, inverse = numpy.unique(table, axis=0, return_inverse=True)
    verdicts = numpy.fromiter((bool(keep(*(strings[value] for value in row))) for row in rows.tolist()), dtype=bool,
                              count=len(rows))
    return [int(i) for i in numpy.flatnonzero(verdicts[inverse.reshape(-1)])]


def with_text(doc: Doc, word: str, lower: bool = False) -> list[int]:
    """Indices of the tokens whose text (or lower-cased text) is ``word``."""
    if len(doc) == 0:
        return []
    column = doc.to_array("LOWER" if lower else "ORTH")
    return [int(i) for i in numpy.nonzero(column == doc.vocab.strings.add(word))[0]]


def mention_of(span: Span, label: str, actor: str | None, how: str) -> Mention:
    """A mention of ``span`` resolved to ``actor`` (or to none), saying ``how``."""
    return Mention(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        label=label,
        actor=actor,
        group=[actor] if actor else [],
        tok=(span.start, span.end),
        how=how,
        description=None,
    )
