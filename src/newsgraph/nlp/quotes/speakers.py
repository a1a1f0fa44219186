"""Who speaks: the words that name it as a ``Party``, and its apposition."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.nlp import syntax
from newsgraph.nlp.extensions import Party

RELATIVE_TAGS = frozenset({"WP", "WDT"})


def antecedent(subject: Token) -> Token:
    """The noun a relative pronoun stands for ("the senator, who said …": the senator); any other word as is."""
    if subject.tag_ not in RELATIVE_TAGS:
        return subject
    for clause in subject.ancestors:
        if clause.dep_ == "relcl":
            return clause.head
    return subject


def party(doc: Doc, tok: Token, index: dict[int, int]) -> Party:
    """The words that stand for the party ``tok`` heads, and the actor they resolve to (a relative pronoun
    resolves to its antecedent: "the senator, who said …")."""
    n = index.get(tok.i)
    if n is not None:
        m = (doc._.ng_mentions or [])[n]
        return Party(start=m["start"], end=m["end"], text=m["text"], actor=m["actor"])
    left = tok.left_edge.i
    while left < tok.i and (doc[left].is_space or doc[left].is_punct):
        left += 1
    span = doc[left : tok.i + 1]  # keep "a joint statement", drop relative clauses and appositions after it
    inner = next((index[t.i] for t in reversed(span) if t.i in index), None)
    if inner is None and antecedent(tok) is not tok:  # "who": the words stay, the actor is the antecedent's
        inner = index.get(antecedent(tok).i)
    actor = (doc._.ng_mentions or [])[inner]["actor"] if inner is not None else None
    return Party(start=span.start_char, end=span.end_char, text=span.text, actor=actor)


def apposition(tok: Token) -> str | None:
    appos = syntax.child(tok, ("appos",))
    if appos is None:
        return None
    return tok.doc[appos.left_edge.i : appos.right_edge.i + 1].text.strip(" ,.")
