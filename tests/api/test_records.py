"""Detail endpoints, public page links, drafts and withdrawn records, HTTP caching and CORS."""

from __future__ import annotations

from datetime import date

import pytest

from portal.api.registry import RESOURCES
from portal.csvfile import cell as neutralise
from portal.models import Resolution
from portal.services.publishing import publish, withdraw
from tests.api.support import draft_resolution, one, published_petition

WITH_DATA = [name for name in RESOURCES if name != "petitions"]


def items_of(client, name):
    return client.get(f"/api/v1/{name}?per_page=100").get_json()["items"]


@pytest.mark.parametrize("name", WITH_DATA)
def test_detail_by_slug_and_by_id_is_the_list_item_plus_related_rows(client, name):
    item = items_of(client, name)[0]
    by_slug = client.get(f"/api/v1/{name}/{item['slug']}")
    by_id = client.get(f"/api/v1/{name}/{item['id']}")
    assert by_slug.status_code == by_id.status_code == 200
    detail = by_slug.get_json()
    assert detail == by_id.get_json()
    assert {k: detail[k] for k in item} == item
    assert set(detail) == set(RESOURCES[name].serializer.detail_schema()["properties"])


@pytest.mark.parametrize("name", WITH_DATA)
def test_every_item_url_is_its_public_page(client, app, name):
    for item in items_of(client, name):
        assert item["url"].startswith("/")
        # A person's address leads to the page of /people that lists them.
        assert client.get(item["url"].split("#")[0], follow_redirects=True).status_code == 200, item["url"]


def test_document_urls_open_the_document_page(client):
    for item in items_of(client, "documents"):
        assert client.get(item["url"]).status_code == 200


def test_items_carry_their_source_document(client):
    item = client.get("/api/v1/budget?line=expenditure&period=11_months").get_json()["items"][0]
    assert item["source_document_url"] == "/documents/bao-cao-ket-qua-hoat-dong-nam-2020"
    assert item["source_section"] == "Phần I, I.3.2"
    assert client.get(item["source_document_url"]).status_code == 200


def test_budget_item_shows_the_implied_base_as_derived(client):
    item = client.get("/api/v1/budget?line=expenditure&period=11_months").get_json()["items"][0]
    assert item["amount_million_vnd"] == 472408 and item["pct_of_council_estimate"] == 84.7
    assert item["implied_council_estimate_million_vnd"] == 557743


def test_unknown_record_is_a_json_404(client):
    for key in ("khong-ton-tai", "999999", "99999999999999999999", "a%20b"):
        resp = client.get(f"/api/v1/resolutions/{key}")
        assert resp.status_code == 404
        assert resp.get_json()["error"]["code"] == 404


def test_unknown_api_path_is_a_json_404(client):
    resp = client.get("/api/v1/khong-co")
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == 404


def test_drafts_appear_nowhere_in_the_api(client, app):
    draft = draft_resolution()
    assert client.get("/api/v1/resolutions").get_json()["total"] == 4
    assert client.get(f"/api/v1/resolutions/{draft.slug}").status_code == 404
    assert client.get(f"/api/v1/resolutions/{draft.id}").status_code == 404
    assert "dự thảo" not in client.get("/api/v1/resolutions?format=csv").get_data(as_text=True)
    session = client.get("/api/v1/sessions/ky-hop-thu-muoi-hai-khoa-xx").get_json()
    assert draft.id not in [r["id"] for r in session["resolutions"]]


def test_withdrawn_record_is_a_tombstone_and_leaves_the_list(client, app):
    record = one(Resolution, slug=items_of(client, "resolutions")[0]["slug"])
    withdraw(record, None, "Nhập trùng với nghị quyết khác")
    body = client.get(f"/api/v1/resolutions/{record.slug}").get_json()
    assert set(body) == {"id", "url", "status", "withdrawn_at", "reason"}
    assert body["status"] == "withdrawn" and body["reason"] == "Nhập trùng với nghị quyết khác"
    assert body["url"] == f"/resolutions/{record.slug}"
    assert client.get("/api/v1/resolutions").get_json()["total"] == 3
    assert record.title not in client.get("/api/v1/resolutions?format=csv").get_data(as_text=True)


def test_petition_detail_carries_its_status_history(client, app):
    petition = published_petition(
        "Đề nghị sửa chữa đường ngõ 12 phường Tam Thanh",
        ((date(2020, 6, 20), "in_progress"), (date(2020, 11, 27), "resolved")),
    )
    body = client.get(f"/api/v1/petitions/{petition.id}").get_json()
    assert body["status"] == "resolved" and body["status_changed_on"] == "2020-11-27"
    assert [c["status"] for c in body["status_history"]] == ["in_progress", "resolved"]
    assert body["url"].endswith(f"/petitions/{petition.id}")
    assert client.get("/api/v1/petitions?status=resolved").get_json()["total"] == 1
    assert client.get("/api/v1/petitions?status=in_progress").get_json()["total"] == 0


def test_csv_neutralises_formulas(client, app):
    published_petition('=HYPERLINK("http://evil","bấm vào")')
    published_petition("+1 đề nghị lắp đèn đường")
    text = client.get("/api/v1/petitions?format=csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text and "'+1 đề nghị" in text
    assert ",=HYPERLINK" not in text and ',"=HYPERLINK' not in text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Nghị quyết", "Nghị quyết"),
        (-5, "-5"),
        (None, ""),
        (True, "true"),
        (93.2, "93.2"),
    ],
)
def test_neutralise_cells(cell, expected):
    assert neutralise(cell) == expected


def test_conditional_get_answers_304(client, app):
    first = client.get("/api/v1/resolutions")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get("/api/v1/resolutions", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    since = client.get("/api/v1/resolutions", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    csv_first = client.get("/api/v1/resolutions?format=csv")
    assert (
        client.get(
            "/api/v1/resolutions?format=csv", headers={"If-None-Match": csv_first.headers["ETag"]}
        ).status_code
        == 304
    )


def test_a_change_changes_the_etag(client, app):
    before = client.get("/api/v1/resolutions").headers["ETag"]
    publish(draft_resolution(), None)
    after = client.get("/api/v1/resolutions", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.get_json()["total"] == 5


def test_detail_conditional_get(client):
    first = client.get("/api/v1/documents/bao-cao-ket-qua-hoat-dong-nam-2020")
    assert (
        client.get(
            "/api/v1/documents/bao-cao-ket-qua-hoat-dong-nam-2020",
            headers={"If-None-Match": first.headers["ETag"]},
        ).status_code
        == 304
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/",
        "/api/v1/sessions",
        "/api/v1/sessions/1",
        "/api/v1/sessions?format=csv",
        "/api/v1/openapi.json",
        "/api/v1/sessions?page=-1",
        "/api/v1/khong-co",
    ],
)
def test_cors_is_open_for_get(client, path):
    assert client.get(path).headers["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight_allows_conditional_headers(client):
    resp = client.options(
        "/api/v1/sessions", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
    )
    assert resp.status_code == 200
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in resp.headers["Access-Control-Allow-Headers"]


def test_writes_are_refused(client):
    resp = client.post("/api/v1/sessions")
    assert resp.status_code in (400, 405)
    assert resp.get_json()["error"]["code"] == resp.status_code
