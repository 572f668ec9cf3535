from datetime import date

from portal.models import Petition
from portal.services import queries
from portal.services.petition_accountability import (
    agency_accountability,
    days_to_answer,
)
from tests.support.petitions import make_petition

TODAY = date(2021, 3, 1)


def _rows(app):
    return agency_accountability(queries.published(Petition), TODAY)


def test_counts_answered_waiting_and_overdue_per_agency(app):
    # The round before session 13 ended on 12/6/2020.
    make_petition(
        "Sửa đường ngõ 12", answered_on=date(2020, 7, 2), status="resolved", response_key="doc-1020-bc-ubnd"
    )
    make_petition(
        "Lắp đèn chiếu sáng",
        answered_on=date(2020, 8, 1),
        status="explained",
        response_key="doc-1020-bc-ubnd",
    )
    make_petition("Nạo vét mương thoát nước", due_by=date(2020, 12, 31))
    make_petition("Cấp giấy chứng nhận quyền sử dụng đất", due_by=date(2021, 6, 30))
    make_petition("Hỗ trợ giống cây trồng", agency_key="org-ubnd-quang-lac", due_by=date(2020, 12, 1))

    rows = _rows(app)

    names = [r.agency.name for r in rows]
    assert names == ["UBND xã Quảng Lạc", "Ủy ban nhân dân thành phố Lạng Sơn"]
    city = rows[1]
    assert (city.total, city.answered, city.waiting, city.overdue, city.resolved) == (4, 2, 1, 1, 1)
    assert city.days_to_answer == [20, 50]
    assert city.median_days == 35
    assert [d.number for d in city.sources] == ["1020/BC-UBND"]
    commune = rows[0]
    assert (commune.total, commune.overdue, commune.median_days) == (1, 1, None)


def test_unpublished_petitions_are_not_counted(app):
    make_petition("Bản nháp chưa công bố", publish_it=False)
    make_petition("Đã công bố", due_by=date(2022, 1, 1))
    rows = _rows(app)
    assert sum(r.total for r in rows) == 1


def test_petitions_without_agency_are_grouped_last(app):
    make_petition("Chưa giao cơ quan", agency_key=None)
    make_petition("Giao UBND thành phố")
    rows = _rows(app)
    assert rows[-1].agency is None and rows[-1].total == 1


def test_days_to_answer_needs_both_dates(app):
    # The round after session 13 has no dates in the report.
    undated = make_petition("Đợt không ghi ngày", round_key="txct-sau-13", answered_on=date(2020, 11, 27))
    dated = make_petition("Đợt có ngày", answered_on=date(2020, 6, 12))
    assert days_to_answer(undated) is None
    assert days_to_answer(dated) == 0
    row = _rows(app)[0]
    assert row.answered == 2 and row.days_to_answer == [0]


def test_median_of_an_even_count_is_the_mean_of_the_middle_two(app):
    for day in (1, 3, 7, 9):
        make_petition(f"Kiến nghị {day}", answered_on=date(2020, 7, day))
    rows = _rows(app)
    assert rows[0].days_to_answer == [19, 21, 25, 27]
    assert rows[0].median_days == 23
