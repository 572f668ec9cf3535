"""sitemap.xml is an index of sitemap files that list every published page once, with its last change and no
draft; robots.txt points at it."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.feeds import sitemap as sitemap_module
from portal.models import Resolution
from portal.public_urls import record_path
from portal.records import with_own_page
from portal.services.publishing import withdraw
from tests.api.support import draft_resolution, one

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse(client, path: str, root_tag: str) -> ElementTree.Element:
    resp = client.get(path)
    assert resp.status_code == 200 and resp.mimetype == "application/xml", path
    root = ElementTree.fromstring(resp.get_data())  # well-formed XML or this raises
    assert root.tag == f"{{{NS['s']}}}{root_tag}"
    return root


def sitemap_files(client) -> list[str]:
    """The sitemap files the index at /sitemap.xml names."""
    index = parse(client, "/sitemap.xml", "sitemapindex")
    return [e.findtext("s:loc", namespaces=NS) for e in index.findall("s:sitemap", NS)]


def sitemap_entries(client) -> list[tuple[str, str | None]]:
    """(loc, lastmod) of every URL in every file of the index, duplicates kept."""
    entries = []
    for loc in sitemap_files(client):
        root = parse(client, loc.removeprefix("http://localhost"), "urlset")
        urls = root.findall("s:url", NS)
        if not loc.endswith("/sitemap-pages.xml"):  # section pages and programme years: a fixed few
            assert len(urls) <= sitemap_module.URLS_PER_FILE, loc
        entries += [
            (u.findtext("s:loc", namespaces=NS), u.findtext("s:lastmod", namespaces=NS)) for u in urls
        ]
    return entries


def sitemap(client) -> dict[str, str | None]:
    entries = sitemap_entries(client)
    locs = [loc for loc, _ in entries]
    assert len(locs) == len(set(locs)), "a URL appears in more than one sitemap entry"
    return dict(entries)


def test_sitemap_lists_every_published_detail_page_with_lastmod(client, app):
    urls = sitemap(client)
    expected = 0
    with app.test_request_context():
        paths = {
            record: record_path(record)
            for model in (t.model for t in with_own_page())
            for record in db.session.scalars(select(model).where(model.status == "published"))
        }
    for record, path in paths.items():
        loc = "http://localhost" + path
        assert loc in urls, loc
        assert urls[loc].startswith(record.updated_at.date().isoformat())
        expected += 1
    assert expected == 4 + 4 + 14 + 4 + 6 + 29
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


def test_the_index_splits_a_type_into_files_of_at_most_urls_per_file(client, app, monkeypatch):
    whole = sitemap(client)
    monkeypatch.setattr(sitemap_module, "URLS_PER_FILE", 5)
    files = sitemap_files(client)
    assert "http://localhost/sitemap-pages.xml" in files
    assert "http://localhost/sitemap-organizations-1.xml" in files and len(files) > 10
    split = sitemap(client)  # each file at most 5 URLs, every URL exactly once across the files
    assert split == whole
    assert client.get("/sitemap-organizations-99.xml").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap-drafts-1.xml",
        "/sitemap-sessions-0.xml",
        "/sitemap-sessions-2.xml",
        "/sitemap-sessions-x.xml",
    ],
)
def test_unknown_sitemap_files_are_404(client, path):
    assert client.get(path).status_code == 404


def test_sitemap_files_cover_every_type_with_pages(client):
    assert set(sitemap_module.FILE_TYPES.values()) == {t.model for t in with_own_page()}
    kinds = {loc.split("/sitemap-")[1].rsplit("-", 1)[0] for loc in sitemap_files(client)[1:]}
    # The starter data has no single petition (only tallies), so no petitions file yet.
    assert kinds == set(sitemap_module.FILE_TYPES) - {"petitions"}
