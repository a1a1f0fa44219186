"""Step 2: arguments — who acts (source) and on whom (target), read from the dependency parse.

Subject (through xcomp/advcl/conj/relative clauses when the trigger has none), passive agent ("rejected by both
Ukraine and the West"), direct object or prepositional target, possessor and demonym of a nominal trigger
("Putin's visit", "Western sanctions"), "between X and Y", coordination; each argument maps to actors through
the mentions (and so through coreference); a target that is a thing named by an earlier event ("the plan") takes
that event's source. A word that names no placed actor is read through (``scene``). Passives have no source
but their agent; a participle clause on a verb's object is said by that verb's subject; reciprocal meetings with
a partner go both ways.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.nlp import syntax
from newsgraph.nlp.common import add_actor
from newsgraph.nlp.events.lexicon import Pattern
from newsgraph.nlp.events.scene import Scene, argument_words, unique
from newsgraph.nlp.syntax import direct_object

RECIPIENT_PREPS = frozenset({"to", "for", "with", "against", "toward", "towards", "in", "into", "on"})
ADDRESSED_ROOTS = frozenset({"02", "10", "11", "13"})  # appeal, demand, disapprove, threaten


def arguments(tok: Token, pattern: Pattern, scene: Scene) -> tuple[list[str], list[str]]:
    """The trigger's (source, target) actors, each side found by the first rule that names someone."""
    if pattern.source_preps:
        return converse(tok, pattern, scene)
    source = sources(tok, pattern, scene)
    target = targets(tok, pattern, scene)
    if not target and pattern.pos == "NOUN":
        target = affected(tok, scene)
    if not target:
        target = between(tok, scene)
    if not target and pattern.pos == "VERB" and pattern.cameo[:2] in ADDRESSED_ROOTS:
        target = addressee_clause(tok, source, scene)
    if not target and pattern.pos == "VERB" and not (pattern.mutual and len(source) >= 2):
        target = recipient(tok, source, scene)  # "signed … in Nairobi": no recipient
    if pattern.passive_source and passive(tok):  # "were expelled from the US": the US is no target
        target = [a for a in target if a not in source]
    source = [a for a in source if a not in target] or source
    if pattern.mutual and not source and len(target) >= 2:
        source, target = target, []  # "talks between Moscow and Kyiv"
    return source, target


def converse(tok: Token, pattern: Pattern, scene: Scene) -> tuple[list[str], list[str]]:
    """A converse verb: the party named after its source prepositions acts on the subject ("Kenya received aid
    from Japan": Japan → Kenya; "was granted asylum by France": France → the subject)."""
    heads = [tok, *([obj] if (obj := direct_object(tok)) is not None else [])]
    givers = [o for h in heads for o in syntax.pobjs(h, pattern.source_preps)]
    if "by" in pattern.source_preps:
        givers += [o for a in syntax.children(tok, ("agent",)) for o in syntax.children(a, ("pobj",))]
    source = unique([a for g in givers for a in scene.actors(g)])
    receiver = syntax.child(tok, ("nsubjpass",)) or subject(tok)
    target = [a for a in scene.actors(receiver) if a not in source] if receiver is not None else []
    return source, target


def sources(tok: Token, pattern: Pattern, scene: Scene) -> list[str]:
    if pattern.pos == "NOUN":
        found: list[str] = []
        for child in tok.children:
            if child.dep_ in {"poss", "amod", "compound", "nmod"} and child.i < tok.i:
                found += scene.actors(child)
        if not found and (governor := governing_verb(tok)) is not None:
            subj = subject(governor)  # light verbs: "the navies began a joint exercise", "took part in talks"
            found = scene.actors(subj) if subj is not None else []
        return unique(found)
    agent = syntax.child(tok, ("agent",))
    if agent is not None:
        return scene.actors(syntax.pobj(agent))
    if passive(tok):  # "ministers charged with corruption", "the ministers who were charged": by someone unnamed,
        named = [a for o in syntax.pobjs(tok, pattern.passive_source) for a in scene.actors(o)]  # or "from"
        return unique(named) or in_action_with(tok, scene)
    subj = subject(tok)
    if subj is None:
        return []
    return scene.actors(subj) or author(subj, scene) or participle_author(tok, subj, scene)


def in_action_with(tok: Token, scene: Scene) -> list[str]:
    """The other party of the action a passive event happened in: "was killed in a shootout with police",
    "were wounded in clashes with the army", "was arrested in a raid by border police"."""
    for action in syntax.pobjs(tok, ("in", "during")):
        found = [a for o in syntax.pobjs(action, ("with", "by")) for a in scene.actors(o)]
        if found:
            return unique(found)
    return []


def passive(tok: Token) -> bool:
    """A passive clause ("were expelled", "who were charged") or a reduced one ("ministers charged with …")."""
    return syntax.child(tok, ("nsubjpass",)) is not None or reduced_passive(tok)


