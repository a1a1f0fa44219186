"""Step 3: modality and negation — intent (will/would, "continue to", "plan to"), request ("urged X to"), threat,
hypothetical ("if"), possible (may/might/could), denied, negated — and the CAMEO code an announced or refused
action takes."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Token

from newsgraph.nlp import syntax
from newsgraph.vocab import FUTURE_AUX, POSSIBLE_AUX

#: CAMEO codes an announced action takes: "will provide aid" is an expressed intent to provide aid (033), "will
#: strike" a threat of military force (138). Longest matching prefix wins; codes without an entry keep their own.
INTENT_OF = {"04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
             "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "08": "035", "081": "0351",
             "084": "0353", "085": "0354", "086": "0355", "087": "0356"}
#: A refused action ("will not lift the embargo", "would not meet") is coded as CAMEO codes refusals.
REFUSAL_OF = {"03": "120", "04": "125", "05": "120", "06": "121", "061": "1211", "062": "1212", "07": "122",
              "08": "124", "081": "1241", "084": "1243", "085": "1244", "086": "1245", "087": "1246"}
THREAT_OF = {"16": "131", "163": "1312", "17": "137", "18": "138", "19": "1384", "191": "1381", "192": "1382",
             "20": "1385"}
INTENT_HEADS = frozenset({"ready", "willing", "prepared", "determined", "set", "eager", "keen", "about",
                          "plan", "intend", "want", "seek", "vow", "pledge", "promise", "aim",
                          "prepare", "hope", "expect", "decide", "agree", "offer", "try", "attempt"})
REQUEST_HEADS = frozenset({"urge", "ask", "call", "demand", "press", "request", "appeal", "encourage", "tell"})
THREAT_HEADS = frozenset({"threaten", "warn"})
DENY_HEADS = frozenset({"deny", "dismiss", "refute"})


def modality_of(doc: Doc, tok: Token) -> tuple[str, bool, str | None]:
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
        if link.dep_ == "xcomp" and lemma in REQUEST_HEADS:
            modality = "request"
            break
        if link.dep_ == "xcomp" and lemma in THREAT_HEADS:
            modality = "threat"
            break
        if link.dep_ == "ccomp" and lemma in DENY_HEADS:
            modality = "denied"
            break
        if link.dep_ == "xcomp" and lemma in INTENT_HEADS:
            modality = "intent"
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in tok.children):
        modality = "hypothetical"
    elif modality == "asserted" and aux & FUTURE_AUX:
        modality = "intent"
    elif modality == "asserted" and aux & POSSIBLE_AUX:
        modality = "possible"
    return modality, negated, reported_by(doc, tok)


def reported_by(doc: Doc, tok: Token) -> str | None:
    """The speaker of the quote whose content holds the trigger."""
    for quote in doc._.ng_quotes or []:
        if any(a <= tok.idx < b for a, b in quote["content"]) and quote["speaker"]:
            return quote["speaker"]["actor"]
    return None


def recode(cameo: str, modality: str, negated: bool) -> str:
    """The code an announced action takes ("will provide aid" → 033, "will strike" → 138) or a refused one
    ("will not lift the embargo" → 1244)."""
    if modality in {"intent", "threat"} and not negated:
        return announced(cameo, INTENT_OF) or announced(cameo, THREAT_OF) or cameo
    if modality == "intent" and negated:
        return announced(cameo, REFUSAL_OF) or cameo
    return cameo


def announced(code: str, table: dict[str, str]) -> str | None:
    """The entry of the longest prefix of ``code`` in ``table``."""
    for width in range(len(code), 1, -1):
        if code[:width] in table:
            return table[code[:width]]
    return None
