"""What each page shows, as plain data: the HTML pages and the JSON API call the same functions, so the API
returns exactly what the pages display. Every query goes through ``store.query`` (bound parameters only)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from newsgraph.analysis import query
from newsgraph.readers.files import InputDoc
from newsgraph.store.db import Store
from newsgraph.store.ingest import article_id
from newsgraph.store.rows import Analyzed, article_rows
from newsgraph.web.markup import actor_table, marks_of

WEB_SOURCE = "web"


@dataclass
class EventFilters:
    source: str | None = None
    target: str | None = None
    cameo: str | None = None
    plover: str | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    article: str | None = None
    place: str | None = None
    quad: int | None = None

    def active(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items() if v}


def overview(store: Store) -> dict[str, Any]:
    return {
        "counts": query.overview(store),
        "dyads": query.network(store).to_pylist()[:10],
        "events": query.events(store, limit=10).to_pylist(),
        "articles": query.articles(store, limit=20).to_pylist(),
        "errors": query.errors(store, limit=10).to_pylist(),
    }


def events(store: Store, filters: EventFilters, limit: int, offset: int) -> dict[str, Any]:
    """One page of events; one row more is read to know whether a next page exists."""
    rows = query.events(store, filters.source, filters.target, filters.since, filters.until, filters.plover,
                        filters.cameo, filters.quad, filters.modality, filters.article, False, limit + 1,
                        offset, filters.place).to_pylist()
    return {"filters": filters.active(), "limit": limit, "offset": offset, "more": len(rows) > limit,
            "rows": rows[:limit]}


def article_view(parts: dict[str, Any]) -> dict[str, Any]:
    """An article's rows plus its marks (spans with their details), ready for the page or the API."""
    marks = marks_of(parts)
    article = dict(parts["articles"][0])
    article.pop("minhash", None)
    return {"article": article, "actors": actor_table(parts), "mentions": parts["mentions"],
            "quotes": parts["quotes"], "events": parts["events"], "times": parts["times"],
            "amounts": parts["amounts"], "places": parts["places"],
            "marks": [asdict(m) for m in marks], "_marks": marks}


def article(store: Store, key: str) -> dict[str, Any] | None:
    parts = query.article(store, key)
    return article_view(parts) if parts is not None else None


def actor(store: Store, actor_id: str) -> dict[str, Any] | None:
    """An actor: who it is, its quotes, what it did, what was done to it and its strongest relations."""
    known = [r for r in query.actors(store, name=actor_id, limit=None).to_pylist() if r["actor_id"] == actor_id]
    if not known:
        return None
    return {
        "actor": known[0],
        "quotes": [q for q in query.quotes(store, speaker=actor_id, limit=200).to_pylist()
                   if q["speaker_actor"] == actor_id],
        "did": query.events(store, source=actor_id, limit=100).to_pylist(),
        "received": query.events(store, target=actor_id, limit=100).to_pylist(),
        "relations": query.relations(store, actor_id).to_pylist(),
    }


def dyad(store: Store, a: str, b: str, by: str, since: str | None, until: str | None) -> dict[str, Any]:
    a, b = a.upper(), b.upper()
    rows = query.dyads(store, [a, b], by=by, since=since, until=until).to_pylist()
    return {"a": a, "b": b, "by": by, "since": since, "until": until, "series": rows,
            "events": query.events(store, source=a, target=b, since=since, until=until, limit=50).to_pylist()
            + query.events(store, source=b, target=a, since=since, until=until, limit=50).to_pylist()}


def network(store: Store, since: str | None, until: str | None, min_events: int) -> dict[str, Any]:
    return {"since": since, "until": until, "min_events": min_events,
            "edges": query.network(store, since, until, min_events).to_pylist()}


def world(store: Store, since: str | None, until: str | None, plover: str | None, quad: int | None,
          metric: str) -> dict[str, Any]:
    """The Map page: countries with their events and mean Goldstein, event places, the strongest dyads."""
    from newsgraph.analysis.maps import world_map

    view = world_map(store, since, until, plover, quad, metric)
    return {"since": since, "until": until, "plover": plover, "quad": quad, "metric": metric,
            "countries": list(view.countries.values()), "places": view.places, "dyads": view.dyads, "_map": view}


def as_item(text: str, published: str | None, title: str | None = None) -> InputDoc:
    return InputDoc(f"web-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}", text, published, title)


def analysed(doc: InputDoc, record: dict[str, Any]) -> tuple[Analyzed, dict[str, Any] | None]:
    """A fresh record as the item ``Store.write`` takes, and (unless it is an error) its page view, built from
    the same rows the store would hold."""
    item = Analyzed(doc, WEB_SOURCE, record, article_id(doc, WEB_SOURCE))
    if record.get("error"):
        return item, None
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    parts = article_rows(item, item.article_id, 1.0, b"", now, 0)
    return item, article_view(parts)
