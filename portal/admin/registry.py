"""What the council office can edit: one spec per public type, with Vietnamese labels.

The record forms, list pages and the permission-matrix test are all generated from these specs,
so adding a field here adds it everywhere in the office.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal import models as m
from portal.records import RECORD_TYPES


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text, textarea, int, decimal, date, choice, ref, refs (several)
    required: bool = False
    vocabulary: str | None = None  # for choice
    ref: str | None = None  # for ref: a key of REF_SOURCES in record_forms
    create_only: bool = False  # later changes go through their own form (petition status)
    help: str | None = None


@dataclass(frozen=True)
class TypeSpec:
    key: str
    model: type
    label: str
    plural: str
    fields: tuple[Field, ...]

    @property
    def public_type(self) -> str:
        return self.model.public_type


def counts(*pairs: tuple[str, str]) -> tuple[Field, ...]:
    return tuple(Field(name, label, "int") for name, label in pairs)


SOURCE = (
    Field("source_document_id", "Văn bản nguồn", "ref", ref="document"),
    Field("source_section", "Mục trong văn bản nguồn", help="Ví dụ: Phần I, I.3.2"),
)

BODY_HELP = (
    "Xuống dòng được giữ như khi gõ; để một dòng trống giữa hai đoạn. Định dạng Markdown nhận thêm "
    "# đề mục, - danh sách, **chữ đậm** và bảng; không nhận mã HTML. Bản xem trước hiện bên dưới."
)

COUNCIL = Field("council_id", "Hội đồng nhân dân", "ref", True, ref="council")
YEAR = Field("year", "Năm", "int", True)
# Figures the report gives per body, year and level (reception, letters, activity counts).
STATISTICS_HEAD = (
    YEAR,
    Field("body_id", "Cơ quan", "ref", True, ref="organization"),
    Field("scope", "Cấp", "choice", True, "scope"),
)

# One form spec per record type the office edits; portal/records points each type at its own.

DOCUMENTS = TypeSpec(
    "documents",
    m.Document,
    "văn bản",
    "Văn bản",
    (
        Field("number", "Số hiệu", help="Ghi đúng như trên văn bản, ví dụ 1107/TB-HĐND"),
        Field("kind", "Loại văn bản", "choice", True, "document_kind"),
        Field("title", "Trích yếu", "textarea", True),
        Field("issued_on", "Ngày ban hành", "date"),
        Field("issuer_id", "Cơ quan ban hành", "ref", ref="organization"),
        Field("body_format", "Định dạng nội dung", "choice", True, "body_format"),
        Field("body_text", "Nội dung", "textarea", help=BODY_HELP),
        Field("note", "Ghi chú", "textarea"),
    ),
)

RESOLUTIONS = TypeSpec(
    "resolutions",
    m.Resolution,
    "nghị quyết",
    "Nghị quyết",
    (
        COUNCIL,
        Field("number", "Số nghị quyết", help="Ví dụ 12/NQ-HĐND"),
        Field("title", "Trích yếu", "textarea", True),
        Field("adopted_on", "Ngày thông qua", "date"),
        Field("session_id", "Kỳ họp", "ref", ref="session"),
        Field("topic", "Lĩnh vực"),
        Field("validity", "Hiệu lực", "choice", vocabulary="validity"),
        Field("validity_changed_on", "Ngày thay đổi hiệu lực", "date"),
        Field("body_text", "Toàn văn", "textarea", help=BODY_HELP),
    ),
)

SESSIONS = TypeSpec(
    "sessions",
    m.Session,
    "kỳ họp",
    "Kỳ họp",
    (
        COUNCIL,
        Field("term_id", "Khóa", "ref", True, ref="term"),
        Field("number", "Số thứ tự kỳ họp", "int", True),
        Field("ordinal_name", "Tên thứ tự", required=True, help="Ví dụ: thứ Mười ba"),
        Field("name", "Tên kỳ họp", required=True),
        Field("kind", "Loại kỳ họp", "choice", True, "session_kind"),
        Field("format", "Hình thức", "choice", vocabulary="session_format"),
        Field("format_note", "Ghi chú hình thức", "textarea"),
        Field("start_date", "Ngày khai mạc", "date"),
        Field("end_date", "Ngày bế mạc", "date"),
        Field("duration_days", "Số ngày họp", "decimal"),
        Field("summary", "Tóm tắt", "textarea"),
        *counts(
            ("delegates_spoke", "Số đại biểu phát biểu"),
            ("items_raised", "Số nội dung nêu"),
            ("items_clarified_in_groups", "Giải trình tại tổ"),
            ("items_clarified_in_hall", "Giải trình tại hội trường"),
            ("resolutions_count", "Số nghị quyết thông qua"),
            ("questions_count", "Số phiếu chất vấn"),
            ("questioned_members_count", "Số thành viên UBND trả lời chất vấn"),
        ),
    ),
)

SUPERVISIONS = TypeSpec(
    "supervisions",
    m.Supervision,
    "cuộc giám sát",
    "Giám sát, kiểm tra",
    (
        Field("body_id", "Cơ quan giám sát", "ref", True, ref="organization"),
        Field("kind", "Hình thức", "choice", True, "supervision_kind"),
        Field("subject", "Nội dung giám sát", "textarea", True),
        YEAR,
        Field("period_text", "Thời kỳ giám sát"),
        Field("targets_count", "Số đơn vị được giám sát", "int"),
        Field("targets_note", "Ghi chú đối tượng", "textarea"),
        Field("conclusion_text", "Kết luận", "textarea"),
        Field("conclusion_document_id", "Thông báo kết luận", "ref", ref="document"),
    ),
)

VOTER_MEETINGS = TypeSpec(
    "voter-meetings",
    m.VoterMeetingRound,
    "đợt tiếp xúc cử tri",
    "Tiếp xúc cử tri",
    (
        COUNCIL,
        Field("relation", "Trước/sau kỳ họp", "choice", True, "round_relation"),
        Field("session_id", "Kỳ họp", "ref", True, ref="session"),
        Field("name", "Tên đợt", required=True),
        Field("start_date", "Từ ngày", "date"),
        Field("end_date", "Đến ngày", "date"),
        *counts(
            ("points_total", "Số điểm tiếp xúc"),
            ("points_held", "Số điểm đã tổ chức"),
            ("points_held_in_person", "Số điểm tổ chức trực tiếp"),
            ("voters_attending", "Số cử tri dự"),
            ("voters_speaking", "Số cử tri phát biểu"),
            ("items_raised", "Số ý kiến, kiến nghị"),
            ("items_answered_on_site", "Trả lời tại chỗ"),
            ("items_aggregated", "Số kiến nghị tổng hợp"),
            ("to_province", "Chuyển cấp tỉnh"),
            ("to_city", "Chuyển cấp thành phố"),
        ),
        Field("note", "Ghi chú", "textarea"),
        Field("response_document_id", "Báo cáo trả lời", "ref", ref="document"),
    ),
)

PETITIONS = TypeSpec(
    "petitions",
    m.Petition,
    "kiến nghị cử tri",
    "Kiến nghị cử tri",
    (
        Field("round_id", "Đợt tiếp xúc cử tri", "ref", True, ref="round"),
        Field("area_id", "Phường, xã", "ref", ref="area"),
        Field(
            "text",
            "Nội dung kiến nghị",
            "textarea",
            True,
            help="Không ghi họ tên hay thông tin cá nhân của cử tri.",
        ),
        Field("level", "Cấp giải quyết", "choice", True, "petition_level"),
        Field("responsible_agency_id", "Cơ quan giải quyết", "ref", ref="organization"),
        Field("petition_status", "Tình trạng ban đầu", "choice", True, "petition_status", create_only=True),
        Field("response_text", "Nội dung trả lời", "textarea"),
        Field("response_document_id", "Văn bản trả lời", "ref", ref="document"),
        Field("due_by", "Hạn trả lời", "date"),
        Field("answered_on", "Ngày trả lời", "date"),
        Field("voter_accepted", "Ý kiến cử tri về trả lời", "choice", True, "voter_accepted"),
    ),
)

PETITION_OUTCOMES = TypeSpec(
    "petition-outcomes",
    m.PetitionOutcome,
    "kết quả giải quyết kiến nghị",
    "Kết quả giải quyết",
    (
        Field("label", "Tên", required=True),
        Field("reported_on", "Ngày báo cáo", "date"),
        Field("scope_text", "Phạm vi", "textarea"),
        *counts(
            ("resolved", "Đã giải quyết"),
            ("explained", "Đã giải trình, thông tin"),
            ("in_progress", "Đang giải quyết"),
            ("scheduled", "Sẽ giải quyết"),
            ("unresolved", "Chưa giải quyết"),
        ),
    ),
)

RECEPTION = TypeSpec(
    "reception",
    m.ReceptionStats,
    "số liệu tiếp công dân",
    "Tiếp công dân",
    (
        *STATISTICS_HEAD,
        Field("label", "Tên", required=True),
        *counts(
            ("sessions_held", "Số buổi đã tiếp"),
            ("sessions_planned", "Số buổi theo kế hoạch"),
            ("citizens", "Số lượt công dân"),
            ("items", "Số vụ việc"),
            ("answered_directly", "Trả lời trực tiếp"),
            ("forwarded", "Chuyển cơ quan khác"),
        ),
        Field("note", "Ghi chú", "textarea"),
    ),
)

LETTERS = TypeSpec(
    "letters",
    m.LetterStats,
    "số liệu đơn thư",
    "Đơn thư",
    (
        *STATISTICS_HEAD,
        Field("label", "Tên", required=True),
        *counts(
            ("received", "Số đơn nhận"),
            ("complaints", "Khiếu nại"),
            ("denunciations", "Tố cáo"),
            ("requests", "Kiến nghị, phản ánh"),
            ("resolved", "Đã giải quyết"),
            ("in_progress", "Đang giải quyết"),
            ("forwarded", "Chuyển cơ quan khác"),
            ("previous_year_received", "Số đơn năm trước"),
        ),
        Field("reported_rate_pct", "Tỷ lệ giải quyết báo cáo (%)", "decimal"),
        Field("previous_year_rate_pct", "Tỷ lệ năm trước (%)", "decimal"),
        Field("forwarded_note", "Ghi chú chuyển đơn", "textarea"),
        Field("note", "Ghi chú", "textarea"),
    ),
)

BUDGET = TypeSpec(
    "budget",
    m.BudgetFigure,
    "số liệu ngân sách",
    "Ngân sách",
    (
        Field("council_id", "Hội đồng nhân dân", "ref", ref="council"),
        YEAR,
        Field("period", "Kỳ", "choice", True, "budget_period"),
        Field("line", "Chỉ tiêu", "choice", True, "budget_line"),
        Field("label", "Diễn giải", required=True),
        Field(
            "amount_million_vnd", "Số tiền (triệu đồng)", "decimal", True, help="Ví dụ 390.463 hoặc 390463"
        ),
        Field("pct_of_province_estimate", "% dự toán tỉnh giao", "decimal", help="Ví dụ 93,2"),
        Field("province_estimate_wording", "Cách diễn đạt (dự toán tỉnh)"),
        Field("pct_of_council_estimate", "% dự toán HĐND giao", "decimal"),
        Field("council_estimate_wording", "Cách diễn đạt (dự toán HĐND)"),
        Field("pct_of_same_period_last_year", "% so cùng kỳ", "decimal"),
        Field("same_period_wording", "Cách diễn đạt (cùng kỳ)"),
        Field("quote", "Trích nguyên văn", "textarea"),
    ),
)

PROGRAMME = TypeSpec(
    "programme",
    m.Commitment,
    "nội dung chương trình",
    "Chương trình hoạt động",
    (
        COUNCIL,
        YEAR,
        Field("number", "Số thứ tự", "int", True),
        Field("text", "Nội dung", "textarea", True),
        Field("progress", "Tiến độ", "choice", True, "commitment_progress"),
    ),
)

ORGANIZATIONS = TypeSpec(
    "organizations",
    m.Organization,
    "tổ chức",
    "Tổ chức",
    (
        Field("kind", "Loại", "choice", True, "organization_kind"),
        Field("name", "Tên", required=True),
        Field("short_name", "Tên viết tắt"),
        Field("description", "Giới thiệu", "textarea"),
        Field("parent_id", "Trực thuộc", "ref", ref="organization"),
        Field("area_id", "Phường, xã", "ref", ref="area"),
        Field("founded_on", "Ngày thành lập", "date"),
        Field("dissolved_on", "Ngày chấm dứt hoạt động", "date"),
        Field("dissolution_note", "Ghi chú chấm dứt", "textarea"),
        Field("dissolution_document_id", "Văn bản căn cứ chấm dứt hoạt động", "ref", ref="document"),
        Field(
            "successors",
            "Cơ quan tiếp nhận công việc",
            "refs",
            ref="organization",
            help="Có thể chọn nhiều (giữ Ctrl để chọn thêm): công việc của một HĐND cấp huyện có thể chuyển cho "
            "nhiều xã, phường. Chỉ ghi khi có văn bản nêu tên.",
        ),
    ),
)

PEOPLE = TypeSpec(
    "people",
    m.Person,
    "người",
    "Nhân sự",
    (
        Field("name", "Họ và tên", required=True),
        Field("honorific", "Danh xưng", help="Ông, Bà…"),
    ),
)

ACTIVITY_COUNTS = TypeSpec(
    "activity-counts",
    m.ActivityCount,
    "số liệu hoạt động",
    "Số liệu hoạt động",
    (
        *STATISTICS_HEAD,
        Field("subject", "Hoạt động", "choice", True, "activity_subject"),
        Field("label", "Diễn giải", required=True),
        Field("count", "Số lượng", "int", True),
        Field("planned", "Theo kế hoạch", "int"),
        Field("agencies_count", "Số cơ quan, đơn vị", "int"),
        Field("note", "Ghi chú", "textarea"),
    ),
)

# In the order of portal/records (the dashboard's order).
TYPES: tuple[TypeSpec, ...] = tuple(t.form for t in RECORD_TYPES if t.admin)

BY_KEY = {t.key: t for t in TYPES}
BY_PUBLIC_TYPE = {t.public_type: t for t in TYPES}
KEYS_PATTERN = ", ".join(f"'{t.key}'" for t in TYPES)


def spec_for(key: str) -> TypeSpec:
    return BY_KEY[key]


def title_of(record) -> str:
    return str(getattr(record, "title", None) or getattr(record, "name", "") or f"#{record.id}")
