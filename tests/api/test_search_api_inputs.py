"""/api/v1/search refuses what the other API operations refuse: control characters and a
parameter given twice (its second value would silently be ignored)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("query", ["q=a%04b", "q=ngan&area=mai%11pha", "q=ngan&q=sach",
                                   "q=ngan&session=a&session=b"])  # fmt: skip
def test_search_refuses_control_characters_and_repeated_parameters(app, client, query):
    from portal.search import indexer

    indexer.rebuild()
    resp = client.get(f"/api/v1/search?{query}")
    assert resp.status_code == 400
    assert resp.get_json()["error"]["message"].startswith("Tham số")
    assert client.get("/api/v1/search?q=ngan+sach&area=mai-pha").status_code == 200
