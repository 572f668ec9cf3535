"""sitemap.xml lists every published page with its last change and no draft; robots.txt points at it."""

from __future__ import annotations

from xml.etree import ElementTree

from sqlalchemy import select

from portal.extensions import db
from portal.links import DETAIL_PAGE_TYPES, record_path
from portal.models import Resolution
from portal.services.publishing import withdraw
from tests.api.support import draft_resolution, one

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client) -> dict[str, str | None]:
    resp = client.get("/sitemap.xml")
    assert resp.status_code == 200 and resp.mimetype == "application/xml"
    root = ElementTree.fromstring(resp.get_data())
    return {u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS)
            for u in root.findall("s:url", NS)}


def test_sitemap_lists_every_published_detail_page_with_lastmod(client, app):
    urls = sitemap(client)
    expected = 0
    with app.test_request_context():
        paths = {record: record_path(record) for model in DETAIL_PAGE_TYPES
                 for record in db.session.scalars(select(model).where(model.status == "published"))}
    for record, path in paths.items():
        loc = "http://localhost" + path
        assert loc in urls, loc
        assert urls[loc].startswith(record.updated_at.date().isoformat())
        expected += 1
    assert expected == 4 + 4 + 14 + 4 + 5 + 29
    assert "http://localhost/documents/bao-cao-ket-qua-hoat-dong-nam-2020" in urls
    assert "http://localhost/programme/2021" in urls


def test_sitemap_leaves_out_drafts_and_withdrawn_records(client, app):
    draft = draft_resolution()
    withdrawn = one(Resolution, session_id=draft.session_id, topic="Quy hoạch")
    withdraw(withdrawn, None, "Nhập nhầm")
    locs = sitemap(client)
    with app.test_request_context():
        assert "http://localhost" + record_path(draft) not in locs
        assert "http://localhost" + record_path(withdrawn) not in locs


def test_robots_points_at_the_sitemap(client):
    resp = client.get("/robots.txt")
    assert resp.status_code == 200 and resp.mimetype == "text/plain"
    lines = resp.get_data(as_text=True).splitlines()
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
