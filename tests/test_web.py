"""The web UI and JSON API (``newsgraph serve``) in-process with FastAPI's TestClient (httpx), against a store
built from the bundled examples: every page and endpoint, the API returning what the pages show, escaping of
hostile text, request size limits, the 503 while another process holds the store, and schemathesis against the
OpenAPI description (no 5xx)."""

from __future__ import annotations

import re
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from corpus import holding_store
from newsgraph.analysis import query
from newsgraph.store.db import Store
from newsgraph.vocab import QUADS
from newsgraph.web import create_app
from webstore import HOSTILE_ID, HOSTILE_TEXT, build_web_store

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402  (after the filter: starlette warns on import)

PAGES = ["/", "/articles", "/events", "/actors", "/network", "/map", "/analyse", "/actor/KEN", "/dyad/KEN/ETH",
         "/article/2024-02-21_state_visit.txt", f"/article/{HOSTILE_ID}"]


@pytest.fixture(scope="module")
def web_db(tmp_path_factory, analyzer) -> Path:
    return build_web_store(tmp_path_factory.mktemp("web"), analyzer)


@pytest.fixture(scope="module")
def client(web_db: Path, analyzer) -> Iterator[TestClient]:
    with TestClient(create_app(web_db, make_analyzer=lambda: analyzer)) as c:
        yield c


