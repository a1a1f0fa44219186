"""The knowledge base: actors (states, blocs, organisations, people with dated offices, sectors) and ontologies."""

from newsgraph.kb.actors import Actor, KnowledgeBase, NameHit, Person, Term, load_kb
from newsgraph.kb.ontology import CameoCode, Ontology, load_ontology

__all__ = [
    "Actor",
    "CameoCode",
    "KnowledgeBase",
    "NameHit",
    "Ontology",
    "Person",
    "Term",
    "load_kb",
    "load_ontology",
]
