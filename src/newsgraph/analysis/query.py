"""Questions analysts ask of the store, as parameterised SQL (never string-built from user values).

Counting rules, shared by the CLI, the Python API, the web UI and the exports:

* an event reported by several copies of one story (near-duplicate articles) is counted once, from the story's
  first article, unless ``copies=True``; ``reports`` says how many articles told it;
* dyad series count asserted, non-negated events only (an intent, a threat-in-waiting or a denial is not the act);
  pass ``all_modalities=True`` to count everything;
* a country pair counts an event once even when several actors of the same countries took part.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from newsgraph.store.db import Store
from newsgraph.vocab import QUADS, Modality

PERIODS = ("day", "week", "month", "quarter", "year")
#: one count column per QuadClass ("verbal_coop" …), named as ``vocab.QUADS`` names them
QUAD_COUNTS = ",\n".join(f"count(*) FILTER (WHERE d.quad_class = {q.code}) AS {q.key}" for q in QUADS)
_PERIOD = re.compile(r"^([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?$")  # ASCII digits only: not "２０２４"


def period_start(value: str) -> dt.date:
    """``2024`` → 2024-01-01, ``2024-05`` → 2024-05-01, ``2024-05-16`` → that day."""
    match = _PERIOD.match(value.strip())
    if not match:
        raise ValueError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1)
    return dt.date(year, month, day)


def period_end(value: str) -> dt.date:
    """The first day after the period ``value`` names (exclusive bound): ``2024-05`` → 2024-06-01."""
    start = period_start(value)
    parts = value.strip().count("-")
    if parts == 0:
        return dt.date(start.year + 1, 1, 1)
    if parts == 1:
        return dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start + dt.timedelta(days=1)


class Where:
    """Accumulates WHERE clauses and their bound parameters."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return ("WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _actor_match(where: Where, side: str, value: str | None) -> None:
    """``--source CHN`` (a country or bloc code), an actor id, or part of an actor's name."""
    if not value:
        return
    alias = "sa" if side == "source" else "ta"
    where.add(f"(d.{side}_country = ? OR d.{side}_actor = ? OR {alias}.name ILIKE ?)",
              value.upper(), value, f"%{value}%")


def _dates(where: Where, column: str, since: str | None, until: str | None) -> None:
    if since and until and period_start(since) >= period_end(until):
        raise ValueError(f"since {since} is after until {until}: the period is empty")
    if since:
        where.add(f"{column} >= ?", period_start(since))
    if until:
        where.add(f"{column} < ?", period_end(until))


def events(store: Store, source: str | None = None, target: str | None = None, since: str | None = None,
           until: str | None = None, plover: str | None = None, cameo: str | None = None,
           quad_class: int | None = None, modality: str | None = None, article: str | None = None,
           copies: bool = False, limit: int | None = 100, offset: int = 0, place: str | None = None) -> pa.Table:
    """Events as (source, target) rows with their codes, evidence sentence and article; ``place`` keeps the
    events that happened at a place of that name."""
    where = Where()
    _actor_match(where, "source", source)
    _actor_match(where, "target", target)
    _dates(where, "d.day", since, until)
    if plover:
        where.add("d.plover = ?", plover.upper())
    if cameo:
        where.add("d.cameo LIKE ?", f"{cameo}%")
    if quad_class:
        where.add("d.quad_class = ?", quad_class)
    if modality:
        where.add("d.modality = ?", modality)
    if article:
        where.add("(d.article_id = ? OR a.doc_id = ?)", article, article)
    if place:
        where.add("e.place = ?", place)
    if not copies:
        where.add("d.article_id = d.story_id")
    page = "LIMIT ? OFFSET ?" if limit is not None else ""
    params = [*where.params, *([limit, offset] if limit is not None else [])]
    return store.query(f"""
        SELECT d.day, d.source_country, coalesce(sa.name, d.source_actor) AS source, d.cameo, d.plover,
               e.mode, d.quad_class, d.goldstein, d.target_country, coalesce(ta.name, d.target_actor) AS target,
               d.modality, d.negated, e.trigger_text, e.sentence_text, e.date, e.place, a.doc_id, a.title, a.url,
               s.reports, d.source_actor, d.target_actor, d.article_id, d.event_no, d.story_id, e.tone
        FROM event_dyads d
        JOIN events e ON e.article_id = d.article_id AND e.event_no = d.event_no
        JOIN articles a ON a.article_id = d.article_id
        JOIN (SELECT story_id, count(*) AS reports FROM articles GROUP BY story_id) s ON s.story_id = d.story_id
        LEFT JOIN actors sa ON sa.article_id = d.article_id AND sa.actor_id = d.source_actor
        LEFT JOIN actors ta ON ta.article_id = d.article_id AND ta.actor_id = d.target_actor
        {where.sql()}
        ORDER BY d.day DESC NULLS LAST, d.article_id, d.event_no, d.source_actor, d.target_actor
        {page}""", params)