@pytest.fixture
def scratch(web_db: Path, tmp_path: Path, analyzer) -> TestClient:
    """A client over a copy of the store, for tests that write."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(web_db, copy)
    return TestClient(create_app(copy, make_analyzer=lambda: analyzer))


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert '<script src="/static/app.js" defer></script>' in response.text
    assert len(re.findall(r"<script\b", response.text)) == 1  # ours, and no other


def test_static_assets_are_served(client: TestClient) -> None:
    for asset in ("/static/style.css", "/static/app.js", "/static/favicon.svg"):
        assert client.get(asset).status_code == 200
    assert "http" not in client.get("/static/style.css").text  # nothing fetched from elsewhere


def test_quad_badges_take_the_chart_colours(client: TestClient) -> None:
    css = client.get("/quads.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    for quad in QUADS:
        assert f".quad.q{quad.code} {{ background: {quad.colour};" in css.text
    assert '<link rel="stylesheet" href="/quads.css">' in client.get("/").text


def test_overview_page_and_api_agree(client: TestClient, web_db: Path) -> None:
    api = client.get("/api/overview").json()
    with Store(web_db, read_only=True) as store:
        assert api["counts"] == query.overview(store)
    assert api["counts"]["articles"] == 12 and api["counts"]["events"] > 20
    page = client.get("/").text
    assert f"{api['counts']['events']:,}</span> events" in page
    for dyad in api["dyads"]:
        assert f"/dyad/{dyad['source_country']}/{dyad['target_country']}" in page
    for event in api["events"]:
        assert f"/article/{event['article_id']}#event-{event['event_no']}" in page


def test_article_marks_every_kind_with_its_codes(client: TestClient) -> None:
    view = client.get("/api/articles/2024-02-21_state_visit.txt").json()
    text = view["article"]["text"]
    kinds = {m["kind"] for m in view["marks"]}
    assert {"actor", "quote", "speaker", "trigger", "time", "amount", "place"} <= kinds
    for mark in view["marks"]:
        assert 0 <= mark["start"] < mark["end"] <= len(text)
    trigger = next(m for m in view["marks"] if m["kind"] == "trigger")
    labels = dict(trigger["details"])
    event = view["events"][0]
    assert labels["CAMEO"] == event["cameo"] and labels["PLOVER"].startswith(event["plover"])
    assert labels["Goldstein"] == str(event["goldstein"]) and labels["rule"] == event["pattern"]
    assert "nsubj" in labels["how"] or "dobj" in labels["how"]  # the parse path that found source or target
    actor = next(m for m in view["marks"] if m["kind"] == "actor" and m["link"])
    assert dict(actor["details"])["actor"].endswith(f"({actor['link'].rsplit('/', 1)[1]})")
    page = client.get("/article/2024-02-21_state_visit.txt").text
    assert page.count('class="mk ') >= len({m["start"] for m in view["marks"]})
    assert 'data-marks="e0' in page or ' e0"' in page or ' e0 ' in page
    assert 'id="event-0"' in page and 'id="quote-0"' in page and 'id="detail-e0"' in page
    # the marked text is the article's text: strip our tags, unescape, compare
    body = re.search(r'<div class="text" id="article-text">(.*?)</div>', page, re.S)
    assert body is not None
    import html

    assert html.unescape(re.sub(r"<[^>]+>", "", body.group(1))) == text


def test_events_filters_and_paging(client: TestClient) -> None:
    everything = client.get("/api/events", params={"limit": 500}).json()["rows"]
    assert len(everything) > 20
    kenya = client.get("/api/events", params={"source": "KEN", "limit": 500}).json()["rows"]
    assert kenya and all(r["source_country"] == "KEN" or "ken" in (r["source"] or "").lower() for r in kenya)
    consult = client.get("/api/events", params={"plover": "consult", "limit": 500}).json()["rows"]
    assert consult and all(r["plover"] == "CONSULT" for r in consult)
    cameo = client.get("/api/events", params={"cameo": "04", "limit": 500}).json()["rows"]
    assert cameo and all(r["cameo"].startswith("04") for r in cameo)
    dated = client.get("/api/events", params={"since": "2024-03", "until": "2024-06", "limit": 500}).json()["rows"]
    assert dated and all("2024-03-01" <= r["day"] < "2024-07-01" for r in dated)
    intents = client.get("/api/events", params={"modality": "intent", "limit": 500}).json()["rows"]
    assert all(r["modality"] == "intent" for r in intents)
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()
    assert first["more"] and [r["event_no"] for r in first["rows"] + second["rows"]] == [
        r["event_no"] for r in everything[:10]]
    page = client.get("/events", params={"source": "KEN"}).text
    for row in kenya:
        assert f"/article/{row['article_id']}#event-{row['event_no']}" in page
    assert client.get("/events", params={"page": 2}).status_code == 200


def test_actor_and_dyad_pages(client: TestClient) -> None:
    actor = client.get("/api/actors/KEN").json()
    assert actor["actor"]["name"] == "Kenya"
    assert actor["did"] and actor["relations"]
    assert any(r["country"] == "ETH" for r in actor["relations"])
    dyad = client.get("/api/dyads/ken/eth", params={"by": "month"}).json()
    assert dyad["a"] == "KEN" and dyad["series"] and dyad["events"]
    assert all({r["source_country"], r["target_country"]} == {"KEN", "ETH"} for r in dyad["series"])
    page = client.get("/dyad/KEN/ETH").text
    assert "<svg" in page and "<rect" in page and "<circle" in page  # bars, and the mean Goldstein points
    network = client.get("/network", params={"since": "2024", "until": "2024"}).text
    assert 'href="/dyad/KEN/ETH"' in network and 'href="/actor/KEN"' in network


def test_bad_input_is_a_422_not_a_500(client: TestClient) -> None:
    for path, params in [("/api/events", {"since": "2024-13"}), ("/api/events", {"limit": 0}),
                         ("/api/events", {"until": "yesterday"}), ("/api/dyads/KEN/ETH", {"by": "decade"}),
                         ("/events", {"since": "2024-02-30"}), ("/network", {"min_events": -1})]:
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, params, response.text)
    assert client.get("/api/events", params={"since": "2024-13"}).json()["error"] == "Invalid input"
    assert "Invalid input" in client.get("/events", params={"since": "2024-13"}).text
    assert client.get("/api/articles/nothing-here").status_code == 404
    assert client.get("/actor/NOBODY").status_code == 404


def test_sql_in_parameters_is_only_a_value(client: TestClient, web_db: Path) -> None:
    hostile = "KEN' OR 1=1; DROP TABLE events; --"
    assert client.get("/api/events", params={"source": hostile}).json()["rows"] == []
    assert client.get(f"/api/actors/{hostile}").status_code == 404
    with Store(web_db, read_only=True) as store:
        assert store.counts()["events"] > 0


def test_hostile_text_is_escaped(client: TestClient) -> None:
    page = client.get(f"/article/{HOSTILE_ID}").text
    assert "alert('newsgraph-xss')" in HOSTILE_TEXT
    assert "<script>alert" not in page and "<img src=x" not in page and "<script>alert('title-xss')" not in page
    assert "&lt;script&gt;alert(&#39;newsgraph-xss&#39;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#39;title-xss&#39;)" in page  # the title, shown as text
    assert "javascript:" not in page  # a stored url that is not http(s) is not linked
    for path in ("/", "/articles", "/events", "/actor/KEN"):
        assert "<script>alert" not in client.get(path).text
    view = client.get(f"/api/articles/{HOSTILE_ID}").json()
    assert view["article"]["text"] == HOSTILE_TEXT  # the API returns the text unchanged (JSON, not HTML)


def _parts(text: str) -> dict:
    """One hand-built article in the store's row shape (no model needed)."""
    return {
        "articles": [{"article_id": "a", "doc_id": "d", "text": text, "n_chars": len(text)}],
        "actors": [{"actor_id": "KEN", "name": "Kenya", "kind": "state", "country": "KEN", "sector": None}],
        "mentions": [{"mention_no": 0, "start_char": 0, "end_char": 5, "text": "Kenya", "label": "GPE",
                      "actor_id": "KEN", "how": "name"},
                     {"mention_no": 1, "start_char": 90, "end_char": 99, "text": "", "label": "GPE",
                      "actor_id": None, "how": "outside the text"}],
        "quotes": [{"quote_no": 0, "kind": "direct", "content": [[6, 30]], "cue_start": None, "cue_end": None,
                    "cue_text": None, "speaker_text": "Kenya", "speaker_start": 0, "speaker_end": 5,
                    "speaker_actor": "KEN", "addressee_text": None, "addressee_start": None,
                    "addressee_end": None, "addressee_actor": None, "how": "cue"}],
        "events": [],
        "times": [],
        "amounts": [{"start_char": 20, "end_char": 30, "text": text[20:30], "value": 5.0, "unit": "USD",
                     "object": None, "date": "2023", "kind": "money", "high": None, "hedge": None,
                     "year": "2023"}],
        "places": [],
    }


