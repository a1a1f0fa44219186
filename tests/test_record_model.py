"""The record model (``pipeline.model``) is the one definition: its JSON schema in docs/ is current, the store's
tables follow it, and any record goes into the store and comes back unchanged (record -> rows -> DuckDB ->
``query.article`` -> record). No model needed: records are generated."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.analysis import query
from newsgraph.pipeline import model
from newsgraph.pipeline.model import (
    Actor,
    Amount,
    Event,
    EventEvidence,
    Evidence,
    Mention,
    Party,
    Place,
    PlaceDetail,
    Quote,
    Record,
    Time,
    Tone,
)
from newsgraph.pipeline.record import validate_record
from newsgraph.readers.files import InputDoc
from newsgraph.store.db import Store
from newsgraph.store.rows import Analyzed, record_from_rows
from newsgraph.store.schema import SCHEMA_VERSION
from newsgraph.vocab import ActorKind, AmountKind, Modality, PlaceHow, QuoteKind, TimeType

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "docs" / "record.schema.json"
TIMEX = ["2024-05-16", "2024-05", "2024", "2024-W20", "2024-Q1", "PRESENT_REF", "P3D", "XXXX-WXX-1", "2024-05-16TEV"]
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
MAYBE = st.none() | WORDS
NUMBER = st.floats(-1e12, 1e12, allow_nan=False) | st.integers(-10**12, 10**12)


def test_schema_file_is_current() -> None:
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == model.json_schema(), (
        "the record model changed: python -m newsgraph.pipeline.model > docs/record.schema.json")


@st.composite
def records(draw: st.DrawFn) -> Record:
    text = draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
                        min_size=1, max_size=80))
    n = len(text)

    def span() -> tuple[int, int]:
        a = draw(st.integers(0, n))
        return a, draw(st.integers(a, n))

    ids = draw(st.lists(st.text("ABCDEFGHIJ.", min_size=1, max_size=6), unique=True, max_size=4))
    actor = st.none() | st.sampled_from(ids) if ids else st.none()

    def party() -> Party | None:
        if draw(st.booleans()):
            return None
        a, b = span()
        return Party(start=a, end=b, text=text[a:b], actor=draw(actor))

    def spanned(build, k: int) -> list:  # items of a part sorted by span, as the store returns them
        spans = sorted({span() for _ in range(k)})
        return [build(a, b) for a, b in spans]

    actors = {i: Actor(name=draw(WORDS), kind=draw(st.sampled_from(ActorKind)), country=draw(MAYBE),
                       sector=draw(MAYBE), description=draw(MAYBE)) for i in ids}
    mentions = [Mention(start=a, end=b, text=text[a:b], label=draw(WORDS), actor=draw(actor), how=draw(WORDS),
                        group=draw(st.just([]) | st.lists(st.sampled_from(ids), min_size=2) if ids else st.just([])))
                for a, b in (span() for _ in range(draw(st.integers(0, 3))))]
    quotes = [Quote(kind=draw(st.sampled_from(QuoteKind)), content=[span() for _ in range(draw(st.integers(0, 2)))],
                    cue=draw(st.none() | st.just(span())), speaker=party(), addressee=party(),
                    speaker_description=draw(MAYBE), how=draw(WORDS)) for _ in range(draw(st.integers(0, 2)))]

    def event() -> Event:
        trigger = span()
        who = st.lists(st.sampled_from(ids), max_size=2) if ids else st.just([])
        proof = [Evidence(actor=x, start=None, end=None, text=None, mention=draw(MAYBE), path=draw(MAYBE))
                 for x in draw(who)]
        return Event(source=draw(who), target=draw(who), cameo=draw(st.from_regex(r"\A\d{2,4}\Z")),
                     plover=draw(WORDS), mode=draw(MAYBE), context=draw(st.lists(WORDS, max_size=2)),
                     goldstein=draw(st.floats(-10, 10)), quad_class=draw(st.integers(1, 4)), trigger=trigger,
                     trigger_text=text[trigger[0] : trigger[1]], sentence=span(),
                     date=draw(st.none() | st.sampled_from(TIMEX)), date_how=draw(WORDS), place=draw(MAYBE),
                     place_how=draw(st.sampled_from(PlaceHow)), place_detail=draw(st.none() | st.builds(
                         PlaceDetail, start=st.just(0), end=st.just(0), text=st.just(""), name=WORDS,
                         country=MAYBE, lat=st.none() | st.floats(-90, 90), lon=st.none() | st.floats(-180, 180),
                         geonameid=st.none() | st.integers(0, 2**40))),
                     negated=draw(st.booleans()), modality=draw(st.sampled_from(Modality)),
                     reported_by=draw(actor), pattern=draw(WORDS),
                     also=[span() for _ in range(draw(st.integers(0, 2)))],
                     embedded=draw(st.booleans()), evidence=EventEvidence(source=proof, target=[]),
                     tone=draw(st.floats(-100, 100)))

    return Record(
        id=draw(WORDS), published=draw(st.none() | st.dates(dt.date(1990, 1, 1)).map(dt.date.isoformat)),
        title=draw(MAYBE), url=draw(MAYBE), text=text, actors=actors,
        tone=draw(st.none() | st.builds(Tone, *(st.floats(-100, 100) for _ in range(4)), st.integers(0, 10**6))),
        mentions=mentions, quotes=quotes,
        events=[event() for _ in range(draw(st.integers(0, 2)))],
        times=spanned(lambda a, b: Time(start=a, end=b, text=text[a:b], type=draw(st.sampled_from(TimeType)),
                                        value=draw(st.none() | st.sampled_from(TIMEX)), how=draw(WORDS)), 2),
        amounts=spanned(lambda a, b: Amount(start=a, end=b, text=text[a:b], value=draw(st.none() | NUMBER),
                                            unit=draw(MAYBE), object=draw(MAYBE), date=draw(MAYBE),
                                            kind=draw(st.sampled_from(AmountKind)), high=draw(st.none() | NUMBER),
                                            hedge=draw(MAYBE), year=draw(MAYBE)), 2),
        places=spanned(lambda a, b: Place(start=a, end=b, text=text[a:b], name=draw(WORDS), country=draw(MAYBE),
                                          lat=draw(st.none() | st.floats(-90, 90)),
                                          lon=draw(st.none() | st.floats(-180, 180)),
                                          geonameid=draw(st.none() | st.integers(0, 2**40)),
                                          metonymy=draw(st.booleans()), demonym=draw(st.booleans()),
                                          in_name=draw(st.booleans()), bloc=draw(st.booleans()),
                                          kind=draw(MAYBE), admin1=draw(MAYBE)), 2),
    )


COUNTER = itertools.count()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=records())
def test_a_record_comes_back_from_the_store_unchanged(record: Record, tmp_path_factory) -> None:
    plain = model.to_builtins(record)
    db = tmp_path_factory.getbasetemp() / "roundtrip.duckdb"
    doc = InputDoc(record.id, record.text, record.published, record.title, record.url)
    aid = f"a{next(COUNTER)}"
    with Store(db) as store:
        store.write([Analyzed(doc, "test", plain, aid)])
        back = record_from_rows(query.article(store, aid))
    assert back == record


def test_validation_names_the_field_that_breaks_the_model() -> None:
    text = "China condemned it."
    good = model.to_builtins(Record(id="x", published=None, title=None, url=None, text=text, tone=None, actors={},
                                    mentions=[], quotes=[], events=[], times=[], amounts=[], places=[]))
    assert validate_record(good) == []
    bad = {**good, "times": [{"start": 0, "end": 5, "text": "China", "type": "DATE", "value": "soon", "how": "x"}]}
    assert "$.times[0].value" in validate_record(bad)[0]
    extra = {**good, "places": [{"start": 0, "end": 5, "text": "China", "name": "China", "country": "CHN",
                                 "lat": None, "lon": None, "geonameid": None, "metonymy": False, "demonym": False,
                                 "in_name": False, "bloc": False, "population": 1}]}
    assert "unknown field `population`" in validate_record(extra)[0]


def test_an_old_store_is_migrated_to_real_columns(tmp_path: Path) -> None:
    """A version-1 store kept places' demonym, amounts' kind/high/hedge/year and times' how in an ``extra`` JSON
    column; opening it for writing makes them columns, filled from that JSON."""
    db = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("CREATE TABLE places (article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, "
                "name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT, metonymy BOOLEAN, "
                "extra JSON)")
    con.execute("INSERT INTO places VALUES ('a', 0, 7, 'Turkish', 'Turkey', 'TUR', 39.0, 35.0, 298795, false, "
                "'{\"demonym\": true}')")
    con.execute("CREATE TABLE amounts (article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, "
                "value DOUBLE, unit VARCHAR, object VARCHAR, date VARCHAR, extra JSON)")
    con.execute("INSERT INTO amounts VALUES ('a', 0, 5, '20-30', 20, 'people', 'people', NULL, "
                "'{\"kind\": \"count\", \"high\": 30, \"hedge\": null}')")
    con.execute("CREATE TABLE times (article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, "
                "type VARCHAR, value VARCHAR, extra JSON)")
    con.execute("CREATE TABLE events (article_id VARCHAR, event_no INTEGER)")
    con.close()
    with Store(db) as store:
        assert store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)
        assert store.query("SELECT demonym FROM places").to_pylist() == [{"demonym": True}]
        assert store.query("SELECT kind, high, hedge FROM amounts").to_pylist() == [
            {"kind": "count", "high": 30.0, "hedge": None}]
        columns = {r[0] for r in store.con.execute("DESCRIBE times").fetchall()}
        assert "how" in columns and "extra" not in columns
        assert "also" in {r[0] for r in store.con.execute("DESCRIBE events").fetchall()}