def quotes(store: Store, speaker: str | None = None, addressee: str | None = None, contains: str | None = None,
           since: str | None = None, until: str | None = None, article: str | None = None,
           limit: int | None = 100, offset: int = 0) -> pa.Table:
    """Who said what (to whom): ``speaker`` matches the resolved actor's name, id or country, or the words."""
    where = Where()
    if speaker:
        where.add("(sp.name ILIKE ? OR q.speaker_text ILIKE ? OR q.speaker_actor = ? OR sp.country = ?)",
                  f"%{speaker}%", f"%{speaker}%", speaker, speaker.upper())
    if addressee:
        where.add("(ad.name ILIKE ? OR q.addressee_text ILIKE ? OR q.addressee_actor = ? OR ad.country = ?)",
                  f"%{addressee}%", f"%{addressee}%", addressee, addressee.upper())
    if contains:
        where.add("q.content_text ILIKE ?", f"%{contains}%")
    if article:
        where.add("(q.article_id = ? OR a.doc_id = ?)", article, article)
    _dates(where, "a.published", since, until)
    page = "LIMIT ? OFFSET ?" if limit is not None else ""
    params = [*where.params, *([limit, offset] if limit is not None else [])]
    return store.query(f"""
        SELECT a.published, coalesce(sp.name, q.speaker_text) AS speaker, q.speaker_text, q.cue_text,
               coalesce(ad.name, q.addressee_text) AS addressee, q.kind, q.content_text, a.doc_id, a.title,
               q.speaker_actor, q.addressee_actor, q.article_id, q.quote_no
        FROM quotes q
        JOIN articles a ON a.article_id = q.article_id
        LEFT JOIN actors sp ON sp.article_id = q.article_id AND sp.actor_id = q.speaker_actor
        LEFT JOIN actors ad ON ad.article_id = q.article_id AND ad.actor_id = q.addressee_actor
        {where.sql()}
        ORDER BY a.published DESC NULLS LAST, q.article_id, q.quote_no
        {page}""", params)


