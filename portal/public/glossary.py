"""Plain-language meaning of every status and term the portal uses."""

from __future__ import annotations

import functools

from flask import render_template

from portal.public import bp
from portal.search.abbreviations import ABBREVIATIONS_FILE, parse_abbreviations
from portal.search.segment import is_syllable
from portal.vocabulary import N_

# (anchor, term, abbreviation or "", explanation); terms and explanations are translated on the page.
GLOSSARY: list[tuple[str, list[tuple[str, str, str, str]]]] = [
    (
        N_("Cơ quan và tổ chức"),
        [
            (
                "hdnd",
                N_("Hội đồng nhân dân"),
                "HĐND",
                N_(
                    "Cơ quan quyền lực nhà nước ở địa phương, do cử tri bầu ra; quyết định các vấn đề của địa phương "
                    "và giám sát việc thi hành."
                ),
            ),
            (
                "thuong-truc",
                N_("Thường trực HĐND"),
                "",
                N_(
                    "Gồm Chủ tịch, các Phó Chủ tịch và các Ủy viên; điều hành công việc của HĐND giữa hai kỳ họp."
                ),
            ),
            (
                "ban",
                N_("Ban của HĐND"),
                "",
                N_(
                    "Ban Pháp chế và Ban Kinh tế - Xã hội: thẩm tra dự thảo nghị quyết, báo cáo và giám sát theo "
                    "lĩnh vực."
                ),
            ),
            (
                "to-dai-bieu",
                N_("Tổ đại biểu HĐND"),
                "",
                N_("Nhóm đại biểu HĐND bầu ở cùng một phường, xã; tổ chức tiếp xúc cử tri tại đó."),
            ),
            (
                "ubnd",
                N_("Ủy ban nhân dân"),
                "UBND",
                N_("Cơ quan hành chính do HĐND bầu ra, thi hành nghị quyết và trả lời kiến nghị của cử tri."),
            ),
            (
                "mttq",
                N_("Ủy ban Mặt trận Tổ quốc Việt Nam"),
                "MTTQ",
                N_("Tổ chức cùng HĐND tổ chức tiếp xúc cử tri và giám sát."),
            ),
        ],
    ),
    (
        N_("Kỳ họp và nghị quyết"),
        [
            (
                "ky-hop-thuong-le",
                N_("Kỳ họp thường lệ"),
                "",
                N_("Kỳ họp theo lịch, thường giữa năm và cuối năm."),
            ),
            (
                "ky-hop-bat-thuong",
                N_("Kỳ họp bất thường"),
                "",
                N_("Kỳ họp triệu tập khi cần quyết định việc gấp giữa hai kỳ họp thường lệ."),
            ),
            (
                "chat-van",
                N_("Chất vấn"),
                "",
                N_(
                    "Đại biểu hỏi người đứng đầu cơ quan về trách nhiệm của họ; người bị chất vấn phải trả lời."
                ),
            ),
            (
                "giai-trinh",
                N_("Giải trình, làm rõ"),
                "",
                N_(
                    "Lãnh đạo cơ quan giải thích một vấn đề đại biểu nêu, tại tổ thảo luận hoặc tại hội trường."
                ),
            ),
            ("nghi-quyet", N_("Nghị quyết"), "NQ", N_("Văn bản HĐND thông qua tại kỳ họp.")),
            (
                "hieu-luc",
                N_("Còn hiệu lực / hết hiệu lực"),
                "",
                N_(
                    "Nghị quyết còn được áp dụng, chỉ còn áp dụng một phần, hoặc không còn áp dụng (bị thay thế, "
                    "bãi bỏ hay hết thời hạn)."
                ),
            ),
        ],
    ),
    (
        N_("Giám sát"),
        [
            (
                "giam-sat-chuyen-de",
                N_("Giám sát chuyên đề"),
                "",
                N_("Cuộc giám sát theo kế hoạch về một chủ đề, với đối tượng, thời gian và báo cáo kết quả."),
            ),
            (
                "giam-sat-thuong-xuyen",
                N_("Giám sát thường xuyên"),
                "",
                N_("Theo dõi liên tục việc thực hiện nghị quyết và trả lời kiến nghị trong năm."),
            ),
            (
                "giam-sat-tai-ky-hop",
                N_("Giám sát tại kỳ họp"),
                "",
                N_("Xem xét báo cáo của các cơ quan và chất vấn ngay tại kỳ họp."),
            ),
            (
                "kiem-tra-khao-sat",
                N_("Kiểm tra, khảo sát"),
                "",
                N_("Đi thực tế để nắm tình hình, thường trước một cuộc giám sát."),
            ),
            (
                "thong-bao-ket-luan",
                N_("Thông báo kết luận"),
                "TB",
                N_("Văn bản nêu kết quả giám sát và các kiến nghị gửi cơ quan được giám sát."),
            ),
            (
                "kien-nghi-sau-giam-sat",
                N_("Kiến nghị sau giám sát"),
                "",
                N_("Việc cơ quan được giám sát cần làm; cổng theo dõi tiến độ thực hiện từng kiến nghị."),
            ),
        ],
    ),
    (
        N_("Cử tri và kiến nghị"),
        [
            (
                "txct",
                N_("Tiếp xúc cử tri"),
                "TXCT",
                N_(
                    "Hội nghị đại biểu gặp cử tri trước và sau mỗi kỳ họp, tại các điểm tiếp xúc ở phường, xã."
                ),
            ),
            (
                "kien-nghi-cu-tri",
                N_("Ý kiến, kiến nghị cử tri"),
                "",
                N_(
                    "Điều cử tri đề nghị tại tiếp xúc; được tổng hợp và chuyển đến cơ quan có thẩm quyền trả lời."
                ),
            ),
            ("da-giai-quyet", N_("Đã giải quyết"), "", N_("Cơ quan đã làm xong việc cử tri kiến nghị.")),
            (
                "da-giai-trinh",
                N_("Đã giải trình, thông tin"),
                "",
                N_("Cơ quan đã trả lời, giải thích hoặc cung cấp thông tin; việc có thể không thay đổi."),
            ),
            ("dang-giai-quyet", N_("Đang giải quyết"), "", N_("Cơ quan đã nhận và đang xử lý, chưa xong.")),
            (
                "se-giai-quyet",
                N_("Sẽ giải quyết"),
                "",
                N_("Cơ quan hẹn giải quyết trong thời gian tới, thường khi có kinh phí hoặc kế hoạch."),
            ),
            ("chua-giai-quyet", N_("Chưa giải quyết"), "", N_("Chưa có kết quả xử lý.")),
            (
                "qua-han",
                N_("Quá hạn"),
                "",
                N_("Chưa có trả lời khi đã qua hạn trả lời, mặc định là kỳ họp thường lệ kế tiếp."),
            ),
        ],
    ),
    (
        N_("Tiếp công dân và đơn thư"),
        [
            (
                "tiep-cong-dan",
                N_("Tiếp công dân"),
                "",
                N_("Buổi lãnh đạo nghe người dân trình bày trực tiếp; cổng chỉ công bố số liệu tổng hợp."),
            ),
            (
                "khieu-nai",
                N_("Khiếu nại"),
                "",
                N_(
                    "Đề nghị xem xét lại một quyết định hay hành vi hành chính ảnh hưởng đến người khiếu nại."
                ),
            ),
            (
                "to-cao",
                N_("Tố cáo"),
                "",
                N_("Báo cho cơ quan có thẩm quyền về hành vi vi phạm pháp luật của người khác."),
            ),
            (
                "kien-nghi-phan-anh",
                N_("Kiến nghị, phản ánh"),
                "",
                N_("Đề xuất hoặc thông tin về một vấn đề, không phải khiếu nại hay tố cáo."),
            ),
        ],
    ),
    (
        N_("Ngân sách"),
        [
            (
                "du-toan-tinh-giao",
                N_("Dự toán tỉnh giao"),
                "",
                N_("Mức thu, chi ngân sách mà tỉnh giao cho thành phố trong năm."),
            ),
            (
                "du-toan-hdnd-giao",
                N_("Dự toán HĐND giao"),
                "",
                N_("Mức thu, chi mà HĐND thành phố quyết định, có thể cao hơn mức tỉnh giao."),
            ),
            ("cung-ky", N_("Cùng kỳ"), "", N_("Cùng khoảng thời gian của năm trước, dùng để so sánh.")),
        ],
    ),
]


