"""Step 1: triggers — a verb or noun of the lexicon whose particle, preposition, object and subject constraints
hold. ``why_not`` tells, for a word of the lexicon that matched no pattern, which constraint failed."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from newsgraph.nlp import syntax
from newsgraph.nlp.events.lexicon import ANY_VERB, Objects, Pattern, PatternTable

PERSON_ENTS = frozenset({"PERSON", "NORP"})  # what a PERSON object constraint accepts
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})  # a place may be the party of a place_is_target pattern
#: the relations of a verb's objects; an adjective complement counts too ("remained silent")
OBJECT_DEPS = ("dobj", "attr", "nsubjpass", "acomp", "oprd")

#: the relations inside one noun phrase
PHRASE_DEPS = frozenset({"compound", "amod", "poss", "appos", "conj", "nmod", "det", "flat", "nummod", "case"})
#: is a mention of an actor at this token index? (the matcher asks it for party_object)
IsActor = Callable[[int], bool]


#: the parts of speech a trigger can have
TRIGGER_POS = frozenset({"VERB", "NOUN"})


def candidates(patterns: PatternTable, tok: Token) -> list[Pattern]:
    """The patterns of ``tok``'s word and part of speech, most specific first."""
    pos = tok.pos_
    return patterns.get((pos, tok.lemma_.lower()), []) if pos in TRIGGER_POS else []


def match(patterns: PatternTable, tok: Token, is_actor: IsActor | None = None) -> Pattern | None:
    """The first pattern of ``tok``'s word whose constraints hold, or None."""
    for pattern in candidates(patterns, tok):
        if failed_constraint(tok, pattern, is_actor) is None:
            return pattern
    return None


def failed_constraint(tok: Token, pattern: Pattern, is_actor: IsActor | None = None) -> str | None:
    """None when every constraint of ``pattern`` holds at ``tok``, else the first that fails, in words."""
    particles = {c.lower_ for c in syntax.children(tok, ("prt",))  # "kidnapped up to 16": no particle
                 if c.i + 1 == len(c.doc) or c.nbor(1).lower_ != "to"}
    if pattern.particle and pattern.particle not in particles:
        return f"no particle {pattern.particle!r}"
    if not pattern.particle and particles and pattern.pos == "VERB":
        return f"a phrasal verb ({tok.lemma_} {' '.join(sorted(particles))}) this pattern does not name"
    if pattern.prep and not any(c.lower_ == pattern.prep for c in syntax.children(tok, ("prep", "agent"))):
        return f"no preposition {pattern.prep!r}"
    if pattern.objects and not objects_hold(tok, pattern):
        return "the object is not of the pattern's kind"
    if pattern.objects_not and any(pattern.objects_not.hold(lemmas) for lemmas in _all_objects(tok, pattern)):
        return "the object is of a kind the pattern excludes"
    if pattern.subject and not _subject_holds(tok, pattern.subject):
        return "the subject is not of the pattern's kind"
    if pattern.party_object and not _party_object(tok, pattern, is_actor):
        return "the direct object names no party"
    return None


def objects_hold(tok: Token, pattern: Pattern) -> bool:
    """Does the trigger's object meet the pattern's object constraint?

    A verb's objects are its direct object, a passive's subject ("the vessels were released"), an adjective
    complement ("remained silent"), the subject of its infinitive clause ("allowed refugees to return") and, for a
    pattern with a required preposition, that preposition's object ("went on strike", "beat him to death"); its
    infinitive complement meets ``to VERB`` items ("declined to comment"). A noun's objects are its own
    modifiers ("hunger strike"). An item "joint+drill" asks for both words; ``PERSON`` for an object that names
    people, a person's name or a nationality ("will release Ana Ruiz", "freed three Britons"); ``ANY`` for any
    object at all ("returned the documents to Peru")."""
    if pattern.pos == "NOUN":
        return pattern.objects.hold(_modifiers(tok))
    infinitives = {c.lemma_.lower() for c in syntax.children(tok, ("xcomp",)) if c.pos_ in {"VERB", "AUX"}}
    if pattern.objects.infinitives & infinitives or (infinitives and ANY_VERB in pattern.objects.infinitives):
        return True
    for obj in _verb_objects(tok, pattern):
        if pattern.objects.anything or (pattern.objects.person and names_people(obj)):
            return True
        if pattern.objects.hold(object_lemmas(obj)):
            return True
    return False


