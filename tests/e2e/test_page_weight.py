"""What a phone downloads: pages without charts stay under 60 KB transferred, assets included,
and only pages that draw charts load the chart library."""

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
        context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True)
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


def test_chart_library_loads_only_when_a_chart_comes_into_view(fresh_phone, live_server):
    page = fresh_phone()
    page.goto(live_server + "/reception", wait_until="networkidle")
    # On a phone /reception's charts start screens below the tables: neither a chart nor plotly.js is
    # fetched while the page loads.
    first = page.locator("section.chart").first
    assert first.evaluate("e => e.getBoundingClientRect().top") > page.viewport_size["height"]
    assert not any("plotly" in name for name in page.evaluate(TRANSFERRED)["names"])
    assert page.locator(".js-plotly-plot").count() == 0
    first.scroll_into_view_if_needed()
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
    assert any("plotly" in name for name in page.evaluate(TRANSFERRED)["names"])