def actors(store: Store, kind: str | None = None, country: str | None = None, name: str | None = None,
           limit: int | None = 100, offset: int = 0) -> pa.Table:
    """Every actor of the corpus with how often it is named, acts, is acted on and speaks."""
    where = Where()
    if kind:
        where.add("n.kind = ?", kind)
    if country:
        where.add("n.country = ?", country.upper())
    if name:
        where.add("(n.name ILIKE ? OR n.actor_id = ?)", f"%{name}%", name)
    page = "LIMIT ? OFFSET ?" if limit is not None else ""
    params = [*where.params, *([limit, offset] if limit is not None else [])]
    return store.query(f"""
        WITH n AS (SELECT actor_id, mode(name) AS name, mode(kind) AS kind, mode(country) AS country,
                          mode(sector) AS sector FROM actors GROUP BY actor_id),
             m AS (SELECT actor_id, count(*) AS mentions, count(DISTINCT article_id) AS articles
                   FROM mentions WHERE actor_id IS NOT NULL GROUP BY actor_id),
             s AS (SELECT source_actor AS actor_id, count(DISTINCT (article_id, event_no)) AS as_source
                   FROM event_dyads GROUP BY source_actor),
             t AS (SELECT target_actor AS actor_id, count(DISTINCT (article_id, event_no)) AS as_target
                   FROM event_dyads GROUP BY target_actor),
             q AS (SELECT speaker_actor AS actor_id, count(*) AS quotes FROM quotes GROUP BY speaker_actor)
        SELECT n.actor_id, n.name, n.kind, n.country, n.sector, coalesce(m.articles, 0) AS articles,
               coalesce(m.mentions, 0) AS mentions, coalesce(s.as_source, 0) AS as_source,
               coalesce(t.as_target, 0) AS as_target, coalesce(q.quotes, 0) AS quotes
        FROM n LEFT JOIN m USING (actor_id) LEFT JOIN s USING (actor_id) LEFT JOIN t USING (actor_id)
             LEFT JOIN q USING (actor_id)
        {where.sql()}
        ORDER BY mentions DESC, n.actor_id
        {page}""", params)


def dyads(store: Store, countries: list[str], by: str = "month", since: str | None = None,
          until: str | None = None, copies: bool = False, all_modalities: bool = False) -> pa.Table:
    """The directed-dyad series among ``countries`` (all of them when empty): per period and (source, target)
    country pair, event counts by QuadClass, and the Goldstein total and mean."""
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
    where = Where()
    where.add("d.pair_first")
    where.add("d.day IS NOT NULL")
    where.add("d.source_country IS NOT NULL AND d.target_country IS NOT NULL")
    where.add("d.source_country <> d.target_country")
    if countries:
        codes = [c.upper() for c in countries]
        marks = ", ".join("?" for _ in codes)
        where.add(f"d.source_country IN ({marks})", *codes)
        where.add(f"d.target_country IN ({marks})", *codes)
    _dates(where, "d.day", since, until)
    if not copies:
        where.add("d.article_id = d.story_id")
    if not all_modalities:
        where.add("d.modality = ? AND NOT d.negated", Modality.ASSERTED.value)
    return store.query(f"""
        SELECT CAST(date_trunc('{by}', d.day) AS DATE) AS period, d.source_country, d.target_country,
               count(*) AS events,
               {QUAD_COUNTS},
               round(sum(d.goldstein), 2) AS goldstein_total, round(avg(d.goldstein), 3) AS goldstein_mean
        FROM event_dyads d
        {where.sql()}
        GROUP BY ALL
        ORDER BY period, d.source_country, d.target_country""", where.params)


def _counted(where: Where, since: str | None, until: str | None, plover: str | None, quad_class: int | None,
             copies: bool = False) -> None:
    """The events the network and the map count: asserted, non-negated, once per story, in the period."""
    where.add("d.modality = ? AND NOT d.negated", Modality.ASSERTED.value)
    _dates(where, "d.day", since, until)
    if plover:
        where.add("d.plover = ?", plover.upper())
    if quad_class:
        where.add("d.quad_class = ?", quad_class)
    if not copies:
        where.add("d.article_id = d.story_id")


@dataclass(frozen=True)
class DyadSeries:
    """The A–B relation over time as both dyad charts draw it (``web.charts.dyad_svg``, ``analysis.plot``):
    the periods in order and, for each direction, its row of ``dyads`` per period."""

    a: str
    b: str
    periods: list[str]  # ISO dates of the periods' starts
    rows: dict[tuple[str, str], dict[str, dict[str, Any]]]  # (source, target) -> period -> row

    @property
    def directions(self) -> tuple[tuple[str, str], tuple[str, str]]:
        return (self.a, self.b), (self.b, self.a)

    def row(self, period: str, src: str, tgt: str) -> dict[str, Any] | None:
        return self.rows[(src, tgt)].get(period)