def _verb_objects(tok: Token, pattern: Pattern) -> list[Token]:
    """The verb's objects and what is coordinated with them ("offered a regiment, helicopters and jets")."""
    objects = [o for c in syntax.children(tok, OBJECT_DEPS) for o in (c, *c.conjuncts)]
    for clause in (c for c in syntax.children(tok, ("ccomp",)) if any(a.lower_ == "to" for a in c.children)):
        objects += syntax.children(clause, ("nsubj",))  # "allowed refugees to return"
    if pattern.prep:
        objects += syntax.pobjs(tok, (pattern.prep,))
    return objects


def _all_objects(tok: Token, pattern: Pattern) -> list[set[str]]:
    """What ``object_not`` looks at: the head words of a verb's objects, of the objects of all its prepositions
    and of its agent ("fought against the blaze", "struck by a car", not "killed in a car bombing"); a noun's
    modifiers ("press release")."""
    if pattern.pos == "NOUN":
        return [_modifiers(tok)]
    found = _verb_objects(tok, pattern)
    for prep in syntax.children(tok, ("prep", "agent")):
        found += syntax.children(prep, ("pobj",))
        for clause in syntax.children(prep, ("pcomp",)):  # "warned of freezing rain"
            found += [clause, *syntax.children(clause, ("dobj",))]
    return [{o.lemma_.lower()} for o in found]


def _modifiers(tok: Token) -> set[str]:
    return {c.lemma_.lower() for c in syntax.children(tok, ("compound", "amod"))}


def _subject_holds(tok: Token, subject: Objects) -> bool:
    subj = syntax.subject(tok, control=True)
    return subj is not None and subject.hold(object_lemmas(subj))


def _party_object(tok: Token, pattern: Pattern, is_actor: IsActor | None) -> bool:
    """A direct object, if there is one, names a party: an actor, a person or a nationality — or, for a
    place_is_target pattern, a place ("visited Beijing")."""
    obj = syntax.direct_object(tok)
    if obj is None:
        return True
    for t in _noun_phrase(obj):  # "met his counterpart, President Mattarella", "met regional rival Japan's Abe"
        if (is_actor is not None and is_actor(t.i)) or t.ent_type_ in PERSON_ENTS:
            return True
        if pattern.place_is_target and t.ent_type_ in PLACE_ENTS:
            return True
    return names_people(obj)


def _noun_phrase(head: Token) -> list[Token]:
    """The head and the words of its own phrase — modifiers, possessors, appositions, coordinated nouns — without
    its clauses and prepositional phrases ("the deadline set by the lenders" is a deadline)."""
    found, todo = [], [head]
    while todo:
        tok = todo.pop()
        found.append(tok)
        todo += [c for c in tok.children if c.dep_ in PHRASE_DEPS]
    return found


def names_people(obj: Token) -> bool:
    """A person's name or a nationality ("Britons"); a proper name spaCy could not type is most often a person."""
    return any(t.ent_type_ in PERSON_ENTS or (t.pos_ == "PROPN" and not t.ent_type_) for t in (obj, *obj.conjuncts))


def object_lemmas(obj: Token) -> set[str]:
    """The object's lemma, the noun it measures and its modifiers: "25,000 tons of food aid" → {ton, aid},
    "curfew hours" → {hour, curfew}, "joint drills" → {drill, joint}."""
    lemmas = {obj.lemma_.lower()}
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            lemmas |= {c.lemma_.lower() for c in child.children if c.dep_ == "pobj"}
        elif child.dep_ in {"compound", "amod"}:  # "curfew hours", "aid package", "martial law"
            lemmas.add(child.lemma_.lower())
    return lemmas
