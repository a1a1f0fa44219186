"""Stage 8, ``newsgraph_event_places`` (after events): where each event happened, as GDELT's ActionGeo says it,
but from the words that say so. In order, the first that names a place wins:

  clause    a place in a locative phrase of the trigger's clause ("met in Tokyo", "talks in Geneva"), or in a
            directional phrase or as object of a verb of motion hanging on the trigger or a verb of its clause
            ("travel on to Samoa", "visited Beijing", "send aid to Sudan");
  sentence  else the nearest place in a locative phrase elsewhere in the trigger's sentence, then the nearest
            other literal place of the sentence that is not a party to the event ("Floods in Assam: the army
            rescued 300 people" has "Assam"; "supplied drones to Russia" does not make Russia the place);
  dateline  else the story's dateline ("NAIROBI (AP) —");
  none      else no place.

Never a place that stands for an actor (metonymy: "Moscow said"), a demonym ("Kenyan"), a name inside another
name ("Danbury police"). Each event gets ``place`` (the place's name, as before), ``place_how`` and
``place_detail`` (the words that name it, with country, point and GeoNames id).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.nlp.common import DIRECTIONAL_PREPS, LOCATIVE_PREPS, MOTION_VERBS
from newsgraph.nlp.extensions import Event, Place

CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "pcomp", "csubj", "parataxis"})


@Language.factory("newsgraph_event_places", assigns=["doc._.ng_events"],
                  requires=["doc._.ng_events", "doc._.ng_places"])
def make_event_places(nlp: Language, name: str) -> EventPlacer:
    return EventPlacer()


class EventPlacer:
    def __call__(self, doc: Doc) -> Doc:
        places = [p for p in doc._.ng_places or [] if not (p["metonymy"] or p["demonym"] or p["in_name"])]
        dateline = _dateline_place(doc, doc._.ng_places or [])
        for event in doc._.ng_events or []:
            place, how = self.place_of(doc, event, places, dateline)
            event["place"] = place["name"] if place else None
            event["place_how"] = how
            event["place_detail"] = _detail(place) if place else None
        return doc

    @staticmethod
    def place_of(doc: Doc, event: Event, places: list[Place], dateline: Place | None) -> tuple[Place | None, str]:
        span = doc.char_span(event["trigger"][0], event["trigger"][1], alignment_mode="expand")
        if span is None or not len(span):
            return (dateline, "dateline") if dateline else (None, "none")
        trigger = span.root
        sent = trigger.sent
        inside = [p for p in places if sent.start <= p["tok"][0] < sent.end]
        roles = {id(p): _role(doc[p["tok"][0] : p["tok"][1]].root) for p in inside}
        clause = _clause(trigger)
        same = [p for p in inside if (roles[id(p)] == "location" and _in_clause(doc, p, trigger, clause))
                or (roles[id(p)] == "direction" and _moved(doc, p, trigger, clause))]
        located = [p for p in inside if roles[id(p)] == "location"]
        parties = set(event["source"]) | set(event["target"])
        others = [p for p in inside if not _party(doc, p, parties)]
        for found, how in ((same, "clause"), (located, "sentence"), (others, "sentence")):
            if found:
                return min(found, key=lambda p: abs(p["tok"][0] - trigger.i)), how
        return (dateline, "dateline") if dateline else (None, "none")


def _in_clause(doc: Doc, place: Place, trigger: Token, clause: int) -> bool:
    """Is the place in the trigger's own clause, or under a noun trigger ("talks in Geneva")?"""
    root = doc[place["tok"][0] : place["tok"][1]].root
    return _clause(root) == clause or (trigger.pos_ in {"NOUN", "PROPN"} and trigger in root.ancestors)


def _moved(doc: Doc, place: Place, trigger: Token, clause: int) -> bool:
    """A place in a directional phrase ("to Samoa", "visited Beijing") locates the event when it hangs on the
    trigger or on a verb of the trigger's clause ("supplied drones to Russia"), not on another noun ("it sanctioned
    firms over deliveries to Russia")."""
    tok = doc[place["tok"][0] : place["tok"][1]].root
    while tok.dep_ in {"conj", "appos", "compound"} and tok.head.i != tok.i:
        tok = tok.head
    governor = tok.head.head if tok.dep_ == "pobj" else tok.head
    while governor.dep_ == "prt" or (governor.pos_ == "ADP" and governor.head.i != governor.i):
        governor = governor.head  # "travel on to Samoa"
    return governor == trigger or (governor.pos_ in {"VERB", "AUX"} and _clause(governor) == clause)


def _party(doc: Doc, place: Place, parties: set[str]) -> bool:
    """Does the place's name stand for a party of the event ("supplied drones to Russia": the recipient)?"""
    span = tuple(place["tok"])
    return any(m["actor"] in parties for m in doc._.ng_mentions or [] if tuple(m["tok"]) == span)


def _role(tok: Token) -> str:
    """location ("in Paris", "at the border near Rafah"), direction ("to Moscow", "from Kyiv", "visited Beijing")
    or other."""
    while tok.dep_ in {"conj", "appos", "compound"} and tok.head.i != tok.i:
        tok = tok.head  # "in Paris and Lyon", "in the capital, Kyiv"
    if tok.dep_ == "pobj":
        prep = tok.head.lower_
        if prep in LOCATIVE_PREPS or prep in {"off", "along"}:
            return "location"
        return "direction" if prep in DIRECTIONAL_PREPS else "other"
    return "direction" if tok.dep_ == "dobj" and tok.head.lemma_.lower() in MOTION_VERBS else "other"


def _clause(tok: Token) -> int:
    """The index of the head of the clause ``tok`` is in: the nearest verb at or above it that heads a clause."""
    while tok.head.i != tok.i and not (tok.pos_ in {"VERB", "AUX"} and tok.dep_ in CLAUSE_DEPS):
        tok = tok.head
    return tok.i


def _dateline_place(doc: Doc, places: list[Place]) -> Place | None:
    """The place of the story's dateline: the one the dateline stage found, else a place in capitals opening
    the text and followed by a comma, a bracket or a dash ("EDMONTON, Ky. (WBKO) --")."""
    line = doc._.ng_dateline
    if line is not None:
        return next((p for p in places if line[0] <= p["start"] and p["end"] <= line[1]), None)
    first = next((p for p in places if p["tok"][0] == 0), None)
    if first is None or not first["text"].isupper() or len(first["text"]) < 3 or first["tok"][1] >= len(doc):
        return None
    return first if doc[first["tok"][1]].text in {",", "(", "-", "--", "–", "—"} else None


def _detail(place: Place) -> dict[str, Any]:
    return {k: place[k] for k in ("start", "end", "text", "name", "country", "lat", "lon", "geonameid")}
