"""The ``newsgraph_events`` spaCy component: runs the steps of the package over each trigger of a document."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.kb.actors import KnowledgeBase, load_kb
from newsgraph.kb.ontology import Ontology, load_ontology
from newsgraph.nlp.common import mention_at
from newsgraph.nlp.events.arguments import Scene, arguments, direct_object, directions
from newsgraph.nlp.events.coding import build, mark_embedded, merge_repeats
from newsgraph.nlp.events.lexicon import Pattern, PatternTable, load_patterns
from newsgraph.nlp.events.modality import ModalityRules, load_modality
from newsgraph.nlp.events.triggers import match
from newsgraph.nlp.extensions import Event


@Language.factory("newsgraph_events", assigns=["doc._.ng_events"],
                  requires=["doc._.ng_mentions", "doc._.ng_times", "doc._.ng_places", "doc._.ng_quotes"],
                  default_config={"pattern_files": [], "keep_unattached": False, "actor_files": []})
def make_events(nlp: Language, name: str, pattern_files: list[str], keep_unattached: bool,
                actor_files: list[str]) -> EventCoder:
    return EventCoder(load_patterns(tuple(pattern_files)), load_ontology(), keep_unattached,
                      load_kb(tuple(actor_files)), load_modality())


class EventCoder:
    def __init__(self, patterns: PatternTable, ontology: Ontology, keep_unattached: bool,
                 kb: KnowledgeBase, rules: ModalityRules) -> None:
        self.patterns = patterns
        self.rules = rules
        self.ontology = ontology
        self.keep_unattached = keep_unattached
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        scene = Scene(doc, mention_at(doc), doc._.ng_mentions or [], self.kb)
        events: list[Event] = []
        for tok in doc:
            pattern = self.match(tok)
            if pattern is not None:
                events += self.code(tok, pattern, scene)
        mark_embedded(doc, events)
        doc._.ng_events = merge_repeats(events)
        return doc

    def match(self, tok: Token) -> Pattern | None:
        return match(self.patterns, tok)

    def code(self, tok: Token, pattern: Pattern, scene: Scene) -> list[Event]:
        """The events one trigger yields: none, one, or one each way for a reciprocal trigger."""
        if pattern.pos == "NOUN" and tok.dep_ in {"dobj", "attr"} and self.match(tok.head) is not None:
            return []  # "gave aid", "imposed sanctions": the verb's event already tells it
        source, target = arguments(tok, pattern, scene)
        attached = bool(source) if pattern.pos == "NOUN" else bool(source or target)
        if not attached and not self.keep_unattached:
            return []
        if target and set(source) == set(target) and not pattern.mutual:
            return []  # an actor acting on itself is a parse or entity error, not an event
        obj = direct_object(tok)
        if obj is not None and source and obj.i not in scene.index:
            scene.owner[obj.lemma_.lower()] = source
        return [build(scene.doc, tok, pattern, src, tgt, self.ontology, self.rules)
                for src, tgt in directions(source, target, pattern)]