def test_markup_escapes_every_segment_and_nests_overlaps() -> None:
    from newsgraph.web.markup import marks_of, render

    text = "Kenya <b>said</b> & paid $5 <script>x</script>"
    parts = _parts(text)
    marks = marks_of(parts)
    assert [m.id for m in marks] == ["m0", "q0speaker", "q0c0", "n0"]  # the span outside the text is dropped
    html = str(render(text, marks))
    assert "<b>" not in html and "<script>" not in html and "&lt;b&gt;said&lt;/b&gt; &amp;" in html
    assert 'data-marks="q0c0 n0"' in html  # the amount inside the quotation: one segment, both marks
    assert dict(marks[-1].details)["year"] == "2023" and dict(marks[-1].details)["kind"] == "money"
    assert re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text


def test_analyse_does_not_store_and_store_it_does(scratch: TestClient) -> None:
    text = ("Japan and India agreed on Monday to expand defence cooperation, the foreign ministry said. "
            "Prime Minister Fumio Kishida said Japan would send $200 million in credit lines to New Delhi next month.")
    before = scratch.get("/api/overview").json()["counts"]["articles"]
    result = scratch.post("/analyse", data={"text": text, "published": "2024-09-02"})
    assert result.status_code == 200 and 'class="mk ' in result.text and "Store it" in result.text
    api = scratch.post("/api/analyse", json={"text": text, "published": "2024-09-02"}).json()
    assert not api["stored"] and api["record"]["events"] and api["view"]["marks"]
    assert scratch.get("/api/overview").json()["counts"]["articles"] == before
    stored = scratch.post("/analyse/store", data={"text": text, "published": "2024-09-02"}, follow_redirects=False)
    assert stored.status_code == 303 and stored.headers["location"] == f"/article/{api['article_id']}"
    assert scratch.get(stored.headers["location"]).status_code == 200
    assert scratch.get("/api/overview").json()["counts"]["articles"] == before + 1
    again = scratch.post("/api/analyse", json={"text": text, "published": "2024-09-02", "store": True}).json()
    assert again["article_id"] == api["article_id"]
    assert scratch.get("/api/overview").json()["counts"]["articles"] == before + 1  # idempotent


