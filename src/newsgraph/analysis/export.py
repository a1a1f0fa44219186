"""Exports: any table as CSV, Parquet or JSON lines; events in the GDELT 2.0 event-table layout and as PLOVER
JSON lines. DuckDB writes the files itself (``COPY … TO``), so exports stream at disk speed.

**GDELT 2.0** (``GDELT_COLUMNS``): the 61 tab-separated fields of the GDELT 2.0 event codebook, in its order,
no header (``--header`` adds one), one row per (source actor, target actor) pair of an event of a story's first
article. How each group is filled:

* dates: ``Day`` (SQLDATE, YYYYMMDD), ``MonthYear``, ``Year``, ``FractionDate`` from the event's day (else the
  publication day); ``DATEADDED`` is when the article was stored (YYYYMMDDHHMMSS, UTC).
* actors: ``Actor1Code`` is the country code followed by the sector code (``RUSGOV``), as CAMEO builds actor
  codes; an actor with neither has no code (empty, not an invented one). ``Actor1Type1Code`` is the sector.
  The known-group, ethnic and religion codes stay empty: newsgraph does not code them.
* event: CAMEO code, base and root codes (leading zero kept: ``030``), QuadClass, Goldstein; ``IsRootEvent`` is
  1 for an event in the article's first paragraph, as GDELT marks lead events.
* counts, from the near-duplicate stories (``store.dedup``): ``NumArticles`` is how many articles of the story
  report an event of that code between those countries, ``NumMentions`` how many times they mention it (an
  article that tells it twice counts twice), ``NumSources`` from how many web hosts (an article without a URL
  counts as a source of its own).
* ``AvgTone``: the mean tone (``nlp/tone.py``: positive minus negative share of words, ×100) of those articles —
  GDELT's "average tone of all documents containing one or more mentions of this event".
* actor geography, from the actor's country (GDELT's country-level match): ``Geo_Type`` 1, the country's name,
  its FIPS 10-4 code (GDELT's country codes: Germany ``GM``) as ``CountryCode`` and ``ADM1Code``, the CIA World
  Factbook point GDELT uses for countries, and the FIPS code as ``FeatureID`` (``kb/geo.py``). Blocs and actors
  without a country have none.
* ``ActionGeo``: where the event happened — the place the event stage found (its clause, else its sentence,
  else the dateline: ``events.place_how``), resolved by the place stage; when the text names no place for the
  event, GDELT's own rule — "the geographic mention closest to the action in the text" — takes the literal place
  of the article nearest to the trigger (never a place that stands for an actor, a demonym, a bloc or a
  region). ``Geo_Type`` as GDELT numbers it:
  1 country, 2 US state, 3 US city, 4 city elsewhere, 5 first-level area elsewhere (a US county counts as its
  state); a continent or a sea has none. ``FullName`` is "place, country"; ``ADM1Code`` the FIPS country code
  followed by the GeoNames admin1 code of the place's area (FIPS 10-4 for most countries, the postal code for US
  states, as GDELT writes them; ISO 3166-2 where GeoNames uses it); ``FeatureID`` the GeoNames id (GDELT uses
  the GNS feature id; for a country, the FIPS code as GDELT does). ADM2 codes stay empty.
* ``SOURCEURL``: the article's URL when it had one (feed items, fetched pages, JSONL ``url``, an HTML page's
  canonical link), else the path it was read from.

**PLOVER** (``PLOVER_SELECT``): one JSON object a line with the field names of the PLOVER manual's "Data
Fields" chapter — ``id``, ``date``, ``actor`` and ``recipient`` (entity objects: ``code``, ``sector``,
``entity_text``, ``identifier_id``, ``identifier_text``), ``event`` (the PLOVER type, a list), ``mode``,
``context``, ``event_loc`` (the location object — only for a place the text names for the event, not GDELT's
nearest-mention fallback: extracted and resolved place, GeoNames id, lat, lon, country,
``country_code``, ``resolution`` 1 country … 4 city), ``event_text``, ``quad_code``, ``event_scale`` (Goldstein),
``text`` and ``text_info`` (the sentence and its offsets), ``cite_info`` (the source article: citation, url,
title, publication, coder, codebook) and ``coded_date`` — plus newsgraph's own ``cameo``, ``modality``,
``negated``, ``tone`` (of the sentence), ``article_tone``, ``story_id``, ``num_articles`` and ``num_mentions``.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from newsgraph.kb.geo import countries
from newsgraph.store.db import Store
from newsgraph.store.schema import ARTICLE_TABLES

FORMATS = ("csv", "parquet", "json")
EVENT_FORMATS = ("gdelt", "plover", *FORMATS)
PLOVER_CODEBOOK = "PLOVER (CAMEO 1.1b3 mapped to PLOVER types, modes and contexts)"

#: the GDELT 2.0 event table's fields, in codebook order
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{field}" for n in (1, 2) for field in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{field}" for who in ("Actor1", "Actor2", "Action") for field in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)


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


def _register_geo(store: Store) -> None:
    """The country table (ISO alpha-3 → FIPS code, name, Factbook point) as ``geo_countries``."""
    rows = list(countries().values())
    store.con.register("geo_countries", pa.table({
        "iso3": [c.iso3 for c in rows], "fips": [c.fips for c in rows], "name": [c.name for c in rows],
        "lat": pa.array([c.lat for c in rows], pa.float64()), "lon": pa.array([c.lon for c in rows], pa.float64())}))


#: shared by both event exports: per (story, CAMEO code, source and target country) the articles, mentions,
#: sources and mean tone; per event its place (the words the event stage chose, else the first literal place of
#: that name in the article) with the place stage's resolution
EVENT_CONTEXT = r"""
WITH reported AS (
  SELECT DISTINCT d.article_id, d.event_no, d.story_id, d.cameo, d.source_country, d.target_country
  FROM event_dyads d),
