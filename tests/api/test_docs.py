"""The human documentation page of the API, in Vietnamese and (with ?lang=en) English."""

from __future__ import annotations

import unicodedata

from portal.api.registry import RESOURCES


def test_docs_page_describes_every_resource_in_vietnamese(client):
    resp = client.get("/api/")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert unicodedata.is_normalized("NFC", html)
    assert "<h1>Dữ liệu mở (API)</h1>" in html
    for resource in RESOURCES.values():
        assert f"/api/v1/{resource.name}" in html and resource.title in html
    assert "/api/v1/openapi.json" in html and "/feeds/petitions.atom" in html and "/sessions.ics" in html
    assert 'href="/api/v1/budget?format=csv"' in html


def test_docs_page_in_english_says_how_to_take_one_record_or_one_council(client):
    html = client.get("/api/?lang=en").get_data(as_text=True)
    assert "<h1>Open data (API)</h1>" in html
    assert "/api/v1/&lt;type&gt;/&lt;id or slug&gt;?format=csv" in html
    assert "<code>/api/v1/councils</code>" in html
    example = html.split("for example <code>", 1)[1].split("</code>", 1)[0]
    scoped = client.get(example.replace("&amp;", "&")).get_json()
    assert scoped["total"] > 0 and all(item["council"] == "hdnd-tp-lang-son" for item in scoped["items"])
    assert "/feeds/voter-meetings.atom" in html
