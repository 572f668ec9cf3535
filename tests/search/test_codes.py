"""Letter-digit codes and bare numbers (issue 14, Deliver 6), on every engine: a road or plan
code typed joined, split or with other punctuation finds the record that writes it another way,
and a bare number finds the document it numbers.  The records are test data, not council data."""

from __future__ import annotations

import pytest

from portal.search.query import execute
from tests.search.corpus import doc

CODED = [
    doc("petition:601", "Nâng cấp đường ĐT.746", "Cử tri đề nghị sửa mặt đường ĐT.746 đoạn qua xã."),
    doc("petition:602", "Đèn chiếu sáng QL1A", "Lắp đèn trên QL1A đoạn qua phường."),
    doc("petition:603", "Thoát nước TL229", "Cống dọc TL229 bị tắc."),
    doc("document:604", "Kế hoạch giám sát năm 2021", "Ban hành kèm theo KH-HĐND về giám sát."),
    doc("document:605", "Quyết định giao đất", "Theo Quyết định số 8338/QĐ-UBND ngày 3/3/2021."),
    doc("document:606", "Báo cáo diện tích", "Diện tích 8.338,4ha đất nông nghiệp."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("DT746", "petition:601"), ("đt 746", "petition:601"), ("ĐT-746", "petition:601"),
        ("QL.1A", "petition:602"), ("ql 1a", "petition:602"), ("quốc lộ 1A", "petition:602"),
        ("TL.229", "petition:603"), ("tl 229", "petition:603"),
        ("KH HĐND giám sát", "document:604"), ("kh-hdnd", "document:604"),
        ("8338", "document:605"), ("8338/QĐ-UBND", "document:605"),
        ("8338,4 ha", "document:606"), ("8.338,4", "document:606"),
    ],
)  # fmt: skip
def test_codes_and_numbers_meet_whatever_the_form(fresh_backend, typed, expected):
    fresh_backend.index(CODED)
    hits = [hit.key for hit in execute(fresh_backend, typed).result.hits]
    assert hits[:1] == [expected], hits
