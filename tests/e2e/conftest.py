"""Browser fixtures: the portal served on loopback from a real SQLite file, driven by Debian's
Chromium through Python playwright."""

from __future__ import annotations

import shutil
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from portal import create_app
from portal.extensions import db as _db
from tests.conftest import make_config

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


class _BufferedApp:
    """Hand werkzeug's test server whole bodies, the app's iterable already closed.

    When the browser resets a connection (it drops an unfinished favicon request when a
    page closes), werkzeug 3.1's dev server raises in its clean-up before it closes the
    response iterable, leaving a static file open; the ResourceWarning then fails whichever
    test runs next.  Production servers are not involved; the pages are small."""

    def __init__(self, app) -> None:
        self.app = app

    def __call__(self, environ, start_response):
        result = self.app(environ, start_response)
        try:
            return [b"".join(result)]
        finally:
            if hasattr(result, "close"):
                result.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, template_dbs):
    """Serve a seeded copy of the portal on 127.0.0.1 for the whole session."""
    directory = tmp_path_factory.mktemp("live")
    db_file = directory / "portal.db"
    shutil.copy(template_dbs["seeded"], db_file)
    app = create_app(make_config(directory, db_file))
    server = make_server("127.0.0.1", 0, _BufferedApp(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with app.app_context():
        _db.engine.dispose()


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
