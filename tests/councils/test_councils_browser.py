"""The portal home, a council's home, the pages of a council that ended and the councils compared, in Chromium at phone and
desktop width: axe-core finds no violation, nothing scrolls sideways, the Nu HTML Checker finds no error."""

from __future__ import annotations

import json

import pytest

from tests.councils.conftest import CITY, WARD
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_public_pages_browser import _save_pages, accessibility_problems, html_errors
from tests.support.live import serve

PAGES = {
    "portal-home": "/",
    "ward-home": f"/{WARD}/",
    "ward-resolutions": f"/{WARD}/resolutions",
    "ended-council-home": f"/{CITY}/",
    "ended-council-petitions": f"/{CITY}/petitions",
    "portal-home-english": "/?lang=en",
    "portal-home-council-found": "/?q=lang+son",
    "council-statistics": "/statistics/councils",
    "council-statistics-sorted-english": "/statistics/councils?sort=letters&lang=en",
}


@pytest.fixture
def portal(app):
    with serve(app) as url:
        yield url


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_council_pages_are_accessible_and_fit(browser, portal, viewport):
    def banner(name, page):
        if name.startswith("ended"):
            assert page.locator(".council-ended").is_visible(), name

    problems = accessibility_problems(browser, portal, PAGES, viewport, check=banner)
    assert problems == {}, json.dumps(problems, ensure_ascii=False)


def test_nu_html_checker_finds_no_errors_on_council_pages(portal, tmp_path):
    _save_pages(portal, PAGES, tmp_path)
    assert html_errors(tmp_path) == [] and len(list(tmp_path.glob("*.html"))) == len(PAGES)


def test_the_ended_banner_leaves_a_phones_first_screen_to_the_page(browser, portal):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{portal}/{CITY}/")
    banner = page.locator(".council-ended")
    basis = banner.get_by_role("link", name="1672/NQ-UBTVQH15")
    assert basis.is_visible() and banner.get_by_text("Đã chấm dứt hoạt động từ 1/7/2025").is_visible()
    # A summary line and a disclosure: at most about three lines of a phone, the heading still on screen.
    assert banner.bounding_box()["height"] <= 96, banner.bounding_box()
    assert page.locator("main h1").bounding_box()["y"] < PHONE["height"] / 2
    details = banner.get_by_text("dữ liệu chưa ghi tên")
    assert not details.is_visible()
    banner.locator("summary").click()
    details.wait_for(state="visible")
    assert banner.get_by_text("Hồ sơ của Hội đồng được lưu giữ").is_visible()
    context.close()
