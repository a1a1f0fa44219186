"""The analysis record, defined once: the shape of ../shared/CONTRACT.md plus our extra fields, as typed msgspec
Structs.

Everything that reads or writes a record follows from these classes:

- ``pipeline.record`` builds a ``Record`` from a processed ``Doc`` (the one edge) and validates records with it;
- ``docs/record.schema.json`` is ``msgspec.json.schema(Record)`` (``newsgraph.pipeline.model.json_schema``;
  ``tests/test_record_model.py`` checks the file is current);
- the store's tables for actors, mentions, quotes, events, times, amounts and places, their column types and the
  way rows are made from a record and a record from rows (``store.columns``) are read off these fields.

So a new field is added here, once (with its type and a comment), and the stage that fills it puts it in its
``Doc`` extension under the same name; the store gains a column for it the next time a store is opened for
writing.

Why msgspec rather than dataclasses or pydantic: typed fields with defaults and constraints, conversion from plain
dicts with errors that name the path ("at `$.events[0].quad_class`"), JSON encoding in field order (the JSONL
output keeps its bytes), a JSON Schema generator, and ``msgspec.inspect`` to read the fields when deriving the
tables — at a cost in the microseconds per record. ``Doc`` extensions stay plain values (spaCy serialises them);
the conversion into these types happens once, in ``pipeline.record``.

Conventions: offsets are character offsets into ``Record.text`` (code points), end-exclusive; a ``Span`` is
``[start, end]``. ``omit_defaults`` classes leave a field out of the JSON when it holds its default (a mention's
``group`` when it names one actor, an actor's ``description`` when there is none); every field the contract
names is always written.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import Meta, Struct

from newsgraph.vocab import ActorKind, AmountKind, Modality, PlaceHow, QuoteKind, TimeType

#: [start, end): character offsets into the record's text
Span = Annotated[tuple[Annotated[int, Meta(ge=0)], Annotated[int, Meta(ge=0)]],
                 Meta(description="[start, end): character offsets into text, end-exclusive")]
Offset = Annotated[int, Meta(ge=0)]
#: TIMEX3 values: dates to the day or time of day, weeks (and weekends), quarters, halves, seasons, decades and
#: centuries, the REF values, durations ("P3Y", "P2Y6M", "PT5H") and sets or partly known dates ("XXXX-WXX-1").
TIMEX_PATTERN = (
    r"^(\d{4}(-\d{2}(-\d{2}(T(\d{2}:\d{2}|MO|AF|EV|NI))?)?|-W\d{2}(-WE)?|-Q[1-4]|-H[12]|-(SP|SU|FA|WI))?|\d{2,3}"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|P(\d+|X)(Y|M|W|D|Q|DE|CE|WE)(\d+[MD])?(T\d+H)?|PT(\d+|X)[HMS](\d+M)?"
    r"|XX(XX(-WXX(-[1-7]|-WE)?|-\d{2}(-\d{2})?|-XX(-XX)?|-Q[1-4X]|-(SP|SU|FA|WI))?|X)?(T(MO|AF|EV|NI))?)$")
Timex = Annotated[str, Meta(pattern=TIMEX_PATTERN, description="a TIMEX3 value: 2024-05-16, 2024-W20, P3D …")]
Cameo = Annotated[str, Meta(pattern=r"^\d{2,4}$", description="a CAMEO code, leading zero kept")]
ActorId = Annotated[str, Meta(description="a key of the record's actors table")]


class Actor(Struct, omit_defaults=True, forbid_unknown_fields=True):
    """One entry of ``Record.actors`` (keyed by actor id)."""

    name: str
    kind: ActorKind
    country: str | None  # ISO 3166 alpha-3 or a bloc code (WST, EUR, NAT): a dyad is read off at country level
    sector: str | None  # GOV, MIL, OPP, BUS …
    description: str | None = None  # how the text described a person the knowledge base does not know


class Mention(Struct, omit_defaults=True, forbid_unknown_fields=True, kw_only=True):
    """A span that stands for an actor."""

    start: Offset
    end: Offset
    text: str
    label: str  # the entity label: PERSON, ORG, GPE, NORP …
    actor: Annotated[ActorId | None, Meta(extra={"column": "actor_id"})]
    #: the actors a plural mention ("the two leaders") stands for, when more than one
    group: Annotated[list[ActorId], Meta(extra={"column": "actor_group"})] = []
    how: str  # why this resolution: "name", "alias", "capital-metonymy", "coref:pronoun" …


class Party(Struct, forbid_unknown_fields=True):
    """The words that stand in the text for a speaker or addressee ("he", "Xi", "the ministry")."""

    start: Offset
    end: Offset
    text: str
    actor: ActorId | None  # who they resolve to


class Quote(Struct, forbid_unknown_fields=True):
    kind: QuoteKind
    content: list[Span]  # a split quote ("…," he said, "…") has several pieces
    cue: Span | None
    speaker: Party | None
    addressee: Party | None
    speaker_description: str | None  # an apposition describing the speaker ("a spokesman for …")
    how: str  # the rule that found it: "direct:said", "reported:according-to" …


class Evidence(Struct, forbid_unknown_fields=True):
    """The words that named one actor of an event, and the parse path from the trigger to them."""

    actor: ActorId
    start: Offset | None
    end: Offset | None
    text: str | None
    mention: str | None  # how that mention was resolved
    path: str | None  # "urging >dobj Beijing"


class EventEvidence(Struct, forbid_unknown_fields=True):
    source: list[Evidence]
    target: list[Evidence]


class PlaceDetail(Struct, forbid_unknown_fields=True):
    """The words that name an event's place, and where that place is."""

    start: Offset
    end: Offset
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None


