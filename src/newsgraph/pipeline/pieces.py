"""Parse a long document in pieces, then join them back into one ``Doc`` for our stages.

The model's components hold arrays that grow with the number of tokens they are given at once (the parser's
precomputed hidden layer alone takes a few kilobytes a token), so a 1,000,000-character document given whole
peaks at 3-4 GB. A document longer than ``batch_chars`` is therefore cut, between tokens, into pieces of at most
that many characters, and each piece goes through the model like a short document. What the model wrote on a
piece (tags, lemmas, morphology, parse, sentence boundaries, entities: the columns ``Doc.from_docs`` would carry)
is kept as a small array and the piece let go; once all are through, the arrays are written onto the whole
document, which keeps its text, tokens, offsets and ``user_data``, and our stages run over it whole (coreference,
quotes and events reach across paragraphs). Writing onto the whole rather than joining the pieces into a new
``Doc`` means the parsed pieces are never all held at once, nor a second copy of the document made at the end.

A cut falls where the model would not look across anyway. Within the last half of a piece it is, in order of
preference: after a paragraph break (a whitespace token holding a newline), after the end of a sentence (a token
ending in ``.``, ``!``, ``?`` or a closing quote, followed by a space), after any space between two tokens; a piece
with none of those ends at its limit. A sentence boundary set before the parse (by the dateline stage) is kept.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

import numpy
from spacy.tokens import Doc

_SENTENCE_ENDS = frozenset(".!?\"'”’»)")
# what the model writes on a token, as ``Doc.to_array`` columns in the order ``Doc.from_docs`` writes them back
# (HEAD before SENT_START); ORTH comes first only to check that a piece's tokens are the whole's
_COLUMNS = ("ORTH", "NORM", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "LEMMA", "MORPH",
            "POS", "SENT_START")


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


def split(doc: Doc, limit: int) -> Iterator[Doc]:
    """``doc`` (tokenised, not yet parsed) as pieces of at most about ``limit`` characters, made one at a time as
    they are asked for; sentence starts set on ``doc`` are carried over, and so are the norms the tokenizer's
    exceptions set ("n't" -> "not", "gonna" -> "going to"): the model reads them, so a piece looks to it as the
    same words in a short document do."""
    starts = cut_points(doc, limit)
    norms = doc.to_array("NORM")
    for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
        tokens = doc[start:end]
        piece = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens],
                    sent_starts=[t.is_sent_start for t in tokens])
        piece.from_array(["NORM"], norms[start:end])  # type: ignore[arg-type]  # a numpy array is what it takes
        yield piece


def model_columns(piece: Doc) -> numpy.ndarray:
    """What the model wrote on a parsed ``piece``, small enough to keep once the piece is let go (13 integers a
    token; heads are relative, so they hold wherever the piece sits in the whole)."""
    return piece.to_array(list(_COLUMNS))


def write_back(doc: Doc, found: list[numpy.ndarray]) -> None:
    """Write onto ``doc`` the ``model_columns`` of the pieces it was cut into, in order; ``found`` is emptied. The
    model's tensors are not carried over: nothing after the model reads them."""
    whole = numpy.concatenate(found) if found else numpy.zeros((0, len(_COLUMNS)), dtype="uint64")
    found.clear()
    if len(whole) != len(doc) or not numpy.array_equal(whole[:, 0], doc.to_array("ORTH")):
        raise ValueError("the parsed pieces do not match the document's tokens")
    doc.from_array(list(_COLUMNS[1:]), whole[:, 1:])  # type: ignore[arg-type]  # a numpy array is what it takes
