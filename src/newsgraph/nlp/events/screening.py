"""Step 2b: screening — is what the trigger and its arguments describe a political interaction?

``data/participants.yaml`` says who counts as a political and as a civil actor, which acts only public
authorities or armed parties perform, and when violence with no named party is an attack. Every rule that lets a
trigger go logs it with ``nlp.rejections.reject`` under a reason code, which ``newsgraph explain --why-not``
shows. The codes of the whole stage:

  events:unknown-word        a verb the lexicon has no pattern for (the next lexicon gap)
  events:no-pattern-holds    the word has patterns, but none whose particle, preposition, object or subject holds
                             (the reason names each pattern and the constraint that failed)
  events:adjective           a participle used as an adjective ("a welcoming city", "the proposed budget")
  events:told-by-verb        a noun event that is the object of a verb event ("imposed sanctions")
  events:no-participant      no source and no target actor
  events:no-source, events:no-target   a side the pattern ``needs`` was not found
  events:acts-on-itself      the source is its own target (a parse or entity error)
  events:not-political       no political actor takes part
  events:private-visit       travel by someone who is no political actor
  events:merged              the same event told again in the article (its trigger is listed in ``also``)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from newsgraph.kb.ontology import load_ontology
from newsgraph.nlp.events.datafile import DataFileError, Entry, check_keys, line_of, read, words
from newsgraph.nlp.events.lexicon import DATA, shipped_classes, words_of

Actors = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Participants:
    """Who counts as a political and as a civil actor, and which acts need which (``data/participants.yaml``)."""

    political_kinds: frozenset[str]
    political_sectors: frozenset[str]
    civil_sectors: frozenset[str]
    civil_codes: tuple[str, ...]
    state_acts: tuple[str, ...]
    violence_codes: tuple[str, ...]
    violence_words: frozenset[str]
    political_source: tuple[str, ...]

    def political(self, actor: dict[str, Any] | None) -> bool:
        return actor is not None and (actor.get("kind") in self.political_kinds
                                      or actor.get("sector") in self.political_sectors)

    def civil(self, actor: dict[str, Any] | None) -> bool:
        """A civil actor: one of a civil sector, or a person or organisation the text gives no office or sector."""
        if actor is None:
            return False
        return actor.get("sector") in self.civil_sectors or (
            actor.get("kind") in {"person", "organisation"} and not actor.get("sector"))


@lru_cache(maxsize=1)
def load_participants() -> Participants:
    where = "participants.yaml"
    keys = {"political", "civil", "state_acts", "violence", "political_source"}
    doc = check_keys(read(DATA / where, where), where, 1, keys, keys)
    political = check_keys(doc["political"], where, line_of(doc, "political"), {"kinds", "sectors"},
                           {"kinds", "sectors"})
    civil = check_keys(doc["civil"], where, line_of(doc, "civil"), {"sectors", "codes"}, {"sectors", "codes"})
    violence = check_keys(doc["violence"], where, line_of(doc, "violence"), {"codes", "words"}, {"codes", "words"})

    def bag(entry: Entry, key: str) -> frozenset[str]:
        return frozenset(words(entry[key], where, line_of(entry, key), key))

    return Participants(
        political_kinds=bag(political, "kinds"), political_sectors=bag(political, "sectors"),
        civil_sectors=bag(civil, "sectors"), civil_codes=_codes(civil, "codes", where),
        state_acts=_codes(doc, "state_acts", where), violence_codes=_codes(violence, "codes", where),
        violence_words=words_of(words(violence["words"], where, line_of(violence, "words"), "words"),
                                shipped_classes(), where, line_of(violence, "words")),
        political_source=_codes(doc, "political_source", where))


def _codes(entry: Entry, key: str, where: str) -> tuple[str, ...]:
    """CAMEO codes (or prefixes of codes) that must be codes of the CAMEO table."""
    ontology = load_ontology()
    found = words(entry[key], where, line_of(entry, key), key)
    for code in found:
        if code not in ontology:
            raise DataFileError(where, line_of(entry, key), f"{code!r} is not a CAMEO code of kb/data/cameo.csv")
    return tuple(found)


def screen(tok: Token, source: list[str], target: list[str], cameo: str, actors: Actors,
           rules: Participants) -> str | None:
    """None when the event is a political interaction, else the reason code why not.

    A political source; or none and a political target; or a civil source that protests or acts on a political
    target; or an act only public authorities or armed parties perform; or violence named an attack. A visit
    (``political_source`` codes) needs a political traveller."""
    political_source = any(rules.political(actors.get(a)) for a in source)
    if cameo.startswith(rules.political_source):
        return None if political_source else "events:private-visit"
    if political_source or cameo.startswith(rules.state_acts):
        return None
    political_target = any(rules.political(actors.get(a)) for a in target)
    if not source and political_target:
        return None
    civil = any(rules.civil(actors.get(a)) for a in source)
    if civil and political_target:
        return None
    if cameo.startswith(rules.civil_codes) and any(rules.civil(actors.get(a)) for a in source or target):
        return None  # "protesters marched", "the strike by coal workers was called off"
    if cameo.startswith(rules.violence_codes) and _named_attack(tok, rules.violence_words):
        return None
    return "events:not-political"


def _named_attack(tok: Token, attack_words: frozenset[str]) -> bool:
    """Does the trigger's clause name an attack ("killed in the attack", "wounded by gunmen", "a suicide
    bombing killed")?"""
    head = tok
    while head.dep_ in {"conj", "advcl", "xcomp", "acl", "relcl"} and head.head.i != head.i:
        head = head.head
    return any(t.lemma_.lower() in attack_words for t in head.subtree if t.i != tok.i)
