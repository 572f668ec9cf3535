"""Vietnamese labels for coded values (SPEC §2 is the glossary): forms, imports, the audit log."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "status": {"draft": "Bản nháp", "published": "Đã công bố", "withdrawn": "Đã rút"},
    "session_kind": {"regular": "Thường lệ", "extraordinary": "Bất thường"},
    "session_format": {"in_person": "Trực tiếp", "online": "Trực tuyến", "hybrid": "Kết hợp"},
    "validity": {"in_force": "Còn hiệu lực", "partly_in_force": "Còn hiệu lực một phần",
                 "expired": "Hết hiệu lực"},
    "supervision_kind": {"thematic": "Giám sát chuyên đề", "regular": "Giám sát thường xuyên",
                         "in_session": "Giám sát tại kỳ họp", "inspection": "Kiểm tra, khảo sát"},
    "petition_status": {"resolved": "Đã giải quyết", "explained": "Đã giải trình, thông tin",
                        "in_progress": "Đang giải quyết", "scheduled": "Sẽ giải quyết",
                        "unresolved": "Chưa giải quyết"},
    "petition_level": {"central": "Trung ương", "province": "Tỉnh", "city": "Thành phố",
                       "commune": "Phường, xã"},
    "voter_accepted": {"unknown": "Chưa rõ", "yes": "Cử tri đồng ý", "no": "Cử tri chưa đồng ý"},
    "round_relation": {"before": "Trước kỳ họp", "after": "Sau kỳ họp"},
    "document_kind": {"report": "Báo cáo", "notice": "Thông báo", "resolution": "Nghị quyết",
                      "directive": "Chỉ thị", "response_report": "Báo cáo trả lời kiến nghị",
                      "minutes": "Biên bản", "other": "Khác"},
    "body_format": {"plain": "Văn bản thường", "markdown": "Markdown (đề mục, danh sách, bảng)"},
    "budget_period": {"11_months": "11 tháng", "full_year_estimate": "Ước cả năm"},
    "budget_line": {"revenue": "Tổng thu ngân sách",
                    "revenue_domestic_excl_land_lottery": "Thu nội địa (trừ tiền sử dụng đất, xổ số)",
                    "expenditure": "Tổng chi ngân sách"},
    "scope": {"city": "Cấp thành phố", "wards_communes": "Cấp phường, xã"},
    "commitment_progress": {"not_reported": "Chưa báo cáo", "in_progress": "Đang thực hiện",
                            "done": "Đã thực hiện", "not_done": "Chưa thực hiện"},
    "organization_kind": {"council": "Hội đồng nhân dân", "standing_committee": "Thường trực HĐND",
                          "committee": "Ban của HĐND", "delegate_group": "Tổ đại biểu HĐND",
                          "executive": "Ủy ban nhân dân", "front": "Ủy ban MTTQ Việt Nam",
                          "court": "Tòa án", "procuracy": "Viện kiểm sát",
                          "agency": "Cơ quan, đơn vị", "party": "Tổ chức Đảng", "other": "Khác"},
    "activity_subject": {"supervision": "Giám sát", "inspection": "Kiểm tra, khảo sát",
                         "standing_meeting": "Phiên họp Thường trực", "questioning": "Chất vấn",
                         "clarification": "Giải trình", "reception": "Tiếp công dân",
                         "letters": "Đơn thư"},
}

ACTION_LABELS = {
    "login": "Đăng nhập", "login_failed": "Đăng nhập thất bại", "logout": "Đăng xuất",
    "password_change": "Đổi mật khẩu", "totp_enrol": "Bật xác thực hai lớp",
    "user_create": "Tạo tài khoản", "user_update": "Sửa tài khoản", "create": "Tạo bản ghi",
    "update": "Sửa bản ghi", "publish": "Công bố", "withdraw": "Rút", "restore": "Khôi phục phiên bản",
    "petition_status": "Chuyển tình trạng kiến nghị", "upload": "Tải tệp lên",
    "upload_refused": "Từ chối tệp", "import": "Nhập dữ liệu", "seed": "Nạp dữ liệu ban đầu",
}


def choices(vocabulary: str) -> list[tuple[str, str]]:
    return list(LABELS[vocabulary].items())


def label(vocabulary: str, value: str | None) -> str:
    if value is None:
        return ""
    return LABELS[vocabulary].get(value, value)
