"""Charts drawn on the server: the geometry (pure functions) and the SVG, without a browser.

Text boxes here are the drawing's own estimates (portal.charts.geometry); tests/e2e/test_charts_browser.py
checks the boxes Chromium draws."""

from __future__ import annotations

import re

import pytest
from flask_babel import refresh

from portal.charts import geometry
from portal.charts.geometry import Box, Scale, bar_label, collisions, spread, text_width, ticks
from portal.charts.plot import Msg, Panel, Pct, Plot, Series
from portal.charts.svg import WIDTHS, Words, draw, render
from portal.services import chart_catalogue
from portal.vocabulary import translate


def texts_collide(drawing) -> list[tuple[str, str]]:
    boxes = [box for _, box in drawing.boxes]
    return [(drawing.boxes[i][0], drawing.boxes[j][0]) for i, j in collisions(boxes)]


def rects(drawing) -> list[tuple[float, float, float]]:
    """(x, y, width) of each bar."""
    found = []
    for part in drawing.parts:
        m = re.match(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" fill="', part)
        if m:
            found.append(tuple(float(v) for v in m.groups()))
    return found


# Geometry


def test_ticks_are_round_numbers_within_the_range():
    assert ticks(0, 877, 4) == [0, 250, 500, 750]
    assert ticks(0, 877, 5) == [0, 200, 400, 600, 800]
    assert ticks(0, 119.1, 5) == [0, 25, 50, 75, 100]
    assert geometry.nice_step(1, 5) == 0.2
    assert Scale(0, 100, 10, 210)(50) == 110


def test_text_width_grows_with_text_and_size_and_wraps_at_words():
    assert text_width("98,5%", 12) < text_width("98,5% 97,5%", 12) < text_width("98,5% 97,5%", 16)
    lines = geometry.wrap_text("Thường trực HĐND và đại biểu HĐND tham dự tiếp công dân", 13, 200)
    assert len(lines) > 1 and all(text_width(line, 13) <= 200 for line in lines)


def test_spread_moves_crowded_labels_apart_and_keeps_them_inside():
    centres = spread([330, 332, 334], [8, 8, 8], 0, 340, gap=4)
    assert all(b - a >= 8 + 4 - 1e-9 for a, b in zip(centres, centres[1:], strict=False))
    assert centres[-1] + 4 <= 340
    assert spread([50, 150], [20, 20], 0, 340) == [50, 150]  # room enough: left where they were


def test_a_bar_label_goes_outside_unless_it_would_cross_the_reference_line():
    assert bar_label(0, 100, 30, 340) == geometry.Placement(104, "start", False)
    # A 96.7% bar whose label would run through the 100% line: the label goes inside the bar's end.
    line = 250
    placed = bar_label(0, 242, 36, 340, avoid=[line])
    assert placed.inside and placed.x <= line and placed.x - 36 >= 0
    # A short bar just left of the line: its label moves past the line instead.
    placed = bar_label(200, 245, 50, 340, avoid=[line])
    assert not placed.inside and placed.x > line


def test_boxes_intersect_only_when_they_overlap_both_ways():
    assert Box(0, 0, 10, 10).intersects(Box(5, 5, 10, 10))
    assert not Box(0, 0, 10, 10).intersects(Box(10, 0, 10, 10))
    assert collisions([Box(0, 0, 10, 10), Box(20, 0, 5, 5), Box(8, 8, 5, 5)]) == [(0, 2)]


# Drawing


def stacked(values) -> Plot:
    return Plot(
        (
            Panel(
                ("Sau kỳ họp thứ Mười ba",),
                tuple(Series(f"S{i}", (v,)) for i, v in enumerate(values)),
                kind="stack",
                notes=(Msg.of("Tổng %(total)s · %(rate)s đã giải quyết", total=sum(values), rate=Pct(57.8)),),
            ),
        )
    )


@pytest.mark.parametrize("width", WIDTHS.values())
def test_small_stacked_values_are_labelled_outside_their_segment_without_colliding(width):
    # The petition outcomes of session 13 (26, 17, 2), and a harder case: three 1-unit segments side by side,
    # whose labels would print on top of each other if each stayed at its segment.
    for values in ((26, 17, 2), (80, 1, 1, 1)):
        d = draw(stacked(values), width, "t", Words())
        assert texts_collide(d) == []
        assert all(box.x >= 0 and box.x + box.w <= width for _, box in d.boxes)
    d = draw(stacked((26, 17, 2)), 340, "t", Words())
    bars = rects(d)
    two = [box for text, box in d.boxes if text == "2"][0]
    assert two.y > bars[-1][1] + 15  # under the bar, not squeezed inside its 2-unit segment
    assert "Tổng 45 · 57,8% đã giải quyết" in [text for text, _ in d.boxes]


@pytest.mark.parametrize("width", WIDTHS.values())
def test_close_percentages_each_have_their_own_row(width):
    plot = Plot(
        (Panel(("Tỷ lệ giải quyết",), (Series("2019", (98.5,)), Series("2020", (97.5,))), unit="percent"),)
    )
    d = draw(plot, width, "t", Words())
    labels = [box for text, box in d.boxes if text in ("98,5%", "97,5%")]
    assert len(labels) == 2 and not labels[0].intersects(labels[1])
    assert texts_collide(d) == []


def test_the_100_percent_line_runs_through_no_value_label():
    values = (93.2, 105, 76.1, 85.6, 119.1)
    plot = Plot(
        (Panel(tuple(f"Dòng {i}" for i in range(5)), (Series("a", values), Series("b", (88.7, 100, 75.3, 84.7, 96.7))),
               unit="percent", reference=100),)
    )  # fmt: skip
    d = draw(plot, 340, "t", Words())
    line_x = float(re.search(r'<path class="r" d="M([\d.]+) ', d.svg()).group(1))
    # Value labels (12 px; the axis's tick labels under the bars and the line's own label above are 11 px).
    value_boxes = [box for text, box in d.boxes if text.endswith("%") and box.h == 12]
    assert len(value_boxes) == 10
    crossed = [b for b in value_boxes if b.x < line_x < b.x + b.w]
    assert crossed == []
    assert texts_collide(d) == []


def test_panels_that_are_compared_share_one_scale():
    plot = Plot(
        (
            Panel(("Cử tri dự",), (Series("Trước kỳ họp 13", (800,)),), title="Trước kỳ họp 13"),
            Panel(("Cử tri dự",), (Series("Sau kỳ họp 13", (350,)),), title="Sau kỳ họp 13"),
        ),
        legend=False,
    )
    first, second = rects(draw(plot, 340, "t", Words()))
    assert first[0] == second[0]
    assert second[2] / first[2] == pytest.approx(350 / 800, rel=0.01)


def test_close_dots_are_on_separate_rows_and_their_labels_apart():
    plot = Plot((Panel(("Chi ngân sách — dự toán tỉnh",), (Series("a", (551879,)), Series("b", (551469,))),
                       kind="dots", unit="approx"),))  # fmt: skip
    d = draw(plot, 340, "t", Words())
    svg = d.svg()
    circle_y = float(re.search(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg).group(1))
    diamond_ys = [
        float(y) for y in re.findall(r"[\d.]+,([\d.]+)", re.findall(r'<polygon points="([^"]+)"', svg)[-1])
    ]
    assert circle_y + 6 < min(diamond_ys)  # the diamond is drawn below the circle, not on top of it
    assert {"≈551.879", "≈551.469"} <= {text for text, _ in d.boxes}
    assert texts_collide(d) == []


def test_numbers_are_written_the_pages_way():
    plot = Plot((Panel(("a",), (Series("s", (1234.5,)),)),))
    assert "1.234,5" in render(plot, 340, "t", "T", "D", Words())
    assert "1,234.5" in render(plot, 340, "t", "T", "D", Words("en"))


def test_the_svg_is_an_image_named_by_its_title_and_description():
    plot = Plot((Panel(("a",), (Series("s", (1,)),)),))
    svg = render(plot, 340, "svg-x-phone", "Tiêu đề <b>", "Số liệu ở bảng bên dưới.", Words(), "phone")
    assert svg.startswith('<svg class="chart-svg chart-svg-phone"')
    assert 'role="img" aria-labelledby="svg-x-phone-t svg-x-phone-d"' in svg
    assert '<title id="svg-x-phone-t">Tiêu đề &lt;b&gt;</title>' in svg and '<desc id="svg-x-phone-d">' in svg
    assert 'viewBox="0 0 340 ' in svg


def test_every_chart_of_the_starter_data_has_no_colliding_text_in_either_language(app):
    for lang in ("vi", "en"):
        with app.test_request_context(f"/statistics?lang={lang}"):
            for name in chart_catalogue.BUILDERS:
                chart = chart_catalogue.build(name)
                for width in WIDTHS.values():
                    d = draw(chart.plot, width, "t", Words(lang, translate))
                    assert texts_collide(d) == [], (lang, name, width)
                    assert [t for t, b in d.boxes if b.x < 0 or b.x + b.w > width] == [], (lang, name, width)


def test_english_pages_get_english_chart_words_and_content_stays_marked_vietnamese(app):
    with app.test_request_context("/statistics?lang=en"):
        sessions = chart_catalogue.chart_svg("sessions")
        letters = chart_catalogue.chart_svg("letters")
        funnel = chart_catalogue.chart_svg("voter_funnel")
        supervision = chart_catalogue.chart_svg("supervision")
    assert "Session 12 (extraordinary)" in sessions and "Resolutions adopted" in sessions
    assert "Kỳ họp" not in sessions and "Nghị quyết" not in sessions
    assert "98.5%" in letters and "Resolution rate" in letters and "Year 2020" in letters
    assert "Before session 13" in funnel and "Voters attending" in funnel
    # A record's own words (an activity as the report names it) stay Vietnamese and say so.
    assert re.search(r'<text [^>]*lang="vi"[^>]*>Cuộc giám sát', supervision)
    with app.test_request_context("/statistics"):
        refresh()  # Flask-Babel keeps the locale on the app context the English request used
        assert "98,5%" in chart_catalogue.chart_svg("letters")
        assert "Kỳ họp 12 (bất thường)" in chart_catalogue.chart_svg("sessions")


def test_a_council_with_no_figures_gets_a_sentence_not_an_empty_drawing(empty_app):
    assert Plot((Panel((), ()),)).empty and Plot((Panel(("a",), (Series("s", (None,)),)),)).empty
    assert not Plot((Panel(("a",), (Series("s", (0,)),)),)).empty
    html = empty_app.test_client().get("/budget", follow_redirects=True).get_data(as_text=True)
    assert "Chưa có số liệu để vẽ biểu đồ." in html and "chart-svg" not in html
