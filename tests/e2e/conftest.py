"""Browser fixtures: the portal served on loopback from a real SQLite file, driven by Debian's
Chromium through Python playwright."""

from __future__ import annotations

import pytest

from tests.support.live import serve_copy

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, template_dbs):
    """Serve a seeded copy of the portal on 127.0.0.1 for the whole session."""
    with serve_copy(tmp_path_factory.mktemp("live"), template_dbs["seeded"]) as url:
        yield url


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
