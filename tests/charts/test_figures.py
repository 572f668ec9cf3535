"""Every chart built from the starter data carries exactly the report's numbers, series by series."""

import pytest

from portal.services import chart_catalogue
from tests.support.charts import in_vietnamese


def built(name: str):
    return in_vietnamese(chart_catalogue.build(name))


def series(chart, name):
    """The values of one named trace (bars: y for vertical, x for horizontal; points: x)."""
    traces = [t for t in chart.figure.data if t.name == name]
    assert traces, f"no series {name!r} in {[t.name for t in chart.figure.data]}"
    values = []
    for t in traces:
        values += list(t.x if (t.type == "scatter" or t.orientation == "h") else t.y)
    return values


def test_resolutions_per_session(app):
    chart = built("sessions")
    assert series(chart, "Nghị quyết thông qua") == [7, 4, 16, None]
    assert series(chart, "Có trang riêng trên cổng") == [0, 4, 0, 0]
    assert chart.reading == (
        "3 kỳ họp có số liệu đã thông qua 27 nghị quyết, nhiều nhất là kỳ họp thứ Mười ba (16 nghị quyết)."
    )
    assert any("thứ Mười bốn" in note for note in chart.notes)


def test_questioning_and_clarified_items_per_session(app):
    chart = built("questioning")
    assert list(chart.figure.data[0].x) == ["Kỳ họp 11", "Kỳ họp 13"]
    assert series(chart, "Nội dung đại biểu nêu") == [None, 48]
    assert series(chart, "Giải trình, làm rõ tại tổ") == [None, 34]
    assert series(chart, "Giải trình, làm rõ tại hội trường") == [12, 14]
    assert series(chart, "Phiếu chất vấn") == [2, None]
    notes = " ".join(chart.notes)
    assert "05 nội dung chất vấn đối với 04 Ủy viên" in notes and ": 70." in notes


def test_supervision_counts_by_body(app):
    chart = built("supervision")
    assert series(chart, "Số cuộc") == [4, 8, 5, 64]
    assert series(chart, "Theo kế hoạch") == [None, None, None, 68]
    assert series(chart, "Cơ quan, đơn vị") == [4, 11, 15, None]
    assert "17 cuộc" in chart.reading and "64 trong 68" in chart.reading


def test_supervisions_listed_by_body_and_kind(app):
    chart = built("supervision_listed")
    bodies = list(chart.figure.data[0].y)
    totals = {row["body"]: row["total"] for row in chart.table.rows}
    assert totals == {
        "HĐND thành phố": 2,
        "Thường trực HĐND": 4,
        "Ban Pháp chế": 3,
        "Ban Kinh tế - Xã hội": 5,
    }
    thematic = dict(zip(bodies, series(chart, "Giám sát chuyên đề"), strict=True))
    assert thematic["Ban Pháp chế"] == 3 and thematic["Ban Kinh tế - Xã hội"] == 5
    assert dict(zip(bodies, series(chart, "Kiểm tra, khảo sát"), strict=True))["Thường trực HĐND"] == 4


@pytest.mark.parametrize(
    ("round_name", "expected"),
    [
        ("Tiếp xúc cử tri sau kỳ họp thứ Mười một", [766, 43, 73, None, 5, 4, 1]),
        ("Tiếp xúc cử tri trước kỳ họp thứ Mười ba", [877, 73, 154, None, 32, 26, 6]),
        ("Tiếp xúc cử tri sau kỳ họp thứ Mười ba", [356, 26, 59, None, 20, 19, 1]),
        (
            "Tiếp xúc cử tri trước kỳ họp thứ Mười bốn",
            [855, 55, 79, 54, 25, None, None],
        ),
    ],
)
def test_voter_meeting_funnel_per_round(app, round_name, expected):
    chart = built("voter_funnel")
    assert series(chart, round_name) == expected
    assert list(chart.figure.data[0].y) == [
        "Cử tri dự",
        "Cử tri phát biểu",
        "Ý kiến, kiến nghị",
        "Giải đáp tại hội nghị",
        "Tổng hợp gửi đi",
        "Chuyển thành phố",
        "Chuyển tỉnh",
    ]