def reduced_passive(tok: Token) -> bool:
    """A past participle modifying a noun is a passive relative clause read backwards: the noun is its patient
    ("ministers charged with corruption", "police officers shot in Minneapolis", "journalists jailed for …")."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or tok.head.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return False
    return not any(c.tag_ == "VBD" for c in tok.conjuncts)  # "doctors … donated and delivered goods": past tense


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun event is the object of, which tells who performs it: "held talks", "began an exercise",
    and "in" after a verb of taking part (``participation`` in data/arguments.yaml): "took part in talks"."""
    if noun.dep_ in {"dobj", "attr"} and noun.head.pos_ == "VERB":
        return noun.head
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep":
        return None
    verb = prep.head.head if prep.head.dep_ == "dobj" else prep.head  # "took part in": "in" may hang on "part"
    words = {verb.lemma_.lower(), *(c.lemma_.lower() for c in syntax.children(verb, ("dobj",)))}
    return verb if verb.pos_ == "VERB" and words & argument_words().participation else None


def author(noun: Token, scene: Scene) -> list[str]:
    """Who a statement, report or act named by a non-actor noun comes from: its possessor or by/from phrase
    ("a statement by the ministry accused …"). "A report published in Nairobi said" names no one and stays
    unknown."""
    for child in noun.children:
        if child.dep_ == "poss":
            return scene.actors(child)
        if child.dep_ == "prep" and child.lower_ in {"by", "from"} and (by := scene.actors(syntax.pobj(child))):
            return by
    return []


def participle_author(tok: Token, noun: Token, scene: Scene) -> list[str]:
    """A participle clause on the object of a verb is said or done by that verb's subject: "the PKK issued a
    declaration demanding …", "Amnesty published a report accusing …", "Iran launched an offensive killing …"."""
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or tok.head.i != noun.i or noun.dep_ != "dobj":
        return []
    subj = subject(noun.head) if noun.head.pos_ == "VERB" else None
    return scene.actors(subj) if subj is not None else []


def targets(tok: Token, pattern: Pattern, scene: Scene) -> list[str]:
    found: list[str] = []
    passive = syntax.child(tok, ("nsubjpass",))
    heads = [tok]
    obj = direct_object(tok)
    if pattern.objects and obj is not None:
        heads.append(obj)  # "impose sanctions on X": the preposition may hang on the object
    if pattern.pos == "NOUN":  # "the withdrawal of forces from Panama", "a suspension of air links with Serbia"
        heads += syntax.pobjs(tok, ("of",))
    for head in heads:
        for child in head.children:
            if child.dep_ == "dative" and child.pos_ == "ADP":  # "sent billions to Kyiv"
                if child.lower_ in pattern.targets or "dobj" in pattern.targets:
                    for obj_of in syntax.pobjs(child):
                        found += argument(obj_of, pattern, scene)
            elif child.dep_ in {"dobj", "dative"} and "dobj" in pattern.targets:
                # "impose sanctions": the constrained object is the thing, not the target
                if not (pattern.objects and obj is not None and child.i == obj.i):
                    found += argument(child, pattern, scene)
            elif child.dep_ == "prep" and child.lower_ in pattern.targets:
                for obj_of in syntax.pobjs(child):
                    found += argument(obj_of, pattern, scene)
    if passive is not None and passive.tag_ in syntax.RELATIVE_PRONOUN_TAGS and tok.dep_ == "relcl":
        found += argument(tok.head, pattern, scene)  # "the ministers who were charged"
    elif passive is not None:
        found += argument(passive, pattern, scene)
    elif reduced_passive(tok):
        found += argument(tok.head, pattern, scene)
    if not found and pattern.objects and obj is not None:
        # "lifted its blockade of Yemen" → Yemen; "expelled two Russian diplomats" → Russia
        subject_actors = sources(tok, pattern, scene)
        found += [a for a in actors_of_modifiers(obj, scene) if a not in subject_actors]
    if not found and tok.dep_ == "relcl" and "dobj" in pattern.targets and obj is None:
        subj = syntax.child(tok, ("nsubj",))
        if subj is not None and subj.tag_ not in {"WDT", "WP"}:  # "the officials it accuses": the gap
            found += argument(tok.head, pattern, scene)
    return unique(found)


def argument(tok: Token, pattern: Pattern, scene: Scene) -> list[str]:
    """The actors one argument word stands for, else its possessor or by/of/from phrase, else the source of the
    event whose object was the same thing ("the plan")."""
    actors = scene.actors(tok)
    if actors:
        return actors
    n = scene.index.get(tok.i)
    if pattern.place_is_target and n is not None and scene.mentions[n]["how"] == "capital-as-place":
        return [add_actor(tok.doc, scene.kb.state_actor(str(scene.mentions[n]["description"])))]
    for child in tok.children:  # "support for Russia's war" → Russia; "a launch by North Korea"
        if child.dep_ == "poss":
            return scene.actors(child)
        if child.dep_ == "prep" and child.lower_ in {"by", "of", "from"}:  # "an offer from Kabul"
            by = scene.actors(syntax.pobj(child))
            if by:
                return by
    return list(scene.owner.get(tok.lemma_.lower(), []))


