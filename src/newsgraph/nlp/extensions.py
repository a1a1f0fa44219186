"""The ``Doc`` extension attributes our stages set, and their shapes.

Values are plain dicts, lists, tuples and strings so that a ``Doc`` pickles and crosses process boundaries.
Offsets are character offsets into ``doc.text``; token indices are given where later stages need them.

  doc._.ng_published   str | None           publication date, YYYY-MM-DD, anchors relative times
  doc._.ng_lang        dict                  {"english": bool, "ratio": float, "words": int}
  doc._.ng_dateline    tuple | None          (place start, place end, dateline end) of "NAIROBI (AP) —"
  doc._.ng_actors      dict[id, dict]        the actors table (``Actor.as_record()`` plus "id")
  doc._.ng_mentions    list[Mention]         every span that stands for an actor
  doc._.ng_times       list[TimeX]           time expressions with TIMEX3-style values
  doc._.ng_amounts     list[Amount]
  doc._.ng_places      list[Place]
  doc._.ng_quotes      list[Quote]
  doc._.ng_events      list[Event]
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from spacy.tokens import Doc


class Mention(TypedDict):
    start: int
    end: int
    text: str
    label: str
    actor: str | None
    group: list[str]  # the actors a plural mention ("the two leaders") stands for; [actor] otherwise
    tok: tuple[int, int]  # token span [start, end)
    how: str  # why this resolution was chosen: "name", "alias", "capital-metonymy", "coref:pronoun", ...
    description: str | None


class TimeX(TypedDict):
    start: int
    end: int
    text: str
    type: str
    value: str | None
    tok: tuple[int, int]
    how: str


class Amount(TypedDict):
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None
    object: str | None
    date: str | None
    tok: tuple[int, int]


class Place(TypedDict):
    start: int
    end: int
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    metonymy: bool
    demonym: bool  # "Turkish officials": the country named by its adjective (geoparsing gold sets count these)
    in_name: bool  # part of the name of something else: "Danbury police", "American Airlines"
    bloc: bool  # a bloc or region the actor stage found, as the place it covers: "the EU", "the Mideast"
    tok: tuple[int, int]
    kind: NotRequired[str | None]  # what the name resolved to: city, admin1, county, country, continent, ...
    admin1: NotRequired[str | None]  # its first-level area's GeoNames admin1 code ("TX", "05"), when known


class Party(TypedDict):
    start: int
    end: int
    text: str
    actor: str | None


class Quote(TypedDict):
    kind: str
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    speaker: Party | None
    addressee: Party | None
    speaker_description: str | None
    how: str


class Event(TypedDict):
    source: list[str]
    target: list[str]
    cameo: str
    plover: str
    mode: str | None
    context: list[str]
    goldstein: float
    quad_class: int
    trigger: tuple[int, int]
    sentence: tuple[int, int]
    date: str | None
    date_how: str
    place: str | None
    place_how: NotRequired[str]  # clause | sentence | dateline | none (set by the event-places stage)
    place_detail: NotRequired[dict[str, Any] | None]  # the words naming the place, its country, point and id
    negated: bool
    modality: str
    reported_by: str | None
    pattern: str
    also: list[tuple[int, int]]  # triggers of later mentions of the same event
    embedded: bool  # the trigger sits under another event's trigger ("accused X of attacking")
    evidence: dict[str, list[dict[str, Any]]]  # per side: the mention that named each actor and its parse path


_DEFAULTS: dict[str, Any] = {
    "ng_published": None,
    "ng_dateline": None,
    "ng_lang": None,
    "ng_actors": None,
    "ng_mentions": None,
    "ng_times": None,
    "ng_amounts": None,
    "ng_places": None,
    "ng_quotes": None,
    "ng_events": None,
}


def register() -> None:
    """Declare the extensions (idempotent). Getters return fresh empty containers when unset."""
    for name, default in _DEFAULTS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register()
