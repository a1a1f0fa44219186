"""Step 4: reported speech.

Every word outside a direct quotation whose lemma has rows in the learned cue lexicon is asked for the frame of
its content (``frames.frame_of``); when the lexicon has a row for that (cue, part of speech, frame), the frame's
content is attributed — with the cue's subject when the row's shape says the subject is part of it ("X seemed
to …"), else to that subject (or agent, or possessor) as the speaker. Also: "according to X"; "the statement was
blunt: …". A content that contains a quoted fragment is a mixed quote.

Rejections are logged with these codes (``nlp.rejections``): ``quotes:no-frame`` (a cue word with no content in
the parse), ``quotes:frame-not-learned`` (the lexicon has no row for the word in that frame), ``quotes:empty``
(nothing left of the content after trimming).
"""

from __future__ import annotations

import logging

import numpy
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import syntax
from newsgraph.nlp.common import with_lemma, with_text
from newsgraph.nlp.extensions import Quote
from newsgraph.nlp.quotes.content import pieces, trim
from newsgraph.nlp.quotes.direct import addressee, is_cue
from newsgraph.nlp.quotes.frames import CUE_POS, Frame, could_have, cue_key, frame_of, subtree
from newsgraph.nlp.quotes.lexicon import CueRow, Lexicon
from newsgraph.nlp.quotes.speakers import apposition, party
from newsgraph.nlp.rejections import reject

log = logging.getLogger(__name__)


def reported(lex: Lexicon, doc: Doc, index: dict[int, int], inside: set[int], used: set[int]) -> list[Quote]:
    out: list[Quote] = []
    for tok in _candidates(lex, doc):
        if tok.i in inside or tok.i in used:
            continue
        frame = frame_of(tok, lex.nouns)
        if frame is None:
            reject(log, "quotes:no-frame", tok, "no content in the parse")
            continue
        row = lex.row(cue_key(tok), tok.pos_, frame.name)
        if row is None:
            reject(log, "quotes:frame-not-learned", tok, f"{cue_key(tok)} {tok.pos_} {frame.name}")
            continue
        quote = _attribute(lex, tok, frame, row, index, inside)
        if quote is not None:
            out.append(quote)
    out.extend(according_to(doc, index, inside))
    out.extend(colon_intros(lex, doc, index, inside, used))
    return out


def _candidates(lex: Lexicon, doc: Doc) -> list[Token]:
    """Words that may be cues: those with a lemma of a kept row, and every word of a part of speech that has a
    kept row for any word ("*")."""
    found = set(with_lemma(doc, lex.row_lemmas))
    for pos, frames in lex.any_frames.items():
        column = doc.to_array("POS")
        for i in numpy.nonzero(column == doc.vocab.strings[pos])[0]:
            if int(i) not in found and could_have(doc[int(i)], frames):
                found.add(int(i))
    return [doc[i] for i in sorted(found) if doc[i].pos_ in CUE_POS]


def _attribute(lex: Lexicon, tok: Token, frame: Frame, row: CueRow, index: dict[int, int],
               inside: set[int]) -> Quote | None:
    doc = tok.doc
    chosen = set(frame.content)
    speaker = frame.speaker
    if row.shape == "subject+complement" and frame.subject is not None:
        chosen |= subtree(frame.subject)
        speaker = None if speaker is frame.subject else speaker
    found = pieces(doc, trim(lex, tok, chosen))
    if not found or all(t.i in inside for p in found for t in p):
        reject(log, "quotes:empty", tok, "nothing left of the content")
        return None
    partly_quoted = any(t.i in inside or t.text in {"“", "”", '"'} for p in found for t in p)
    return Quote(
        kind="mixed" if partly_quoted else "indirect",
        content=[(p.start_char, p.end_char) for p in found],
        cue=(tok.idx, tok.idx + len(tok.text)),
        speaker=party(doc, speaker, index) if speaker is not None else None,
        addressee=addressee(lex, doc, tok, index),
        speaker_description=apposition(speaker) if speaker is not None else None,
        how=f"reported:{cue_key(tok)}:{frame.name}",
    )


def colon_intros(lex: Lexicon, doc: Doc, index: dict[int, int], inside: set[int], used: set[int]) -> list[Quote]:
    """ "The statement was blunt: the talks had failed." / "He put it this way: …" — what follows the colon
    belongs to the subject before it, when that subject is an utterance or the clause has a cue verb."""
    out: list[Quote] = []
    for colon in (doc[i] for i in with_text(doc, ":") if i not in inside):
        sent = colon.sent
        rest = [t for t in doc[colon.i + 1 : sent.end] if not t.is_space]
        if len(rest) < 3 or any(t.i in inside for t in rest[:2]):
            continue
        speaker = None
        for tok in doc[sent.start : colon.i]:
            subj = syntax.subject(tok) if tok.pos_ in {"VERB", "AUX"} else None
            if subj is None or subj.i >= colon.i or tok.i in used:
                continue
            if is_cue(lex, tok) or subj.lemma_.lower() in lex.nouns:
                speaker = subj
                break
        if speaker is None:
            continue
        found = pieces(doc, {t.i for t in rest})
        if found:
            out.append(Quote(kind="indirect", content=[(p.start_char, p.end_char) for p in found],
                             cue=(colon.idx, colon.idx + 1), speaker=party(doc, speaker, index),
                             addressee=None, speaker_description=None, how="reported:colon"))
    return out


def according_to(doc: Doc, index: dict[int, int], inside: set[int]) -> list[Quote]:
    """ "…, according to X." — the rest of the clause is X's."""
    out: list[Quote] = []
    for tok in (doc[i] for i in with_text(doc, "according", lower=True)):
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        pobj = syntax.pobj(doc[tok.i + 1])
        if pobj is None:
            continue
        phrase = subtree(tok) | subtree(doc[tok.i + 1])
        clause = tok.head if tok.head.pos_ in {"VERB", "AUX"} else tok.sent.root
        found: list[Span] = pieces(doc, subtree(clause) - phrase)
        if not found or all(t.i in inside for p in found for t in p):
            continue
        partly_quoted = any(t.i in inside for p in found for t in p)
        out.append(Quote(
            kind="mixed" if partly_quoted else "indirect",
            content=[(p.start_char, p.end_char) for p in found],
            cue=(tok.idx, doc[tok.i + 1].idx + 2), speaker=party(doc, pobj, index), addressee=None,
            speaker_description=apposition(pobj), how="reported:according-to",
        ))
    return out
