"""The store's tables, one per part of the analysis record (../shared/CONTRACT.md), and their migrations.

Every row of a child table carries the ``article_id`` of its article: the BLAKE2b hash of the article's text,
which is also what makes ingest idempotent. ``event_dyads`` is the events table exploded to one row per
(source actor, target actor) pair with country codes, day and the article's story: the table the dyad series,
the network and the GDELT export read, kept flat so that a query over tens of millions of rows stays fast.
``pair_first`` marks the first row of each (event, source country, target country): country-level counts read
only those rows, so "Putin and Lavrov condemned Washington" counts once for RUS→USA.

To change the schema, add a step to ``MIGRATIONS`` (from version N to N+1) and bump ``SCHEMA_VERSION``;
``Store`` applies the missing steps when it opens an older file for writing.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

TABLES: dict[str, str] = {
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
    "articles": """
        article_id VARCHAR PRIMARY KEY, doc_id VARCHAR, source VARCHAR, url VARCHAR, title VARCHAR,
        published DATE, text VARCHAR, n_chars INTEGER, story_id VARCHAR, similarity DOUBLE,
        minhash BLOB, ingested_at TIMESTAMP, batch_id BIGINT, tone DOUBLE, tone_positive DOUBLE,
        tone_negative DOUBLE, tone_polarity DOUBLE, word_count INTEGER""",
    "actors": """
        article_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR,
        description VARCHAR""",
    "mentions": """
        article_id VARCHAR, mention_no INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        label VARCHAR, actor_id VARCHAR, actor_group VARCHAR[], how VARCHAR""",
    "quotes": """
        article_id VARCHAR, quote_no INTEGER, kind VARCHAR, content INTEGER[][], content_text VARCHAR,
        cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
        speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER, speaker_actor VARCHAR,
        addressee_text VARCHAR, addressee_start INTEGER, addressee_end INTEGER, addressee_actor VARCHAR,
        speaker_description VARCHAR, how VARCHAR""",
    "events": """
        article_id VARCHAR, event_no INTEGER, source VARCHAR[], target VARCHAR[], cameo VARCHAR,
        cameo_root VARCHAR, plover VARCHAR, mode VARCHAR, context VARCHAR[], goldstein DOUBLE,
        quad_class TINYINT, trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
        sentence_start INTEGER, sentence_end INTEGER, sentence_text VARCHAR, date VARCHAR, day DATE,
        date_how VARCHAR, place VARCHAR, negated BOOLEAN, modality VARCHAR, reported_by VARCHAR,
        pattern VARCHAR, embedded BOOLEAN, evidence JSON, published DATE, story_id VARCHAR, tone DOUBLE,
        mentions INTEGER, place_how VARCHAR, place_start INTEGER, place_end INTEGER""",
    "event_dyads": """
        article_id VARCHAR, event_no INTEGER, story_id VARCHAR, day DATE, source_actor VARCHAR,
        target_actor VARCHAR, source_country VARCHAR, target_country VARCHAR, cameo VARCHAR,
        cameo_root VARCHAR, plover VARCHAR, quad_class TINYINT, goldstein DOUBLE, negated BOOLEAN,
        modality VARCHAR, pair_first BOOLEAN""",
    "times": """
        article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, type VARCHAR, value VARCHAR,
        extra JSON""",
    "amounts": """
        article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, value DOUBLE, unit VARCHAR,
        object VARCHAR, date VARCHAR, extra JSON""",
    "places": """
        article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, name VARCHAR, country VARCHAR,
        lat DOUBLE, lon DOUBLE, geonameid BIGINT, metonymy BOOLEAN, extra JSON""",
    "errors": """
        article_id VARCHAR PRIMARY KEY, doc_id VARCHAR, source VARCHAR, code VARCHAR, message VARCHAR,
        ingested_at TIMESTAMP, batch_id BIGINT""",
    "story_bands": "band SMALLINT, hash BIGINT, article_id VARCHAR",
}

#: tables whose rows belong to one article (deleted with it, exported with ``export --table``)
ARTICLE_TABLES = ("articles", "actors", "mentions", "quotes", "events", "event_dyads", "times", "amounts",
                  "places", "errors", "story_bands")

#: version N -> the statements that take a store from N to N+1
MIGRATIONS: dict[int, list[str]] = {
    # 1 -> 2 (issue 18): tone of each article and event sentence, an event's mention count and where its place
    # came from (rows stored before have them empty; re-ingest into a fresh store to fill them)
    1: [*(f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS {column}" for column in (
            "tone DOUBLE", "tone_positive DOUBLE", "tone_negative DOUBLE", "tone_polarity DOUBLE",
            "word_count INTEGER")),
        *(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {column}" for column in (
            "tone DOUBLE", "mentions INTEGER", "place_how VARCHAR", "place_start INTEGER", "place_end INTEGER"))],
}


def create_statements() -> list[str]:
    return [f"CREATE TABLE IF NOT EXISTS {name} ({columns})" for name, columns in TABLES.items()]
