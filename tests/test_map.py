"""The world map (issue 18, item 2): country geography from installed packages (never the network), the Equal
Earth projection, the per-country and per-place counts, the Map page and its API, and ``newsgraph plot map``."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.analysis import query
from newsgraph.analysis.maps import X_MAX, Y_MAX, equal_earth, projected_outlines, world_map
from newsgraph.analysis.plot import map_chart
from newsgraph.kb.geo import countries, fips_code, outlines
from newsgraph.store.db import Store
from newsgraph.web import create_app
from webstore import build_web_store

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402


def test_country_codes_and_factbook_points() -> None:
    geo = countries()
    assert (geo["KEN"].iso2, geo["KEN"].fips, geo["KEN"].lat, geo["KEN"].lon) == ("KE", "KE", 1.0, 38.0)
    # GDELT's FIPS 10-4 codes differ from ISO where it matters most
    assert [fips_code(c) for c in ("DEU", "CHN", "RUS", "GBR", "USA")] == ["GM", "CH", "RS", "UK", "US"]
    assert fips_code("XKX") == "KV" and fips_code("EUR") is None and fips_code(None) is None
    assert len(outlines()) >= 170
    lon, lat = zip(*outlines()["KEN"][0], strict=True)
    assert 33 < min(lon) < max(lon) < 42.5 and -5 < min(lat) < max(lat) < 6


def test_equal_earth_projection() -> None:
    assert equal_earth(0, 0) == (0.0, 0.0)
    x, y = equal_earth(30, 45)
    assert equal_earth(-30, -45) == pytest.approx((-x, -y))
    assert abs(X_MAX - 2.7066) < 1e-3 and abs(Y_MAX - 1.3174) < 1e-3
    # equal area: a one-degree cell near the pole has the area of one at the equator times cos(latitude)
    def cell(lat: float) -> float:
        (x0, y0), (x1, y1) = equal_earth(0, lat), equal_earth(1, lat + 1)
        return (x1 - x0) * (y1 - y0)
    assert cell(60) / cell(0) == pytest.approx(0.5, rel=0.03)
    order = [code for code, _ in projected_outlines()]
    assert order.index("ZAF") < order.index("LSO")  # the enclave is drawn after (on top of) its neighbour


@pytest.fixture(scope="module")
def map_db(tmp_path_factory, analyzer) -> Path:
    return build_web_store(tmp_path_factory.mktemp("map"), analyzer)


@pytest.fixture(scope="module")
def client(map_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(map_db)) as c:
        yield c


@pytest.mark.slow
def test_counts_follow_the_counting_rules(map_db: Path) -> None:
    with Store(map_db, read_only=True) as store:
        active = {r["country"]: r for r in query.country_activity(store).to_pylist()}
        # one row per (event, country) among asserted, non-negated events of a story's first article
        expected = store.scalar("""
            SELECT count(*) FROM (
              SELECT article_id, event_no, source_country AS c FROM event_dyads
              WHERE modality = 'asserted' AND NOT negated AND article_id = story_id AND source_country = 'KEN'
              UNION SELECT article_id, event_no, target_country FROM event_dyads
              WHERE modality = 'asserted' AND NOT negated AND article_id = story_id AND target_country = 'KEN')""")
        assert active["KEN"]["events"] == expected > 0
        assert active["KEN"]["cooperation"] + active["KEN"]["conflict"] <= active["KEN"]["events"]
        early = {r["country"] for r in query.country_activity(store, until="2024-03").to_pylist()}
        assert "KEN" in early and len(early) < len(active)
        world = world_map(store, metric="goldstein")
        assert world.value("KEN") == active["KEN"]["goldstein_mean"]
        places = query.event_places(store).to_pylist()
        assert places and all(p["events"] >= 1 and -90 <= p["lat"] <= 90 for p in places)
        with pytest.raises(ValueError):
            world_map(store, metric="area")


@pytest.mark.slow
def test_map_page_shades_countries_and_links_them(client: TestClient) -> None:
    page = client.get("/map")
    assert page.status_code == 200
    html = page.text
    assert len(re.findall(r'<path class="country"', html)) >= 170
    shaded = re.search(r'<a href="/actor/KEN"><path class="country" data-code="KEN" d="M[^"]+" fill="(#[0-9a-f]{6})"',
                       html)
    assert shaded and shaded.group(1) != "#e4e4e4"
    assert re.search(r'data-code="GRL" d="M[^"]+" fill="#e4e4e4"', html)  # no events: grey, no link
    assert '<circle class="place"' in html and 'href="/events?place=' in html
    assert 'href="/dyad/KEN/ETH"' in html and "cdn" not in html.lower()
    api = client.get("/api/map", params={"metric": "goldstein", "since": "2024"}).json()
    assert {"countries", "places", "dyads", "metric"} <= set(api) and api["metric"] == "goldstein"
    assert client.get("/map", params={"metric": "area"}).status_code == 422
    assert client.get("/map", params={"quad": 5}).status_code == 422
    place = re.search(r'href="/events\?place=([^"]+)"', html)
    assert place is not None
    events = client.get(f"/events?place={place.group(1)}")
    assert events.status_code == 200 and "evidence-link" in events.text


@pytest.mark.slow
def test_plot_map_writes_an_image(map_db: Path, tmp_path: Path) -> None:
    with Store(map_db, read_only=True) as store:
        shaded, places = map_chart(store, tmp_path / "map.png")
        assert shaded >= 5 and places >= 1
        map_chart(store, tmp_path / "map.svg", metric="goldstein", since="2024-01", until="2024-12")
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "map.svg").read_text(encoding="utf-8")
