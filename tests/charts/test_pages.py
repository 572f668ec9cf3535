"""Chart pages, fragments and CSV downloads as a visitor gets them."""

import csv
import io
import json

import pytest

from portal.charts.words import VIETNAMESE
from portal.services import chart_catalogue

NAMES = list(chart_catalogue.BUILDERS)


def _csv_rows(response):
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


@pytest.mark.parametrize(("path", "count"), [("/statistics", 8), ("/budget", 3)])
def test_chart_pages_answer_with_the_first_chart_drawn_the_others_lazy_a_table_and_a_csv_link(
    client, path, count
):
    response = client.get(path)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<table>" in html and '<caption class="visually-hidden">' in html and "table-caption" in html
    assert ".csv" in html and "Tải số liệu (CSV)" in html
    # The first chart drawn on the server, at a phone's width and a wide one, each an image with its title;
    # the others (the page's weight) come in as htmx fragments of the same drawing when scrolled to.
    assert html.count('<svg class="chart-svg chart-svg-phone"') == 1
    assert html.count('<svg class="chart-svg chart-svg-wide"') == 1
    assert html.count('role="img" aria-labelledby="svg-') == 2
    assert html.count('data-hx-trigger="intersect once"') == count - 1
    assert 'class="chart-data"' not in html
    assert "plotly-basic-3.1.1.min.js" in html and "js/charts.js" in html
    assert "/documents/bao-cao-ket-qua-hoat-dong-nam-2020" in html


def test_the_chart_library_is_loaded_only_where_charts_are_drawn(client):
    assert "plotly" not in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("name", NAMES)
def test_each_chart_is_a_full_page_without_htmx_and_a_fragment_with_it(client, htmx_client, name):
    page = client.get(f"/statistics/charts/{name}")
    fragment = htmx_client.get(f"/statistics/charts/{name}")
    assert page.status_code == fragment.status_code == 200
    assert "HX-Request" in page.headers["Vary"]
    assert "<html" in page.get_data(as_text=True)
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and body.lstrip().startswith(f'<section class="chart" id="chart-{name}"')
    assert "<table>" in body and f"/statistics/charts/{name}.csv" in body and "Nguồn:" in body


@pytest.mark.parametrize("name", NAMES)
def test_csv_has_a_bom_and_the_numbers_of_the_table(client, name):
    response = client.get(f"/statistics/charts/{name}.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = _csv_rows(response)
    chart = chart_catalogue.build(name)
    assert rows[0] == [VIETNAMESE.text(c.label) for c in chart.table.columns]
    assert len(rows) == len(chart.table.rows) + 1


def test_csv_numbers_match_the_figure(client):
    rows = _csv_rows(client.get("/statistics/charts/budget_percentages.csv"))
    province = [row[1] for row in rows[1:]]
    assert province == ["93.2", "105", "76.1", "85.6", "119.1"]
    figure = chart_catalogue.build("budget_percentages").figure
    assert [str(v) for v in figure.data[0].x] == [
        "93.2",
        "105",
        "76.1",
        "85.6",
        "119.1",
    ]
    funnel = _csv_rows(client.get("/statistics/charts/voter_funnel.csv"))
    assert funnel[0][3:] == [
        "Cử tri dự",
        "Cử tri phát biểu",
        "Ý kiến, kiến nghị",
        "Giải đáp tại hội nghị",
        "Tổng hợp gửi đi",
        "Chuyển thành phố",
        "Chuyển tỉnh",
    ]
    assert funnel[1][3:] == ["766", "43", "73", "", "5", "4", "1"]


def test_the_figure_fetched_on_interaction_is_the_figure(client, htmx_client):
    body = htmx_client.get("/statistics/charts/letters").get_data(as_text=True)
    assert 'data-figure="/statistics/charts/letters.json"' in body
    response = client.get("/statistics/charts/letters.json")
    assert response.mimetype == "application/json"
    figure = json.loads(response.get_data(as_text=True))
    assert figure["layout"]["separators"] == ",."
    assert [t["y"] for t in figure["data"] if t["name"] == "Năm 2020"] == [
        [564, 550],
        [97.5],
    ]


def test_unknown_charts_are_404(client):
    assert client.get("/statistics/charts/khong-co").status_code == 404
    assert client.get("/statistics/charts/khong-co.csv").status_code == 404
    assert client.get("/statistics/charts/khong-co.json").status_code == 404


def test_budget_page_shows_the_discrepancy_in_the_reports_words(client):
    html = client.get("/budget").get_data(as_text=True)
    assert "Không khớp" in html and "chênh ≈121.471 triệu đồng" in html
    assert "“dự toán thành phố giao đầu năm”" in html and "≈557.743" in html and "≈679.214" in html
    assert "≈418.952" in html and "≈419.048" in html
    assert "84,7%" in html and "96,7%" in html
    assert "không kết luận số nào đúng" in html


def test_tables_use_vietnamese_number_formatting(client):
    html = client.get("/statistics/charts/budget_amounts").get_data(as_text=True)
    assert "390.463" in html and "656.800" in html
    html = client.get("/statistics/charts/letters").get_data(as_text=True)
    assert "97,5%" in html or "97,5" in html
