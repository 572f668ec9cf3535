"""Functions run in separate processes by the consistency tests (importable for spawn)."""

from __future__ import annotations

import time
from pathlib import Path

from flask import current_app

from portal import create_app
from portal.extensions import db
from portal.models import Organization, Resolution
from portal.search import indexer
from portal.search.registry import get_backend
from portal.services.publishing import publish, save
from tests.conftest import make_config


def app_for(tmp_path: str, **overrides):
    base = Path(tmp_path)
    return create_app(make_config(base, base / "portal.db", **overrides))


def new_resolution(title: str) -> Resolution:
    # The council whose site the test config serves (the records must be public there).
    council = db.session.scalar(
        db.select(Organization).where(Organization.slug == current_app.config["PORTAL_COUNCIL"])
    )
    resolution = Resolution(council=council, title=title, slug=title.lower().replace(" ", "-"))
    save(resolution, None)
    publish(resolution, None)
    return resolution


def publish_many(tmp_path: str, worker: int, count: int, start_at: float) -> None:
    """Publish count resolutions, then wait until this process's indexer drained them."""
    app = app_for(tmp_path, SEARCH_INDEXER="thread", SEARCH_POLL_SECONDS=0.2)
    with app.app_context():
        while time.time() < start_at:
            time.sleep(0.005)
        for n in range(count):
            new_resolution(f"Nghị quyết đồng thời {worker} {n} zqx{chr(97 + worker)}w{chr(97 + n)}")
        deadline = time.time() + 30
        while indexer.pending() and time.time() < deadline:
            time.sleep(0.05)
            db.session.remove()
        app.extensions["search_indexer"].stop()


def drain_slowly(tmp_path: str, ready_file: str) -> None:
    """Drain while holding the writer and never commit (the test kills this process)."""
    app = app_for(tmp_path)
    with app.app_context():
        backend = get_backend()
        original = backend._write

        def stalled(work):
            def work_then_hang(writer):
                work(writer)
                Path(ready_file).touch()
                time.sleep(120)

            original(work_then_hang)

        backend._write = stalled
        indexer.drain(backend)
