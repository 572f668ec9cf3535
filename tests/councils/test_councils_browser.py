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
