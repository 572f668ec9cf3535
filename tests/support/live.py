"""The portal served on loopback by werkzeug's threaded server, for browsers and HTTP clients."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

from portal import create_app
from portal.extensions import db as _db
from tests.conftest import make_config


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


def app_on_copy(directory: Path, template_db: Path):
    """The portal on a copy of a template database in `directory`."""
    db_file = directory / "portal.db"
    shutil.copy(template_db, db_file)
    return create_app(make_config(directory, db_file))


@contextmanager
def serve(app) -> Iterator[str]:
    """Serve an app on 127.0.0.1 in a thread; yield the base URL; stop and close its engine after."""
    server = make_server("127.0.0.1", 0, _BufferedApp(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        with app.app_context():
            _db.engine.dispose()


@contextmanager
def serve_copy(directory: Path, template_db: Path) -> Iterator[str]:
    """Serve a copy of a template database on 127.0.0.1; yield the base URL."""
    with serve(app_on_copy(directory, template_db)) as url:
        yield url
