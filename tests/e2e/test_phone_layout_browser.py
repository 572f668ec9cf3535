"""On a phone the header is one short line, every section is one tap away behind "Menu" (also without
JavaScript), and a list's results come before its filters, which fold behind "Lọc kết quả"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.records import NAVIGATION
from tests.e2e.conftest import DESKTOP, PHONE


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_phone_header_is_short_and_its_menu_shows_every_section(browser, live_server, javascript):
    context = browser.new_context(
        viewport=PHONE, locale="vi-VN", is_mobile=True, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(live_server + "/resolutions")
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] <= 120
    menu = page.locator("details.phone-menu")
    links = menu.locator("nav a")
    expect(links.first).to_be_hidden()
    menu.locator("summary").click()
    expect(links).to_have_count(len(NAVIGATION))
    for i in range(len(NAVIGATION)):
        expect(links.nth(i)).to_be_visible()
    expect(menu.locator("input[type=search]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    links.filter(has_text="Ngân sách").click()
    expect(page).to_have_url(live_server + "/budget")
    context.close()


def test_phone_list_shows_results_first_with_the_filters_folded(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True)
    page = context.new_page()
    page.goto(live_server + "/sessions?kind=regular")
    summary = page.locator("details.filter-panel summary")
    expect(summary).to_have_text("Lọc kết quả (1)")
    expect(page.locator("#loc-kind")).to_be_hidden()
    first_result = page.locator("#results .card").first.bounding_box()
    assert first_result["y"] < PHONE["height"]  # a result on the first screen
    summary.click()
    expect(page.locator("#loc-kind")).to_have_value("regular")
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_desktop_shows_the_section_bar_and_open_filters(browser, live_server, javascript):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server + "/sessions")
    expect(page.locator("nav.site-nav a")).to_have_count(len(NAVIGATION))
    expect(page.locator("nav.site-nav a").first).to_be_visible()
    expect(page.locator("details.phone-menu")).to_be_hidden()
    expect(page.locator("#loc-kind")).to_be_visible()
    expect(page.locator("details.filter-panel summary")).to_be_hidden()
    context.close()
