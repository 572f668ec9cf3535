"""Vietnamese labels for the code values of the data model (translated through Flask-Babel).

Labels are marked with `N_` so `pybabel extract -k N_` finds them; `label()` translates at the
moment of use, so the same value reads "Thường lệ" on a Vietnamese page and "Regular" in English.
"""

from __future__ import annotations

import unicodedata

from flask import has_request_context
from flask_babel import gettext


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    return text


# Marks only Vietnamese uses here: đ and the tone, horn, breve and circumflex marks (decomposed).
VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0309\u0303\u0323\u031b\u0306\u0302")


def has_vietnamese(text: str) -> bool:
    """Whether a text holds a letter only Vietnamese writes (English chrome never does)."""
    return "đ" in text.lower() or any(c in VIETNAMESE_MARKS for c in unicodedata.normalize("NFD", text))


VOCABULARY: dict[str, dict[str, str]] = {
    "session_kind": {"regular": N_("Thường lệ"), "extraordinary": N_("Bất thường")},
    "session_format": {
        "in_person": N_("Họp trực tiếp"),
        "online": N_("Họp trực tuyến"),
        "hybrid": N_("Kết hợp trực tiếp và trực tuyến"),
    },
    "validity": {
        "in_force": N_("Còn hiệu lực"),
        "partly_in_force": N_("Còn hiệu lực một phần"),
        "expired": N_("Hết hiệu lực"),
    },
    "link_kind": {
        "amends": N_("Sửa đổi, bổ sung"),
        "replaces": N_("Thay thế"),
        "repeals": N_("Bãi bỏ"),
        "implements": N_("Triển khai thực hiện"),
    },
    "link_kind_incoming": {
        "amends": N_("Được sửa đổi, bổ sung bởi"),
        "replaces": N_("Được thay thế bởi"),
        "repeals": N_("Bị bãi bỏ bởi"),
        "implements": N_("Được triển khai bởi"),
    },
    "supervision_kind": {
        "thematic": N_("Giám sát chuyên đề"),
        "regular": N_("Giám sát thường xuyên"),
        "in_session": N_("Giám sát tại kỳ họp"),
        "inspection": N_("Kiểm tra, khảo sát"),
    },
    "recommendation_status": {
        "open": N_("Chưa có kết quả"),
        "in_progress": N_("Đang thực hiện"),
        "done": N_("Đã thực hiện"),
        "not_done": N_("Không thực hiện"),
    },
    "petition_status": {
        "resolved": N_("Đã giải quyết"),
        "explained": N_("Đã giải trình, thông tin"),
        "in_progress": N_("Đang giải quyết"),
        "scheduled": N_("Sẽ giải quyết"),
        "unresolved": N_("Chưa giải quyết"),
    },
    "petition_level": {
        "central": N_("Trung ương"),
        "province": N_("Tỉnh"),
        "city": N_("Thành phố"),
        "commune": N_("Phường, xã"),
    },
    "voter_accepted": {
        "yes": N_("Cử tri đồng tình với trả lời"),
        "no": N_("Cử tri chưa đồng tình với trả lời"),
        "unknown": N_("Chưa ghi nhận ý kiến của cử tri"),
    },
    "round_relation": {"before": N_("Trước kỳ họp"), "after": N_("Sau kỳ họp")},
    "document_kind": {
        "report": N_("Báo cáo"),
        "notice": N_("Thông báo"),
        "resolution": N_("Nghị quyết"),
        "directive": N_("Chỉ thị"),
        "response_report": N_("Báo cáo trả lời kiến nghị cử tri"),
        "minutes": N_("Biên bản"),
        "other": N_("Văn bản khác"),
    },
    "organization_kind": {
        "council": N_("Hội đồng nhân dân"),
        "standing_committee": N_("Thường trực HĐND"),
        "committee": N_("Ban của HĐND"),
        "delegate_group": N_("Tổ đại biểu HĐND"),
        "executive": N_("Ủy ban nhân dân"),
        "front": N_("Ủy ban MTTQ Việt Nam"),
        "court": N_("Tòa án nhân dân"),
        "procuracy": N_("Viện Kiểm sát nhân dân"),
        "agency": N_("Cơ quan, đơn vị"),
        "party": N_("Cơ quan Đảng"),
        "other": N_("Tổ chức khác"),
    },
    "commitment_progress": {
        "not_reported": N_("Chưa có báo cáo tiến độ"),
        "in_progress": N_("Đang thực hiện"),
        "done": N_("Đã hoàn thành"),
        "not_done": N_("Chưa hoàn thành"),
    },
    "scope": {"city": N_("Cấp thành phố"), "wards_communes": N_("Các phường, xã")},
    "area_kind": {"ward": N_("Phường"), "commune": N_("Xã")},
    "organization_state": {
        "active": N_("Đang hoạt động"),
        "dissolved": N_("Đã giải thể, chấm dứt hoạt động"),
    },
    "status": {"draft": N_("Bản nháp"), "published": N_("Đã công bố"), "withdrawn": N_("Đã rút")},
    "body_format": {"plain": N_("Văn bản thường"), "markdown": N_("Markdown (đề mục, danh sách, bảng)")},
    "budget_period": {"11_months": N_("11 tháng"), "full_year_estimate": N_("Ước cả năm")},
    "budget_line": {
        "revenue": N_("Tổng thu ngân sách"),
        "revenue_domestic_excl_land_lottery": N_("Thu nội địa (trừ tiền sử dụng đất, xổ số)"),
        "expenditure": N_("Tổng chi ngân sách"),
    },
    "activity_subject": {
        "supervision": N_("Giám sát"),
        "inspection": N_("Kiểm tra, khảo sát"),
        "standing_meeting": N_("Phiên họp Thường trực"),
        "questioning": N_("Chất vấn"),
        "clarification": N_("Giải trình"),
        "reception": N_("Tiếp công dân"),
        "letters": N_("Đơn thư"),
    },
}

