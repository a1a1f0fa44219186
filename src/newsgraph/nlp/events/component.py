"""The ``newsgraph_events`` spaCy component: runs the steps of the package over each trigger of a document."""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.kb.actors import KnowledgeBase, load_kb
from newsgraph.kb.ontology import Ontology, load_ontology
from newsgraph.nlp.common import mention_at
from newsgraph.nlp.events.arguments import Scene, arguments, direct_object, directions, governing_verb, partners
from newsgraph.nlp.events.coding import build, mark_embedded, merge_repeats
from newsgraph.nlp.events.lexicon import Pattern, PatternTable, load_patterns
from newsgraph.nlp.events.modality import ModalityRules, load_modality
from newsgraph.nlp.events.screening import Participants, load_participants, screen
from newsgraph.nlp.events.triggers import TRIGGER_POS, candidates, failed_constraint, match
from newsgraph.nlp.extensions import Event
from newsgraph.nlp.rejections import reject

log = logging.getLogger(__name__)


@Language.factory("newsgraph_events", assigns=["doc._.ng_events"],
                  requires=["doc._.ng_mentions", "doc._.ng_times", "doc._.ng_places", "doc._.ng_quotes"],
                  default_config={"pattern_files": [], "keep_unattached": False, "actor_files": []})
def make_events(nlp: Language, name: str, pattern_files: list[str], keep_unattached: bool,
                actor_files: list[str]) -> EventCoder:
    return EventCoder(load_patterns(tuple(pattern_files)), load_ontology(), keep_unattached,
                      load_kb(tuple(actor_files)), load_modality(), load_participants())


class EventCoder:
    def __init__(self, patterns: PatternTable, ontology: Ontology, keep_unattached: bool,
                 kb: KnowledgeBase, rules: ModalityRules, participants: Participants) -> None:
        self.patterns = patterns
        self.rules = rules
        self.participants = participants
        self.ontology = ontology
        self.keep_unattached = keep_unattached
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        scene = Scene(doc, mention_at(doc), doc._.ng_mentions or [], self.kb)
        events: list[Event] = []
        for tok in doc:
            if tok.pos_ not in TRIGGER_POS:
                continue  # the lexicon holds verbs and nouns only
            pattern = self.match(tok, scene)
            if pattern is not None:
                events += self.code(tok, pattern, scene)
        mark_embedded(doc, events)
        doc._.ng_events = merge_repeats(events)
        for event in doc._.ng_events:
            for start, end in event["also"]:
                reject(log, "events:merged", doc.char_span(start, end), "the same event told again: merged into "
                       f"the one at {event['trigger']}")
        return doc

    def match(self, tok: Token, scene: Scene) -> Pattern | None:
        options = candidates(self.patterns, tok)
        if not options:
            if tok.pos_ == "VERB":
                reject(log, "events:unknown-word", tok, f"the lexicon has no pattern for the verb {tok.lemma_!r}")
            return None
        if tok.dep_ == "amod" and tok.pos_ == "VERB":
            reject(log, "events:adjective", tok, "a participle used as an adjective names a state, not an act")
            return None  # "a welcoming city", "the mayor's proposed budget"
        pattern = match(self.patterns, tok, scene.index.__contains__)
        if pattern is None and log.isEnabledFor(logging.DEBUG):  # the reasons cost a second look at each pattern
            failed = [f"{p.name}: {failed_constraint(tok, p, scene.index.__contains__)}" for p in options[:4]]
            reject(log, "events:no-pattern-holds", tok, "; ".join(failed), patterns=len(options))
        return pattern

    def code(self, tok: Token, pattern: Pattern, scene: Scene) -> list[Event]:
        """The events one trigger yields: none, one, or one each way for a reciprocal trigger."""
        verb = governing_verb(tok) if pattern.pos == "NOUN" else None
        if verb is not None and match(self.patterns, verb) is not None:
            reject(log, "events:told-by-verb", tok, f"the object of {verb.text!r}, whose event tells it")
            return []  # "gave aid", "imposed sanctions", "killed three in the attack": the verb's event tells it
        source, target = arguments(tok, pattern, scene)
        attached = bool(source) if pattern.pos == "NOUN" else bool(source or target)
        if not attached:
            if not self.keep_unattached:
                reject(log, "events:no-participant", tok, "no source" + ("" if pattern.pos == "NOUN" else
                                                                          " and no target") + _unresolved(tok),
                       pattern=pattern.name)
                return []
        else:
            why = screen(tok, source, target, pattern.cameo, scene.doc._.ng_actors or {}, self.participants)
            if why is not None:
                reject(log, why, tok, "no political actor takes part", pattern=pattern.name, source=source,
                       target=target)
                return []
        missing = [side for side, found in (("source", source), ("target", target)) if side in pattern.needs
                   and not found]
        if missing:
            reject(log, f"events:no-{missing[0]}", tok, f"the pattern needs a {missing[0]}", pattern=pattern.name)
            return []
        if target and set(source) == set(target) and not pattern.mutual:
            reject(log, "events:acts-on-itself", tok, f"{source} acts on itself", pattern=pattern.name)
            return []  # an actor acting on itself is a parse or entity error, not an event
        obj = direct_object(tok)
        if obj is not None and source and obj.i not in scene.index:
            scene.owner[obj.lemma_.lower()] = source
        return [build(scene.doc, tok, pattern, src, tgt, self.ontology, self.rules)
                for src, tgt in directions(source, target, pattern, partners(tok, pattern, scene))]


def _unresolved(tok: Token) -> str:
    """The words that fill the trigger's subject and object slots but resolve to no actor, for the reason."""
    words = [f"{c.dep_} {c.text!r}" for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "dobj", "agent"}]
    return f" (found {', '.join(words)}: no actor)" if words else ""
