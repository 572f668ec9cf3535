"""Journalists compare councils at /statistics/councils (SPEC §12): one row a council, each figure linked
to the council's page it comes from, missing figures said to be missing (never 0), sortable without
JavaScript, with its CSV and one chart; the page, the CSV and the portal home run as many SQL statements
with 3 sample councils and 60 sample records as with 7 and 600 (a count, never a time)."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from portal import create_app
from portal.extensions import db as _db
from portal.importers import synthetic
from tests.conftest import make_config
from tests.councils.conftest import CITY, MULTI, PROVINCE, WARD
from tests.support.statements import capture

MISSING = "chưa có số liệu"


def row_of(page: str, slug: str) -> str:
    found = re.search(rf'<tr>\s*<th scope="row"><a href="/{slug}/">.*?</tr>', page, re.S)
    assert found, slug
    return found.group(0)


def test_each_councils_figures_link_to_their_source_and_missing_ones_say_so(client):
    page = client.get("/statistics/councils").get_data(as_text=True)
    city = row_of(page, CITY)
    # Counted from the city's published sessions; the resolutions are the report's per-session counts.
    assert f'<a href="/{CITY}/sessions">4</a>' in city and f'<a href="/{CITY}/sessions">27</a>' in city
    # Petitions: the report's tallies (26 of 45 resolved), at the section of the petitions page citing them.
    assert f'<a href="/{CITY}/petitions#ket-qua-tong-hop">45</a>' in city
    assert f'<a href="/{CITY}/petitions#ket-qua-tong-hop">26</a>' in city
    # Reception and letters of the council itself (not of the executive), the latest year, linked to it.
    assert f'<a href="/{CITY}/reception#nam-2020">237</a>' in city and "(2020)" in city
    assert f'<a href="/{CITY}/reception#nam-2020">11</a>' in city
    assert city.count(MISSING) == 1  # no due dates in the report: nothing can be called overdue
    province = row_of(page, PROVINCE)
    assert province.count(MISSING) == 7 and ">0<" not in province
    ward = row_of(page, WARD)
    assert f'<a href="/{WARD}/petitions?status=resolved">0</a>' in ward  # one petition, none resolved
    assert 'id="chart-councils"' in page and '<svg class="chart-svg chart-svg-phone"' in page  # drawn inline


def test_the_table_sorts_by_a_query_parameter_with_missing_figures_last(client):
    page = client.get("/statistics/councils?sort=sessions&order=desc").get_data(as_text=True)
    assert (
        page.index(f'href="/{CITY}/"') < page.index(f'href="/{WARD}/"') < page.index(f'href="/{PROVINCE}/"')
    )
    assert 'aria-sort="descending"' in page
    page = client.get("/statistics/councils?sort=sessions&order=asc").get_data(as_text=True)
    assert (
        page.index(f'href="/{WARD}/"') < page.index(f'href="/{CITY}/"') < page.index(f'href="/{PROVINCE}/"')
    )
    bad = client.get("/statistics/councils?sort=%3Cscript%3E")
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Không sắp xếp được theo" in text and "<script>" not in text
    assert client.get("/statistics/councils?order=sideways").status_code == 400


def test_the_csv_has_every_council_with_empty_cells_for_missing_figures(client):
    response = client.get("/statistics/councils.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    by_slug = {row["Mã"]: row for row in rows}
    assert set(by_slug) == {PROVINCE, CITY, WARD}
    assert by_slug[CITY]["Kỳ họp"] == "4" and by_slug[CITY]["Đã chấm dứt hoạt động từ"] == "2025-07-01"
    assert by_slug[PROVINCE]["Kỳ họp"] == ""  # missing, not 0


def test_the_chart_and_the_page_in_english(client):
    page = client.get("/statistics/councils?lang=en").get_data(as_text=True)
    assert "Comparing the People's Councils" in page and "no data yet" in page
    chart = client.get("/statistics/charts/councils", follow_redirects=True).get_data(as_text=True)
    assert "Hội đồng nhân dân phường Mẫu Thử" in chart and "Hội đồng nhân dân tỉnh Lạng Sơn" in chart


SIZES = {"small": (3, 60), "large": (7, 600)}


@pytest.fixture(scope="module")
def sized(tmp_path_factory, councils_db):
    """The three-council portal plus a sample province of 3 (or 7) councils holding 60 (or 600) records."""
    sites = {}
    for name, (councils, count) in SIZES.items():
        directory = tmp_path_factory.mktemp(f"councils-{name}")
        shutil.copy(councils_db[0], directory / "portal.db")
        config = make_config(directory, directory / "portal.db", **MULTI)
        builder = create_app(config)
        with builder.app_context():
            synthetic.generate(count, councils=councils - 1)  # the province and its communes
            _db.session.remove()
            _db.engine.dispose()
        app = create_app(config)
        with app.app_context():
            engine = _db.engine
        sites[name] = (app, engine)
    yield sites
    for app, _ in sites.values():
        with app.app_context():
            _db.engine.dispose()


@pytest.mark.parametrize("url", ["/statistics/councils", "/statistics/councils.csv", "/", f"/{WARD}/"])
def test_statement_count_does_not_grow_with_councils_or_records(sized, url):
    counts = []
    for app, engine in sized.values():
        client = app.test_client()
        with capture(engine) as captured:
            response = client.get(url)
            response.get_data()
        assert response.status_code == 200, url
        counts.append(len(captured))
    assert counts[0] == counts[1], (url, counts)
