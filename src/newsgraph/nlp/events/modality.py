"""Step 3: modality and negation — intent (will/would, "continue to", "plan to"), request ("urged X to"), threat,
hypothetical ("if"), possible (may/might/could), denied, negated — and the CAMEO code an announced or refused
action takes."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Token

from newsgraph.kb.ontology import load_ontology
from newsgraph.nlp import syntax
from newsgraph.nlp.events.datafile import DataFileError, Entry, check_keys, line_of, read, words
from newsgraph.nlp.events.lexicon import DATA
from newsgraph.nlp.lookup import quote_holding
from newsgraph.vocab import FUTURE_AUX, POSSIBLE_AUX

RECODES = ("intent", "threat", "refusal")  # the keys of ``recode:``


@dataclass(frozen=True)
class ModalityRules:
    """The words that set an event's modality and the codes announced actions take (``data/modality.yaml``)."""

    intent_heads: frozenset[str]
    request_heads: frozenset[str]
    threat_heads: frozenset[str]
    denial_heads: frozenset[str]
    generic_heads: frozenset[str]
    hypothetical_heads: frozenset[str]
    wish_heads: frozenset[str]
    negating_heads: frozenset[str]
    conditions: frozenset[str]
    conditional_aux: frozenset[str]
    generic_aux: frozenset[str]
    obligation_aux: frozenset[str]
    habitual: frozenset[str]
    every: frozenset[str]
    intent_of: dict[str, str]
    threat_of: dict[str, str]
    refusal_of: dict[str, str]


@lru_cache(maxsize=1)
def load_modality() -> ModalityRules:
    where = "modality.yaml"
    keys = {"heads", "conditions", "auxiliaries", "habitual", "recode"}
    doc = check_keys(read(DATA / where, where), where, 1, keys, keys)
    aux_keys = {"conditional", "generic", "obligation"}
    aux = check_keys(doc["auxiliaries"], where, line_of(doc, "auxiliaries"), aux_keys, aux_keys)
    habit = check_keys(doc["habitual"], where, line_of(doc, "habitual"), {"adverbs", "every"}, {"adverbs", "every"})
    kinds = [f.name.removesuffix("_heads") for f in fields(ModalityRules) if f.name.endswith("_heads")]
    heads = check_keys(doc["heads"], where, line_of(doc, "heads"), kinds, kinds)
    recodes = check_keys(doc["recode"], where, line_of(doc, "recode"), set(RECODES), set(RECODES))

    def bag(entry: Entry, key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in words(entry[key], where, line_of(entry, key), key))

    recoded = {key: _recoding(recodes[key], where, line_of(recodes, key)) for key in RECODES}
    return ModalityRules(
        **{f"{kind}_heads": bag(heads, kind) for kind in kinds}, conditions=bag(doc, "conditions"),
        conditional_aux=bag(aux, "conditional"), generic_aux=bag(aux, "generic"),
        obligation_aux=bag(aux, "obligation"), habitual=bag(habit, "adverbs"),
        every=bag(habit, "every"), intent_of=recoded["intent"],
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
    aux = syntax.auxiliaries(tok)
    modality, negated = _embedding(tok, rules, aux, negated)
    if modality == "asserted":
        modality = _own_clause(tok, rules, aux)
    return modality, negated, reported_by(doc, tok)


def _embedding(tok: Token, rules: ModalityRules, aux: set[str], negated: bool) -> tuple[str, bool]:
    """What the verbs above the trigger make of it: "urged X to condemn" (request), "threatened to cut"
    (threat), "denied that it attacked" (denied), "plans to visit" (intent; "wants Russia to stop": a request),
    "is likely to be arrested" (generic), "needs to be discussed", "hopes parliament can ratify" (hypothetical),
    "failed to reach" (negated). ``aux`` gathers the auxiliaries of the chain of infinitives."""
    modality = "asserted"
    chain = [tok]
    while chain[-1].dep_ in {"xcomp", "ccomp", "advcl", "conj"} and chain[-1].head.i != chain[-1].i and len(chain) < 5:
        chain.append(chain[-1].head)
    for link, parent in pairwise(chain):
        lemma, dep = parent.lemma_.lower(), link.dep_
        aux |= syntax.auxiliaries(parent, ("aux",)) if dep == "xcomp" else set()
        negated = negated or (dep == "xcomp" and any(c.dep_ == "neg" for c in parent.children))
        found = _head_modality(lemma, dep, parent, rules)
        if dep == "ccomp" and lemma in rules.intent_heads | rules.request_heads and _asked(link):
            found = "request"  # "wants Israel to withdraw", parsed as a clause with its own subject
        if found == "negated":
            negated = True
        elif found is not None and found != "intent":
            return found, negated
        elif found == "intent":
            modality = "intent"
    return modality, negated


def _head_modality(lemma: str, dep: str, parent: Token, rules: ModalityRules) -> str | None:
    if dep == "xcomp":
        for name, heads in (("request", rules.request_heads), ("threat", rules.threat_heads),
                            ("generic", rules.generic_heads), ("hypothetical", rules.hypothetical_heads),
                            ("negated", rules.negating_heads)):
            if lemma in heads:
                return name
        if lemma in rules.intent_heads:  # "wants Russia to stop": the object is asked to act
            return "request" if syntax.direct_object(parent) is not None else "intent"
    if dep == "ccomp" and lemma in rules.denial_heads:
        return "denied"
    if dep == "ccomp" and lemma in rules.wish_heads:
        return "hypothetical"
    return None


def _asked(clause: Token) -> bool:
    """An infinitive clause with a subject of its own: "wants [Israel to withdraw]", "expects [Iran to comply]"."""
    return "to" in syntax.auxiliaries(clause, ("aux",)) and syntax.child(clause, ("nsubj",)) is not None


def _own_clause(tok: Token, rules: ModalityRules, aux: set[str]) -> str:
    """What the trigger's own clause makes of it: a condition ("if", "whether"), a perfect conditional ("would
    have given"), a habit or an ability ("each year", "often", "can support"), a statistic ("70% of …
    oppose"), an obligation laid on the subject ("must withdraw": a demand), a future ("will meet") or a
    possibility ("may meet")."""
    if any(c.dep_ == "mark" and c.lower_ in rules.conditions for c in tok.children):
        return "hypothetical"
    if aux & rules.conditional_aux and "have" in aux and tok.tag_ == "VBN":
        return "hypothetical"
    if aux & rules.generic_aux or _habitual(tok, rules) or _statistic(tok):
        return "generic"
    if aux & rules.obligation_aux:
        return "request"  # "Taiwan must withdraw its troops": a demand, not an act
    if aux & FUTURE_AUX:
        return "intent"
    if aux & POSSIBLE_AUX:
        return "possible"
    return "asserted"


def _habitual(tok: Token, rules: ModalityRules) -> bool:
    """"often", "usually", "each year", "every time" in the trigger's clause."""
    for child in tok.children:
        if child.dep_ == "advmod" and child.lower_ in rules.habitual:
            return True
        if child.dep_ in {"npadvmod", "advmod", "dobj"} and any(
                d.dep_ == "det" and d.lower_ in rules.every for d in child.children):
            return True
    return False


def _statistic(tok: Token) -> bool:
    """A share of a population as the subject: "70% of Palestinian youth oppose violence"."""
    subj = syntax.child(tok, ("nsubj", "nsubjpass"))
    return subj is not None and any(t.ent_type_ == "PERCENT" or t.lower_ in {"%", "percent", "per cent"}
                                    for t in subj.subtree)


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
