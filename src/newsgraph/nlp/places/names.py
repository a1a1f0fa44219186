"""Spans of the text a place stage looks at: the candidate type, trimmed entities, capitalised tokens, the
dateline, and the area after a comma ("Paris, Texas")."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_LOWER, IS_PUNCT, LIKE_NUM, ORTH, SPACY
from spacy.tokens import Doc, Span

from newsgraph.nlp.places.gazetteer import Area, Gazetteer, _county_key, fold


@dataclass
class Candidate:
    start: int  # token span
    end: int
    text: str
    source: str  # ner | kb | gazetteer | dateline | qualifier
    qualifier: Area | None = None  # the area after a comma: "Paris, Texas"
    fixed: Area | None = None  # a qualifier's own reading, found when it was matched
    cued: bool = False  # the words around it say place ("Danbury police", "in Whitestown")
    key: str = field(init=False)  # the folded name: one reading per name and article

    def __post_init__(self) -> None:
        self.key = fold(self.text)



def _trim(span: Span) -> Span:
    """Without a leading determiner or a trailing possessive: "the Middle East" -> "Middle East"."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    return span.doc[start:end]


def _longest_first(cands: list[Candidate]) -> list[Candidate]:
    """Candidates that do not overlap, longer ones first, then earlier ones and those listed first (as
    ``spacy.util.filter_spans``), in text order."""
    taken: set[int] = set()
    kept = []
    for cand in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if not any(i in taken for i in range(cand.start, cand.end)):
            kept.append(cand)
            taken.update(range(cand.start, cand.end))
    return sorted(kept, key=lambda c: c.start)


def _trim_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


DATELINE_MARKS = frozenset({",", "(", "-", "--", "–", "—"})


def _dateline(doc: Doc, gaz: Gazetteer) -> Span | None:
    """The place in capitals that opens a wire story: "BEIJING, May 16 (Reuters) -", "EDMONTON, Ky (WBKO) --",
    "WASHINGTON Christopher Steele, ..." (an opening word in capitals followed by lower case is not one)."""
    n = 0
    while n < min(4, len(doc)) and doc[n].is_upper and (doc[n].is_alpha or doc[n].text.endswith(".")):
        n += 1
    for end in range(n, 0, -1):
        span = doc[0:end]
        after = doc[end] if end < len(doc) else None
        if len(span.text) < 3 or after is None:
            break
        if not (after.text in DATELINE_MARKS or after.is_title):
            continue
        key = fold(span.text)
        if key in gaz.kinds or _county_key(span.text) in gaz.counties:
            return span
    return None


def _capitalised(doc: Doc) -> dict[int, tuple[str, bool]]:
    """The tokens that start with a capital letter: index -> (text, followed by a space). Read from one array
    call and the string store, without making a ``Token`` for every word."""
    rows = doc.to_array([ORTH, SPACY, IS_LOWER, IS_PUNCT, LIKE_NUM])
    strings = doc.vocab.strings
    keep = ~rows[:, 2:].any(axis=1)
    out = {}
    for i, orth, space in zip(numpy.flatnonzero(keep).tolist(), rows[keep, 0].tolist(), rows[keep, 1].tolist(),
                              strict=True):
        text = strings[orth]
        if text[:1].isupper():
            out[i] = (text, bool(space))
    return out


def _area_after(doc: Doc, end: int, gaz: Gazetteer) -> tuple[Span, Area] | None:
    """The state, province or country right after ", " following token ``end``: "Paris, Texas"."""
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    for n in range(min(4, len(doc) - end - 1), 0, -1):
        span = doc[end + 1 : end + 1 + n]
        if not (span[0].is_title or span[0].is_upper):
            continue
        text = span.text
        if n < len(doc) - end - 1 and doc[end + 1 + n].text == "." and not text.endswith("."):
            text += "."  # "Ky" + "." split by the tokenizer
        for key in (fold(text), fold(span.text)):
            areas = [a for a in gaz.areas.get(key, []) + gaz.short_areas.get(key, [])
                     if a.kind in {"country", "admin1"}]
            if areas:
                return span, areas[0]
    return None
