"""What the pages and the API share: the per-request store, templates, the problem responses and the settings of
one running app (``WebConfig``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsgraph.store.db import Store
from newsgraph.vocab import QUAD_LABELS
from newsgraph.web.runner import ANALYSIS_TIMEOUT, AnalysisRunner

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
    analysis_timeout: float = ANALYSIS_TIMEOUT
    runner: AnalysisRunner = field(init=False)

    def __post_init__(self) -> None:
        # asked on the first analysis (a test may set ``make_analyzer`` after the app is built); None: the runner
        # builds its own analyzer, with the timeout as its time budget
        self.runner = AnalysisRunner(lambda: self.make_analyzer() if self.make_analyzer else None,
                                     self.analysis_timeout)

    async def analyze(self, doc: Any) -> dict[str, Any]:
        """Analyse one document off the event loop (see ``web.runner``: bounded, with a timeout)."""
        return await self.runner.analyze(doc)


def _wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/api"


def problem_response(path: str, status: int, title: str, detail: Any,
                      headers: dict[str, str] | None = None) -> Response:
    if _wants_json(path):
        return JSONResponse({"error": title, "detail": detail}, status_code=status, headers=headers)
    template = TEMPLATES.get_template("error.html")
    html = template.render(title=title, detail=detail if isinstance(detail, str) else None,
                           problems=detail if isinstance(detail, list) else None, status=status)
    return HTMLResponse(html, status_code=status, headers=headers)


def problem(request: Request, status: int, title: str, detail: Any,
            headers: dict[str, str] | None = None) -> Response:
    return problem_response(request.url.path, status, title, detail, headers)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["signed"] = lambda v: "" if v is None else f"{float(v):+.1f}"
    env.globals["quad_names"] = QUAD_LABELS
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
