"""Exports: any table as CSV, Parquet or JSON lines; events in the GDELT 2.0 event-table layout and as
PLOVER/POLECAT-style JSON. DuckDB writes the files itself (``COPY … TO``), so exports stream at disk speed.

GDELT 2.0 layout: the 61 tab-separated fields of the GDELT 2.0 event codebook, in its order, one row per
(source actor, target actor) pair of an event, one story's copies counted in NumArticles rather than exported
twice. Fields newsgraph has no value for are empty: the ethnic, religion and known-group codes, AvgTone, the
ADM1/ADM2 codes, and the Geo_CountryCode fields (GDELT writes FIPS 10-4 codes there; we do not guess them).
Actor codes are the country code followed by the sector code (``RUSGOV``), as CAMEO actor codes are built;
``ActionGeo_FeatureID`` holds the GeoNames id of the event's place (GDELT uses GNS ids).
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.store.db import Store
from newsgraph.store.schema import ARTICLE_TABLES

FORMATS = ("csv", "parquet", "json")
EVENT_FORMATS = ("gdelt", "plover", *FORMATS)


def _quote_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _copy(store: Store, select: str, out: Path, fmt: str, header: bool = True) -> int:
    options = {"csv": f"FORMAT csv, HEADER {str(header).lower()}", "parquet": "FORMAT parquet",
               "json": "FORMAT json", "tsv": f"FORMAT csv, DELIMITER '\t', HEADER {str(header).lower()}, QUOTE ''"}
    store.con.execute(f"COPY ({select}) TO {_quote_path(out)} ({options[fmt]})")
    return int(store.scalar(f"SELECT count(*) FROM ({select})"))


def export_table(store: Store, table: str, out: Path, fmt: str) -> int:
    if table not in ARTICLE_TABLES:
        raise ValueError(f"unknown table {table!r}; one of {', '.join(ARTICLE_TABLES)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    select = "SELECT * EXCLUDE (minhash) FROM articles" if table == "articles" else f"SELECT * FROM {table}"
    return _copy(store, select, out, fmt)


#: one row per (source, target) of each event of a story's first article, with its event, article and actors
DYAD_ROWS = """
FROM event_dyads d
JOIN events e ON e.article_id = d.article_id AND e.event_no = d.event_no
JOIN articles a ON a.article_id = d.article_id
JOIN story ON story.story_id = d.story_id
LEFT JOIN actors sa ON sa.article_id = d.article_id AND sa.actor_id = d.source_actor
LEFT JOIN actors ta ON ta.article_id = d.article_id AND ta.actor_id = d.target_actor
"""

GDELT_SELECT = """
WITH story AS (SELECT story_id, count(*) AS n_articles, count(DISTINCT coalesce(url, source)) AS n_sources
               FROM articles GROUP BY story_id),
     place AS (SELECT article_id, text, any_value(lat) AS lat, any_value(lon) AS lon,
                      any_value(geonameid) AS geonameid, any_value(name) AS name
               FROM places GROUP BY article_id, text)
