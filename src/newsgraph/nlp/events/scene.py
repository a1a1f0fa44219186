"""Step 2a: the scene — which actors a word stands for, and the word lists of ``data/arguments.yaml``.

A word's actors come from its mention (and so through coreference), its coordinated siblings and its modifiers.

A word that names no placed actor is read through: a group noun to its "of" phrase ("hundreds of Kenyans"), an
unplaced person noun to its "of"/"from" phrase ("activists from the Fatah party"), a name to its description in
apposition; countries coordinated with the one that names a group each add a group of the same sector ("French
and German activists", "the foreign ministers of France, Germany and Poland"); a list the parser hangs on its first
item as an apposition counts whole ("Saudi Arabia, the United Arab Emirates, Bahrain and Egypt").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from newsgraph.kb.actors import KnowledgeBase
from newsgraph.kb.ontology import load_ontology
from newsgraph.nlp import syntax
from newsgraph.nlp.common import add_actor
from newsgraph.nlp.events.datafile import DataFileError, check_keys, line_of, read, words
from newsgraph.nlp.events.lexicon import DATA
from newsgraph.nlp.extensions import Mention


@dataclass
class Scene:
    """What argument finding reads in one document: its mentions by token and the knowledge base."""

    doc: Doc
    index: dict[int, int]  # token index → mention number
    mentions: list[Mention]
    kb: KnowledgeBase
    owner: dict[str, list[str]] = field(default_factory=dict)  # "plan" → the source of the event it was the object of

    def actors(self, tok: Token | None) -> list[str]:
        """The actors a word stands for; read through it (``through``) when none of them is placed."""
        found = actors_of(tok, self.index, self.mentions)
        if tok is None:
            return found
        if any(self.placed(a) for a in found):
            return unique(found + coordinated_demonyms(tok, found, self) + listed_appositions(tok, found, self))
        return through(tok, self) or found

    def record(self, actor_id: str) -> dict[str, Any]:
        return (self.doc._.ng_actors or {}).get(actor_id) or {}

    def placed(self, actor_id: str) -> bool:
        """Is the actor a known body or placed in a country (not "activists" or a person of no known office)?"""
        actor = self.record(actor_id)
        return bool(actor.get("country")) or actor.get("kind") in {"state", "bloc", "igo"}


@dataclass(frozen=True)
class ArgumentWords:
    """The word lists of ``data/arguments.yaml``."""

    groups: frozenset[str]  # nouns naming a number, part or body of people: "hundreds of", "members of"
    participation: frozenset[str]  # verbs of taking part, whose "in" phrase names the act: "took part in talks"
    reciprocal: tuple[str, ...]  # CAMEO codes (prefixes) where a "with" partner takes part as much: meetings


@lru_cache(maxsize=1)
def argument_words() -> ArgumentWords:
    where = "arguments.yaml"
    keys = {"groups", "participation", "reciprocal"}
    doc = check_keys(read(DATA / where, where), where, 1, keys, keys)

    def bag(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in words(doc[key], where, line_of(doc, key), key))

    ontology = load_ontology()
    for code in (reciprocal := words(doc["reciprocal"], where, line_of(doc, "reciprocal"), "reciprocal")):
        if code not in ontology:
            raise DataFileError(where, line_of(doc, "reciprocal"), f"{code!r} is not a CAMEO code of kb/data/cameo.csv")
    return ArgumentWords(groups=bag("groups"), participation=bag("participation"), reciprocal=tuple(reciprocal))


def through(tok: Token, scene: Scene) -> list[str]:
    """Who a word that names no placed actor stands for: the "of" phrase of a group noun ("hundreds of Kenyans",
    "members of the African Union", "two of the soldiers"); the "of"/"from" phrase of a person noun the actor
    stage could not place ("activists from the Fatah party", "leaders of the coalition"), or its possessor
    ("Belarus's rulers"); a description in apposition ("Kenzo Oshima, the UN relief coordinator")."""
    group = tok.lemma_.lower() in argument_words().groups or tok.pos_ == "NUM"
    n = scene.index.get(tok.i)
    preps = {"of", "from"} if n is not None else {"of"} if group else set()
    sector = next((scene.record(a).get("sector") for a in scene.mentions[n]["group"] or []), None) if n else None
    found: list[str] = []
    for obj in syntax.pobjs(tok, preps):
        for actor_id in scene.actors(obj):
            actor = scene.record(actor_id)
            if not scene.placed(actor_id) or actor.get("kind") == "person":
                continue  # "supporters of Ben Bella" are not Ben Bella
            if actor.get("kind") == "state" and sector:  # "inhabitants of the Syrian Golan": Syria's civilians
                actor_id = add_actor(tok.doc, scene.kb.state_actor(actor_id, str(sector)))
            found.append(actor_id)
    for other in syntax.children(tok, ("appos", "poss") if n is not None else ("appos",)):
        found += [a for a in scene.actors(other) if scene.placed(a)]  # "Belarus's rulers": Belarus
    return unique(found)


def coordinated_demonyms(tok: Token, found: list[str], scene: Scene) -> list[str]:
    """"French and German activists", "the foreign ministers of France, Germany and Poland": the actor stage names
    the group by its first country; each one coordinated with it adds a group of the same sector."""
    n = scene.index.get(tok.i)
    group = scene.record(found[0])
    if n is None:
        return []
    extra: list[str] = []
    for mod in [*syntax.children(tok, ("amod", "compound")), *syntax.pobjs(tok, ("of", "from"))]:
        for other in mod.conjuncts:
            m = scene.index.get(other.i)
            if m is None or m == n:
                continue
            for actor_id in scene.mentions[m]["group"] or []:
                if scene.record(actor_id).get("kind") == "state" and group.get("sector"):
                    actor_id = add_actor(tok.doc, scene.kb.state_actor(actor_id, str(group["sector"])))
                extra.append(actor_id)
    return extra


def listed_appositions(tok: Token, found: list[str], scene: Scene) -> list[str]:
    """"Saudi Arabia, the United Arab Emirates, Bahrain and Egypt cut ties": the small parser hangs the rest of a
    list on its first item as an apposition; an apposition that opens a coordination and names actors of the
    same kind as the first item is the rest of the list."""
    kinds = {scene.record(a).get("kind") for a in found}
    extra: list[str] = []
    for appos in syntax.children(tok, ("appos",)):
        if syntax.children(appos, ("conj",)):
            extra += [a for a in actors_of(appos, scene.index, scene.mentions) if scene.record(a).get("kind") in kinds]
    return extra


def actors_of(tok: Token | None, index: dict[int, int], mentions: list[Mention]) -> list[str]:
    """Actors a token stands for: its own mention (a group counts for all) and its coordinated siblings."""
    if tok is None:
        return []
    found: list[str] = []
    for t in (tok, *tok.conjuncts):
        n = index.get(t.i)
        if n is None:  # "both Ukraine and the West", "the Chinese firms"; "his Egyptian counterpart": Egypt
            mods = [c for c in t.children if c.dep_ in {"compound", "amod", "poss", "preconj"} and c.i in index]
            described = any(m.dep_ == "amod" for m in mods)
            mods.sort(key=lambda c: described and c.tag_ == "PRP$")
            n = index[mods[0].i] if mods else None
        if n is not None and not (mentions[n]["group"] or mentions[n]["actor"]):
            n = inner_mention(t.i, mentions)  # "Belarus's rulers" resolves to no one; "Belarus" does
        if n is not None:
            actor = mentions[n]["actor"]
            found += mentions[n]["group"] or ([actor] if actor else [])
    return unique(found)


def inner_mention(i: int, mentions: list[Mention]) -> int | None:
    """The shortest mention covering token ``i`` that resolves to someone (a longer one that resolves to no one
    hides it in the token index)."""
    covering = [(m["tok"][1] - m["tok"][0], n) for n, m in enumerate(mentions)
                if m["tok"][0] <= i < m["tok"][1] and (m["group"] or m["actor"])]
    return min(covering)[1] if covering else None


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
