"""The web app under hostile requests (issue 12): an analysis never stops the other pages, takes at most its
timeout, queues boundedly; odd parameters get 422, never a page built from them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newsgraph.config import Settings
from newsgraph.pipeline.analyzer import Analyzer
from newsgraph.store.db import Store
from newsgraph.web import create_app
from newsgraph.web.runner import AnalysisRunner
from webstore import serving

SUBJECTS = ["Kenya", "Ethiopia", "The president of Uganda", "Officials in Nairobi", "The United Nations", "Somalia"]
VERBS = ["praised", "condemned", "met", "criticized", "thanked", "accused"]


def long_article(sentences: int) -> str:
    """Our own sentences, enough of them that analysing them takes several seconds."""
    return " ".join(f"{SUBJECTS[n % 6]} {VERBS[(n // 6) % 6]} {SUBJECTS[(n + 2) % 6].lower()} on Monday, "
                    f"the foreign ministry said in its statement number {n}." for n in range(sentences))


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "empty.duckdb"
    with Store(db) as store:
        _ = store.con
    return db


# --- 13. parameters that name nothing get 422 ----------------------------------------------------------------------

INVALID = [
    "/api/events?limit=-1", "/api/errors?limit=-1",
    "/events?offset=99999999999999999999", "/api/events?offset=99999999999999999999",
    "/api/events?quad=9", "/events?quad=9", "/map?quad=9",
    "/api/events?since=2024-05&until=2024-01", "/events?since=2024-05&until=2024-01",
    "/api/quotes?since=2024-05&until=2024-01", "/api/dyads/KEN/ETH?since=2024&until=2023",
    "/network?since=2024-05&until=2024-01",
    "/api/events?since=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94",  # full-width digits
    "/events?until=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%94-01",
    "/api/actors/KEN%00", "/actor/KEN%00", "/article/abc%00", "/api/articles/abc%00", "/dyad/KE%00N/ETH",
    "/api/dyads/KEN/ET%00H", "/api/events?source=KEN%00", "/api/articles?contains=%0A%00",
]


@pytest.mark.parametrize("url", INVALID)
def test_bad_parameters_get_422(empty_store: Path, url: str) -> None:
    with TestClient(create_app(empty_store), raise_server_exceptions=False) as client:
        response = client.get(url)
    assert response.status_code == 422, (url, response.status_code, response.text[:300])


def test_good_parameters_still_answer(empty_store: Path) -> None:
    with TestClient(create_app(empty_store)) as client:
        for url in ("/api/events?quad=3&since=2024-01&until=2024-01", "/events?offset=50&quad=1",
                    "/api/dyads/KEN/ETH?since=2023&until=2024", "/api/actors/KEN", "/network?since=2024"):
            assert client.get(url).status_code in {200, 404}, url


# --- 9. analyses run off the event loop, bounded and with a timeout ------------------------------------------------

@pytest.fixture(scope="module")
def server(empty_store: Path, analyzer: Analyzer) -> Iterator[tuple[str, object]]:
    nlp = analyzer.nlp  # the session's loaded pipeline, with a short time budget
    app = create_app(empty_store, make_analyzer=lambda: Analyzer(Settings(time_budget=3.0), nlp=nlp),
                     analysis_timeout=3.0)
    with serving(app) as url:
        yield url, app


def _post_in_background(url: str, **kwargs: object) -> tuple[threading.Thread, dict[str, object]]:
    result: dict[str, object] = {}

    def run() -> None:
        started = time.monotonic()
        response = httpx.post(url, timeout=120, **kwargs)  # type: ignore[arg-type]
        result.update(status=response.status_code, text=response.text, seconds=time.monotonic() - started)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def test_pages_answer_while_an_analysis_runs_and_it_ends_in_504(server: tuple[str, object]) -> None:
    base, _ = server
    httpx.post(f"{base}/api/analyse", json={"text": "Kenya praised Ethiopia on Monday."}, timeout=120)  # load
    thread, result = _post_in_background(f"{base}/analyse", data={"text": long_article(4000)})
    time.sleep(0.5)
    for url in ("/api/overview", "/", "/events", "/api/events?limit=5"):
        response = httpx.get(f"{base}{url}", timeout=60)
        assert response.status_code == 200, url
        assert thread.is_alive(), f"{url} was answered only after the analysis ended: the analysis blocked it"
    thread.join(timeout=120)
    assert result["status"] == 504, result
    assert "longer than 3 seconds" in str(result["text"])


def test_analyses_queue_boundedly(server: tuple[str, object], analyzer: Analyzer) -> None:
    base, app = server
    web = app.state.web  # type: ignore[attr-defined]
    previous = web.runner
    previous.wait_idle(120)  # the last test's abandoned analysis runs on to its budget on the same pipeline
    web.runner = AnalysisRunner(lambda: Analyzer(Settings(time_budget=3.0), nlp=analyzer.nlp), 3.0, waiting=0)
    try:
        first, first_result = _post_in_background(f"{base}/api/analyse", json={"text": long_article(4000)})
        time.sleep(1.0)
        second = httpx.post(f"{base}/api/analyse", json={"text": "Kenya praised Ethiopia."}, timeout=60)
        assert first.is_alive()
        assert second.status_code == 503 and second.headers.get("retry-after"), second.text
        first.join(timeout=120)
        assert first_result["status"] in {200, 504}
        deadline = time.monotonic() + 90  # the abandoned analysis stops at its time budget and frees the worker
        while (ok := httpx.post(f"{base}/api/analyse", json={"text": "Kenya praised Ethiopia on Monday."},
                                timeout=60)).status_code == 503 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert ok.status_code == 200 and ok.json()["record"]["actors"]
    finally:
        web.runner.close()
        web.runner = previous
