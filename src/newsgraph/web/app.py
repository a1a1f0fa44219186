"""The web UI and JSON API over a newsgraph store: ``create_app(db_path)`` builds the FastAPI application.

How it stays safe and responsive:

1. **One read-only connection per request**, opened when the request needs the store and closed when it ends,
   so an ingest in another process gets the file between requests (see ``store.db``). When an ingest holds the
   file, opening waits ``wait`` seconds, then the request ends in a 503 saying so, with ``Retry-After``.
2. **No SQL from outside**: pages and API call ``store.query`` functions, whose values are bound parameters.
3. **Bounded input**: request bodies larger than ``max_body`` bytes are refused with 413 before they are read
   in full; form and JSON fields are validated (422 with the reason).
4. **Escaped output**: Jinja2 autoescapes every value, article text is marked up segment by segment through
   ``markupsafe.escape`` (``web.markup``), and a Content-Security-Policy allows only our own scripts and styles.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph.errors import NewsgraphError
from newsgraph.store.db import StoreBusyError
from newsgraph.web import api, pages
from newsgraph.web.common import HERE, MAX_BODY, RETRY_AFTER, WebConfig, problem
from newsgraph.web.middleware import BodyLimit, SecurityHeaders
from newsgraph.web.runner import ANALYSIS_TIMEOUT


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(StoreBusyError)
    async def busy(request: Request, err: StoreBusyError) -> Response:
        detail = (f"An ingest is writing to the store right now ({err.code.value}). It releases the file between "
                  f"batches: retry in a few seconds. {err.detail}")
        return problem(request, 503, "The store is busy", detail, {"Retry-After": str(RETRY_AFTER)})

    @app.exception_handler(NewsgraphError)
    async def unusable(request: Request, err: NewsgraphError) -> Response:
        return problem(request, 503, "The store cannot be read", str(err))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        titles = {404: "Not found", 405: "Method not allowed", 413: "Request too large", 422: "Invalid input"}
        return problem(request, err.status_code, titles.get(err.status_code, "Error"), err.detail,
                       dict(err.headers) if err.headers else None)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                    for e in err.errors()]
        return problem(request, 422, "Invalid input", problems)


def create_app(db_path: str | Path, *, wait: float = 3.0, max_body: int = MAX_BODY,
               make_analyzer: Callable[[], Any] | None = None, analysis_timeout: float = ANALYSIS_TIMEOUT) -> FastAPI:
    """The application over the store at ``db_path`` (read per request; written only by "store it")."""
    app = FastAPI(title="newsgraph", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Read-only views of a newsgraph store: articles with what was read from them, "
                              "events, actors, dyads, the country network; and analysis of a pasted article.")
    app.state.web = WebConfig(Path(db_path), wait=wait, max_body=max_body, make_analyzer=make_analyzer,
                              analysis_timeout=analysis_timeout)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    _install_handlers(app)

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=max_body)
    return app
