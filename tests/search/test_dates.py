"""Dates typed in a query (issue 14, Deliver 8): the forms people type are one date clause,
matched by the records dated on it or whose text writes it, records dated on it first."""

from __future__ import annotations

import pytest

from portal.search.analysis import analyze_query
from portal.search.dates import date_terms, find_dates
from portal.search.query import execute
from tests.search.corpus import doc


@pytest.mark.parametrize(
    ("query", "term"),
    [
        ("17/12/2019", "date:2019-12-17"),
        ("17-12-2019", "date:2019-12-17"),
        ("17.12.2019", "date:2019-12-17"),
        ("ngày 17/12/2019", "date:2019-12-17"),
        ("ngày 17 tháng 12 năm 2019", "date:2019-12-17"),
        ("ngay 17 thang 12 nam 2019", "date:2019-12-17"),
        ("17 tháng 12/2019", "date:2019-12-17"),
        ("ngày 06/5/2020", "date:2020-05-06"),
        ("ngày 17 tháng 12", "date:12-17"),
        ("ngày 17/12", "date:12-17"),
        ("tháng 12/2019", "date:2019-12"),
        ("tháng 12 năm 2019", "date:2019-12"),
        ("Tháng 7-2020", "date:2020-07"),
    ],
)
def test_typed_dates_are_found(query, term):
    assert [typed.term for typed in find_dates(f"kỳ họp {query} thành phố")] == [term]


@pytest.mark.parametrize(
    "query",
    ["12/2019/NQ-HĐND", "1107/TB-HĐND", "tỷ lệ 3/4", "31/02/2020", "ngày 32/1", "tháng 13/2019",
     "45-CT/TW", "8.338,4 ha", "2019"],
)  # fmt: skip
def test_numbers_that_are_no_dates_stay_words(query):
    assert find_dates(query) == []


def test_a_date_is_one_clause_not_free_text():
    parsed = analyze_query("ngày 28 tháng 7 năm 2020 kỳ họp")
    assert [[alt.folded for alt in clause] for clause in parsed.must] == [
        [("ky",)], [("hop",)],
        [("date:2020-07-28",), ("28", "7", "2020"), ("ngay", "28", "thang", "7", "nam", "2020")],
    ]  # fmt: skip
    assert "date:2020-07-28" in parsed.docno_terms


def test_date_terms_of_a_record():
    assert date_terms("2019-12-17") == ["date:2019-12-17", "date:2019-12", "date:12-17"]
    assert date_terms("") == [] and date_terms("2019") == []


DATED = [
    doc("session:501", "Kỳ họp chuyên đề về ngân sách", "Thông qua dự toán.", date="2020-07-28"),
    doc("document:502", "Thông báo kết luận", "Kết luận phiên họp ngày 28/7/2020 về ngân sách.",
        date="2020-08-03"),
    doc("document:503", "Thông báo lịch làm việc", "Lịch tháng 8 về ngân sách.", date="2020-08-10"),
]  # fmt: skip


@pytest.mark.parametrize(
    "query", ["28/7/2020", "ngày 28 tháng 7 năm 2020", "28-07-2020 ngân sách", "ngay 28 thang 7"]
)
def test_records_on_the_date_come_first_then_those_writing_it(fresh_backend, query):
    fresh_backend.index(DATED)
    keys = [hit.key for hit in execute(fresh_backend, query).result.hits]
    assert keys == ["session:501", "document:502"]


def test_a_month_finds_the_records_of_that_month(fresh_backend):
    fresh_backend.index(DATED)
    keys = [hit.key for hit in execute(fresh_backend, "tháng 8/2020 ngân sách").result.hits]
    assert sorted(keys) == ["document:502", "document:503"]
