"""A signed-in clerk never gets a publicly cacheable page; a publish in the office reaches the public."""

from __future__ import annotations

import pytest

from tests.admin.test_workflow import create_draft_resolution, publish

PUBLIC_PAGES = (
    "/",
    "/resolutions",
    "/documents/bao-cao-ket-qua-hoat-dong-nam-2020",
    "/api/v1/resolutions",
    "/feeds/all.atom",
    "/sitemap.xml",
)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_signed_in_clerk_never_gets_public_caching(publisher_client, path):
    resp = publisher_client.get(path)
    assert resp.status_code == 200
    assert "public" not in resp.headers["Cache-Control"] and "private" in resp.headers["Cache-Control"]


def test_the_office_is_never_cached(publisher_client, client):
    assert publisher_client.get("/admin/").headers["Cache-Control"] == "no-store"
    assert "public" not in client.get("/admin/login").headers.get("Cache-Control", "")


def test_a_publish_in_the_office_changes_the_public_tag_and_figures(app, editor_client, publisher_client):
    visitor = app.test_client()
    before = visitor.get("/")
    record_id = create_draft_resolution(editor_client, title="Nghị quyết thử nghiệm về chỉnh trang đô thị")
    assert "Nghị quyết thử nghiệm về chỉnh trang đô thị" not in visitor.get("/").get_data(as_text=True)
    resp, _ = publish(publisher_client, record_id)
    assert resp.status_code == 302
    after = visitor.get("/", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != before.headers["ETag"]
    assert "Nghị quyết thử nghiệm về chỉnh trang đô thị" in after.get_data(as_text=True)
