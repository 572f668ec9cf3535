"""The portal home, a council's home and the pages of a council that ended, in Chromium at phone and
desktop width: axe-core finds no violation, nothing scrolls sideways, the Nu HTML Checker finds no error."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.councils.conftest import CITY, WARD
from tests.e2e.conftest import CHROMIUM_ARGS, DESKTOP, PHONE
from tests.e2e.test_public_pages_browser import VNU, _axe_violations, _save_pages
from tests.support.live import serve

PAGES = {
    "portal-home": "/",
    "ward-home": f"/{WARD}/",
    "ward-resolutions": f"/{WARD}/resolutions",
    "ended-council-home": f"/{CITY}/",
    "ended-council-petitions": f"/{CITY}/petitions",
    "portal-home-english": "/?lang=en",
}


@pytest.fixture
def portal(app):
    with serve(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_council_pages_are_accessible_and_fit(browser, portal, viewport):
    context = browser.new_context(viewport=viewport, locale="vi-VN", is_mobile=viewport is PHONE)
    page = context.new_page()
    problems = {}
    for name, path in PAGES.items():
        assert page.goto(portal + path).status == 200, name
        page.wait_for_selector("main h1")
        if name.startswith("ended"):
            assert page.locator(".council-ended").is_visible(), name
        violations = _axe_violations(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if violations or width > viewport["width"]:
            problems[name] = {"violations": violations, "scroll_width": width}
    context.close()
    assert problems == {}, json.dumps(problems, ensure_ascii=False)


def test_nu_html_checker_finds_no_errors_on_council_pages(portal, tmp_path):
    _save_pages(portal, PAGES, tmp_path)
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    errors = [(Path(m.get("url", "")).name, m.get("message")) for m in messages if m.get("type") == "error"]
    assert errors == [] and len(list(tmp_path.glob("*.html"))) == len(PAGES)
