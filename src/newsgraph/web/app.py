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

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.errors import NewsgraphError
from newsgraph.store.db import Store, StoreBusyError
from newsgraph.web.markup import QUAD_NAMES

HERE = Path(__file__).resolve().parent
MAX_BODY = 1_000_000
RETRY_AFTER = 5
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


@dataclass
class WebConfig:
    db_path: Path
    wait: float = 3.0  # seconds a request waits for a store an ingest is writing
    max_body: int = MAX_BODY
    make_analyzer: Callable[[], Any] | None = None  # () -> Analyzer, called on the first analysis
    _analyzer: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def analyze(self, doc: Any) -> dict[str, Any]:
        """Analyse one document (one at a time: a spaCy pipeline is not shared between threads)."""
        with self._lock:
            if self._analyzer is None:
                if self.make_analyzer is None:
                    from newsgraph.analyze import Analyzer

                    self._analyzer = Analyzer()
                else:
                    self._analyzer = self.make_analyzer()
            record: dict[str, Any] = self._analyzer.analyze_one(doc)
            return record


class BodyTooLarge(HTTPException):
    """Raised while a body streams past the limit (an HTTP error, so FastAPI's body parsing passes it on)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit:,} bytes; send a shorter text or file")


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes: at once when Content-Length says so, else while streaming."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        response = _problem_response(scope["path"], 413, "Request too large", BodyTooLarge(self.limit).detail)
        await response(scope, _nothing, send)


class SecurityHeaders:
    """Add the Content-Security-Policy and friends to every response that does not set them."""

    HEADERS = ((b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer"))

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {name.lower() for name, _ in headers}
                headers.extend((name, value) for name, value in self.HEADERS if name not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


async def _nothing() -> Message:
    return {"type": "http.disconnect"}


def _wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/api"


def _problem_response(path: str, status: int, title: str, detail: Any,
                      headers: dict[str, str] | None = None) -> Response:
    if _wants_json(path):
        return JSONResponse({"error": title, "detail": detail}, status_code=status, headers=headers)
    template = TEMPLATES.get_template("error.html")
    html = template.render(title=title, detail=detail if isinstance(detail, str) else None,
                           problems=detail if isinstance(detail, list) else None, status=status)
    return HTMLResponse(html, status_code=status, headers=headers)


def problem(request: Request, status: int, title: str, detail: Any,
            headers: dict[str, str] | None = None) -> Response:
    return _problem_response(request.url.path, status, title, detail, headers)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["signed"] = lambda v: "" if v is None else f"{float(v):+.1f}"
    env.globals["quad_names"] = QUAD_NAMES
    return env


TEMPLATES = Jinja2Templates(env=_environment())


def open_store(request: Request) -> Iterator[Store]:
    """The per-request read-only store (a FastAPI dependency): opened here, closed when the response is done."""
    config: WebConfig = request.app.state.web
    store = Store(config.db_path, read_only=True, wait=config.wait)
    try:
        _ = store.con
        yield store
    finally:
        store.close()


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
               make_analyzer: Callable[[], Any] | None = None) -> FastAPI:
    """The application over the store at ``db_path`` (read per request; written only by "store it")."""
    from newsgraph.web import api, pages

    app = FastAPI(title="newsgraph", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Read-only views of a newsgraph store: articles with what was read from them, "
                              "events, actors, dyads, the country network; and analysis of a pasted article.")
    app.state.web = WebConfig(Path(db_path), wait=wait, max_body=max_body, make_analyzer=make_analyzer)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    _install_handlers(app)

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=max_body)
    return app