class Event(Struct, forbid_unknown_fields=True):
    source: list[ActorId]
    target: list[ActorId]
    cameo: Cameo
    plover: str  # PLOVER event type
    mode: str | None  # PLOVER mode
    context: list[str]  # PLOVER contexts
    goldstein: float
    quad_class: Annotated[int, Meta(ge=1, le=4, extra={"sql": "TINYINT"})]
    trigger: Span
    trigger_text: str
    sentence: Span
    date: Timex | None  # null when the text gives no anchor
    date_how: str  # where the date came from: "time-expression", "paragraph", "published", "none"
    place: str | None  # the name of the place where it happened
    place_how: PlaceHow
    place_detail: Annotated[PlaceDetail | None, Meta(extra={"sql": "JSON"})]
    negated: bool
    modality: Modality
    reported_by: ActorId | None  # the speaker whose quote holds the trigger
    pattern: str  # the lexicon pattern the trigger matched
    also: list[Span]  # triggers of later mentions of the same event
    embedded: bool  # the trigger sits under another event's trigger ("accused X of attacking")
    evidence: Annotated[EventEvidence, Meta(extra={"sql": "JSON"})]
    tone: float  # the tone of the event's sentence (nlp/tone.py)


class Time(Struct, forbid_unknown_fields=True):
    start: Offset
    end: Offset
    text: str
    type: TimeType
    value: Timex | None
    how: str  # the rule that normalised it


class Amount(Struct, omit_defaults=True, forbid_unknown_fields=True):
    start: Offset
    end: Offset
    text: str
    value: int | float | None
    unit: str | None  # an ISO 4217 code, "percent", "percentage point", or a counted noun
    object: str | None  # what is measured or counted ("trade", "people killed")
    date: str | None  # the time the amount belongs to
    kind: AmountKind
    high: int | float | None  # the top of a range ("20 to 30")
    hedge: str | None  # "about", "more than" …
    year: str | None
    #: true when the value (or the range's top) is beyond 10^15 and written as null (``nlp.amounts``)
    out_of_range: bool = False


class Place(Struct, forbid_unknown_fields=True):
    start: Offset
    end: Offset
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: Annotated[int | None, Meta(extra={"sql": "BIGINT"})]
    metonymy: bool  # the name stands for a government, people or team rather than the place
    demonym: bool  # "Turkish officials": the country named by its adjective
    in_name: bool  # inside another name ("American Airlines", "Danbury police")
    bloc: bool  # a bloc or region ("the EU", "the Mideast")
    kind: str | None = None  # what the name resolved to: city, admin1, county, country, continent …
    admin1: str | None = None  # its first-level area's GeoNames admin1 code ("TX", "05"), when known


class Tone(Struct, forbid_unknown_fields=True):
    """GDELT's tone of a text (nlp/tone.py): positive minus negative share of its words, in percent."""

    tone: float
    positive: float  # percent of words rated positive
    negative: float  # percent of words rated negative
    polarity: float  # percent of words with any tone
    words: int


class Failure(Struct, omit_defaults=True, forbid_unknown_fields=True):
    code: str  # E001 … (see newsgraph.errors)
    message: str
    #: the length of the text that could not be analysed (the record's ``text`` keeps its first 500 characters)
    chars: int | None = None
    #: the BLAKE2b hash of that text (``readers.doc.text_hash``: the store's article id of it)
    text_hash: str | None = None


class Record(Struct, omit_defaults=True, forbid_unknown_fields=True):
    """One analysed document: what ``newsgraph analyze --format jsonl`` writes, one per line."""

    id: str
    published: str | None  # YYYY-MM-DD as given (an error record keeps what the input said)
    title: str | None
    url: str | None
    text: str  # exactly the text every offset indexes
    tone: Tone | None  # the article's tone (null in an error record)
    actors: dict[ActorId, Actor]
    mentions: list[Mention]
    quotes: list[Quote]
    events: list[Event]
    times: list[Time]
    amounts: list[Amount]
    places: list[Place]
    error: Failure | None = None  # set when the document could not be analysed; everything else is then empty


#: the record's parts that are lists of items with their own store table, in record order
PARTS: dict[str, type[Struct]] = {"mentions": Mention, "quotes": Quote, "events": Event, "times": Time,
                                  "amounts": Amount, "places": Place}


def to_builtins(record: Record) -> dict[str, Any]:
    """The record as plain JSON values (spans as lists), in field order: what the JSONL output is made of (they
    are decoded from the record's JSON, so they are exactly what a reader of the JSONL gets)."""
    out: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(record))
    return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``Record`` (written to docs/record.schema.json)."""
    schema: dict[str, Any] = msgspec.json.schema(Record)
    schema["title"] = "newsgraph analysis record"
    schema["description"] = "One analysed document, as `newsgraph analyze --format jsonl` writes it (one a line)."
    return schema


if __name__ == "__main__":  # python -m newsgraph.pipeline.model > docs/record.schema.json
    import json
    import sys

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
