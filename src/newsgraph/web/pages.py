"""The HTML pages: each reads its data through ``web.data`` (the same call the JSON API makes) and renders a
template. Forms are plain GET (filters) or POST (analyse, store) forms: every page works without JavaScript;
the small script only shows a mark's details when it is hovered or selected."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsgraph import vocab
from newsgraph.analysis import query
from newsgraph.store.db import Store
from newsgraph.web import charts, data
from newsgraph.web.common import TEMPLATES, open_store, problem
from newsgraph.web.markup import render
from newsgraph.web.params import (
    ActorParam,
    ByParam,
    CountryParam,
    KeyParam,
    MetricParam,
    OffsetParam,
    PeriodParam,
    QuadParam,
    TextParam,
    analyse_input,
    checked,
    store_analysed,
)

router = APIRouter(tags=["pages"], default_response_class=HTMLResponse)
StoreDep = Annotated[Store, Depends(open_store)]
PER_PAGE = 50


def page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, template, context)


@router.get("/quads.css", include_in_schema=False)
def quad_styles() -> Response:
    """The QuadClass badge colours, from the one table charts and plots use too (``vocab.QUADS``)."""
    return Response(charts.quad_css(vocab.QUADS), media_type="text/css",
                    headers={"Cache-Control": "max-age=3600"})


@router.get("/", summary="Overview page")
def overview_page(request: Request, store: StoreDep) -> HTMLResponse:
    return page(request, "overview.html", **data.overview(store))


@router.get("/articles", summary="Articles page")
def articles_page(request: Request, store: StoreDep, contains: TextParam = None,
                  page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> HTMLResponse:
    rows = query.articles(store, contains, PER_PAGE + 1, (page_no - 1) * PER_PAGE).to_pylist()
    return page(request, "articles.html", rows=rows[:PER_PAGE], more=len(rows) > PER_PAGE, page_no=page_no,
                contains=contains or "")


@router.get("/article/{key}", summary="Article page", response_model=None)
def article_page(request: Request, key: KeyParam, store: StoreDep) -> Response:
    view = data.article(store, key)
    if view is None:
        return problem(request, 404, "Not found", f"no stored article {key!r}")
    return page(request, "article.html", view=view, html=render(view["article"]["text"], view["_marks"]),
                stored=True)


@router.get("/events", summary="Events page")
def events_page(request: Request, store: StoreDep, source: TextParam = None, target: TextParam = None,
                cameo: TextParam = None, plover: TextParam = None, since: PeriodParam = None,
                until: PeriodParam = None, modality: TextParam = None, article: TextParam = None,
                place: TextParam = None, quad: QuadParam = None,
                page_no: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
                offset: Annotated[OffsetParam | None, Query(description="Rows to skip (instead of page)")] = None,
                ) -> HTMLResponse:
    filters = data.EventFilters(source, target, cameo, plover, since, until, modality, article, place, quad)
    skip = offset if offset is not None else (page_no - 1) * PER_PAGE
    result = checked(lambda: data.events(store, filters, PER_PAGE, skip))
    return page(request, "events.html", result=result, page_no=page_no, f=filters,
                modalities=vocab.MODALITIES)


@router.get("/actors", summary="Actors page")
def actors_page(request: Request, store: StoreDep, name: TextParam = None) -> HTMLResponse:
    return page(request, "actors.html", rows=query.actors(store, name=name, limit=200).to_pylist(),
                name=name or "")


@router.get("/actor/{actor_id}", summary="Actor page", response_model=None)
def actor_page(request: Request, actor_id: ActorParam, store: StoreDep) -> Response:
    view = data.actor(store, actor_id)
    if view is None:
        return problem(request, 404, "Not found", f"no actor {actor_id!r} in the store")
    return page(request, "actor.html", **view)


@router.get("/dyad", summary="Dyad chooser", response_model=None)
def dyad_chooser(a: Annotated[str | None, Query(max_length=40)] = None,
                 b: Annotated[str | None, Query(max_length=40)] = None) -> Response:
    if a and b:
        return RedirectResponse(f"/dyad/{quote(a.upper(), safe='')}/{quote(b.upper(), safe='')}", status_code=303)
    return RedirectResponse("/network", status_code=303)


@router.get("/dyad/{a}/{b}", summary="Dyad page")
def dyad_page(request: Request, a: CountryParam, b: CountryParam, store: StoreDep, by: ByParam = "month",
              since: PeriodParam = None, until: PeriodParam = None) -> HTMLResponse:
    view = checked(lambda: data.dyad(store, a, b, by, since, until))
    return page(request, "dyad.html", **view, chart=charts.dyad_svg(view["series"], view["a"], view["b"]),
                periods=query.PERIODS)


@router.get("/network", summary="Network page")
def network_page(request: Request, store: StoreDep, since: PeriodParam = None, until: PeriodParam = None,
                 min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1) -> HTMLResponse:
    view = checked(lambda: data.network(store, since, until, min_events))
    return page(request, "network.html", **view, chart=charts.network_svg(view["edges"]))


@router.get("/map", summary="Map page")
def map_page(request: Request, store: StoreDep, since: PeriodParam = None, until: PeriodParam = None,
             plover: TextParam = None, quad: QuadParam = None, metric: MetricParam = "events") -> HTMLResponse:
    view = checked(lambda: data.world(store, since, until, plover, quad, metric))
    world = view["_map"]
    links = {code: f"/actor/{quote(code, safe='')}" if row["actor"] else f"/events?source={quote(code, safe='')}"
             for code, row in world.countries.items()}
    period = "".join(f"&{k}={quote(v, safe='')}" for k, v in (("since", since), ("until", until)) if v)
    chart = charts.map_svg(world, links, f"/events?{period.lstrip('&')}{'&' if period else ''}place=")
    return page(request, "map.html", **view, chart=chart, links=links, metrics=("events", "goldstein"))


@router.get("/analyse", summary="Analyse form")
def analyse_form(request: Request) -> HTMLResponse:
    return page(request, "analyse.html", view=None, text="", published="", title="")


@router.post("/analyse", summary="Analyse a pasted or uploaded article without storing it", response_model=None)
async def analyse_page(request: Request, text: Annotated[str, Form(max_length=1_000_000)] = "",
                       published: Annotated[str, Form(max_length=10)] = "",
                       title: Annotated[str, Form(max_length=500)] = "",
                       upload: Annotated[UploadFile | None, File()] = None) -> Response:
    doc = await analyse_input(request, text, published, title, upload)
    record = await request.app.state.web.analyze(doc)
    _, view = data.analysed(doc, record)
    html = render(view["article"]["text"], view["_marks"]) if view is not None else None
    return page(request, "analyse.html", view=view, html=html, error=record.get("error"), text=doc.text,
                published=doc.published or "", title=doc.title or "")


@router.post("/analyse/store", summary="Analyse an article and store it", response_model=None)
async def store_page(request: Request, text: Annotated[str, Form(max_length=1_000_000)] = "",
                     published: Annotated[str, Form(max_length=10)] = "",
                     title: Annotated[str, Form(max_length=500)] = "") -> Response:
    doc = await analyse_input(request, text, published, title, None)
    aid = await store_analysed(request, doc)
    return RedirectResponse(f"/article/{aid}", status_code=303)