def test_voter_round_panels_share_one_scale(app):
    figure = built("voter_funnel").figure
    ranges = {tuple(axis.range) for axis in figure.select_xaxes()}
    assert len(list(figure.select_xaxes())) == 4
    assert len(ranges) == 1, ranges
    ((low, high),) = ranges
    assert low == 0 and high >= 877


def test_petition_outcomes_and_resolution_rate(app):
    chart = built("petition_outcomes")
    assert series(chart, "Đã giải quyết") == [26]
    assert series(chart, "Đang giải quyết") == [17]
    assert series(chart, "Sẽ giải quyết") == [2]
    row = chart.table.rows[0]
    assert (row["total"], str(row["rate"]), row["forwarded"]) == (45, "57.8", 45)
    assert "Tiếp xúc cử tri trước kỳ họp thứ Mười ba" in row["rounds"]
    assert "Tiếp xúc cử tri sau kỳ họp thứ Mười ba" in row["rounds"]
    assert chart.reading.startswith("Theo 1020/BC-UBND, 26 trong 45 kiến nghị (57,8%) đã giải quyết xong")
    assert chart.sources[0].slug == "bao-cao-1020-bc-ubnd"


def test_letters_against_the_previous_year(app):
    chart = built("letters")
    assert series(chart, "Năm 2019") == [543, None, 98.5]
    assert series(chart, "Năm 2020") == [564, 550, 97.5]
    assert chart.reading == (
        "Tỷ lệ giải quyết đơn thư năm 2020 giảm 1 điểm phần trăm so với 2019 "
        "(97,5% so với 98,5%); số đơn tiếp nhận tăng 21 đơn (564 so với 543)."
    )


def test_citizen_reception(app):
    chart = built("reception")
    assert series(chart, "Lượt công dân") == [28, 209, 296]
    assert series(chart, "Nội dung, vụ việc") == [None, 257, None]
    assert series(chart, "Trả lời trực tiếp") == [None, 110, None]
    assert series(chart, "Chuyển giải quyết") == [None, 147, None]
    assert series(chart, "Buổi tiếp") == [4, None, None]


def test_budget_amounts(app):
    chart = built("budget_amounts")
    assert series(chart, "11 tháng") == [390463, 228974, 472408]
    assert series(chart, "Ước cả năm") == [440000, None, 656800]


def test_budget_percentages_as_reported(app):
    chart = built("budget_percentages")
    assert series(chart, "Dự toán tỉnh giao") == [93.2, 105, 76.1, 85.6, 119.1]
    assert series(chart, "Dự toán thành phố (HĐND) giao") == [
        88.7,
        100,
        75.3,
        84.7,
        96.7,
    ]
    assert series(chart, "Cùng kỳ năm trước") == [87.9, None, None, 80.5, 97.6]


def test_budget_bases_are_derived_and_flag_the_expenditure_gap(app):
    chart = built("budget_bases")
    assert series(chart, "Suy ra từ số 11 tháng") == [418952, 440206, 551879, 557743]
    assert series(chart, "Suy ra từ số ước cả năm") == [419048, 440000, 551469, 679214]
    assert "tính ngược" in chart.title and "(≈)" in chart.title
    assert any("do cổng tính" in note for note in chart.notes)
    assert "≈557.743 triệu đồng (“dự toán thành phố giao đầu năm”)" in chart.reading
    assert "≈679.214 triệu đồng (“dự toán thành phố giao”)" in chart.reading
    assert "chênh ≈121.471 triệu đồng" in chart.reading
    assert "không kết luận" in chart.reading


def test_every_figure_uses_vietnamese_separators(app):
    for name in chart_catalogue.BUILDERS:
        assert built(name).figure.layout.separators == ",.", name