def dyad_series(rows: list[dict[str, Any]], a: str, b: str) -> DyadSeries:
    """``dyads`` rows of the pair ``a``, ``b`` arranged by direction and period."""
    a, b = a.upper(), b.upper()
    by_direction: dict[tuple[str, str], dict[str, dict[str, Any]]] = {(a, b): {}, (b, a): {}}
    for r in rows:
        key = (r["source_country"], r["target_country"])
        if key in by_direction:
            by_direction[key][str(r["period"])] = r
    periods = sorted({p for series in by_direction.values() for p in series})
    return DyadSeries(a, b, periods, by_direction)


def network(store: Store, since: str | None = None, until: str | None = None, min_events: int = 1,
            copies: bool = False, plover: str | None = None, quad_class: int | None = None) -> pa.Table:
    """Country-level edges: events from source to target country with their mean Goldstein value."""
    where = Where()
    where.add("d.pair_first")
    where.add("d.source_country IS NOT NULL AND d.target_country IS NOT NULL")
    where.add("d.source_country <> d.target_country")
    _counted(where, since, until, plover, quad_class, copies)
    return store.query(f"""
        SELECT d.source_country, d.target_country, count(*) AS events, round(avg(d.goldstein), 3) AS goldstein_mean,
               count(*) FILTER (WHERE d.quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE d.quad_class IN (3, 4)) AS conflict
        FROM event_dyads d {where.sql()}
        GROUP BY ALL HAVING count(*) >= ?
        ORDER BY events DESC, d.source_country, d.target_country""", [*where.params, min_events])


def country_activity(store: Store, since: str | None = None, until: str | None = None, plover: str | None = None,
                     quad_class: int | None = None) -> pa.Table:
    """Per country: the events it took part in as source or target country (each event once per country,
    whichever side and however many of its actors), and their mean Goldstein value."""
    where = Where()
    _counted(where, since, until, plover, quad_class)
    return store.query(f"""
        WITH d AS (SELECT * FROM event_dyads d {where.sql()}),
             e AS (SELECT article_id, event_no, source_country AS country, goldstein FROM d
                   WHERE source_country IS NOT NULL
                   UNION
                   SELECT article_id, event_no, target_country AS country, goldstein FROM d
                   WHERE target_country IS NOT NULL)
        SELECT country, count(*) AS events, round(avg(goldstein), 3) AS goldstein_mean,
               count(*) FILTER (WHERE goldstein > 0) AS cooperation, count(*) FILTER (WHERE goldstein < 0) AS conflict
        FROM e GROUP BY country ORDER BY events DESC, country""", where.params)


def event_places(store: Store, since: str | None = None, until: str | None = None, plover: str | None = None,
                 quad_class: int | None = None) -> pa.Table:
    """The places events happened at (an event's place with the coordinates its article resolved it to), with
    how many events each, counted as the map counts them."""
    where = Where()
    _counted(where, since, until, plover, quad_class)
    return store.query(f"""
        WITH ev AS (SELECT DISTINCT d.article_id, d.event_no FROM event_dyads d {where.sql()}),
             pl AS (SELECT article_id, name, any_value(lat) AS lat, any_value(lon) AS lon,
                           any_value(country) AS country
                    FROM places WHERE lat IS NOT NULL GROUP BY article_id, name)
        SELECT pl.name AS place, round(pl.lat, 2) AS lat, round(pl.lon, 2) AS lon, any_value(pl.country) AS country,
               count(*) AS events, round(avg(e.goldstein), 3) AS goldstein_mean
        FROM ev JOIN events e USING (article_id, event_no)
        JOIN pl ON pl.article_id = e.article_id AND pl.name = e.place
        GROUP BY ALL ORDER BY events DESC, place""", where.params)


def errors(store: Store, limit: int | None = 100) -> pa.Table:
    page = "LIMIT ?" if limit is not None else ""
    return store.query(f"SELECT code, doc_id, source, message, ingested_at FROM errors ORDER BY ingested_at DESC, "
                       f"doc_id {page}", [limit] if limit is not None else [])


