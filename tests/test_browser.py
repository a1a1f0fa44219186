"""The web UI in a real browser: Playwright drives Debian's chromium against a uvicorn server on a free port,
over a store built from the bundled examples. Loads every page, clicks through article → event → actor → dyad,
checks that hostile text stays inert, analyses and stores a pasted article; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (`make test` installs it)",
                allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from newsgraph.web import create_app  # noqa: E402
from webstore import HOSTILE_ID, build_web_store, serving  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PAGES = {"overview": "/", "articles": "/articles", "events": "/events", "actors": "/actors",
         "actor": "/actor/KEN", "dyad": "/dyad/KEN/ETH", "network": "/network", "map": "/map", "analyse": "/analyse",
         "article": "/article/2024-02-21_state_visit.txt"}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, analyzer) -> Iterator[str]:
    db = build_web_store(tmp_path_factory.mktemp("browser"), analyzer)
    with serving(create_app(db, make_analyzer=lambda: analyzer)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    tab.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error"
           else None)
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("request", lambda req: None if req.url.startswith(base_url) else problems.append(f"outside: {req.url}"))
    yield tab
    context.close()
    assert not problems, problems


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads(page: Page, name: str) -> None:
    response = page.goto(PAGES[name])
    assert response is not None and response.status == 200
    expect(page.locator("header.top")).to_be_visible()
    expect(page.locator("main h1")).to_be_visible()
    if name in ("dyad", "network", "map"):
        expect(page.locator("figure.chart-box svg")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_click_through_article_event_actor_dyad(page: Page) -> None:
    page.goto("/events?source=KEN")
    page.locator("a.evidence-link").first.click()
    expect(page).to_have_url(re.compile(r"/article/[0-9a-f]+#event-\d+$"))
    event_id = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"#{event_id}")).to_be_visible()
    # hovering a trigger shows its codes, the resolved actors and the rule
    trigger = page.locator(".mk.k-trigger").first
    trigger.hover()
    details = page.locator("#mark-details")
    expect(details).to_contain_text("CAMEO")
    expect(details).to_contain_text("PLOVER")
    expect(details).to_contain_text("Goldstein")
    expect(details).to_contain_text("rule")
    trigger.click()
    page.screenshot(path=str(ARTIFACTS / "click-article-event.png"))
    # an actor mark shows the resolved actor
    page.locator(".mk.k-actor").first.click()
    expect(details).to_contain_text("actor")
    # the event's source actor → its page
    page.locator(f"#{event_id} a[href^='/actor/']").first.click()
    expect(page).to_have_url(re.compile(r"/actor/"))
    expect(page.locator("h2", has_text="Strongest relations")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "click-actor.png"), full_page=True)
    # a relation → the dyad over time
    page.locator("a.dyad-link").first.click()
    expect(page).to_have_url(re.compile(r"/dyad/[A-Z]+/[A-Z]+"))
    expect(page.locator("#dyad-chart svg rect").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "click-dyad.png"), full_page=True)


def test_map_click_through_country_place_and_dyad(page: Page) -> None:
    page.goto("/map?metric=goldstein")
    expect(page.locator("#world-map svg path.country").first).to_be_visible()
    assert page.locator("#world-map svg path.country").count() >= 170
    page.screenshot(path=str(ARTIFACTS / "map-goldstein.png"), full_page=True)
    page.goto("/map")
    # a shaded country whose middle no event-place dot covers (dots sit on top of countries, as they should)
    code = page.evaluate("""() => {
        for (const path of document.querySelectorAll('#world-map a[href^="/actor/"] path.country')) {
            const box = path.getBoundingClientRect();
            if (document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === path) {
                return path.dataset.code;
            }
        }
        return null;
    }""")
    assert code, "no shaded country can be clicked"
    country = page.locator(f"#world-map svg path.country[data-code={code}]")
    country.hover()
    page.screenshot(path=str(ARTIFACTS / "map-hover.png"))
    country.click()
    expect(page).to_have_url(re.compile(f"/actor/{code}$"))
    page.go_back()
    page.locator("#world-map svg circle.place").first.click(force=True)
    expect(page).to_have_url(re.compile(r"/events\?place="))
    expect(page.locator("a.evidence-link").first).to_be_visible()
    page.goto("/map")
    page.locator("#map-dyads a").first.click()
    expect(page).to_have_url(re.compile(r"/dyad/[A-Z]+/[A-Z]+"))
    page.goto("/map?since=2099")
    expect(page.locator("#map-countries")).to_contain_text("no counted events")


def test_hostile_article_is_inert(page: Page) -> None:
    page.goto(f"/article/{HOSTILE_ID}")
    text = page.locator("#article-text")
    expect(text).to_contain_text("<script>alert('newsgraph-xss')</script>")
    expect(text).to_contain_text("<img src=x onerror=")
    expect(page.locator("main h1")).to_contain_text("<script>alert('title-xss')</script>")
    assert page.locator("main script").count() == 0 and page.locator("main img").count() == 0
    page.locator(".mk").first.hover()
    page.screenshot(path=str(ARTIFACTS / "hostile.png"), full_page=True)
    # the page fixture fails the test if any dialog opened or script error happened


def test_analyse_then_store(page: Page) -> None:
    page.goto("/analyse")
    page.fill("textarea[name=text]", "Brazil and Argentina signed a trade agreement in Brasilia on Friday. "
                                     "President Lula said Brazil would send a delegation to Buenos Aires.")
    page.fill("input[name=published]", "2024-10-04")
    page.click("#analyse-button")
    expect(page.locator("#article-text .mk.k-trigger").first).to_be_visible()
    expect(page.locator("h2", has_text="not stored")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "analyse.png"), full_page=True)
    page.click("#store-button")
    expect(page).to_have_url(re.compile(r"/article/[0-9a-f]{32}$"))
    expect(page.locator("#article-text")).to_contain_text("Brazil and Argentina")


def test_legend_hides_a_kind(page: Page) -> None:
    page.goto(PAGES["article"])
    page.locator("#legend input[data-kind=quote]").uncheck()
    expect(page.locator("#article-text")).to_have_class(re.compile("hide-quote"))
