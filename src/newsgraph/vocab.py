"""The vocabularies every layer shares, written once: modalities, QuadClass labels and colours, the pipeline's
stages in order, future and possibility auxiliaries, the kinds a record's items take, and the default store name.

Import these instead of spelling the values out again; the record's validation, the CLI's help, the web UI's
filters and charts and the store's queries all read them from here. This module sits on the ground floor (it
imports nothing of newsgraph), so any layer may use it.

The dependencies between stages are not written here: each stage's spaCy factory declares what it ``requires``
and ``assigns``, and ``newsgraph.nlp.build.stage_needs`` derives them from those declarations.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import NamedTuple

#: where the corpus commands, the web UI and ``newsgraph.open`` keep the store when no ``--db`` is given
DEFAULT_STORE = "newsgraph.duckdb"
#: articles analysed and committed together by ``ingest`` and ``watch`` unless told otherwise: a batch's records
#: are held until it is written (its rows go to staging files as they are made), so it bounds what storing adds
#: to the analyser's memory
INGEST_BATCH = 32
#: ... and a batch ends early once its texts reach this many characters: a long document's record is held in
#: memory until its batch is written (a 1,000,000-character article's is about 50 MB), so long ones go alone
INGEST_CHARS = 400_000


class Modality(StrEnum):
    """How the text presents an event. Only an asserted, non-negated event is counted as the act itself."""

    ASSERTED = "asserted"  # it happened or happens: "China condemned the test"
    INTENT = "intent"  # announced, planned or continued: "will provide aid", "plans to visit"
    REQUEST = "request"  # someone asked for it: "urged Beijing to scale back"
    THREAT = "threat"  # someone threatened it: "threatened to impose tariffs"
    HYPOTHETICAL = "hypothetical"  # under a condition: "if Russia attacks"
    DENIED = "denied"  # someone denied it: "denied that it supplied weapons"
    POSSIBLE = "possible"  # under a modal of possibility: "may impose sanctions"
    GENERIC = "generic"  # habitual, general or statistical, no one act: "police arrest dozens each year"
    BACKGROUND = "background"  # history recalled, dated over a year before the report: "in 2011 Exxon signed a deal"


#: every modality, in the order the CLI help and the web filter list them
MODALITIES: tuple[str, ...] = tuple(m.value for m in Modality)

#: auxiliaries that put a verb in the future ("will meet", "'ll go", "won't": spaCy splits it "wo" + "n't")
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
#: auxiliaries of possibility ("may impose", "could meet")
POSSIBLE_AUX = frozenset({"may", "might", "could"})


class Quad(NamedTuple):
    code: int  # the QuadClass number of CAMEO/GDELT
    key: str  # the column name of its count in dyad tables ("verbal_coop")
    label: str  # how charts and tooltips name it
    colour: str  # its colour in every chart and badge


#: CAMEO's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
#: (colours from a diverging green-red scale: light for words, dark for deeds)
QUADS: tuple[Quad, ...] = (
    Quad(1, "verbal_coop", "verbal cooperation", "#7fbf7b"),
    Quad(2, "material_coop", "material cooperation", "#1b7837"),
    Quad(3, "verbal_conflict", "verbal conflict", "#f4a582"),
    Quad(4, "material_conflict", "material conflict", "#b2182b"),
)


class QuadClass(IntEnum):
    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4

    @property
    def quad(self) -> Quad:
        return QUADS[self.value - 1]


#: QuadClass number -> its label ("verbal cooperation")
QUAD_LABELS: dict[int, str] = {q.code: q.label for q in QUADS}

#: the language check, which runs on the raw text before spaCy parses it
LANG_STAGE = "lang"
#: our spaCy components in pipeline order; each is registered as the factory ``newsgraph_<stage>``
STAGES: tuple[str, ...] = ("actors", "coref", "times", "amounts", "places", "quotes", "events", "event_places")
#: what a run does when not told otherwise: every stage
DEFAULT_STAGES: tuple[str, ...] = (LANG_STAGE, *STAGES)
FACTORY_PREFIX = "newsgraph_"


def factory_name(stage: str) -> str:
    """The registered spaCy factory of a stage: "events" -> "newsgraph_events"."""
    return FACTORY_PREFIX + stage


class PlaceHow(StrEnum):
    """Where an event's place was found."""

    CLAUSE = "clause"  # in the trigger's clause
    SENTENCE = "sentence"  # elsewhere in its sentence
    DATELINE = "dateline"  # the story's dateline
    NONE = "none"  # nowhere


class QuoteKind(StrEnum):
    DIRECT = "direct"  # all inside quotation marks
    INDIRECT = "indirect"  # reported speech, no marks
    MIXED = "mixed"  # reported speech with a quoted fragment


class TimeType(StrEnum):
    """TIMEX3 types of a time expression."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class AmountKind(StrEnum):
    MONEY = "money"
    PERCENT = "percent"
    COUNT = "count"  # of people or things


class ActorKind(StrEnum):
    STATE = "state"
    BLOC = "bloc"  # a region or alliance with a dyad code (EU, NATO, "the West")
    IGO = "igo"  # an intergovernmental organisation
    PERSON = "person"
    ORGANISATION = "organisation"  # a firm, party, agency or other named body
    GROUP = "group"  # a sector of a state ("Russian military") or an unplaced one ("rebels")


PLACE_HOWS: tuple[str, ...] = tuple(k.value for k in PlaceHow)
QUOTE_KINDS: tuple[str, ...] = tuple(k.value for k in QuoteKind)
TIME_TYPES: tuple[str, ...] = tuple(k.value for k in TimeType)
AMOUNT_KINDS: tuple[str, ...] = tuple(k.value for k in AmountKind)
ACTOR_KINDS: tuple[str, ...] = tuple(k.value for k in ActorKind)