def test_analyse_upload_and_bad_dates(scratch: TestClient) -> None:
    html = (Path(__file__).resolve().parent.parent / "examples" / "state_visit.html").read_bytes()
    result = scratch.post("/analyse", files={"upload": ("page.html", html, "text/html")})
    assert result.status_code == 200 and "Ruto" in result.text and 'class="mk ' in result.text
    assert scratch.post("/analyse", data={"text": "x", "published": "2024-02-30"}).status_code == 422
    assert scratch.post("/analyse", data={"text": "   "}).status_code == 422
    assert scratch.post("/api/analyse", json={"text": ""}).status_code == 422
    binary = scratch.post("/analyse", files={"upload": ("a.txt", b"\x00\x01\x02" * 100, "text/plain")})
    assert binary.status_code == 200 and "E002" in binary.text  # the analysis error, shown; nothing stored


def test_request_size_limits(scratch: TestClient) -> None:
    big = "Kenya and Ethiopia signed a deal. " * 40_000  # 1.36 MB
    response = scratch.post("/api/analyse", json={"text": big})
    assert response.status_code == 413 and "1,000,000 bytes" in response.json()["detail"]
    page = scratch.post("/analyse", data={"text": big})
    assert page.status_code == 413 and "Request too large" in page.text
    upload = scratch.post("/analyse", files={"upload": ("big.txt", big.encode(), "text/plain")})
    assert upload.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while the body streams
        yield b'{"text": "'
        for _ in range(30):
            yield b"x" * 50_000
        yield b'"}'

    streamed = scratch.post("/api/analyse", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_locked_store_answers_503_then_recovers(web_db: Path, tmp_path: Path, analyzer) -> None:
    db = tmp_path / "locked.duckdb"
    shutil.copy(web_db, db)
    client = TestClient(create_app(db, wait=0.5, make_analyzer=lambda: analyzer))
    with holding_store(db):
        api = client.get("/api/overview")
        assert api.status_code == 503 and api.headers["retry-after"]
        assert "ingest is writing" in api.json()["detail"] and "E016" in api.json()["detail"]
        page = client.get("/events")
        assert page.status_code == 503 and "The store is busy" in page.text and "retry" in page.text.lower()
        assert client.get("/static/style.css").status_code == 200  # what needs no store still answers
    assert client.get("/api/overview").status_code == 200


def test_missing_store_is_a_clear_503(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "none.duckdb"))
    response = client.get("/api/overview")
    assert response.status_code == 503 and "newsgraph ingest" in response.json()["detail"]
    assert "newsgraph ingest" in client.get("/").text


# ---- schemathesis: generated requests against the OpenAPI description ------------------------------------------

# The schema is read when this module is imported, from an app whose store is set by the fixture below
# (schemathesis' lazy fixture loader does not work with this pytest).
FUZZ_APP = create_app(Path("not-yet.duckdb"), wait=0.5)
schema = schemathesis.openapi.from_asgi("/openapi.json", FUZZ_APP)


@pytest.fixture(scope="module")
def fuzz_store(web_db: Path, tmp_path_factory, analyzer) -> Path:
    copy = tmp_path_factory.mktemp("schema") / "fuzz.duckdb"  # "store it" may write: fuzz a copy
    shutil.copy(web_db, copy)
    FUZZ_APP.state.web.db_path = copy
    FUZZ_APP.state.web.make_analyzer = lambda: analyzer
    return copy


@pytest.mark.usefixtures("fuzz_store")
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_has_no_server_errors(case) -> None:
    case.call_and_validate(checks=[not_a_server_error])


def test_tone_is_shown_for_articles_and_events(client: TestClient, web_db: Path) -> None:
    with Store(web_db, read_only=True) as store:
        doc_id, tone = store.con.execute("SELECT doc_id, tone FROM articles WHERE doc_id LIKE '2024-02-21%'").fetchone()
    page = client.get(f"/article/{doc_id}").text
    assert 'id="article-tone"' in page and f"tone {tone:+.1f}" in page
    events = client.get("/events").text
    assert '<th title="tone of the sentence' in events
    api = client.get("/api/events", params={"limit": 5}).json()
    assert all("tone" in row for row in api["rows"])
