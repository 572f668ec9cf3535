"""Every API list: shape, columns shared with CSV, filters, pagination edges and errors."""

from __future__ import annotations

import csv
import io

import pytest

from portal.api.registry import RESOURCES

# Published starter records per type, and one filter per type with its expected count.
STARTER_TOTALS = {
    "sessions": 4,
    "resolutions": 4,
    "supervisions": 14,
    "petitions": 0,
    "voter-meetings": 4,
    "documents": 6,  # the report's five and the basis of the city council's end
    "organizations": 29,
    "people": 15,
    "budget": 5,
    "reception": 3,
    "letters": 4,
    "programme": 10,
}
FILTERS = [
    ("sessions", "year=2020", 2),
    ("sessions", "format=online", 1),
    ("sessions", "format=in_person", 0),
    ("resolutions", "session=ky-hop-thu-muoi-hai-khoa-xx", 4),
    ("resolutions", "year=2019", 0),
    ("supervisions", "kind=inspection", 4),
    ("supervisions", "body=ban-phap-che-hdnd-thanh-pho", 3),
    ("supervisions", "body=ban-kinh-te-xa-hoi-hdnd-thanh-pho&year=2020", 5),
    ("voter-meetings", "relation=before", 2),
    ("voter-meetings", "session=ky-hop-thu-muoi-ba-khoa-xx", 2),
    ("documents", "kind=response_report", 2),
    ("organizations", "kind=delegate_group", 8),
    ("budget", "line=expenditure", 2),
    ("budget", "period=11_months", 3),
    ("reception", "scope=wards_communes", 1),
    ("letters", "scope=wards_communes", 2),
    ("programme", "year=2021", 10),
    ("petitions", "status=resolved", 0),
]


def csv_table(resp) -> list[list[str]]:
    data = resp.get_data()
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM so Excel reads Vietnamese"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("name", list(RESOURCES))
def test_list_answers_items_total_page_per_page(client, name):
    resp = client.get(f"/api/v1/{name}")
    assert resp.status_code == 200
    body = resp.get_json()
    assert list(body) == ["items", "total", "page", "per_page"]
    assert body["total"] == STARTER_TOTALS[name]
    assert body["page"] == 1 and body["per_page"] == 20
    for item in body["items"]:
        assert list(item) == RESOURCES[name].serializer.columns


@pytest.mark.parametrize("name", list(RESOURCES))
def test_csv_has_bom_and_the_same_columns_as_json(client, name):
    json_items = client.get(f"/api/v1/{name}?per_page=100").get_json()["items"]
    resp = client.get(f"/api/v1/{name}?format=csv")
    assert resp.status_code == 200
    assert resp.mimetype == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    table = csv_table(resp)
    assert table[0] == RESOURCES[name].serializer.columns
    assert len(table) - 1 == STARTER_TOTALS[name]
    if json_items:
        assert table[0] == list(json_items[0])
        assert table[1][table[0].index("slug")] == json_items[0]["slug"]


def test_csv_keeps_vietnamese_text_and_numbers(client):
    table = csv_table(client.get("/api/v1/budget?format=csv&line=revenue&period=11_months"))
    row = dict(zip(table[0], table[1], strict=False))
    assert row["label"] == "Thu ngân sách nhà nước 11 tháng đầu năm 2020"
    assert row["amount_million_vnd"] == "390463"
    assert row["pct_of_province_estimate"] == "93.2"


def test_json_numbers_are_numbers_and_dates_iso(client):
    item = client.get("/api/v1/budget?line=revenue&period=11_months").get_json()["items"][0]
    assert item["amount_million_vnd"] == 390463
    assert item["pct_of_council_estimate"] == 88.7
    session = client.get("/api/v1/sessions/ky-hop-thu-muoi-ba-khoa-xx").get_json()
    assert session["start_date"] == "2020-07-28" and session["end_date"] == "2020-07-29"
    assert session["updated_at"].endswith("Z")


@pytest.mark.parametrize(("name", "query", "expected"), FILTERS)
def test_filters_narrow_the_list(client, name, query, expected):
    body = client.get(f"/api/v1/{name}?{query}").get_json()
    assert body["total"] == expected
    assert len(body["items"]) == min(expected, 20)


def test_csv_applies_the_same_filters(client):
    table = csv_table(client.get("/api/v1/organizations?kind=delegate_group&format=csv"))
    assert len(table) - 1 == 8
    assert all(row[table[0].index("classification")] == "delegate_group" for row in table[1:])


def test_pagination_links_walk_the_list(client):
    first = client.get("/api/v1/organizations?per_page=10")
    body = first.get_json()
    assert (body["total"], body["page"], len(body["items"])) == (29, 1, 10)
    links = first.headers["Link"]
    assert 'page=2>; rel="next"' in links and 'page=3>; rel="last"' in links and 'rel="prev"' not in links
    last = client.get("/api/v1/organizations?per_page=10&page=3")
    assert len(last.get_json()["items"]) == 9
    assert 'rel="next"' not in last.headers["Link"] and 'page=2>; rel="prev"' in last.headers["Link"]
    seen = {
        i["id"]
        for p in (1, 2, 3)
        for i in client.get(f"/api/v1/organizations?per_page=10&page={p}").get_json()["items"]
    }
    assert len(seen) == 29


def test_page_past_the_end_is_empty_not_an_error(client):
    body = client.get("/api/v1/sessions?page=99").get_json()
    assert body["items"] == [] and body["total"] == 4 and body["page"] == 99


def test_huge_per_page_is_capped(client):
    body = client.get("/api/v1/organizations?per_page=1000000000000").get_json()
    assert body["per_page"] == 100 and len(body["items"]) == 29


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=-1",
        "page=abc",
        "page=1.5",
        "page=%C2%B2",
        "page=999999999",
        "per_page=0",
        "per_page=-5",
        "per_page=x",
        "format=xml",
        "page=1&page=2",
        "year=2020%00",
    ],
)
def test_bad_paging_parameters_are_400(client, query):
    resp = client.get(f"/api/v1/resolutions?{query}")
    assert resp.status_code == 400
    error = resp.get_json()["error"]
    assert error["code"] == 400 and error["message"]


@pytest.mark.parametrize(
    "query", ["year=abc", "year=20200", "status=valid", "session=khong-co", "colour=red", "year="]
)
def test_bad_or_unknown_filters_are_422(client, query):
    resp = client.get(f"/api/v1/resolutions?{query}")
    assert resp.status_code == 422
    assert resp.get_json()["error"]["code"] == 422


def test_unknown_filter_message_lists_the_valid_ones(client):
    message = client.get("/api/v1/budget?nam=2020").get_json()["error"]["message"]
    assert "nam" in message and "year" in message and "period" in message