# Abbreviations the pages use (mostly the 2020 report's recipient list and signature) that the search
# dictionary leaves out: it expands an abbreviation wherever it stands, and these are too short or
# ambiguous for that (CT is "Chủ tịch" in "CT, PCT UBND" but "Chỉ thị" in "45-CT/TW").
MORE_ABBREVIATIONS = (
    ("CT", "Chủ tịch; trong số hiệu văn bản (45-CT/TW): Chỉ thị"),
    ("PCT", "Phó Chủ tịch"),
    ("C", "Chánh Văn phòng (trong danh sách nơi nhận)"),
    ("PCVP", "Phó Chánh Văn phòng"),
    ("CV", "chuyên viên"),
    ("HSKH", "hồ sơ kỳ họp"),
    ("VT", "văn thư (Lưu: VT — bản lưu tại văn thư)"),
    ("TM", "thay mặt"),
    ("TT", "Thường trực"),
    ("TTĐT", "thông tin điện tử (Trang TTĐT: trang thông tin điện tử)"),
    ("VN", "Việt Nam"),
    ("VH", "văn hóa"),
    ("VH-TT", "Văn hóa - Thông tin"),
    ("GPMB", "giải phóng mặt bằng"),
    ("QLDA", "quản lý dự án"),
    ("ĐTXD", "đầu tư xây dựng"),
    ("THADS", "thi hành án dân sự"),
    ("LĐTBXH", "Lao động - Thương binh và Xã hội"),
    ("SDĐ", "sử dụng đất"),
)


@functools.lru_cache(maxsize=1)
def abbreviations() -> tuple[tuple[str, str], ...]:
    """Every abbreviation with its full forms: the search dictionary's, then the page-only ones."""
    forms: dict[str, list[str]] = {}
    pairs = parse_abbreviations(ABBREVIATIONS_FILE.read_text(encoding="utf-8").splitlines())
    for short, full in [*pairs, *MORE_ABBREVIATIONS]:
        if full not in forms.setdefault(short, []):
            forms[short].append(full)
    return tuple(
        sorted(
            ((short, "; ".join(full)) for short, full in forms.items()),
            key=lambda pair: pair[0].replace("Đ", "D~"),
        )
    )


def is_abbreviation_like(token: str) -> bool:
    """Whether an upper-case token reads as an abbreviation, not a word set in capitals (CHUNG)."""
    return not all(is_syllable(part.lower()) for part in token.split("-"))


@bp.get("/glossary")
def glossary():
    return render_template("public/glossary/index.html", sections=GLOSSARY, abbreviations=abbreviations())
