"""The JSON API under ``/api``: the data of each page, from the same ``web.data`` calls, plus analysis of a
posted article. The OpenAPI description is at ``/openapi.json``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, Field

from newsgraph.analysis import query
from newsgraph.store.db import Store
from newsgraph.web import data
from newsgraph.web.common import MAX_BODY, open_store
from newsgraph.web.params import (
    ActorParam,
    ByParam,
    CountryParam,
    KeyParam,
    MetricParam,
    PeriodParam,
    QuadParam,
    TextParam,
    checked,
    store_analysed,
)
from newsgraph.web.params import published_date as check_published

router = APIRouter(prefix="/api", tags=["api"])
StoreDep = Annotated[Store, Depends(open_store)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def _public(value: Any) -> Any:
    """Drop the keys only the pages use (``_marks``: the same marks as ``marks``, as objects)."""
    if isinstance(value, dict):
        return {k: _public(v) for k, v in value.items() if not (isinstance(k, str) and k.startswith("_"))}
    return value


def _json(value: Any) -> Any:
    return jsonable_encoder(_public(value))


class AnalyseRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_BODY, description="The article's text")
    published: str | None = Field(None, max_length=10, description="Publication date YYYY-MM-DD")
    title: str | None = Field(None, max_length=500)
    store: bool = Field(False, description="Also write the article to the store")


@router.get("/overview", summary="Counts, most active dyads, latest events and articles, ingest errors")
def overview(store: StoreDep) -> Any:
    return _json(data.overview(store))


@router.get("/articles", summary="Stored articles, newest first")
def articles(store: StoreDep, contains: TextParam = None, limit: Limit = 50, offset: Offset = 0) -> Any:
    return _json({"limit": limit, "offset": offset,
                  "rows": query.articles(store, contains, limit, offset).to_pylist()})


@router.get("/articles/{key}", summary="One article with its actors, mentions, quotes, events, times, amounts, "
                                        "places and the marks the article page shows")
def article(key: KeyParam, store: StoreDep) -> Any:
    view = data.article(store, key)
    if view is None:
        raise HTTPException(404, f"no stored article {key!r}")
    return _json(view)


@router.get("/events", summary="Events, one row per source and target, newest first")
def events(store: StoreDep, source: TextParam = None, target: TextParam = None, cameo: TextParam = None,
           plover: TextParam = None, since: PeriodParam = None, until: PeriodParam = None,
           modality: TextParam = None, article: TextParam = None, place: TextParam = None, quad: QuadParam = None,
           limit: Limit = 50, offset: Offset = 0) -> Any:
    filters = data.EventFilters(source, target, cameo, plover, since, until, modality, article, place, quad)
    return _json(checked(lambda: data.events(store, filters, limit, offset)))


@router.get("/quotes", summary="Attributed quotations")
def quotes(store: StoreDep, speaker: TextParam = None, addressee: TextParam = None, contains: TextParam = None,
           since: PeriodParam = None, until: PeriodParam = None, limit: Limit = 50, offset: Offset = 0) -> Any:
    rows = checked(lambda: query.quotes(store, speaker, addressee, contains, since, until, None, limit,
                                        offset).to_pylist())
    return _json({"limit": limit, "offset": offset, "rows": rows})


@router.get("/actors", summary="Actors, most mentioned first")
def actors(store: StoreDep, name: TextParam = None, kind: TextParam = None, country: TextParam = None,
           limit: Limit = 50, offset: Offset = 0) -> Any:
    return _json({"limit": limit, "offset": offset,
                  "rows": query.actors(store, kind, country, name, limit, offset).to_pylist()})


@router.get("/actors/{actor_id}", summary="An actor: its quotes, what it did, what was done to it, its relations")
def actor(actor_id: ActorParam, store: StoreDep) -> Any:
    view = data.actor(store, actor_id)
    if view is None:
        raise HTTPException(404, f"no actor {actor_id!r} in the store")
    return _json(view)


@router.get("/dyads/{a}/{b}", summary="The relation of two countries over time, with its events")
def dyad(a: CountryParam, b: CountryParam, store: StoreDep, by: ByParam = "month", since: PeriodParam = None,
         until: PeriodParam = None) -> Any:
    return _json(checked(lambda: data.dyad(store, a, b, by, since, until)))


@router.get("/network", summary="Country-level edges for a period")
def network(store: StoreDep, since: PeriodParam = None, until: PeriodParam = None,
            min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> Any:
    return _json(checked(lambda: data.network(store, since, until, min_events)))


@router.get("/map", summary="Per country its events and mean Goldstein, the event places and strongest dyads")
def world(store: StoreDep, since: PeriodParam = None, until: PeriodParam = None, plover: TextParam = None,
          quad: QuadParam = None, metric: MetricParam = "events") -> Any:
    return _json(checked(lambda: data.world(store, since, until, plover, quad, metric)))


@router.get("/errors", summary="Documents that could not be analysed")
def errors(store: StoreDep, limit: Limit = 50) -> Any:
    return _json({"rows": query.errors(store, limit).to_pylist()})


@router.post("/analyse", summary="Analyse an article; with store=true also write it to the store")
async def analyse(body: AnalyseRequest, request: Request) -> Any:
    doc = data.as_item(body.text, check_published(body.published), body.title)
    if body.store:
        aid = await store_analysed(request, doc)
        return {"stored": True, "article_id": aid, "url": f"/article/{aid}"}
    record = await request.app.state.web.analyze(doc)
    item, view = data.analysed(doc, record)
    return _json({"stored": False, "article_id": item.article_id, "record": record, "view": view})
