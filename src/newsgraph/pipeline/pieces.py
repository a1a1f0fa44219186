"""Parse a long document in pieces, then join them back into one ``Doc`` for our stages.

The model's components hold arrays that grow with the number of tokens they are given at once (the parser's
precomputed hidden layer alone takes a few kilobytes a token), so a 1,000,000-character document given whole
peaks at 3-4 GB. A document longer than ``batch_chars`` is therefore cut, between tokens, into pieces of at most
that many characters, and each piece goes through the model like a short document. The pieces are then joined
into one ``Doc`` with the same text, tokens and character offsets, carrying the tags, lemmas, parse, sentence
boundaries and entities of the pieces and the ``user_data`` of the document; our stages run over it whole
(coreference, quotes and events reach across paragraphs).

A cut falls where the model would not look across anyway. Within the last half of a piece it is, in order of
preference: after a paragraph break (a whitespace token holding a newline), after the end of a sentence (a token
ending in ``.``, ``!``, ``?`` or a closing quote, followed by a space), after any space between two tokens; a piece
with none of those ends at its limit. A sentence boundary set before the parse (by the dateline stage) is kept.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from spacy.tokens import Doc

_SENTENCE_ENDS = frozenset(".!?\"'”’»)")


def cut_points(doc: Doc, limit: int) -> list[int]:
    """The token indices where the pieces of ``doc`` start (the first is 0): each piece spans at most ``limit``
    characters unless one token alone is longer. Linear in the length of ``doc``."""
    limit = max(1, limit)
    offsets = [token.idx for token in doc]
    offsets.append(len(doc.text))
    starts = [0]
    start = 0
    while True:
        # the furthest end such that the piece [start, end) spans at most ``limit`` characters
        end = max(bisect_right(offsets, offsets[start] + limit, lo=start + 1) - 1, start + 1)
        if end >= len(doc):
            return starts
        cut = _best_cut(doc, start, end)
        starts.append(cut)
        start = cut


def _best_cut(doc: Doc, start: int, end: int) -> int:
    """Where to end the piece that starts at token ``start`` and may run to ``end`` (exclusive)."""
    floor = start + max(1, (end - start) // 2)
    for good in (_after_paragraph, _after_sentence, _after_space):
        for cut in range(end, floor - 1, -1):
            if good(doc, cut):
                return cut
    return end


def _after_paragraph(doc: Doc, cut: int) -> bool:
    before = doc[cut - 1]
    return before.is_space and "\n" in before.text


def _after_sentence(doc: Doc, cut: int) -> bool:
    before = doc[cut - 1]
    return bool(before.whitespace_) and before.text[-1] in _SENTENCE_ENDS


def _after_space(doc: Doc, cut: int) -> bool:
    before = doc[cut - 1]
    return bool(before.whitespace_) or before.is_space


def split(doc: Doc, limit: int) -> list[Doc]:
    """``doc`` (tokenised, not yet parsed) as pieces of at most about ``limit`` characters; sentence starts set on
    ``doc`` are carried over."""
    starts = cut_points(doc, limit)
    pieces = []
    for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
        tokens = doc[start:end]
        pieces.append(Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens],
                          sent_starts=[t.is_sent_start for t in tokens]))
    return pieces


def join(pieces: list[Doc], text: str, user_data: dict[Any, Any]) -> Doc:
    """The parsed ``pieces`` of a document whose text is ``text`` as one ``Doc`` with that ``user_data`` (the
    model's tensors are not carried over: nothing after the model reads them). The caller may let the unparsed
    whole go first: it is not needed here."""
    # ``exclude`` is documented (spaCy 3.3+) but missing from spaCy's type stub
    joined = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]
    if joined is None or joined.text != text:
        raise ValueError("the parsed pieces do not join up to the document's text")
    joined.user_data.update(user_data)
    return joined
