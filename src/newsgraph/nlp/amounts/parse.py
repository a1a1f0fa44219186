"""Parse helpers steps 3-5 share: the noun a number modifies, a noun's phrase, whether a word names a thing,
and the date an amount belongs to (step 5)."""

from __future__ import annotations

from typing import Any, TypeGuard

from spacy.tokens import Span, Token

NOUNS = frozenset({"NOUN", "PROPN"})
NUMBER_DEPS = frozenset({"nummod", "compound", "nmod", "quantmod", "amod", "appos"})
NAME_ENTS = frozenset({"ORG", "PRODUCT", "LAW", "FAC", "WORK_OF_ART", "EVENT"})
VERB_PREPS = frozenset({"to", "at", "by", "for", "from", "around", "near", "above", "below", "over", "under"})
SIBLING_PREPS = frozenset({"in", "on", "for"})
PEOPLE = "people"
THING_ENTS = frozenset({"", "PRODUCT", "MONEY", "ORG"})  # "GDP" is often tagged ORG by the small model
UNIT_NOUNS = frozenset({"percent", "%", "cent", "dollar", "dollars", "point", "points", "worth"})


def is_thing(token: Token | None) -> TypeGuard[Token]:
    """A common noun, or an acronym that names no party or place ("GDP"), and no unit word ("percent")."""
    if token is None or token.lower_ in UNIT_NOUNS:
        return False
    return token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.is_upper and token.ent_type_ in THING_ENTS)


def modified_noun(root: Token, span: Span) -> Token | None:
    """The noun a number modifies: "10,000 troops", "two aircraft carriers", "40 Palestinians"."""
    head = root.head
    if root.dep_ not in NUMBER_DEPS or head.i < span.end or head.i - span.end > 4:
        return None
    if head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ == "NORP"):
        return head
    return None


def noun_phrase(noun: Token, span: Span) -> list[str]:
    """The lower-case words of a noun with its noun compounds, outside the amount: "aircraft carriers"."""
    words = [t for c in noun.lefts if c.dep_ == "compound" for t in c.subtree
             if t.pos_ == "NOUN" and not span.start <= t.i < span.end and t.dep_ == "compound"]
    return [t.lower_ for t in sorted(words, key=lambda t: t.i)] + [noun.lower_]


def phrase(noun: Token, span: Span) -> str:
    return " ".join(noun_phrase(noun, span))


def date_for(span: Span, times: list[Any]) -> str | None:
    """Step 5: the dated time expression of the sentence that the parse attaches nearest to the amount (``times``:
    the time expressions of the amount's sentence, or more)."""
    doc, sent = span.doc, span.sent
    chain = {t.i: depth for depth, t in enumerate([span.root, *span.root.ancestors])}
    best: tuple[int, int, str] | None = None
    for t in times:
        first, last = t["tok"]
        value = t["value"]
        if not (sent.start <= first < sent.end) or not value or not value[:3].isdigit():
            continue  # not in this sentence, unresolved, a duration (P3D) or a reference (PRESENT_REF)
        if first < span.end and span.start < last:
            continue
        top = doc[first:last].root
        depth = next((chain[a.i] for a in [top, *top.ancestors] if a.i in chain), len(chain))
        key = (depth, abs(first - span.start), value)
        if best is None or key < best:
            best = key
    return best[2] if best else None
