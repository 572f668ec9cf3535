"""The human documentation page of the API, in Vietnamese."""

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
