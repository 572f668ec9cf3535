"""Figures as results (issue 14, Deliver 10): budget lines, reception and letter statistics are search
documents that link to their page and line, with their numbers in Vietnamese format in the snippet."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from portal.search.query import execute


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("tổng chi 11 tháng", "Tổng chi ngân sách thành phố 11 tháng đầu năm 2020"),
        ("tong chi 11 thang", "Tổng chi ngân sách thành phố 11 tháng đầu năm 2020"),
        ("thu ngân sách 11 tháng", "Thu ngân sách nhà nước 11 tháng đầu năm 2020"),
        ("ước chi ngân sách năm 2020", "Ước thực hiện chi ngân sách năm 2020"),
    ],
)
def test_a_budget_question_finds_its_line_first_on_every_engine(backend, typed, title):
    hits = execute(backend, typed).result.hits
    assert hits and hits[0].type == "budget_figure", [(h.type, h.title) for h in hits[:5]]
    assert hits[0].title == title


@pytest.mark.parametrize(
    ("typed", "figure_type"),
    [
        ("tiếp công dân 2020", "reception_stats"),
        ("tiep cong dan nam 2020", "reception_stats"),
        ("đơn thư khiếu nại tố cáo", "letter_stats"),
        ("đơn thư đã giải quyết", "letter_stats"),
    ],
)
def test_a_statistics_question_finds_the_figures_among_the_first_three_on_every_engine(
    backend, typed, figure_type
):
    # The 2020 report states these figures in its own words too, and may rightly come first.
    hits = execute(backend, typed).result.hits
    assert figure_type in [h.type for h in hits[:3]], [(h.type, h.title) for h in hits[:5]]


def test_the_figure_hit_links_to_its_line_and_shows_the_amount_in_vietnamese_format(indexed_app):
    client = indexed_app.test_client()
    found = client.get("/api/v1/search?q=tong+chi+11+thang").get_json()
    first = found["results"][0]
    assert first["type"] == "budget_figure"
    assert "472.408" in re.sub(r"</?mark>", "", first["snippet"])
    url = urlsplit(first["url"])
    assert url.path == "/budget" and url.fragment
    page = client.get(url.path).get_data(as_text=True)
    line = page[page.index(f'id="{url.fragment}"') :]
    assert "Tổng chi ngân sách thành phố 11 tháng đầu năm 2020" in line[:400]

    reception = client.get("/api/v1/search?q=tiep+cong+dan+2020&type=reception_stats").get_json()
    assert reception["results"] and all(
        urlsplit(i["url"]).fragment == "nam-2020" for i in reception["results"]
    )
    assert any("209" in re.sub(r"</?mark>", "", i["snippet"]) for i in reception["results"])


def test_the_search_page_names_the_figure_types_in_its_type_facet(indexed_app):
    html = indexed_app.test_client().get("/search?q=ngan+sach").get_data(as_text=True)
    assert "Ngân sách" in html and "/budget#" in html
