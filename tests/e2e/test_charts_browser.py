"""Charts in Debian Chromium: every chart is drawn, lazily loaded ones too, under the site's CSP,
with no console error, no request to another host and no horizontal scroll on a 375-px phone."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from portal.services import chart_catalogue
from tests.e2e.conftest import PHONE

PAGES = [("/statistics", 8), ("/budget", 3), ("/voter-meetings", 2), ("/reception", 2)] + [
    (f"/statistics/charts/{name}", 1) for name in chart_catalogue.BUILDERS
]


class Watch:
    """Console errors and requests leaving the portal's host, seen while a page is used."""

    def __init__(self, page, base):
        self.errors, self.foreign = [], []
        host = urlsplit(base).netloc
        # The site has no favicon yet; answering it keeps the console about what this test checks.
        page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
        page.on(
            "console",
            lambda m: self.errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on(
            "request",
            lambda r: self.foreign.append(r.url)
            if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host
            else None,
        )


def draw_everything(page, expected):
    """Scroll each chart into view until htmx has swapped in the lazy ones and plotly has drawn each (a chart
    is drawn only once its top is well inside the screen)."""
    for chart_id in page.eval_on_selector_all("section.chart", "els => els.map(e => e.id)"):
        # Scroll by id, not by element handle: htmx may swap the element while it is scrolled to.
        page.evaluate("id => document.getElementById(id).scrollIntoView()", chart_id)
        # A loaded machine (CI with two workers) can take longer than expect's 5 s to fetch and draw.
        expect(page.locator(f"#{chart_id}.chart-lazy")).to_have_count(0, timeout=30_000)
        page.evaluate("id => document.getElementById(id).scrollIntoView()", chart_id)
        expect(page.locator(f"#{chart_id} .js-plotly-plot")).to_have_count(1, timeout=30_000)
    # Locator waits, not wait_for_function: the page's CSP forbids the eval that one needs.
    expect(page.locator(".js-plotly-plot .main-svg").nth(expected - 1)).to_be_attached()
    return page.locator(".js-plotly-plot").count()


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_every_chart_is_drawn_on_desktop(page, live_server, path, expected):
    watch = Watch(page, live_server)
    page.goto(live_server + path)
    assert draw_everything(page, expected) == expected
    assert page.locator(".chart-nojs").count() == 0
    assert watch.errors == []
    assert watch.foreign == []


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_charts_fit_a_phone(phone_page, live_server, path, expected):
    watch = Watch(phone_page, live_server)
    phone_page.goto(live_server + path)
    assert draw_everything(phone_page, expected) == expected
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    widths = phone_page.eval_on_selector_all(".js-plotly-plot", "els => els.map(e => e.scrollWidth)")
    assert max(widths) <= PHONE["width"]
    assert watch.errors == []
    assert watch.foreign == []


def test_a_chart_fragment_swapped_in_keeps_its_table_and_links(page, live_server):
    page.goto(live_server + "/statistics")
    draw_everything(page, 8)
    section = page.locator("#chart-petition_outcomes")
    assert section.locator("table caption").count() == 1
    assert section.locator("a.chart-csv").get_attribute("href") == "/statistics/charts/petition_outcomes.csv"
    assert "57,8%" in section.locator(".chart-reading").inner_text()


# Every text plotly drew in a chart (tick labels, bar and point labels, annotations, legend), with its box.
CHART_TEXTS = """plots => plots.map(plot => Array.from(plot.querySelectorAll('svg text'))
    .filter(t => t.textContent.trim() && t.getBBox().width > 0)
    .map(t => { const r = t.getBoundingClientRect();
                return {text: t.textContent.trim(), x: r.left, y: r.top, w: r.width, h: r.height}; }))"""


def overlapping(texts: list[dict], slack: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of chart texts whose boxes intersect by more than `slack` pixels each way."""
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > slack and dy > slack:
                pairs.append((a["text"], b["text"]))
    return pairs


@pytest.mark.parametrize("name", list(chart_catalogue.BUILDERS))
def test_chart_texts_do_not_overlap_on_a_phone(phone_page, live_server, name):
    phone_page.goto(live_server + f"/statistics/charts/{name}")
    draw_everything(phone_page, 1)
    per_chart = phone_page.eval_on_selector_all(".js-plotly-plot", CHART_TEXTS)
    assert per_chart and per_chart[0], name
    assert [overlapping(texts) for texts in per_chart] == [[]]
