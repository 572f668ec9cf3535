"""The chart functions are pure: rows in, figure, table and reading out, no Flask and no database."""

from datetime import date
from decimal import Decimal

from portal.charts import activity, reception, voters
from portal.charts.export import figure_json, table_csv
from portal.charts.rows import LetterRow, OutcomeRow, SessionRow
from tests.support.charts import in_vietnamese


def _session(number, reported, listed, kind="regular"):
    return SessionRow(
        number=number,
        ordinal_name=f"số {number}",
        name=f"Kỳ họp số {number}",
        kind=kind,
        start_date=date(2021, 1, number),
        resolutions_reported=reported,
        resolutions_listed=listed,
        questions_reported=None,
        questionings_listed=0,
        delegates_spoke=None,
        items_raised=None,
        clarified_in_groups=None,
        clarified_in_hall=None,
    )


def test_a_session_without_a_reported_count_shows_the_resolutions_published_one_by_one():
    chart = in_vietnamese(activity.sessions([_session(1, None, 3), _session(2, 5, 6, "extraordinary")]))
    assert list(chart.figure.data[0].y) == [3, 6]
    assert list(chart.figure.data[0].x) == ["Kỳ họp 1", "Kỳ họp 2<br>(bất thường)"]
    assert chart.reading.endswith("nhiều nhất là kỳ họp số 2 (6 nghị quyết).")
    assert chart.notes == []


def test_charts_without_rows_say_so():
    assert in_vietnamese(activity.sessions([])).reading == "Chưa có số liệu nghị quyết theo kỳ họp."
    assert in_vietnamese(voters.voter_funnel([])).reading == "Chưa có đợt tiếp xúc cử tri nào được đăng."
    assert in_vietnamese(reception.letters([])).reading == "Chưa có số liệu đơn thư để so sánh với năm trước."


def test_the_letters_reading_follows_the_direction_of_change():
    row = LetterRow(
        label="Đơn",
        body="UBND",
        scope="city",
        year=2021,
        received=500,
        resolved=495,
        previous_year_received=564,
        reported_rate_pct=Decimal("99"),
        previous_year_rate_pct=Decimal("97.5"),
    )
    chart = in_vietnamese(reception.letters([row]))
    assert chart.reading == (
        "Tỷ lệ giải quyết đơn thư năm 2021 tăng 1,5 điểm phần trăm so với 2020 "
        "(99% so với 97,5%); số đơn tiếp nhận giảm 64 đơn (500 so với 564)."
    )


def test_resolution_rate_is_computed_from_the_counts():
    row = OutcomeRow(
        label="Đợt",
        origin="reported",
        rounds=("A",),
        reported_on=None,
        resolved=1,
        explained=None,
        in_progress=2,
        scheduled=None,
        unresolved=None,
    )
    assert voters.resolution_rate(row) == Decimal("33.3")
    empty = OutcomeRow(
        label="Đợt",
        origin="listed",
        rounds=("A",),
        reported_on=None,
        resolved=0,
        explained=0,
        in_progress=0,
        scheduled=0,
        unresolved=0,
    )
    assert voters.resolution_rate(empty) is None


def test_csv_has_a_bom_and_machine_readable_numbers():
    chart = in_vietnamese(activity.sessions([_session(1, 7, 0)]))
    data = table_csv(chart.table)
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[1] == "Kỳ họp số 1,Thường lệ,7,0"


def test_figure_json_cannot_close_its_script_element():
    chart = in_vietnamese(activity.sessions([_session(1, 7, 0, "extraordinary")]))
    chart.figure.data[0].name = "</script><b>"
    text = figure_json(chart)
    assert "<" not in text and ">" not in text
    assert "\\u003c" in text