def overview(store: Store) -> dict[str, Any]:
    counts = store.counts()
    counts["stories"] = int(store.scalar("SELECT count(DISTINCT story_id) FROM articles"))
    return counts


def articles(store: Store, contains: str | None = None, limit: int | None = 100, offset: int = 0) -> pa.Table:
    """Stored articles, newest first, with how many events and quotes each holds (no text)."""
    where = Where()
    if contains:
        where.add("(a.title ILIKE ? OR a.doc_id ILIKE ?)", f"%{contains}%", f"%{contains}%")
    page = "LIMIT ? OFFSET ?" if limit is not None else ""
    params = [*where.params, *([limit, offset] if limit is not None else [])]
    return store.query(f"""
        SELECT a.article_id, a.doc_id, a.title, a.url, a.published, a.n_chars, a.story_id,
               (SELECT count(*) FROM events e WHERE e.article_id = a.article_id) AS events,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.article_id) AS quotes
        FROM articles a {where.sql()}
        ORDER BY a.published DESC NULLS LAST, a.doc_id, a.article_id
        {page}""", params)


#: the tables read for one article, each ordered by where its spans start
_ARTICLE_PARTS = {
    "actors": "SELECT * FROM actors WHERE article_id = ? ORDER BY actor_id",
    "mentions": "SELECT * FROM mentions WHERE article_id = ? ORDER BY mention_no",
    "quotes": "SELECT * FROM quotes WHERE article_id = ? ORDER BY quote_no",
    "events": "SELECT * FROM events WHERE article_id = ? ORDER BY event_no",
    "times": "SELECT * FROM times WHERE article_id = ? ORDER BY start_char, end_char",
    "amounts": "SELECT * FROM amounts WHERE article_id = ? ORDER BY start_char, end_char",
    "places": "SELECT * FROM places WHERE article_id = ? ORDER BY start_char, end_char",
}


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article (by ``article_id`` or its ``doc_id``) with the rows of every table that belong to it, in the
    shape ``store.rows.article_rows`` writes them; None when no such article is stored."""
    rows = store.query("SELECT * EXCLUDE (minhash) FROM articles WHERE article_id = ? OR doc_id = ? "
                       "ORDER BY article_id = ? DESC, ingested_at LIMIT 1", [article_id, article_id, article_id])
    if rows.num_rows == 0:
        return None
    found = rows.to_pylist()[0]
    out: dict[str, Any] = {"articles": [found]}
    for part, sql in _ARTICLE_PARTS.items():
        out[part] = store.query(sql, [found["article_id"]]).to_pylist()
    return out


def relations(store: Store, actor_id: str, limit: int = 20) -> pa.Table:
    """The actors ``actor_id`` acts on or is acted on by most, with counts and mean Goldstein value each way
    (asserted, non-negated events, once per story)."""
    return store.query("""
        WITH d AS (
            SELECT CASE WHEN source_actor = ? THEN target_actor ELSE source_actor END AS other,
                   source_actor = ? AS outgoing, goldstein, quad_class
            FROM event_dyads
            WHERE (source_actor = ? OR target_actor = ?) AND source_actor IS DISTINCT FROM target_actor
              AND article_id = story_id AND modality = 'asserted' AND NOT negated)
        SELECT d.other AS actor_id, any_value(n.name) AS name, any_value(n.country) AS country,
               count(*) AS events, count(*) FILTER (WHERE outgoing) AS done, count(*) FILTER (WHERE NOT outgoing)
               AS received, round(avg(goldstein), 3) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
        FROM d LEFT JOIN (SELECT actor_id, mode(name) AS name, mode(country) AS country FROM actors
                          GROUP BY actor_id) n ON n.actor_id = d.other
        WHERE d.other IS NOT NULL
        GROUP BY d.other
        ORDER BY events DESC, d.other
        LIMIT ?""", [actor_id, actor_id, actor_id, actor_id, limit])
