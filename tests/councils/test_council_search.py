"""Search across councils: the portal-wide search names each hit's council and offers the councils as a
facet; a council's own search finds that council's records only, with totals and facets of its own."""

from __future__ import annotations

import re

import pytest

from portal.search.indexer import rebuild
from tests.councils.conftest import CITY, WARD

WARD_NAME = "Hội đồng nhân dân phường Mẫu Thử (dữ liệu thử nghiệm)"


@pytest.fixture
def client(app):
    rebuild()
    return app.test_client()


def total(html: str) -> int:
    found = re.search(r"Tìm thấy <strong>([\d.]+)</strong> kết quả", html)
    return int(found.group(1).replace(".", "")) if found else 0


def hrefs(html: str) -> list[str]:
    return re.findall(r'<h2 class="hit-title" lang="vi"><a href="([^"]+)"', html)


def test_the_portal_search_names_the_council_of_each_hit_and_offers_councils_as_a_facet(client):
    html = client.get("/search", query_string={"q": "nghị quyết"}).get_data(as_text=True)
    facet = html.split("<h3>Hội đồng nhân dân</h3>", 1)[1].split("</section>", 1)[0]
    assert f'council={WARD}"' in facet and f"council={CITY}" in facet
    assert WARD_NAME in facet
    assert f'<span lang="vi">{WARD_NAME}</span>' in html or "Hội đồng nhân dân thành phố" in html
    everything = total(html)
    ward_only = client.get("/search", query_string={"q": "nghị quyết", "council": WARD}).get_data(
        as_text=True
    )
    assert 0 < total(ward_only) < everything
    assert hrefs(ward_only) and all(href.startswith(f"/{WARD}/") for href in hrefs(ward_only))


def test_a_hit_links_straight_to_its_council_s_page(client):
    html = client.get("/search", query_string={"q": "chợ dân sinh"}).get_data(as_text=True)
    href = f"/{WARD}/resolutions/mau-nghi-quyet-cho-dan-sinh"
    assert href in hrefs(html)
    assert client.get(href).status_code == 200  # not a 301 through the short address


def test_a_council_s_search_box_searches_that_council(client):
    home = client.get(f"/{WARD}/").get_data(as_text=True)
    assert f'<input type="hidden" name="council" value="{WARD}">' in home
    assert 'name="council"' not in client.get("/").get_data(as_text=True)  # the portal's box: every council
    ward = client.get("/search", query_string={"q": "chợ dân sinh", "council": WARD}).get_data(as_text=True)
    assert total(ward) >= 1 and all(href.startswith(f"/{WARD}/") for href in hrefs(ward))
    city = client.get("/search", query_string={"q": "dữ liệu thử nghiệm", "council": CITY}).get_data(
        as_text=True
    )
    assert not any(href.startswith(f"/{WARD}/") for href in hrefs(city))
    # totals are the council's own: every hit the city's search counts is the city's
    assert total(city) == len(hrefs(city)) <= 10 or all(href.startswith(f"/{CITY}/") for href in hrefs(city))


def test_the_api_gives_each_result_s_council_and_filters_by_council(client):
    body = client.get("/api/v1/search", query_string={"q": "chợ dân sinh"}).get_json()
    ward_hit = next(r for r in body["results"] if r["url"].endswith("mau-nghi-quyet-cho-dan-sinh"))
    assert ward_hit["council"] == WARD
    assert body["facets"]["council"][WARD] >= 1
    only_city = client.get("/api/v1/search", query_string={"q": "nghị quyết", "council": CITY}).get_json()
    assert only_city["results"] and {r["council"] for r in only_city["results"]} == {CITY}
    assert set(only_city["facets"]["council"]) == {CITY}
