"""Step 3: modality and negation — intent (will/would, "continue to", "plan to"), request ("urged X to"), threat,
hypothetical ("if"), possible (may/might/could), denied, negated — and the CAMEO code an announced or refused
action takes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Token

from newsgraph.kb.ontology import load_ontology
from newsgraph.nlp import syntax
from newsgraph.nlp.events.datafile import DataFileError, Entry, check_keys, line_of, read, words
from newsgraph.nlp.events.lexicon import DATA
from newsgraph.nlp.lookup import quote_holding
from newsgraph.vocab import FUTURE_AUX, POSSIBLE_AUX

HEADS = ("intent", "request", "threat", "denial")  # the keys of ``heads:``
RECODES = ("intent", "threat", "refusal")  # the keys of ``recode:``


@dataclass(frozen=True)
class ModalityRules:
    """The words that set an event's modality and the codes announced actions take (``data/modality.yaml``)."""

    intent_heads: frozenset[str]
    request_heads: frozenset[str]
    threat_heads: frozenset[str]
    deny_heads: frozenset[str]
    conditions: frozenset[str]
    intent_of: dict[str, str]
    threat_of: dict[str, str]
    refusal_of: dict[str, str]


@lru_cache(maxsize=1)
def load_modality() -> ModalityRules:
    where = "modality.yaml"
    doc = check_keys(read(DATA / where, where), where, 1, {"heads", "conditions", "recode"},
                     {"heads", "conditions", "recode"})
    heads = check_keys(doc["heads"], where, line_of(doc, "heads"), set(HEADS), set(HEADS))
    recodes = check_keys(doc["recode"], where, line_of(doc, "recode"), set(RECODES), set(RECODES))

    def bag(entry: Entry, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in words(entry[key], where, line_of(entry, key), key))

    recoded = {key: _recoding(recodes[key], where, line_of(recodes, key)) for key in RECODES}
    return ModalityRules(
        intent_heads=bag(heads, "intent"), request_heads=bag(heads, "request"), threat_heads=bag(heads, "threat"),
        deny_heads=bag(heads, "denial"), conditions=bag(doc, "conditions"), intent_of=recoded["intent"],
        threat_of=recoded["threat"], refusal_of=recoded["refusal"])


def _recoding(table: object, where: str, line: int) -> dict[str, str]:
    """A table CAMEO prefix → CAMEO code whose keys and values are codes of the CAMEO table."""
    ontology = load_ontology()
    entry = check_keys(table, where, line, set(ontology.codes))
    for prefix, code in entry.items():
        if not isinstance(code, str) or code not in ontology:
            raise DataFileError(where, entry.lines[prefix], f"{code!r} is not a CAMEO code of kb/data/cameo.csv")
    return dict(entry)


def modality_of(doc: Doc, tok: Token, rules: ModalityRules) -> tuple[str, bool, str | None]:
    """(modality, negated, the actor whose quote holds the trigger)."""
    negated = any(c.dep_ == "neg" for c in tok.children)
    modality = "asserted"
    aux = syntax.auxiliaries(tok)
    chain = [tok]
    head = tok
    while head.dep_ in {"xcomp", "ccomp", "advcl", "conj"} and head.head.i != head.i and len(chain) < 5:
        head = head.head
        chain.append(head)
    for link, parent in pairwise(chain):
        lemma = parent.lemma_.lower()
        aux |= syntax.auxiliaries(parent, ("aux",)) if link.dep_ == "xcomp" else set()
        negated = negated or (link.dep_ == "xcomp" and any(c.dep_ == "neg" for c in parent.children))
        if link.dep_ == "xcomp" and lemma in rules.request_heads:
            modality = "request"
            break
        if link.dep_ == "xcomp" and lemma in rules.threat_heads:
            modality = "threat"
            break
        if link.dep_ == "ccomp" and lemma in rules.deny_heads:
            modality = "denied"
            break
        if link.dep_ == "xcomp" and lemma in rules.intent_heads:
            modality = "intent"
    if any(c.dep_ == "mark" and c.lower_ in rules.conditions for c in tok.children):
        modality = "hypothetical"
    elif modality == "asserted" and aux & FUTURE_AUX:
        modality = "intent"
    elif modality == "asserted" and aux & POSSIBLE_AUX:
        modality = "possible"
    return modality, negated, reported_by(doc, tok)


def reported_by(doc: Doc, tok: Token) -> str | None:
    """The speaker of the quote whose content holds the trigger."""
    quote = quote_holding(doc, tok.idx)
    return quote["speaker"]["actor"] if quote is not None and quote["speaker"] else None


def recode(cameo: str, modality: str, negated: bool, rules: ModalityRules) -> str:
    """The code an announced action takes ("will provide aid" → 033, "will strike" → 138) or a refused one
    ("will not lift the embargo" → 1244)."""
    if modality in {"intent", "threat"} and not negated:
        return announced(cameo, rules.intent_of) or announced(cameo, rules.threat_of) or cameo
    if modality == "intent" and negated:
        return announced(cameo, rules.refusal_of) or cameo
    return cameo


def announced(code: str, table: dict[str, str]) -> str | None:
    """The entry of the longest prefix of ``code`` in ``table``."""
    for width in range(len(code), 1, -1):
        if code[:width] in table:
            return table[code[:width]]
    return None
