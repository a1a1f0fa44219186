"""Who speaks: the words that name it as a ``Party``, and its apposition."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.nlp import syntax
from newsgraph.nlp.extensions import Party


def party(doc: Doc, tok: Token, index: dict[int, int]) -> Party:
    """The words that stand for the party ``tok`` heads, and the actor they resolve to."""
    n = index.get(tok.i)
    if n is not None:
        m = (doc._.ng_mentions or [])[n]
        return Party(start=m["start"], end=m["end"], text=m["text"], actor=m["actor"])
    left = tok.left_edge.i
    while left < tok.i and (doc[left].is_space or doc[left].is_punct):
        left += 1
    span = doc[left : tok.i + 1]  # keep "a joint statement", drop relative clauses and appositions after it
    inner = next((index[t.i] for t in reversed(span) if t.i in index), None)
    actor = (doc._.ng_mentions or [])[inner]["actor"] if inner is not None else None
    return Party(start=span.start_char, end=span.end_char, text=span.text, actor=actor)


def apposition(tok: Token) -> str | None:
    appos = syntax.child(tok, ("appos",))
    if appos is None:
        return None
    return tok.doc[appos.left_edge.i : appos.right_edge.i + 1].text.strip(" ,.")
