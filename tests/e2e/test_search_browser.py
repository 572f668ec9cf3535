"""Live search in a real browser: results follow typing, without a page load."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from portal.search import indexer
from tests.support.live import app_on_copy, serve


@pytest.fixture(scope="module")
def search_server(tmp_path_factory, template_dbs):
    """The seeded portal with its search index built, served on loopback."""
    app = app_on_copy(tmp_path_factory.mktemp("live-search"), template_dbs["seeded"])
    with app.app_context():
        indexer.rebuild()
    with serve(app) as url:
        yield url
    with app.app_context():
        app.extensions["search_backend"].close()


def test_results_update_as_the_user_types(page, search_server):
    errors = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.goto(search_server + "/search")
    page.locator("#q").press_sequentially("dong kinh", delay=40)
    summary = page.locator(".search-summary")
    expect(summary).to_contain_text("kết quả cho “dong kinh”")
    expect(page.locator(".search-hit").first).to_contain_text("Đông Kinh")
    expect(page).to_have_url(re.compile(r"/search\?q=dong(\+|%20)kinh$"))
    assert [e for e in errors if "favicon" not in e and "404" not in e] == []


def test_search_page_fits_a_phone(phone_page, search_server):
    phone_page.goto(search_server + "/search?q=ngan+sach")
    expect(phone_page.locator(".search-hit").first).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
