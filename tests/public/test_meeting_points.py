"""Meeting points as the report counts them: after session 13 only 4 of 8 points met voters in person, the
other 4 reported by other means; the site never shows that round as 8/8."""

from __future__ import annotations

from portal.charts.voters import points_label
from portal.charts.words import VIETNAMESE

ROUND = "/voter-meetings/tiep-xuc-cu-tri-sau-ky-hop-thu-muoi-ba"


def test_the_round_page_shows_points_in_person_and_by_other_means(client):
    html = client.get(ROUND).get_data(as_text=True)
    table = html[html.index("Số liệu đợt tiếp xúc") :]
    assert 'Điểm tiếp xúc trực tiếp</th><td class="num">4</td>' in table
    assert 'Điểm báo cáo đến cử tri bằng hình thức khác</th><td class="num">4</td>' in table
    assert "Điểm đã tiếp xúc</th>" not in table


def test_the_rounds_list_and_the_chart_table_do_not_say_8_of_8_for_that_round(client):
    html = client.get("/voter-meetings").get_data(as_text=True)
    row = html[html.index("Tiếp xúc cử tri sau kỳ họp thứ Mười ba") :]
    row = row[: row.index("</tr>")]
    assert "4/8 trực tiếp, 4 hình thức khác" in row and "8/8" not in row
    assert "8/8" in html  # the other rounds met at all eight points
    english = client.get("/voter-meetings?lang=en").get_data(as_text=True)
    assert "4/8 in person, 4 by other means" in english


def test_points_label():
    assert VIETNAMESE.text(points_label(8, 8, None)) == "8/8"
    assert VIETNAMESE.text(points_label(8, 8, 4)) == "4/8 trực tiếp, 4 hình thức khác"
    assert VIETNAMESE.text(points_label(None, 8, None)) == "—"


def test_the_funnel_chart_table_counts_points_the_same_way(client):
    csv = client.get("/statistics/charts/voter_funnel.csv").get_data(as_text=True)
    line = next(row for row in csv.splitlines() if "sau kỳ họp thứ Mười ba" in row)
    assert "4/8 trực tiếp, 4 hình thức khác" in line