def affected(tok: Token, scene: Scene) -> list[str]:
    """A nominal event that is the subject of a verb acts on that verb's object's owner:
    "Western sanctions cut its access" → the sanctions target "its" owner."""
    if tok.dep_ != "nsubj":
        return []
    obj = direct_object(tok.head)
    if obj is None:
        return []
    owner = syntax.child(obj, ("poss",))
    return scene.actors(owner or obj)


def recipient(tok: Token, source: list[str], scene: Scene) -> list[str]:
    """Last resort for a target: the nearest actor named in a to/for/with/against/in phrase inside the
    trigger's own clause and its infinitival complement ("offered to hand over to Great Britain",
    "promised to continue military aid to Mozambique", "arrived in Amman")."""
    best: tuple[int, list[str]] | None = None
    for t in tok.subtree:
        if t.dep_ != "pobj" or t.head.lower_ not in RECIPIENT_PREPS:
            continue
        path, node = 0, t
        while node.i != tok.i and path < 8:  # no other clause with its own subject in between
            node = node.head
            path += 1
            if node.i != tok.i and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
                path = 99
                break
        actors = [a for a in scene.actors(t) if a not in source]
        n = scene.index.get(t.i)
        if not actors and n is not None and scene.mentions[n]["how"] == "capital-as-place":
            place = add_actor(tok.doc, scene.kb.state_actor(str(scene.mentions[n]["description"])))
            actors = [place] if place not in source else []  # "Peru lifted the curfew in Lima"
        if actors and path < 99 and (best is None or path < best[0]):
            best = (path, actors)
    return best[1] if best else []


def addressee_clause(tok: Token, source: list[str], scene: Scene) -> list[str]:
    """An appeal, demand, accusation or threat whose object is a clause is aimed at that clause's subject:
    "demanded that the US cancel the sale" → the US; "urged that Israel ease restrictions" → Israel."""
    clause = next((c for c in syntax.children(tok, ("ccomp",)) if c.i > tok.i), None)
    if clause is None:
        return []
    subj = syntax.child(clause, ("nsubj", "nsubjpass"))
    if subj is None:
        return []  # "warned that it would not end the strike": a speaker's own plan is aimed at nobody
    return [a for a in scene.actors(subj) if a not in source]


def between(tok: Token, scene: Scene) -> list[str]:
    """Parties named by "between X and Y" inside the trigger's phrase ("calling for talks between …")."""
    for t in tok.subtree:
        if t.lower_ == "between" and t.dep_ == "prep":
            parties = syntax.pobj(t)
            if parties is not None:
                return scene.actors(parties)
    return []


def directions(source: list[str], target: list[str], pattern: Pattern, partners: list[str] | None = None
               ) -> list[tuple[list[str], list[str]]]:
    """Reciprocal triggers give one event each way: a plural subject with no target ("India and Pakistan held
    talks"), or, for the codes of ``reciprocal`` in data/arguments.yaml, a source and a target that is its partner
    (``partners``: "Putin held talks with Xi", "Russia signed an agreement with China", "Blinken met Wang Yi"). A
    target found elsewhere is not one ("the Council agreed to extend the force in Lebanon"), nor is the other
    side of a one-sided act ("broke relations with Russia")."""
    if pattern.mutual and not target and len(source) >= 2:
        return [([a], [b]) for a in source for b in source if a != b]
    both = pattern.mutual and pattern.cameo.startswith(argument_words().reciprocal)
    if both and source and target and set(target) <= set(partners or ()):
        return [(source, target), (target, source)]
    return [(source, target)]


def partners(tok: Token, pattern: Pattern, scene: Scene) -> list[str]:
    """The actors a reciprocal trigger names as the other party: its (or its object's) "with" phrase, and a
    direct object that must be a party ("met Putin")."""
    heads = [tok, *([obj] if (obj := direct_object(tok)) is not None else [])]
    found = [a for h in heads for o in syntax.pobjs(h, ("with",)) for a in scene.actors(o)]
    if pattern.party_object and obj is not None:
        found += scene.actors(obj)
    return unique(found)


def subject(tok: Token) -> Token | None:
    """The trigger's subject, or who performs it: through xcomp/advcl/conj/acl chains and relative clauses."""
    return syntax.subject(tok, ("nsubj", "csubj"), ("xcomp", "advcl", "conj", "acl"), control=True)


def actors_of_modifiers(tok: Token, scene: Scene) -> list[str]:
    """Actors among a noun's own modifiers: "two Russian diplomats" → Russia, "Iran's tanker" → Iran."""
    n = scene.index.get(tok.i)
    if n is not None:
        return scene.actors(tok)
    found: list[str] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "on", "against"}:
            found += [a for c in syntax.pobjs(child) for a in scene.actors(c)]
        elif child.dep_ in {"amod", "compound", "poss", "nmod"} and child.i in scene.index:
            found += scene.actors(child)
    return unique(found)
