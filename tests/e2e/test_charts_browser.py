"""Charts in Debian Chromium: every chart is drawn on the server as an SVG (in the page, or in the htmx
fragment that replaces a lazy chart's placeholder) that reads on a 375-px phone and a 1280-px desktop (no two
texts overlap, none is cut off, no horizontal scroll), under the site's CSP, with no console error and no
request to another host; plotly.js replaces a drawing only when a reader points at it."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from portal.services import chart_catalogue
from tests.e2e.conftest import DESKTOP, PHONE

PAGES = [
    ("/statistics", 8),
    ("/budget", 3),
    ("/voter-meetings", 2),
    ("/reception", 2),
    ("/statistics/councils", 1),
    ("/statistics?lang=en", 8),
    ("/budget?lang=en", 3),
] + [(f"/statistics/charts/{name}", 1) for name in chart_catalogue.BUILDERS]


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


# Every text of each chart drawing the reader sees (the phone or the wide one), with its box on the page, and
# the drawing's own box. The page is scrolled to each drawing first: content-visibility lays out what is far
# from the screen only when it comes near.
CHART_TEXTS = """svgs => svgs.filter(svg => svg.getBoundingClientRect().width > 0).map(svg => {
    const frame = svg.getBoundingClientRect();
    return {id: svg.querySelector('title').id,
            frame: {x: frame.left, y: frame.top, w: frame.width, h: frame.height},
            texts: Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim()).map(t => {
                const r = t.getBoundingClientRect();
                return {text: t.textContent.trim(), x: r.left, y: r.top, w: r.width, h: r.height}; })};
})"""


def overlapping(texts: list[dict], slack: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of chart texts whose boxes intersect by more than `slack` pixels each way."""
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            if dx > slack and dy > slack:
                pairs.append((a["text"], b["text"]))
    return pairs


def outside(frame: dict, texts: list[dict], slack: float = 0.5) -> list[str]:
    """Texts that run out of their drawing (cut off by its edge)."""
    return [
        t["text"]
        for t in texts
        if t["x"] < frame["x"] - slack or t["x"] + t["w"] > frame["x"] + frame["w"] + slack
    ]


def drawn_charts(page) -> list[dict]:
    """Scroll to each chart (htmx swaps a lazy one for its drawing when it comes near) and read the texts."""
    for chart_id in page.eval_on_selector_all("section.chart", "els => els.map(e => e.id)"):
        # By id, not by element handle: htmx may swap the element while it is scrolled to.
        page.evaluate("id => document.getElementById(id).scrollIntoView()", chart_id)
        expect(page.locator(f"#{chart_id}.chart-lazy")).to_have_count(0, timeout=30_000)
    return page.eval_on_selector_all("svg.chart-svg", CHART_TEXTS)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_chart_texts_do_not_overlap_and_stay_inside_their_drawing(
    browser, live_server, viewport, path, expected
):
    context = browser.new_context(viewport=viewport, locale="vi-VN", is_mobile=viewport == PHONE)
    page = context.new_page()
    watch = Watch(page, live_server)
    page.goto(live_server + path)
    charts = drawn_charts(page)
    assert len(charts) == expected  # one drawing shown per chart: the phone's or the wide one
    assert all(chart["texts"] for chart in charts)
    assert {c["id"]: overlapping(c["texts"]) for c in charts} == {c["id"]: [] for c in charts}
    assert {c["id"]: outside(c["frame"], c["texts"]) for c in charts} == {c["id"]: [] for c in charts}
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert page.locator(".js-plotly-plot").count() == 0  # nothing pointed at, nothing replaced
    assert watch.errors == []
    assert watch.foreign == []
    context.close()


def test_the_overlap_check_finds_overlapping_chart_texts(page):
    page.set_content(
        '<svg class="chart-svg" width="200" height="60" viewBox="0 0 200 60"><title id="t">x</title>'
        '<text x="10" y="20" font-size="12">98,5%</text><text x="30" y="22" font-size="12">97,5%</text>'
        '<text x="10" y="50" font-size="12">ok</text><text x="190" y="50" font-size="12">cut off</text></svg>'
    )
    (chart,) = page.eval_on_selector_all("svg.chart-svg", CHART_TEXTS)
    assert overlapping(chart["texts"]) == [("98,5%", "97,5%")]
    assert outside(chart["frame"], chart["texts"]) == ["cut off"]


def test_pointing_at_a_chart_replaces_the_drawing_with_the_interactive_figure(page, live_server):
    watch = Watch(page, live_server)
    page.goto(live_server + "/budget", wait_until="networkidle")
    assert page.locator(".js-plotly-plot").count() == 0
    canvas = page.locator("#chart-budget_amounts .js-chart")
    height = canvas.bounding_box()["height"]
    canvas.hover()
    expect(page.locator("#chart-budget_amounts .js-plotly-plot .main-svg").first).to_be_attached(
        timeout=30_000
    )
    assert canvas.get_attribute("role") == "img" and "Thu, chi" in canvas.get_attribute("aria-label")
    assert canvas.bounding_box()["height"] >= height - 1  # the box kept the drawing's height
    assert page.locator(".js-plotly-plot").count() == 1  # only the chart pointed at
    assert watch.errors == []
    assert watch.foreign == []


def test_the_keyboard_reaches_a_chart_and_turns_it_interactive(page, live_server):
    page.goto(live_server + "/statistics/charts/letters")
    page.locator("#chart-letters .js-chart").focus()
    expect(page.locator("#chart-letters .js-plotly-plot")).to_have_count(1, timeout=30_000)


def test_a_chart_swapped_in_keeps_its_table_and_links(page, live_server):
    page.goto(live_server + "/statistics")
    drawn_charts(page)
    section = page.locator("#chart-petition_outcomes")
    assert section.locator("table caption").count() == 1
    assert section.locator("a.chart-csv").get_attribute("href") == "/statistics/charts/petition_outcomes.csv"
    assert "57,8%" in section.locator(".chart-reading").text_content()
    assert "57,8% đã giải quyết" in section.locator("svg.chart-svg-wide").text_content()
