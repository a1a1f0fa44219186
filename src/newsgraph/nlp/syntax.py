"""Reading the dependency parse: the few tree lookups every stage makes, written once.

- ``child`` / ``children``: a token's dependents with given relations ("dobj", "poss"…).
- ``pobj`` / ``pobjs``: the object of a preposition, either of the preposition itself or of one of a head's
  prepositions chosen by word ("sent aid to Kyiv": ``pobj(sent, {"to"})`` is "Kyiv").
- ``direct_object``: a verb's object or predicate noun.
- ``subject``: the subject of a verb's clause, climbing coordinated and complement clauses; with ``control``, who
  performs the action (relative clauses, object control, "is about to").
- ``auxiliaries``: the lower-cased auxiliaries of a verb ("will", "has", "was").

The labels are spaCy's English ones (ClearNLP style: nsubj, dobj, pobj, prep, xcomp…).
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

#: the subjects of a clause, active and passive
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: links a clause's subject is shared across: "rose and reached" (conj), "expected to reach" (xcomp), and adverbial
#: clauses ("said, adding that …")
SHARED_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
#: relative pronouns standing for the noun a relative clause modifies ("the firms that supply …")
RELATIVE_PRONOUN_TAGS = frozenset({"WDT", "WP"})
#: how far ``subject(..., control=True)`` climbs before giving up
CONTROL_STEPS = 6


def child(token: Token | None, deps: Collection[str]) -> Token | None:
    """The first dependent of ``token`` whose relation is in ``deps`` (None for no token or no such child)."""
    if token is None:
        return None
    return next((c for c in token.children if c.dep_ in deps), None)


def children(token: Token | None, deps: Collection[str]) -> list[Token]:
    """Every dependent of ``token`` whose relation is in ``deps``, in text order."""
    if token is None:
        return []
    return [c for c in token.children if c.dep_ in deps]


def pobj(token: Token | None, preps: Collection[str] | None = None) -> Token | None:
    """The object of a preposition.

    Without ``preps``, ``token`` is the preposition ("to" in "to Kyiv" → "Kyiv"). With ``preps`` (lower-case
    words), the object of the first of ``token``'s prepositions among ``preps`` that has one
    (``pobj(sent, {"to"})`` in "sent aid to Kyiv" → "Kyiv")."""
    if preps is None:
        return child(token, ("pobj",))
    return next(iter(pobjs(token, preps)), None)


def pobjs(token: Token | None, preps: Collection[str] | None = None) -> list[Token]:
    """Every object of the preposition ``token``, or with ``preps``, of each of ``token``'s prepositions among
    ``preps`` ("imposed sanctions on X and on Y")."""
    if preps is None:
        return children(token, ("pobj",))
    return [o for p in children(token, ("prep",)) if p.lower_ in preps for o in children(p, ("pobj",))]


def direct_object(token: Token | None) -> Token | None:
    """A verb's direct object or predicate noun ("imposed sanctions", "is a threat")."""
    return child(token, ("dobj", "attr"))


def auxiliaries(verb: Token, deps: Collection[str] = ("aux", "auxpass")) -> set[str]:
    """The lower-cased auxiliaries of ``verb``: "will not be lifted" → {"will", "be"}."""
    return {c.lower_ for c in verb.children if c.dep_ in deps}


def subject(verb: Token, deps: Collection[str] = SUBJECTS, through: Collection[str] = SHARED_SUBJECT,
            control: bool = False) -> Token | None:
    """The subject of ``verb``: its own dependent with a relation in ``deps``, else that of the verb it hangs on
    by a ``through`` link ("exports are expected to reach $5bn": "exports"; "rose and reached": the subject of
    "rose").

    With ``control``, who performs the action ``verb`` names, as an event's source (at most CONTROL_STEPS up):
    a relative clause's antecedent ("the firms that supply …", "the firms it accuses of supplying …"), the object
    of a controlling verb ("urging Beijing to scale back", "accused X of supplying", "X was provoked into
    attacking"), the noun an ``acl`` clause modifies ("Chinese firms supplying …"), and through adjectives and
    prepositions ("Arnor is about to restore", "Syria is ready to send")."""
    current = verb
    for _ in range(CONTROL_STEPS if control else len(verb.doc) + 1):
        found = child(current, deps)
        if found is not None:
            if control and found.tag_ in RELATIVE_PRONOUN_TAGS and current.dep_ == "relcl":
                return current.head
            return found
        if control:
            done, step = _controlled(current, through)
            if done or step is None:
                return step
            current = step
            continue
        if current.dep_ not in through or current.head.i == current.i:
            return None
        current = current.head
    return None


def _controlled(current: Token, through: Collection[str]) -> tuple[bool, Token | None]:
    """One step of ``subject(..., control=True)`` from a clause without a subject of its own: (True, the answer)
    when it is found (or there is none), else (False, the token to look at next)."""
    if current.dep_ == "relcl":
        return True, current.head
    if current.dep_ == "pcomp" and current.head.dep_ == "prep":
        current = current.head.head
        controller = direct_object(current) or child(current, ("nsubjpass",))
        if controller is not None:  # "accused X of supplying", "X was provoked into attacking": X acts
            return True, controller
        if current.dep_ == "relcl" and current.pos_ == "VERB":
            return True, current.head  # "the firms it accuses of supplying …": the firms supply
        return False, current
    if current.dep_ in through and current.head.i != current.i:
        if current.dep_ == "xcomp":  # "urging Beijing to scale back": the object of the head acts
            obj = direct_object(current.head)
            if obj is not None:
                return True, obj
        if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
            return True, current.head  # "Chinese firms supplying Russia's military"
        return False, current.head
    if current.pos_ in {"ADP", "ADJ", "ADV"} and current.dep_ in {"prep", "acomp", "attr", "advmod", "oprd"}:
        return False, current.head  # "Arnor is about to restore", "Syria is ready to send"
    return True, None


def np_left_edge(head: Token, start_tok: int) -> int:
    """The first token of the noun phrase of ``head`` that starts no later than ``start_tok``: its determiners,
    modifiers, compounds and possessors, without leading spaces or punctuation."""
    left = start_tok
    for child in head.children:
        if child.i < left and child.dep_ in {"det", "amod", "compound", "poss", "nummod", "nmod", "case"}:
            left = min(left, child.left_edge.i)
    while left < head.i and (head.doc[left].is_space or head.doc[left].is_punct):
        left += 1
    return left


def title_before_name(head: Token) -> bool:
    """True for a title directly before a person's name ("Secretary of State Antony Blinken")."""
    if head.dep_ == "compound" and head.head.ent_type_ == "PERSON":
        return True
    nxt = head.nbor(1) if head.i + 1 < len(head.doc) else None
    return nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B"


def strip_the(span: Span) -> Span:
    """Entity spans without a leading "the" or a trailing possessive ("North Korea's" → "North Korea")."""
    start, end = span.start, span.end
    if end - start > 1 and span.doc[start].lower_ == "the":
        start += 1
    while end - start > 1 and span.doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
        end -= 1
    return Span(span.doc, start, end, label=span.label_)
