"""Data tables on a phone: every table scrolls inside its own box, its caption stays on screen, and a
table wider than the phone says so and keeps its first column in view while it scrolls."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE

PAGES = [
    "/",
    "/reception",
    "/budget",
    "/voter-meetings",
    "/petitions",
    "/people",
    "/statistics",
    "/sessions/ky-hop-thu-muoi-ba-khoa-xx",
    "/api/",
]

OVERFLOWING = re.compile(r"\bis-overflowing\b")
MEASURE = """() => [...document.querySelectorAll('main table')].map(table => {
  const box = table.closest('.table-scroll');
  const figure = table.closest('.table-figure');
  const caption = figure && figure.querySelector('.table-caption');
  const cue = figure && figure.querySelector('.scroll-cue');
  const first = table.querySelector('tbody tr > :first-child');
  const visible = el => !!el && el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
  return {
    caption: table.querySelector('caption') ? table.querySelector('caption').textContent.trim() : null,
    inBox: !!box,
    overflowing: box ? box.scrollWidth > box.clientWidth + 1 : null,
    cueVisible: visible(cue),
    captionRight: caption && visible(caption) ? caption.getBoundingClientRect().right : 0,
    sticky: first ? getComputedStyle(first).position : null,
  };
})"""


@pytest.mark.parametrize("path", PAGES)
def test_tables_scroll_in_their_box_with_a_cue_and_a_fixed_first_column(browser, live_server, path):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True)
    page = context.new_page()
    page.goto(live_server + path)
    page.wait_for_load_state("load")
    page.evaluate("document.querySelectorAll('details.chart-table').forEach(d => { d.open = true; })")
    # A table is measured when its part of the page comes near the screen (app.js, content-visibility in
    # site.css): bring each into view, then wait for its box to say whether it overflows.
    boxes = page.locator(".table-scroll")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        box.scroll_into_view_if_needed()
        wide = box.evaluate("b => b.scrollWidth > b.clientWidth + 1")
        if wide:
            expect(box).to_have_class(OVERFLOWING)
        else:
            expect(box).not_to_have_class(OVERFLOWING)
    tables = page.evaluate(MEASURE)
    assert tables, path
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for table in tables:
        assert table["inBox"] and table["caption"], (path, table)
        assert table["captionRight"] <= PHONE["width"], (path, table)
        assert table["sticky"] in ("sticky", None), (path, table)
        if table["overflowing"]:
            assert table["cueVisible"], (path, table)
    context.close()