counts AS (
  SELECT r.story_id, r.cameo, r.source_country, r.target_country, count(DISTINCT r.article_id) AS n_articles,
         sum(e.mentions) AS n_mentions, round(avg(a.tone), 3) AS avg_tone,
         count(DISTINCT coalesce(regexp_extract(a.url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)', 1), a.source))
           AS n_sources
  FROM reported r JOIN events e USING (article_id, event_no) JOIN articles a ON a.article_id = r.article_id
  GROUP BY ALL),
named AS (
  SELECT article_id, name, min(start_char) AS start_char FROM places
  WHERE NOT coalesce(metonymy, false) GROUP BY ALL),
literal AS (
  SELECT article_id, start_char FROM places
  WHERE lat IS NOT NULL AND NOT coalesce(metonymy, false)
    AND NOT coalesce(demonym, false) AND NOT coalesce(in_name, false) AND NOT coalesce(bloc, false)
    AND coalesce(kind, '') NOT IN ('continent', 'region')),
nearest AS (
  SELECT e.article_id, e.event_no, l.start_char
  FROM events e JOIN literal l ON l.article_id = e.article_id
  WHERE e.place IS NULL
  QUALIFY row_number() OVER (PARTITION BY e.article_id, e.event_no
                             ORDER BY abs(l.start_char - e.trigger_start), l.start_char) = 1),
located AS (
  SELECT e.article_id, e.event_no, p.text AS extracted, p.name, p.country, p.lat, p.lon, p.geonameid,
         p.kind, p.admin1,
         CASE WHEN e.place IS NULL THEN 'nearest' ELSE coalesce(e.place_how, 'clause') END AS how
  FROM events e
  LEFT JOIN named n ON n.article_id = e.article_id AND n.name = e.place AND e.place_start IS NULL
  LEFT JOIN nearest x ON x.article_id = e.article_id AND x.event_no = e.event_no
  JOIN places p ON p.article_id = e.article_id AND p.start_char = coalesce(e.place_start, n.start_char, x.start_char)
  QUALIFY row_number() OVER (PARTITION BY e.article_id, e.event_no ORDER BY p.end_char) = 1),
place AS (
  SELECT l.*, g.fips, g.name AS country_name, g.lat AS country_lat, g.lon AS country_lon,
         CASE WHEN l.kind = 'country' THEN 1
              WHEN l.kind IN ('admin1', 'county') THEN CASE WHEN l.country = 'USA' THEN 2 ELSE 5 END
              WHEN l.kind IN ('continent', 'region') THEN NULL
              WHEN l.lat IS NOT NULL THEN CASE WHEN l.country = 'USA' THEN 3 ELSE 4 END END AS geo_type
  FROM located l LEFT JOIN geo_countries g ON g.iso3 = l.country)
"""

#: one row per (source, target) of each event of a story's first article, with its event, article, actors, counts
#: and place
DYAD_ROWS = """
FROM event_dyads d
JOIN events e ON e.article_id = d.article_id AND e.event_no = d.event_no
JOIN articles a ON a.article_id = d.article_id
LEFT JOIN counts c ON c.story_id = d.story_id AND c.cameo = d.cameo
  AND c.source_country IS NOT DISTINCT FROM d.source_country AND c.target_country IS NOT DISTINCT FROM d.target_country
LEFT JOIN place p ON p.article_id = d.article_id AND p.event_no = d.event_no
LEFT JOIN actors sa ON sa.article_id = d.article_id AND sa.actor_id = d.source_actor
LEFT JOIN actors ta ON ta.article_id = d.article_id AND ta.actor_id = d.target_actor
LEFT JOIN geo_countries sg ON sg.iso3 = sa.country
LEFT JOIN geo_countries tg ON tg.iso3 = ta.country
WHERE d.article_id = d.story_id
"""


def _actor(n: int, a: str) -> str:
    """The ten actor fields of Actor ``n`` from the actors row aliased ``a``."""
    code = f"nullif(coalesce({a}.country, '') || coalesce({a}.sector, ''), '')"
    return (f"{code} AS Actor{n}Code, upper(regexp_replace({a}.name, '[\\t\\r\\n]+', ' ', 'g')) AS Actor{n}Name, "
            f"{a}.country AS Actor{n}CountryCode, NULL AS Actor{n}KnownGroupCode, NULL AS Actor{n}EthnicCode, "
            f"NULL AS Actor{n}Religion1Code, NULL AS Actor{n}Religion2Code, {a}.sector AS Actor{n}Type1Code, "
            f"NULL AS Actor{n}Type2Code, NULL AS Actor{n}Type3Code")


def _actor_geo(n: int, g: str) -> str:
    """Actor ``n``'s country-level geography from the ``geo_countries`` row aliased ``g``."""
    return (f"CASE WHEN {g}.iso3 IS NOT NULL THEN 1 END AS Actor{n}Geo_Type, {g}.name AS Actor{n}Geo_FullName, "
            f"{g}.fips AS Actor{n}Geo_CountryCode, {g}.fips AS Actor{n}Geo_ADM1Code, NULL AS Actor{n}Geo_ADM2Code, "
            f"{g}.lat AS Actor{n}Geo_Lat, {g}.lon AS Actor{n}Geo_Long, {g}.fips AS Actor{n}Geo_FeatureID")


ACTION_GEO = """
  p.geo_type AS ActionGeo_Type,
  CASE WHEN p.geo_type = 1 THEN coalesce(p.country_name, p.name)
       WHEN p.geo_type IS NOT NULL THEN p.name || coalesce(', ' || p.country_name, '') END AS ActionGeo_FullName,
  CASE WHEN p.geo_type IS NOT NULL THEN p.fips END AS ActionGeo_CountryCode,
  CASE WHEN p.geo_type = 1 THEN p.fips
       WHEN p.geo_type IS NOT NULL AND p.admin1 NOT IN ('', '00') THEN p.fips || p.admin1 END AS ActionGeo_ADM1Code,
  NULL AS ActionGeo_ADM2Code,
  CASE WHEN p.geo_type = 1 THEN coalesce(p.country_lat, p.lat) WHEN p.geo_type IS NOT NULL THEN p.lat END
    AS ActionGeo_Lat,
  CASE WHEN p.geo_type = 1 THEN coalesce(p.country_lon, p.lon) WHEN p.geo_type IS NOT NULL THEN p.lon END
    AS ActionGeo_Long,
  CASE WHEN p.geo_type = 1 THEN coalesce(p.fips, CAST(p.geonameid AS VARCHAR))
       WHEN p.geo_type IS NOT NULL THEN CAST(p.geonameid AS VARCHAR) END AS ActionGeo_FeatureID"""

GDELT_SELECT = EVENT_CONTEXT + f"""
SELECT
  CAST(hash(d.article_id, d.event_no, d.source_actor, d.target_actor) % 9007199254740991 AS BIGINT) AS GlobalEventID,
  CAST(strftime(coalesce(d.day, a.published), '%Y%m%d') AS INTEGER) AS Day,
  CAST(strftime(coalesce(d.day, a.published), '%Y%m') AS INTEGER) AS MonthYear,
  year(coalesce(d.day, a.published)) AS Year,
  round(year(coalesce(d.day, a.published)) + (dayofyear(coalesce(d.day, a.published)) - 1) / 365.0, 4)
    AS FractionDate,
  {_actor(1, "sa")},
  {_actor(2, "ta")},
  CASE WHEN e.sentence_start < coalesce(nullif(strpos(a.text, chr(10) || chr(10)), 0), length(a.text) + 1)
       THEN 1 ELSE 0 END AS IsRootEvent,
  d.cameo AS EventCode, left(d.cameo, 3) AS EventBaseCode, d.cameo_root AS EventRootCode,
  d.quad_class AS QuadClass, d.goldstein AS GoldsteinScale,
  coalesce(c.n_mentions, 1) AS NumMentions, coalesce(c.n_sources, 1) AS NumSources,
  coalesce(c.n_articles, 1) AS NumArticles, coalesce(c.avg_tone, a.tone) AS AvgTone,
  {_actor_geo(1, "sg")},
  {_actor_geo(2, "tg")},
  {ACTION_GEO},
  CAST(strftime(a.ingested_at, '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED,
  regexp_replace(coalesce(a.url, a.source), '[\\t\\r\\n]+', ' ', 'g') AS SOURCEURL
{DYAD_ROWS}
ORDER BY Day, GlobalEventID
"""


def _entity(a: str, actor: str) -> str:
    return (f"CASE WHEN {actor} IS NULL THEN [] ELSE [{{'code': {a}.country, 'sector': {a}.sector, "
            f"'entity_text': {a}.name, 'identifier_id': {actor}, 'identifier_text': {a}.name, 'kind': {a}.kind}}] "
            f"END")


PLOVER_SELECT = EVENT_CONTEXT + f"""
SELECT
  d.article_id || ':' || d.event_no || ':' || row_number() OVER (PARTITION BY d.article_id, d.event_no
    ORDER BY d.source_actor, d.target_actor) AS id,
  CAST(coalesce(d.day, a.published) AS VARCHAR) AS date, e.date AS date_text,
  {_entity("sa", "d.source_actor")} AS actor,
  {_entity("ta", "d.target_actor")} AS recipient,
  [d.plover] AS event, coalesce([e.mode], []) AS mode, coalesce(e.context, []) AS context,
  CASE WHEN p.extracted IS NULL OR p.how = 'nearest' THEN NULL ELSE {{
    'extracted_place': p.extracted, 'resolved_place': p.name, 'geonameid': p.geonameid, 'lat': p.lat,
    'lon': p.lon, 'country': p.country_name, 'country_code': p.country, 'place_how': p.how,
    'resolution': CASE p.geo_type WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 5 THEN 2 WHEN 3 THEN 4 WHEN 4 THEN 4 END
  }} END AS event_loc,
  [e.trigger_text] AS event_text, d.quad_class AS quad_code, d.goldstein AS event_scale,
  e.sentence_text AS text, {{'start': e.sentence_start, 'end': e.sentence_end}} AS text_info,
  {{'corpus': 'newsgraph', 'citation': a.doc_id, 'url': a.url, 'title': a.title,
    'publication': regexp_extract(a.url, '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)', 1), 'published':
    CAST(a.published AS VARCHAR), 'language': 'en', 'coder': 'newsgraph', 'codebook': '{PLOVER_CODEBOOK}'}}
    AS cite_info,
  CAST(CAST(a.ingested_at AS DATE) AS VARCHAR) AS coded_date,
  d.cameo AS cameo, d.modality AS modality, d.negated AS negated, e.tone AS tone, a.tone AS article_tone,
  e.pattern AS rule, d.story_id AS story_id, coalesce(c.n_articles, 1) AS num_articles,
  coalesce(c.n_mentions, 1) AS num_mentions
{DYAD_ROWS}
ORDER BY date, id
"""


def export_events(store: Store, out: Path, fmt: str, header: bool = False) -> int:
    """Events as ``gdelt`` (tab-separated, codebook order, no header unless asked), ``plover`` (JSON lines),
    or the events table as csv/parquet/json."""
    if fmt in ("gdelt", "plover"):
        _register_geo(store)
        if fmt == "gdelt":
            return _copy(store, GDELT_SELECT, out, "tsv", header=header)
        return _copy(store, PLOVER_SELECT, out, "json")
    return export_table(store, "events", out, fmt)
