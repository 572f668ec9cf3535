"""Open data per council: ?council= on every API list, /api/v1/councils in Popolo shape, the OpenAPI
document, per-council Atom feeds, and a sitemap of every council's addresses."""

from __future__ import annotations

import csv
import io
import re

from portal.api.registry import RESOURCES
from tests.councils.conftest import CITY, PROVINCE, WARD
from tests.public.test_open_data_links import links_of


def owned(items, slug) -> bool:
    # Councils themselves are named and linked from every council's pages, so each list includes them.
    return all(item["council"] == slug or item.get("classification") == "council" for item in items)


def test_every_api_list_takes_council(client):
    for name in RESOURCES:
        body = client.get(f"/api/v1/{name}?council={WARD}&per_page=100").get_json()
        assert owned(body["items"], WARD), name
        city = client.get(f"/api/v1/{name}?council={CITY}&per_page=100").get_json()
        assert owned(city["items"], CITY), name
        everything = client.get(f"/api/v1/{name}?per_page=1").get_json()["total"]
        assert body["total"] + city["total"] <= everything + 3, name
    assert client.get(f"/api/v1/sessions?council={WARD}").get_json()["total"] == 1
    assert client.get(f"/api/v1/sessions?council={CITY}").get_json()["total"] == 4
    resolutions = client.get(f"/api/v1/resolutions?council={WARD}").get_json()
    assert [r["url"] for r in resolutions["items"]] == [f"/{WARD}/resolutions/mau-nghi-quyet-cho-dan-sinh"]


def test_an_unknown_council_is_a_clear_422(client):
    response = client.get("/api/v1/resolutions?council=hdnd-khong-co")
    assert response.status_code == 422
    assert "Không có HĐND nào có mã “hdnd-khong-co”" in response.get_json()["error"]["message"]


def test_csv_exports_keep_the_council_column(client):
    text = client.get(f"/api/v1/petitions?council={WARD}&format=csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows and {row["council"] for row in rows} == {WARD}


def test_the_councils_resource_is_popolo_shaped(client):
    items = client.get("/api/v1/councils").get_json()["items"]
    by_slug = {c["slug"]: c for c in items}
    assert items[0]["slug"] == PROVINCE and set(by_slug) == {PROVINCE, CITY, WARD}
    city = by_slug[CITY]
    assert city["dissolution_date"] == "2025-07-01" and city["founding_date"] is None
    assert city["parent"]["slug"] == PROVINCE and city["parent_id"] == by_slug[PROVINCE]["id"]
    assert city["successors"] == []  # the sources name none: the office enters them
    basis = city["dissolution_basis"]  # the cited document the data names, with its page
    assert basis["document"] == "1672/NQ-UBTVQH15"
    # The address the site serves the document at, under its council: a 200, not a 301 to follow.
    assert basis["url"] == f"http://localhost/{CITY}/documents/nghi-quyet-1672-nq-ubtvqh15"
    assert client.get(basis["url"].removeprefix("http://localhost")).status_code == 200
    assert city["url"].endswith(f"/{CITY}/")
    assert city["records"]["resolutions"].endswith(f"/api/v1/resolutions?council={CITY}")
    ward = by_slug[WARD]
    assert ward["founding_date"] == "2025-07-01" and ward["dissolution_date"] is None and ward["is_sample"]


def test_openapi_documents_the_council_parameter_and_resource(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/councils" in doc["paths"]
    for name in RESOURCES:
        parameters = {p["name"] for p in doc["paths"][f"/api/v1/{name}"]["get"]["parameters"]}
        assert "council" in parameters, name


def test_each_council_has_its_own_atom_feed(client):
    ward = client.get(f"/{WARD}/feeds/resolutions.atom").get_data(as_text=True)
    city = client.get(f"/{CITY}/feeds/resolutions.atom").get_data(as_text=True)
    assert "chợ dân sinh" in ward and "đầu tư công trung hạn" not in ward
    assert "đầu tư công trung hạn" in city and "chợ dân sinh" not in city
    assert re.search(r"<id>[^<]*feed/" + WARD + "/resolutions</id>", ward)
    moved = client.get("/feeds/resolutions.atom")
    assert moved.status_code == 301 and moved.headers["Location"] == f"/{CITY}/feeds/resolutions.atom"
    calendar = client.get(f"/{WARD}/sessions.ics").get_data(as_text=True)
    assert "Kỳ họp thứ Nhất (dữ liệu thử nghiệm)" in calendar and "Mười ba" not in calendar


def sitemap_paths(client) -> list[str]:
    index = client.get("/sitemap.xml").get_data(as_text=True)
    paths = []
    for file_url in re.findall(r"<loc>([^<]+)</loc>", index):
        body = client.get(file_url.replace("http://localhost", "")).get_data(as_text=True)
        paths += [u.replace("http://localhost", "") for u in re.findall(r"<loc>([^<]+)</loc>", body)]
    return paths


def test_the_sitemap_lists_each_record_at_its_councils_address(client, ward):
    paths = sitemap_paths(client)
    assert f"/{WARD}/resolutions/{ward['resolution']}" in paths
    assert f"/{WARD}/petitions/{ward['petition']}" in paths
    assert f"/{CITY}/sessions" in paths and f"/{PROVINCE}/sessions" in paths and "/" in paths
    assert f"/{WARD}/statistics" in paths
    # The portal's own pages are the only ones outside a council's section: its home and the councils
    # compared, as a page and as CSV, each answering 200 where the sitemap says.
    unscoped = [p for p in paths if not p.startswith((f"/{WARD}/", f"/{CITY}/", f"/{PROVINCE}/"))]
    assert sorted(unscoped) == ["/", "/statistics/councils", "/statistics/councils.csv"]
    assert all(client.get(p).status_code == 200 for p in unscoped)


def test_a_council_section_links_that_council_s_data_not_every_council_s(client):
    for page, label in (
        (f"/{WARD}/resolutions", "Dữ liệu mở của danh sách này:"),
        (f"/{CITY}/budget", "Dữ liệu mở của trang này:"),
    ):
        links = links_of(client.get(page).get_data(as_text=True), label)
        assert f"council={page.split('/')[1]}" in links["JSON"] and "format=csv" in links["CSV"]
        scoped = client.get(links["JSON"]).get_json()
        assert scoped["items"] and all(item["council"] == page.split("/")[1] for item in scoped["items"])
