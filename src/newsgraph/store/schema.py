"""The store's tables, one per part of the analysis record (../shared/CONTRACT.md), and their migrations.

Every row of a child table carries the ``article_id`` of its article: the BLAKE2b hash of the article's text,
which is also what makes ingest idempotent. ``event_dyads`` is the events table exploded to one row per
(source actor, target actor) pair with country codes, day and the article's story: the table the dyad series,
the network and the GDELT export read, kept flat so that a query over tens of millions of rows stays fast.
``pair_first`` marks the first row of each (event, source country, target country): country-level counts read
only those rows, so "Putin and Lavrov condemned Washington" counts once for RUS→USA.

The tables of the record's parts (actors, mentions, quotes, events, times, amounts, places) are read off the
record model (``pipeline.model``, through ``store.columns``): a field added there becomes a column, added to an
existing store when it is next opened for writing. To change the schema otherwise (rename, move or fill a column),
add a step to ``MIGRATIONS`` (from version N to N+1) and bump ``SCHEMA_VERSION``; ``Store`` applies the missing
steps when it opens an older file for writing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsgraph.pipeline.model import Actor, Amount, Event, Mention, Place, Quote, Time
from newsgraph.store.columns import columns, ddl

SCHEMA_VERSION = 3

ARTICLE_ID = ("article_id", "VARCHAR")
#: the record's parts: table -> (its item type, columns before the model's, derived columns after them)
PART_TABLES: dict[str, tuple[type, list[tuple[str, str]], list[tuple[str, str]]]] = {
    "actors": (Actor, [ARTICLE_ID, ("actor_id", "VARCHAR")], []),
    "mentions": (Mention, [ARTICLE_ID, ("mention_no", "INTEGER")], []),
    "quotes": (Quote, [ARTICLE_ID, ("quote_no", "INTEGER")], [("content_text", "VARCHAR"), ("cue_text", "VARCHAR")]),
    "events": (Event, [ARTICLE_ID, ("event_no", "INTEGER")], [
        ("cameo_root", "VARCHAR"), ("sentence_text", "VARCHAR"), ("day", "DATE"), ("published", "DATE"),
        ("story_id", "VARCHAR"), ("mentions", "INTEGER"), ("place_start", "INTEGER"), ("place_end", "INTEGER")]),
    "times": (Time, [ARTICLE_ID], []),
    "amounts": (Amount, [ARTICLE_ID], []),
    "places": (Place, [ARTICLE_ID], []),
}

TABLES: dict[str, str] = {
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
    "articles": """
        article_id VARCHAR PRIMARY KEY, doc_id VARCHAR, source VARCHAR, url VARCHAR, title VARCHAR,
        published DATE, text VARCHAR, n_chars INTEGER, story_id VARCHAR, similarity DOUBLE,
        minhash BLOB, ingested_at TIMESTAMP, batch_id BIGINT, tone DOUBLE, tone_positive DOUBLE,
        tone_negative DOUBLE, tone_polarity DOUBLE, word_count INTEGER""",
    **{table: ddl(lead, struct, derived) for table, (struct, lead, derived) in PART_TABLES.items()},
    "event_dyads": """
        article_id VARCHAR, event_no INTEGER, story_id VARCHAR, day DATE, source_actor VARCHAR,
        target_actor VARCHAR, source_country VARCHAR, target_country VARCHAR, cameo VARCHAR,
        cameo_root VARCHAR, plover VARCHAR, quad_class TINYINT, goldstein DOUBLE, negated BOOLEAN,
        modality VARCHAR, pair_first BOOLEAN""",
    "errors": """
        article_id VARCHAR PRIMARY KEY, doc_id VARCHAR, source VARCHAR, code VARCHAR, message VARCHAR,
        ingested_at TIMESTAMP, batch_id BIGINT""",
    "story_bands": "band SMALLINT, hash BIGINT, article_id VARCHAR",
}


def table_columns(table: str) -> list[tuple[str, str]]:
    """(name, SQL type) of each column of ``table`` as this version creates it."""
    if table in PART_TABLES:
        struct, lead, derived = PART_TABLES[table]
        return [*lead, *((c.name, c.sql) for c in columns(struct)), *derived]
    out = []
    for part in TABLES[table].replace("PRIMARY KEY", "").split(","):
        name, sql = part.split(None, 1)
        out.append((name, sql.strip()))
    return out


#: tables whose rows belong to one article (deleted with it, exported with ``export --table``)
ARTICLE_TABLES = ("articles", "actors", "mentions", "quotes", "events", "event_dyads", "times", "amounts",
                  "places", "errors", "story_bands")

#: fields of the record that versions 1 and 2 kept in an ``extra`` JSON column of these tables (column, SQL type)
_V1_EXTRA = {"times": [("how", "VARCHAR")],
             "amounts": [("kind", "VARCHAR"), ("high", "DOUBLE"), ("hedge", "VARCHAR"), ("year", "VARCHAR")],
             "places": [("demonym", "BOOLEAN"), ("in_name", "BOOLEAN"), ("bloc", "BOOLEAN"), ("kind", "VARCHAR"),
                        ("admin1", "VARCHAR")]}


def _move_extra(con: Any) -> None:
    """Make the fields a store kept in ``extra`` JSON real columns, filled from that JSON, and drop ``extra``."""
    for table, fields in _V1_EXTRA.items():
        existing = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
        for name, sql in fields:
            if name not in existing:
                con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {sql}")
            if "extra" in existing:
                con.execute(f"UPDATE {table} SET {name} = TRY_CAST(json_extract_string(extra, '$.{name}') AS {sql}) "
                            "WHERE extra IS NOT NULL")
        if "extra" in existing:
            con.execute(f"ALTER TABLE {table} DROP COLUMN extra")


#: version N -> the statements (SQL, or a function given the connection) that take a store from N to N+1
MIGRATIONS: dict[int, list[str | Callable[[Any], None]]] = {
    # 1 -> 2 (issue 18): tone of each article and event sentence, an event's mention count and where its place
    # came from (rows stored before have them empty; re-ingest into a fresh store to fill them)
    1: [*(f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS {column}" for column in (
            "tone DOUBLE", "tone_positive DOUBLE", "tone_negative DOUBLE", "tone_polarity DOUBLE",
            "word_count INTEGER")),
        *(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {column}" for column in (
            "tone DOUBLE", "mentions INTEGER", "place_how VARCHAR", "place_start INTEGER", "place_end INTEGER"))],
    # 2 -> 3: the tables derive from the record model; what sat in ``extra`` becomes real columns (places'
    # demonym, in_name, bloc, kind, admin1; amounts' kind/high/hedge/year; times' how), and events keep ``also``
    2: [_move_extra, "ALTER TABLE events ADD COLUMN IF NOT EXISTS also INTEGER[][]"],
}


def missing_columns(table: str, existing: set[str]) -> list[str]:
    """Statements adding the columns of ``table`` a store lacks (a field added to the model since it was made)."""
    return [f"ALTER TABLE {table} ADD COLUMN {name} {sql}" for name, sql in table_columns(table)
            if name not in existing]


def create_statements() -> list[str]:
    return [f"CREATE TABLE IF NOT EXISTS {name} ({columns})" for name, columns in TABLES.items()]