SELECT
  CAST(hash(d.article_id, d.event_no, d.source_actor, d.target_actor) % 9007199254740991 AS BIGINT) AS GlobalEventID,
  strftime(coalesce(d.day, a.published), '%Y%m%d') AS Day,
  strftime(coalesce(d.day, a.published), '%Y%m') AS MonthYear,
  year(coalesce(d.day, a.published)) AS Year,
  round(year(coalesce(d.day, a.published)) + (dayofyear(coalesce(d.day, a.published)) - 1) / 365.0, 4)
    AS FractionDate,
  CASE WHEN d.source_actor IS NULL THEN NULL
       ELSE coalesce(sa.country, '') || coalesce(sa.sector, '') END AS Actor1Code,
  upper(sa.name) AS Actor1Name, sa.country AS Actor1CountryCode,
  NULL AS Actor1KnownGroupCode, NULL AS Actor1EthnicCode, NULL AS Actor1Religion1Code,
  NULL AS Actor1Religion2Code, sa.sector AS Actor1Type1Code, NULL AS Actor1Type2Code, NULL AS Actor1Type3Code,
  CASE WHEN d.target_actor IS NULL THEN NULL
       ELSE coalesce(ta.country, '') || coalesce(ta.sector, '') END AS Actor2Code,
  upper(ta.name) AS Actor2Name, ta.country AS Actor2CountryCode,
  NULL AS Actor2KnownGroupCode, NULL AS Actor2EthnicCode, NULL AS Actor2Religion1Code,
  NULL AS Actor2Religion2Code, ta.sector AS Actor2Type1Code, NULL AS Actor2Type2Code, NULL AS Actor2Type3Code,
  CASE WHEN e.sentence_start < coalesce(nullif(strpos(a.text, chr(10) || chr(10)), 0), length(a.text) + 1)
       THEN 1 ELSE 0 END AS IsRootEvent,
  d.cameo AS EventCode, left(d.cameo, 3) AS EventBaseCode, d.cameo_root AS EventRootCode,
  d.quad_class AS QuadClass, d.goldstein AS GoldsteinScale,
  story.n_articles AS NumMentions, story.n_sources AS NumSources, story.n_articles AS NumArticles,
  NULL AS AvgTone,
  NULL AS Actor1Geo_Type, NULL AS Actor1Geo_FullName, NULL AS Actor1Geo_CountryCode, NULL AS Actor1Geo_ADM1Code,
  NULL AS Actor1Geo_ADM2Code, NULL AS Actor1Geo_Lat, NULL AS Actor1Geo_Long, NULL AS Actor1Geo_FeatureID,
  NULL AS Actor2Geo_Type, NULL AS Actor2Geo_FullName, NULL AS Actor2Geo_CountryCode, NULL AS Actor2Geo_ADM1Code,
  NULL AS Actor2Geo_ADM2Code, NULL AS Actor2Geo_Lat, NULL AS Actor2Geo_Long, NULL AS Actor2Geo_FeatureID,
  CASE WHEN e.place IS NULL THEN NULL WHEN place.lat IS NULL THEN 1 ELSE 4 END AS ActionGeo_Type,
  coalesce(place.name, e.place) AS ActionGeo_FullName, NULL AS ActionGeo_CountryCode, NULL AS ActionGeo_ADM1Code,
  NULL AS ActionGeo_ADM2Code, place.lat AS ActionGeo_Lat, place.lon AS ActionGeo_Long,
  place.geonameid AS ActionGeo_FeatureID,
  strftime(a.ingested_at, '%Y%m%d%H%M%S') AS DATEADDED,
  coalesce(a.url, a.source) AS SOURCEURL
""" + DYAD_ROWS + """LEFT JOIN place ON place.article_id = d.article_id AND place.text = e.place
WHERE d.article_id = d.story_id
ORDER BY Day, GlobalEventID
"""

PLOVER_SELECT = """
WITH story AS (SELECT story_id, count(*) AS n_articles FROM articles GROUP BY story_id)
SELECT
  d.article_id || ':' || d.event_no || ':' || row_number() OVER (PARTITION BY d.article_id, d.event_no
    ORDER BY d.source_actor, d.target_actor) AS id,
  CAST(coalesce(d.day, a.published) AS VARCHAR) AS event_date, e.date AS date_text,
  d.plover AS event_type, e.mode AS event_mode, e.context AS event_context, d.cameo AS cameo_code,
  d.goldstein AS goldstein, d.quad_class AS quad_class, d.modality AS modality, d.negated AS negated,
  {'actor_id': d.source_actor, 'name': sa.name, 'country': sa.country, 'sector': sa.sector} AS source,
  {'actor_id': d.target_actor, 'name': ta.name, 'country': ta.country, 'sector': ta.sector} AS target,
  e.place AS location, e.trigger_text AS trigger, e.sentence_text AS text, e.pattern AS rule,
  a.doc_id AS article, a.url AS url, CAST(a.published AS VARCHAR) AS published, d.story_id AS story_id,
  story.n_articles AS reports
""" + DYAD_ROWS + """WHERE d.article_id = d.story_id
ORDER BY event_date, id
"""


def export_events(store: Store, out: Path, fmt: str, header: bool = False) -> int:
    """Events as ``gdelt`` (tab-separated, codebook order, no header unless asked), ``plover`` (JSON lines),
    or the events table as csv/parquet/json."""
    if fmt == "gdelt":
        return _copy(store, GDELT_SELECT, out, "tsv", header=header)
    if fmt == "plover":
        return _copy(store, PLOVER_SELECT, out, "json")
    return export_table(store, "events", out, fmt)
