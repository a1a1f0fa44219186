"""Step 5 of the place stage, metonymy: does a place name stand for its government, people or team ("Moscow
said", "Mexico won", "talks with Iran", "Moscow's response") or for the place ("met in Moscow", "Cambodia is a
country in Asia", a dateline, "a Moscow suburb")? Read from the name's syntactic role:

  metonymic  subject of a verb (not of a verb of place: "lies", "borders", nor "is a country"), agent of a
             passive ("by Moscow"), possessor ("Moscow's response", not "Russia's north"), direct object of a
             verb of communication, pressure, conflict or contest ("urged China", "beat Mexico"), object of
             with / between / against ("talks with Iran", not "the border with Mexico");
  literal    everything else: a locative or directional phrase, a dateline, a modifier, a demonym, a name inside
             another name, a passive subject ("Poland was invaded").

The full set of roles applies to names that can be actors — states, capitals, seats of government, blocs;
other places (towns, regions) are metonymic only as acting subjects or agents (a team, a town's people). The
word lists are ``data/metonymy.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.kb.actors import KnowledgeBase
from newsgraph.nlp.extensions import Place
from newsgraph.nlp.places.datafiles import _check_keys, _fail, _yaml

ACTOR_KINDS = frozenset({"state", "capital", "seat", "bloc"})
SUBJECTS = frozenset({"nsubj", "csubj"})


@dataclass(frozen=True)
class MetonymyWords:
    place_verbs: frozenset[str]
    place_nouns: frozenset[str]
    object_verbs: frozenset[str]
    partner_preps: frozenset[str]
    literal_heads: frozenset[str]
    departure_verbs: frozenset[str]
    contest_nouns: frozenset[str]
    loss_verbs: frozenset[str]
    agent_nouns: frozenset[str]


@lru_cache(maxsize=1)
def metonymy_words() -> MetonymyWords:
    name = "metonymy.yaml"
    data = _yaml(name)
    keys = {"place_verbs", "place_nouns", "object_verbs", "partner_preps", "literal_heads", "departure_verbs",
            "contest_nouns", "loss_verbs", "agent_nouns"}
    _check_keys(name, data, keys, keys)
    for key in keys:
        if not isinstance(data[key], list) or not all(isinstance(w, str) for w in data[key]):
            raise _fail(name, data["__line__"], f"{key} must be a list of words")
    return MetonymyWords(**{k: frozenset(w.lower() for w in data[k]) for k in keys})


def is_metonymic(doc: Doc, place: Place, mentions: dict[Any, Any], kb: KnowledgeBase) -> bool:
    """Whether ``place`` stands for an actor rather than the place (see the module docstring)."""
    if place["demonym"] or place["in_name"] or _in_dateline(doc, place):
        return False
    start, end = place["tok"]
    span = doc[start:end]
    mention = mentions.get((start, end))
    actor_like = place["bloc"] or any(h.kind in ACTOR_KINDS for h in kb.lookup(span.text)) or \
        bool(mention and mention["how"] in {"capital-metonymy", "seat", "state-name", "name"}
             and mention["label"] in {"GPE", "ORG", "NORP"})
    return role(span.root) in ({"subject", "agent", "possessor", "object", "partner"} if actor_like
                               else {"subject", "agent", "partner"})


def role(tok: Token) -> str:
    """The role of the name whose head word is ``tok``: subject, agent, possessor, object, partner or literal.
    A conjunct takes the role of the first conjunct ("Russia and China signed")."""
    words = metonymy_words()
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    if tok.dep_ in SUBJECTS:
        return "literal" if _place_predicate(head, words) else "subject"
    if tok.dep_ == "poss":
        return "literal" if head.lemma_.lower() in words.literal_heads else "possessor"
    if tok.dep_ == "dobj":
        return "object" if head.lemma_.lower() in words.object_verbs else "literal"
    if tok.dep_ == "pobj":
        return _object_of_preposition(tok, words)
    return "literal"


def _object_of_preposition(tok: Token, words: MetonymyWords) -> str:
    """The role of a name after a preposition: "by Japan" (agent, also after a noun: "the occupation by
    Germany"), "with/between/against Iran" (partner), "called on China" (object), "played for Wellington" (a
    team), "a victory over Brazil", "lost to Australia" (an opponent), "the will of France" (as "France's will");
    literal otherwise ("in Moscow", "the capital of France", "left for London")."""
    prep = tok.head
    governor = prep.head
    word, lemma = prep.lower_, governor.lemma_.lower()
    if prep.dep_ == "agent" or (word == "by" and governor.pos_ == "NOUN" and lemma not in words.literal_heads):
        return "agent"
    if word in {"on", "upon"} and lemma in words.object_verbs:
        return "object"  # "called on Pyongyang", "prevailed upon Tokyo"
    if word in words.partner_preps:
        return "literal" if lemma in words.literal_heads else "partner"
    if word == "for" and governor.pos_ in {"VERB", "NOUN", "AUX"} and lemma not in words.departure_verbs and \
            lemma not in words.literal_heads:
        return "partner"  # "played for Wellington", "competed for Kazakhstan", "won the toss for Australia"
    if (word == "over" and lemma in words.contest_nouns) or (word == "to" and lemma in words.loss_verbs):
        return "partner"
    if word == "of" and lemma in words.agent_nouns:
        return "possessor"
    return "literal"


def _place_predicate(verb: Token, words: MetonymyWords) -> bool:
    """A predicate that says where or what a place is ("lies", "borders", "is a country", "has 5 million
    people") rather than what someone did."""
    lemma = verb.lemma_.lower()
    if lemma not in words.place_verbs:
        return False
    if lemma != "be":
        return True
    complements = [c for c in verb.children if c.dep_ in {"attr", "acomp", "prep", "xcomp"}]
    if any(c.dep_ == "xcomp" for c in complements):
        return False  # "is ready to talk", "is expected to vote"
    return any(c.dep_ == "prep" or c.lemma_.lower() in words.place_nouns or (c.dep_ == "acomp"
               and c.lemma_.lower() in {"large", "small", "big", "rich", "poor", "mountainous", "flat", "hot", "cold",
                                        "dry", "wet", "beautiful", "densely", "populous", "landlocked", "located"})
               for c in complements) or not complements


def _in_dateline(doc: Doc, place: Place) -> bool:
    line = doc._.ng_dateline
    return line is not None and place["start"] < line[2] and place["end"] <= line[2] and place["start"] >= line[0]
