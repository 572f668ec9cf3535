"""One record as CSV (issue 15, item 7): every API type answers /api/v1/<type>/<key>?format=csv with the row
the list's CSV has for it (same columns, council kept), and its public page links it beside the JSON."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from sqlalchemy import select

from portal.api.registry import RESOURCES
from portal.extensions import db
from portal.public_urls import record_path
from portal.records import record_type
from portal.services.publishing import withdraw
from tests.api.support import published_petition
from tests.public.test_open_data_links import links_of
from tests.support.vietnamese_text import is_vietnamese


def table(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff"), "UTF-8 with BOM, so Excel shows Vietnamese"
    return list(csv.reader(io.StringIO(text[1:])))


def first_item(client, name: str) -> dict:
    if name == "petitions":  # the starter data has no individual petition
        published_petition("Đề nghị nâng cấp đường Bà Triệu, phường Hoàng Văn Thụ")
    return client.get(f"/api/v1/{name}?per_page=1").get_json()["items"][0]


@pytest.mark.parametrize("name", list(RESOURCES))
def test_a_record_csv_is_its_row_of_the_list_csv(client, name):
    item = first_item(client, name)
    response = client.get(f"/api/v1/{name}/{item['id']}?format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    header, *rows = table(response)
    list_header, *list_rows = table(client.get(f"/api/v1/{name}?format=csv"))
    assert header == list_header == RESOURCES[name].serializer.columns
    assert "council" in header
    assert rows == [row for row in list_rows if row[0] == str(item["id"])] and len(rows) == 1
    assert client.get(f"/api/v1/{name}/{item['id']}").get_json()["id"] == item["id"]
    text = response.get_data(as_text=True)
    assert unicodedata.is_normalized("NFC", text)
    assert any(is_vietnamese(word) for word in text.split()), "the record's Vietnamese text"


@pytest.mark.parametrize("name", list(RESOURCES))
def test_an_unpublished_record_has_no_csv(client, name):
    item = first_item(client, name)
    model = RESOURCES[name].model
    record = db.session.get(model, item["id"])
    record.status = "draft"
    db.session.commit()
    response = client.get(f"/api/v1/{name}/{item['id']}?format=csv")
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert item["url"] not in response.get_data(as_text=True)


def test_a_withdrawn_record_csv_keeps_only_the_withdrawal(client):
    item = first_item(client, "resolutions")
    model = RESOURCES["resolutions"].model
    withdraw(db.session.get(model, item["id"]), None, "Nhập trùng")
    header, row = table(client.get(f"/api/v1/resolutions/{item['id']}?format=csv"))
    assert header == ["id", "url", "status", "withdrawn_at", "reason"]
    assert row[0] == str(item["id"]) and row[2:3] == ["withdrawn"] and row[4] == "Nhập trùng"
    assert item["title"] not in ",".join(row)


def test_a_record_csv_by_slug_equals_by_id_and_refuses_other_formats(client):
    item = first_item(client, "sessions")
    by_id = client.get(f"/api/v1/sessions/{item['id']}?format=csv").get_data()
    assert client.get(f"/api/v1/sessions/{item['slug']}?format=csv").get_data() == by_id
    assert client.get(f"/api/v1/sessions/{item['id']}?format=xml").status_code == 400
    for url in (
        f"/api/v1/sessions/{item['id']}?format=",
        "/api/v1/sessions?format=",
    ):  # the record as the list
        refused = client.get(url)
        assert refused.status_code == 422 and "để trống" in refused.get_json()["error"]["message"]
    assert client.get(f"/api/v1/sessions/{item['id']}?year=2020").status_code == 422


def test_every_detail_page_links_its_record_csv_beside_the_json(app, client):
    published_petition("Đề nghị lắp đèn chiếu sáng ngõ 12")
    checked = set()
    for name, resource in RESOURCES.items():
        record = db.session.scalar(
            select(resource.model).where(resource.model.status == "published").order_by(resource.model.id)
        )
        if not record_type(record).own_page:
            continue  # shown as a line of a section page (budget, reception, programme, people)
        with app.test_request_context():
            url = record_path(record)
        links = links_of(client.get(url).get_data(as_text=True), "Dữ liệu mở của bản ghi này:")
        assert list(links)[:2] == ["JSON", "CSV"], (name, links)
        assert links["CSV"] == links["JSON"] + "?format=csv"
        csv_response = client.get(links["CSV"])
        assert csv_response.status_code == 200 and csv_response.mimetype == "text/csv"
        assert table(csv_response)[1][0] == str(record.id)
        checked.add(name)
    assert checked == {
        "sessions",
        "resolutions",
        "supervisions",
        "petitions",
        "voter-meetings",
        "documents",
        "organizations",
    }
