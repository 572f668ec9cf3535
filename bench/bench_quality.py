"""The quality set of the engine benchmark: planted documents and queries whose correct first
hit is known.  Each query exercises one thing Vietnamese users do; the planted words do not
occur in the synthetic corpus, so the answer is unambiguous at any size."""

from __future__ import annotations

import unicodedata

from portal.search.base import SearchDocument


def _planted(n: int, title: str, text: str, number: str = "") -> SearchDocument:
    return SearchDocument(
        key=f"petition:{990_000 + n}", type="petition", id=990_000 + n, slug=f"planted-{n}",
        title=title, text=f"{title}\n{text}", date="2021-06-01", number=number,
        facets={"type": "petition", "year": "2021"}, version="planted",
    )  # fmt: skip


PLANTED = [
    _planted(1, "Quyết toán kinh phí lễ hội Kỳ Lừa",
             unicodedata.normalize("NFD", "Báo cáo thẩm tra quyết toán kinh phí tổ chức lễ hội Kỳ Lừa.")),
    _planted(2, "Cải tạo ho\u0300\u0302 Phai Loa\u0323n",  # tone typed before the circumflex
             "Cử tri đề nghị cải tạo ho\u0300\u0302 Phai Loa\u0323n và kè bờ."),
    _planted(3, "Hoà giải tranh chấp ở khối Đèo Giang", "Tổ hoà giải khối Đèo Giang đã hoà giải thành."),
    _planted(4, "Sửa chữa mặt đường Đinh Tiên Hoàng", "Mặt đường Đinh Tiên Hoàng bị bong tróc."),
    _planted(5, "Ủy ban nhân dân xã Quảng Lạc trả lời cử tri",
             "Ủy ban nhân dân xã trả lời về cột đèn hỏng ở ngõ Hòa Bình, Quảng Lạc."),
    _planted(6, "HĐND phường giám sát bãi đỗ xe Kỳ Cùng", "Đoàn giám sát bãi đỗ xe Kỳ Cùng."),
    _planted(7, "Thông báo 9876/TB-HĐND về lịch tiếp công dân",
             "Thông báo số 9876/TB-HĐND về lịch tiếp công dân quý III.", "9876/TB-HĐND"),
    _planted(8, "Thực hiện lịch tiếp công dân",
             " ".join(["Thực hiện Thông báo số 9876/TB-HĐND về lịch tiếp công dân."] * 6)),
]  # fmt: skip

QUALITY = [
    ("quyết toán lễ hội Kỳ Lừa", "petition:990001"),  # stored in NFD
    ("cải tạo hồ Phai Loạn", "petition:990002"),  # stored tone-first
    ("hòa giải Đèo Giang", "petition:990003"),  # stored with the old tone placement
    ("sua chua duong dinh tien hoang", "petition:990004"),  # typed without diacritics
    ("UBND cột đèn Quảng Lạc", "petition:990005"),  # abbreviation → full form
    (
        "hội đồng nhân dân bãi đỗ xe Kỳ Cùng",
        "petition:990006",
    ),  # full form → abbreviation
    ("9876/TB-HĐND", "petition:990007"),  # the document itself before those citing it
    ("9876/tb-hdnd", "petition:990007"),
    ("9876", "petition:990007"),
    ("ddeof giang hoaf giair", "petition:990003"),  # Telex typing
    ('"cột đèn hỏng"', "petition:990005"),
    ("cot den hong ngo hoa binh", "petition:990005"),
]