# The office forms and imports read the raw (untranslated) labels under this name.
LABELS = VOCABULARY

ACTION_LABELS = {
    "login": N_("Đăng nhập"),
    "login_failed": N_("Đăng nhập thất bại"),
    "logout": N_("Đăng xuất"),
    "password_change": N_("Đổi mật khẩu"),
    "totp_enrol": N_("Bật xác thực hai lớp"),
    "user_create": N_("Tạo tài khoản"),
    "user_update": N_("Sửa tài khoản"),
    "create": N_("Tạo bản ghi"),
    "update": N_("Sửa bản ghi"),
    "publish": N_("Công bố"),
    "withdraw": N_("Rút"),
    "restore": N_("Khôi phục phiên bản"),
    "petition_status": N_("Chuyển tình trạng kiến nghị"),
    "petition_transfer": N_("Chuyển giao kiến nghị"),
    "area_name_add": N_("Thêm tên khác của phường, xã"),
    "recommendation_add": N_("Thêm kiến nghị sau giám sát"),
    "recommendation_update": N_("Theo dõi kiến nghị sau giám sát"),
    "recommendation_edit": N_("Sửa kiến nghị sau giám sát"),
    "recommendation_remove": N_("Xóa kiến nghị nháp sau giám sát"),
    "recommendation_withdraw": N_("Rút kiến nghị sau giám sát"),
    "petition_remove": N_("Xóa kiến nghị cử tri nháp"),
    "upload": N_("Tải tệp lên"),
    "upload_refused": N_("Từ chối tệp"),
    "import": N_("Nhập dữ liệu"),
    "seed": N_("Nạp dữ liệu ban đầu"),
}


def label(group: str, value: str | None) -> str:
    """The translated label of a code value; the value itself when the vocabulary lacks it."""
    if value is None:
        return "—"
    return translate(VOCABULARY.get(group, {}).get(value, value))


def translate(text: str) -> str:
    """A message id marked with N_ (or held in a variable), translated when a request chose a language.
    A Vietnamese page skips the catalogue: its message ids are the Vietnamese text (there is no vi
    catalogue), and a filter drop-down asks for hundreds of them."""
    if not has_request_context():
        return text
    from portal import page_language

    return text if page_language() == "vi" else gettext(text)


def choices(group: str) -> list[tuple[str, str]]:
    """(value, translated label) pairs of a vocabulary group, in the order defined above."""
    return [(value, label(group, value)) for value in VOCABULARY[group]]


# Strings shown from shared modules (navigation, error pages, site name), marked here for extraction.
UI_STRINGS = (
    N_("Hội đồng nhân dân thành phố Lạng Sơn"),
    N_("Kỳ họp"),
    N_("Nghị quyết"),
    N_("Giám sát"),
    N_("Kiến nghị cử tri"),
    N_("Tiếp xúc cử tri"),
    N_("Tiếp công dân"),
    N_("Ngân sách"),
    N_("Thống kê"),
    N_("Văn bản"),
    N_("Tổ chức, nhân sự"),
    N_("Thuật ngữ"),
    N_("Yêu cầu không hợp lệ"),
    N_("Địa chỉ hoặc dữ liệu gửi lên không đúng định dạng."),
    N_("Không có quyền truy cập"),
    N_("Bạn không có quyền xem trang này."),
    N_("Không tìm thấy trang"),
    N_("Trang bạn tìm không tồn tại hoặc đã được chuyển đi."),
    N_("Phương thức không được hỗ trợ"),
    N_("Trang này không nhận kiểu yêu cầu đó."),
    N_("Tệp quá lớn"),
    N_("Tệp gửi lên vượt quá dung lượng cho phép."),
    N_("Quá nhiều yêu cầu"),
    N_("Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại."),
    N_("Lỗi máy chủ"),
    N_("Đã có lỗi xảy ra. Chúng tôi đã ghi nhận và sẽ khắc phục."),
    N_("Hệ thống tạm thời bận"),
    N_("Cơ sở dữ liệu đang bận hoặc tạm ngừng. Vui lòng thử lại sau ít phút."),
    N_("Hội đồng nhân dân tỉnh Lạng Sơn và các xã, phường"),  # config.py's default PORTAL_NAME
)
