"""Browser fixtures: the portal served on loopback from a real SQLite file, driven by Debian's
Chromium through Python playwright."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.support.live import serve_copy

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, template_dbs):
    """Serve a seeded copy of the portal on 127.0.0.1 for the whole session."""
    with serve_copy(tmp_path_factory.mktemp("live"), template_dbs["seeded"]) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()
