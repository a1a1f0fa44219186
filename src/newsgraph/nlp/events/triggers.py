"""Step 1: triggers — a verb or noun of the lexicon whose particle, preposition and object constraints hold."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp import syntax
from newsgraph.nlp.events.lexicon import Pattern, PatternTable

PERSON_ENTS = frozenset({"PERSON", "NORP"})  # what a PERSON object constraint accepts


def match(patterns: PatternTable, tok: Token) -> Pattern | None:
    """The first pattern of ``tok``'s lemma whose constraints hold, or None."""
    pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ == "NOUN" else None
    if pos is None:
        return None
    for pattern in patterns.get((pos, tok.lemma_.lower()), []):
        if pattern.particle and not any(c.dep_ == "prt" and c.lower_ == pattern.particle for c in tok.children):
            continue
        if pattern.prep and not any(c.dep_ in {"prep", "agent"} and c.lower_ == pattern.prep
                                    for c in tok.children):
            continue
        if pattern.objects and not objects_hold(tok, pattern):
            continue
        return pattern
    return None


def objects_hold(tok: Token, pattern: Pattern) -> bool:
    """Does the trigger's object meet the pattern's object constraint?

    A verb's objects are its direct object, a passive's subject ("the vessels were released"), the subject of its
    infinitive clause ("allowed refugees to return") and, for a pattern with a required preposition, that
    preposition's object ("went on strike", "beat him to death"); a noun's are its own modifiers ("hunger
    strike"). An item "joint+drill" asks for both words; ``PERSON`` for an object that names people, a person's
    name or a nationality ("will release Ana Ruiz", "freed three Britons"); ``ANY`` for any object at all
    ("returned the documents to Peru")."""
    if pattern.pos == "NOUN":
        return pattern.objects.hold({c.lemma_.lower() for c in syntax.children(tok, ("compound", "amod"))})
    objects = syntax.children(tok, ("dobj", "attr", "nsubjpass"))
    for clause in (c for c in syntax.children(tok, ("ccomp",)) if any(a.lower_ == "to" for a in c.children)):
        objects += syntax.children(clause, ("nsubj",))  # "allowed refugees to return"
    if pattern.prep:
        objects += syntax.pobjs(tok, (pattern.prep,))
    for obj in objects:
        if pattern.objects.anything or (pattern.objects.person and names_people(obj)):
            return True
        if pattern.objects.hold(object_lemmas(obj)):
            return True
    return False


def names_people(obj: Token) -> bool:
    """A person's name or a nationality ("Britons"); a proper name spaCy could not type is most often a person."""
    return any(t.ent_type_ in PERSON_ENTS or (t.pos_ == "PROPN" and not t.ent_type_) for t in (obj, *obj.conjuncts))


def object_lemmas(obj: Token) -> set[str]:
    """The object's lemma, the noun it measures and its modifiers: "25,000 tons of food aid" → {ton, aid},
    "curfew hours" → {hour, curfew}, "joint drills" → {drill, joint}."""
    lemmas = {obj.lemma_.lower()}
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            lemmas |= {c.lemma_.lower() for c in syntax.pobjs(child)}
        elif child.dep_ in {"compound", "amod"}:  # "curfew hours", "aid package", "martial law"
            lemmas.add(child.lemma_.lower())
    return lemmas
