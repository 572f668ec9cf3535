"""What a phone downloads: pages without charts stay under 60 KB transferred, assets included,
and plotly.js is fetched only when a reader taps or points at a chart (the charts are drawn on the server)."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE

LIMIT = 60 * 1024
PAGES_WITHOUT_CHARTS = [
    "/",
    "/sessions",
    "/sessions/ky-hop-thu-muoi-ba-khoa-xx",
    "/resolutions",
    "/supervision",
    "/petitions",
    "/documents/bao-cao-ket-qua-hoat-dong-nam-2020",
    "/people",
    "/programme/2021",
    "/glossary",
    "/search?q=ngan+sach",
]
TRANSFERRED = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  return {total: nav.transferSize + resources.reduce((n, r) => n + r.transferSize, 0),
          names: resources.map(r => r.name)};
}"""


@pytest.fixture
def fresh_phone(browser):
    # A new context per page: an empty cache, so every asset counts as it would on a first visit.
    contexts = []

    def make():
        context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", PAGES_WITHOUT_CHARTS)
def test_page_without_charts_transfers_at_most_60_kb(fresh_phone, live_server, path):
    page = fresh_phone()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(live_server + path, wait_until="load")
    measured = page.evaluate(TRANSFERRED)
    assert measured["total"] > 1000, "the page and its assets were measured"
    assert measured["total"] <= LIMIT, f"{path}: {measured['total']} bytes"
    assert not any("plotly" in name for name in measured["names"])


@pytest.mark.parametrize("path", ["/statistics", "/reception"])
def test_chart_library_loads_only_when_a_reader_points_at_or_taps_a_chart(fresh_phone, live_server, path):
    page = fresh_phone()
    page.goto(live_server + path, wait_until="networkidle")
    # The charts are drawn on the server: neither plotly.js nor a figure is fetched while the page loads,
    # nor when the charts scroll into view.
    assert page.locator("svg.chart-svg-phone").first.is_visible()
    for chart_id in page.eval_on_selector_all("section.chart", "els => els.map(e => e.id)"):
        # By id, not by element handle: htmx swaps a lazy chart's placeholder for its drawing.
        page.evaluate("id => document.getElementById(id).scrollIntoView()", chart_id)
        expect(page.locator(f"#{chart_id}.chart-lazy")).to_have_count(0, timeout=30_000)
    page.wait_for_load_state("networkidle")
    names = page.evaluate(TRANSFERRED)["names"]
    assert not any("plotly" in name or name.endswith(".json") for name in names)
    assert page.locator(".js-plotly-plot").count() == 0
    # A tap on a chart turns that one chart into the interactive figure.
    page.locator("section.chart .js-chart").last.tap()
    expect(page.locator(".js-plotly-plot")).to_have_count(1, timeout=30_000)
    assert any("plotly" in name for name in page.evaluate(TRANSFERRED)["names"])
