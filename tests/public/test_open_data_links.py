"""Open data one tap away: every list and detail page links its JSON, CSV and Atom equivalents, with the
list's filters, and every page's footer links the API."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Document, Organization, Resolution, Session, Supervision, VoterMeetingRound

LISTS = {
    "/sessions": ("sessions", True),
    "/resolutions?year=2020": ("resolutions", True),
    "/supervision": ("supervisions", True),
    "/petitions": ("petitions", True),
    "/voter-meetings": ("voter-meetings", True),
    "/documents": ("documents", True),
}


def links_of(html: str, label: str) -> dict[str, str]:
    start = html.index(label)
    paragraph = html[start : html.index("</p>", start)]
    return {
        text: unescape(href) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', paragraph)
    }


@pytest.mark.parametrize("page", list(LISTS))
def test_each_list_links_its_json_csv_and_atom_with_its_filters(client, page):
    name, has_feed = LISTS[page]
    links = links_of(client.get(page).get_data(as_text=True), "Dữ liệu mở của danh sách này:")
    assert links["JSON"].startswith(f"/api/v1/{name}") and links["CSV"].endswith("format=csv")
    if "?" in page:
        assert page.split("?")[1] in links["JSON"] and page.split("?")[1] in links["CSV"]
    listed = client.get(links["JSON"]).get_json()
    csv = client.get(links["CSV"])
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert len(csv.get_data(as_text=True).strip().splitlines()) == listed["total"] + 1
    assert ("Atom" in links) == has_feed
    if has_feed:
        assert client.get(links["Atom"]).mimetype == "application/atom+xml"


def test_a_filtered_list_offers_the_same_filter_in_its_data(client):
    links = links_of(
        client.get("/resolutions?year=2019").get_data(as_text=True), "Dữ liệu mở của danh sách này:"
    )
    assert client.get(links["JSON"]).get_json()["total"] == 0
    assert client.get("/api/v1/resolutions").get_json()["total"] > 0


@pytest.mark.parametrize(
    "model", [Session, Resolution, Supervision, VoterMeetingRound, Document, Organization]
)
def test_each_detail_page_links_the_same_record_in_the_api(app, client, model):
    record = _db.session.scalar(select(model).where(model.status == "published").order_by(model.id))
    from portal.public_urls import record_path as record_url

    with app.test_request_context():
        url = record_url(record)
    links = links_of(client.get(url).get_data(as_text=True), "Dữ liệu mở của bản ghi này:")
    item = client.get(links["JSON"]).get_json()
    assert item["id"] == record.id and item["url"].endswith(url)


def test_every_page_footer_links_the_open_data_page(client):
    for page in ("/", "/budget", "/glossary"):
        html = client.get(page).get_data(as_text=True)
        footer = html[html.index('<footer class="site-footer">') :]
        assert '<a href="/api/">Dữ liệu mở</a>' in footer
    assert client.get("/api/").status_code == 200


SECTIONS = {
    "/budget": [("Dữ liệu mở của trang này:", "budget", "")],
    "/reception": [
        ("Dữ liệu mở về tiếp công dân:", "reception", ""),
        ("Dữ liệu mở về đơn thư:", "letters", ""),
    ],
    "/people": [
        ("Dữ liệu mở về cơ quan, tổ chức:", "organizations", ""),
        ("Dữ liệu mở về nhân sự:", "people", ""),
    ],
    "/programme/2021": [("Dữ liệu mở của trang này:", "programme", "year=2021")],
}


@pytest.mark.parametrize("page", list(SECTIONS))
def test_each_section_page_links_the_json_and_csv_of_what_it_shows(client, page):
    html = client.get(page).get_data(as_text=True)
    for label, name, filters in SECTIONS[page]:
        links = links_of(html, label)
        assert links["JSON"] == f"/api/v1/{name}" + (f"?{filters}" if filters else "")
        listed = client.get(links["JSON"]).get_json()
        assert listed["total"] > 0
        csv = client.get(links["CSV"])
        assert csv.status_code == 200 and csv.mimetype == "text/csv"
        assert len(csv.get_data(as_text=True).strip().splitlines()) == listed["total"] + 1


def test_the_sessions_format_filter_reaches_the_csv(client):
    """/sessions?format=online: the list's format filter shares its name with the open data's output format,
    so its links carry it as session_format, and the CSV holds the online sessions only."""
    links = links_of(
        client.get("/sessions?format=online").get_data(as_text=True), "Dữ liệu mở của danh sách này:"
    )
    assert "session_format=online" in links["JSON"] and "session_format=online" in links["CSV"]
    rows = list(csv.DictReader(io.StringIO(client.get(links["CSV"]).get_data(as_text=True).lstrip("\ufeff"))))
    every = client.get("/api/v1/sessions").get_json()["total"]
    assert rows and len(rows) < every
    assert {row["format"] for row in rows} == {"online"}
    assert client.get(links["JSON"]).get_json()["total"] == len(rows)
    # The filter's own name still filters the JSON, as before.
    assert client.get("/api/v1/sessions?format=online").get_json()["total"] == len(rows)
