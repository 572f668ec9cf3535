"""One flat serializer per public type, shared by the JSON API and the CSV exports.

Field names follow Popolo / Open Civic Data where they have one: `organization_id`, `person_id`,
`start_date`, `end_date`, `classification`, `identifier`, `founding_date`, `dissolution_date`,
`honorific_prefix`. Everything else keeps the portal's own names (SPEC §3).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.api.fields import (
    TAIL,
    Nested,
    Serializer,
    counts,
    head,
    org_fields,
    public_rows,
    rel_id,
    rel_url,
    shown,
    to_json_value,
)
from portal.api.fields import Field as F  # noqa: N817 - short, read in every field list below
from portal.extensions import db
from portal.models import ReceptionDay
from portal.models.budget import BASES, BUDGET_LINES, BUDGET_PERIODS
from portal.models.document import DOCUMENT_KINDS
from portal.models.organization import ORGANIZATION_KINDS
from portal.models.petition import PETITION_LEVELS, PETITION_STATUSES, ROUND_COUNTS
from portal.models.programme import COMMITMENT_STATUSES
from portal.models.reception import LETTER_COUNTS, RECEPTION_COUNTS, SCOPES
from portal.models.resolution import LINK_KINDS, VALIDITIES
from portal.models.session import SESSION_COUNTS, SESSION_FORMATS, SESSION_KINDS
from portal.models.supervision import RECOMMENDATION_STATUSES, SUPERVISION_KINDS
from portal.public_urls import record_path
from portal.services.queries import current_rows

SESSIONS = Serializer(
    head("kỳ họp")
    + (
        F("name", "string", nullable=False),
        F("number", "integer", description="Số thứ tự kỳ họp trong nhiệm kỳ.", nullable=False),
        F("ordinal_name", "string", nullable=False),
        F("classification", "string", lambda o: o.kind, "Thường lệ hay bất thường.", False, SESSION_KINDS),
        F("format", "string", description="Hình thức họp.", enum=SESSION_FORMATS),
        F("format_note", "string"),
        F("start_date", "date"),
        F("end_date", "date"),
        F("duration_days", "number"),
        F("organization_id", "integer", rel_id("council"), "Hội đồng nhân dân họp."),
        F("term", "string", lambda o: o.term.name if o.term else None, "Khóa."),
        F("summary", "string"),
    )
    + counts(*SESSION_COUNTS)
    + TAIL,
    (
        Nested(
            "resolutions",
            public_rows("resolutions"),
            (
                F("id", "integer", nullable=False),
                F("url", "string", record_path, nullable=False),
                F("identifier", "string", lambda r: r.number),
                F("title", "string", nullable=False),
            ),
            "Nghị quyết được công bố của kỳ họp.",
        ),
        Nested(
            "questionings",
            lambda o: o.questionings,
            (
                F("asked_of_role", "string", nullable=False),
                F("organization_id", "integer", lambda q: q.asked_of_organization_id),
                F("person_id", "integer", lambda q: q.asked_of_person_id),
                F("topic", "string", nullable=False),
                F("answered", "boolean"),
            ),
            "Nội dung chất vấn.",
        ),
    ),
)

RESOLUTIONS = Serializer(
    head("nghị quyết")
    + (
        F("identifier", "string", lambda o: o.number, "Số nghị quyết, ví dụ 12/NQ-HĐND."),
        F("title", "string", nullable=False),
        F("adopted_on", "date", description="Ngày thông qua."),
        F("session_id", "integer", rel_id("session")),
        F("session_url", "string", rel_url("session")),
        F("topic", "string", description="Lĩnh vực."),
        F("validity", "string", description="Hiệu lực (tham số lọc: status).", enum=VALIDITIES),
        F("validity_changed_on", "date"),
        F("organization_id", "integer", rel_id("council"), "Hội đồng nhân dân ban hành."),
    )
    + TAIL,
    (
        F("body_text", "string", description="Toàn văn."),
        Nested(
            "links",
            lambda o: o.links,
            (
                F("kind", "string", lambda link: link.kind, nullable=False, enum=LINK_KINDS),
                F("to_resolution_id", "integer", rel_id("to_resolution")),
                F("to_resolution_url", "string", rel_url("to_resolution")),
                F("to_document_id", "integer", rel_id("to_document")),
                F("to_document_url", "string", rel_url("to_document")),
                F("effective_on", "date", lambda link: link.effective_on),
                F("note", "string", lambda link: link.note),
            ),
            "Sửa đổi, thay thế, bãi bỏ, hướng dẫn thi hành.",
        ),
    ),
)

SUPERVISIONS = Serializer(
    head("cuộc giám sát")
    + (
        F("subject", "string", nullable=False),
        F("classification", "string", lambda o: o.kind, "Hình thức giám sát.", False, SUPERVISION_KINDS),
        *org_fields("body", "Cơ quan giám sát"),
        F("year", "integer", nullable=False),
        F("period_text", "string"),
        F(
            "targets_count",
            "integer",
            lambda o: o.targets_count if o.targets_count is not None else len(o.targets),
            "Số đối tượng chịu giám sát.",
        ),
        F("conclusion_text", "string"),
        F("conclusion_document_id", "integer", rel_id("conclusion_document")),
        F("conclusion_document_url", "string", rel_url("conclusion_document")),
        F("recommendations_count", "integer", lambda o: len(current_rows(o.recommendations)), nullable=False),
    )
    + TAIL,
    (
        Nested(
            "targets",
            public_rows("targets"),
            (
                F("organization_id", "integer", lambda t: t.id, nullable=False),
                F("name", "string", nullable=False),
                F("url", "string", record_path, nullable=False),
            ),
            "Đối tượng chịu giám sát.",
        ),
        Nested(
            "recommendations",
            lambda o: current_rows(o.recommendations),
            (
                F("id", "integer", nullable=False),
                F("text", "string", nullable=False),
                F("organization_id", "integer", rel_id("addressee"), "Cơ quan nhận kiến nghị."),
                F("status", "string", nullable=False, enum=RECOMMENDATION_STATUSES),
                F("due", "date"),
            ),
            "Kiến nghị sau giám sát và tình trạng thực hiện.",
        ),
    ),
)


def latest_change(petition):
    return petition.status_history[-1].on if petition.status_history else None


AREA_OTHER_NAMES = Nested(
    "area_other_names",
    lambda o: o.area.other_names if o.area else [],
    (
        F("name", "string", nullable=False),
        F("start_date", "date"),
        F("end_date", "date"),
        F("note", "string"),
    ),
    "Tên khác của phường, xã (trước hoặc sau khi sắp xếp), với thời gian (Popolo other_names).",
)

PETITIONS = Serializer(
    head("kiến nghị")
    + (
        F("text", "string", nullable=False),
        F("level", "string", description="Cấp giải quyết.", nullable=False, enum=PETITION_LEVELS),
        F(
            "status",
            "string",
            lambda o: o.petition_status,
            "Tình trạng giải quyết.",
            False,
            PETITION_STATUSES,
        ),
        F("status_changed_on", "date", latest_change, "Ngày thay đổi tình trạng gần nhất."),
        F("round_id", "integer", rel_id("round"), "Đợt tiếp xúc cử tri."),
        F("round_url", "string", rel_url("round")),
        F("area", "string", lambda o: o.area.slug if o.area else None, "Phường, xã (định danh)."),
        F("area_name", "string", lambda o: o.area.label if o.area else None),
        *org_fields("responsible_agency", "Cơ quan giải quyết"),
        F("response_text", "string"),
        F("response_document_id", "integer", rel_id("response_document")),
        F("response_document_url", "string", rel_url("response_document")),
        F("due_by", "date"),
        F("answered_on", "date"),
        F("overdue", "boolean", lambda o: o.is_overdue(date.today()), "Quá hạn trả lời.", nullable=False),
        F(
            "voter_accepted",
            "string",
            lambda o: o.voter_accepted,
            "Cử tri có đồng ý với trả lời không.",
            False,
            ("yes", "no", "unknown"),
        ),
        F("re_raised_from_id", "integer", rel_id("re_raised_from"), "Kiến nghị cũ được nêu lại."),
    )
    + TAIL,
    (
        Nested(
            "status_history",
            lambda o: o.status_history,
            (
                F("date", "date", lambda c: c.on, nullable=False),
                F("status", "string", nullable=False, enum=PETITION_STATUSES),
                F(
                    "kind",
                    "string",
                    lambda c: c.kind,
                    "status: đổi tình trạng; transfer: chuyển giao sang cơ quan khác.",
                    False,
                    ("status", "transfer"),
                ),
                F("from_agency_id", "integer", description="Chuyển giao: cơ quan cũ."),
                F("to_agency_id", "integer", description="Chuyển giao: cơ quan mới."),
                F("note", "string"),
                F("document_id", "integer", rel_id("document")),
                F("document_url", "string", rel_url("document")),
            ),
            "Diễn biến giải quyết.",
        ),
        AREA_OTHER_NAMES,
    ),
)

VOTER_MEETINGS = Serializer(
    head("đợt tiếp xúc cử tri")
    + (
        F("name", "string", nullable=False),
        F(
            "relation",
            "string",
            description="Trước hay sau kỳ họp.",
            nullable=False,
            enum=("before", "after"),
        ),
        F("session_id", "integer", rel_id("session")),
        F("session_url", "string", rel_url("session")),
        F("start_date", "date"),
        F("end_date", "date"),
        F("organization_id", "integer", rel_id("council")),
    )
    + counts(*ROUND_COUNTS)
    + (
        F("response_document_id", "integer", rel_id("response_document")),
        F("response_document_url", "string", rel_url("response_document")),
        F("note", "string"),
    )
    + TAIL,
    (
        Nested(
            "in_person_areas",
            lambda o: o.in_person_areas,
            (
                F("area", "string", lambda a: a.slug, nullable=False),
                F("name", "string", lambda a: a.label, nullable=False),
            ),
            "Điểm tiếp xúc trực tiếp.",
        ),
        Nested(
            "outcomes",
            public_rows("outcomes"),
            (
                F("id", "integer", nullable=False),
                F("label", "string", nullable=False),
                F("reported_on", "date"),
                *counts("resolved", "explained", "in_progress", "scheduled", "unresolved"),
                F("source_document_url", "string", rel_url("source_document")),
            ),
            "Kết quả giải quyết (số liệu tổng hợp của báo cáo).",
        ),
    ),
)

DOCUMENTS = Serializer(
    head("văn bản")
    + (
        F("identifier", "string", lambda o: o.number, "Số, ký hiệu văn bản, ví dụ 1107/TB-HĐND."),
        F("classification", "string", lambda o: o.kind, "Loại văn bản.", False, DOCUMENT_KINDS),
        F("title", "string", nullable=False),
        F("issued_on", "date", description="Ngày ban hành."),
        *org_fields("issuer", "Cơ quan ban hành"),
        F("note", "string"),
        F("has_full_text", "boolean", lambda o: bool(o.body_text), nullable=False),
        F("attachments_count", "integer", lambda o: len(o.attachments), nullable=False),
    )
    + TAIL,
    (
        F("body_text", "string", description="Toàn văn."),
        Nested(
            "attachments",
            lambda o: o.attachments,
            (
                F("filename", "string", nullable=False),
                F("content_type", "string", nullable=False),
                F("sha256", "string", nullable=False),
                F("size", "integer", nullable=False),
            ),
            "Tệp đính kèm.",
        ),
    ),
)

MEMBERSHIP_DATES = (
    F("start_date", "date"),
    F("end_date", "date"),
    F("start_session_id", "integer"),
    F("end_session_id", "integer"),
    F("start_reason", "string"),
    F("end_reason", "string"),
)


def memberships(other: str, description: str) -> Nested:
    """A record's memberships whose other side (`person` or `organization`) the public may see."""
    return Nested(
        "memberships",
        lambda o: [m for m in o.memberships if shown(getattr(m, other))],
        (
            F(f"{other}_id", "integer", lambda m: getattr(m, f"{other}_id"), nullable=False),
            F(f"{other}_name", "string", lambda m: getattr(m, other).name, nullable=False),
            F("role", "string", nullable=False),
            *MEMBERSHIP_DATES,
        ),
        description,
    )


ORGANIZATIONS = Serializer(
    head("cơ quan, tổ chức")
    + (
        F("name", "string", nullable=False),
        F("short_name", "string"),
        F("classification", "string", lambda o: o.kind, "Loại tổ chức.", False, ORGANIZATION_KINDS),
        F("parent_id", "integer", rel_id("parent")),
        F("area", "string", lambda o: o.area.slug if o.area else None),
        F("founding_date", "date", lambda o: o.founded_on),
        F("dissolution_date", "date", lambda o: o.dissolved_on),
        F("dissolution_note", "string"),
        F("description", "string"),
    )
    + TAIL,
    (
        memberships("person", "Thành viên, chức danh và thay đổi nhân sự."),
        Nested(
            "successors",
            lambda o: [s for s in o.successors if shown(s)],
            (
                F("id", "integer", nullable=False),
                F("slug", "string", nullable=False),
                F("name", "string", nullable=False),
            ),
            "Các cơ quan tiếp nhận công việc khi tổ chức chấm dứt hoạt động (có thể nhiều: công việc của một "
            "HĐND cấp huyện được chuyển cho nhiều xã, phường).",
        ),
    ),
)

PEOPLE = Serializer(
    head("người")
    + (
        F("name", "string", nullable=False),
        F("honorific_prefix", "string", lambda o: o.honorific),
        F("memberships_count", "integer", lambda o: len(o.memberships), nullable=False),
    )
    + TAIL,
    (memberships("organization", "Chức danh và thay đổi nhân sự."),),
)


def implied_bases() -> tuple[F, ...]:
    """The base each percentage implies (amount ÷ percentage), derived, one field per basis."""
    note = "Suy ra: số tiền ÷ tỷ lệ (không phải số báo cáo nêu)."
    return tuple(
        F(f"implied_{basis}_million_vnd", "number", (lambda o, b=basis: o.implied_base(b)), note)
        for basis in BASES
    )


BUDGET = Serializer(
    head("số liệu ngân sách")
    + (
        F("year", "integer", nullable=False),
        F("period", "string", description="Kỳ số liệu.", nullable=False, enum=BUDGET_PERIODS),
        F("line", "string", description="Chỉ tiêu.", nullable=False, enum=BUDGET_LINES),
        F("label", "string", nullable=False),
        F("amount_million_vnd", "number", description="Triệu đồng.", nullable=False),
        F("pct_of_province_estimate", "number", description="% dự toán tỉnh giao."),
        F("province_estimate_wording", "string"),
        F("pct_of_council_estimate", "number", description="% dự toán HĐND giao."),
        F("council_estimate_wording", "string"),
        F("pct_of_same_period_last_year", "number", description="% cùng kỳ."),
        F("same_period_wording", "string"),
        *implied_bases(),
        F("quote", "string", description="Nguyên văn báo cáo."),
        F("organization_id", "integer", lambda o: o.council_id),
    )
    + TAIL,
)


def figures_head(body: str) -> tuple[F, ...]:
    """The year, body, level and label of figures the report gives per body (reception, letters)."""
    return (
        F("year", "integer", nullable=False),
        *org_fields("body", body),
        F("scope", "string", description="Cấp thành phố hay phường, xã.", nullable=False, enum=SCOPES),
        F("label", "string", nullable=False),
    )


def reception_days(stats):
    return db.session.scalars(
        select(ReceptionDay).where(ReceptionDay.stats_id == stats.id).order_by(ReceptionDay.on)
    ).all()


RECEPTION = Serializer(
    head("số liệu tiếp công dân")
    + figures_head("Cơ quan tiếp công dân")
    + counts(*RECEPTION_COUNTS)
    + (F("note", "string"),)
    + TAIL,
    (
        Nested(
            "reception_days",
            reception_days,
            (
                F("date", "date", lambda d: d.on, nullable=False),
                F("chaired_by", "string", nullable=False),
            ),
            "Các buổi tiếp công dân định kỳ.",
        ),
    ),
)

LETTERS = Serializer(
    head("số liệu đơn thư")
    + figures_head("Cơ quan tiếp nhận")
    + counts(*LETTER_COUNTS)
    + (
        F("forwarded_note", "string"),
        F("previous_year_received", "integer"),
        F("reported_rate_pct", "number", description="Tỷ lệ giải quyết báo cáo nêu (%)."),
        F(
            "computed_rate_pct",
            "number",
            lambda o: o.computed_rate_pct,
            "Suy ra: đã giải quyết ÷ tiếp nhận (%).",
        ),
        F("previous_year_rate_pct", "number"),
        F("above_plan_pct_points", "number"),
        F("note", "string"),
    )
    + TAIL,
)

PROGRAMME = Serializer(
    head("nhiệm vụ trong chương trình hoạt động")
    + (
        F("year", "integer", nullable=False),
        F("identifier", "integer", lambda o: o.number, "Số thứ tự nhiệm vụ.", nullable=False),
        F("text", "string", nullable=False),
        F("status", "string", lambda o: o.progress, "Tiến độ.", False, COMMITMENT_STATUSES),
        F("organization_id", "integer", lambda o: o.council_id),
    )
    + TAIL,
    (
        Nested(
            "updates",
            lambda o: o.updates,
            (
                F("date", "date", lambda u: u.on, nullable=False),
                F("status", "string", lambda u: u.progress, nullable=False, enum=COMMITMENT_STATUSES),
                F("text", "string", nullable=False),
                F("document_id", "integer"),
            ),
            "Cập nhật tiến độ.",
        ),
    ),
)


TOMBSTONE_SCHEMA = {
    "type": "object",
    "description": "Bản ghi đã rút: chỉ còn mã số, đường dẫn, thời điểm và lý do rút.",
    "properties": {
        "id": {"type": "integer"},
        "url": {"type": "string"},
        "status": {"const": "withdrawn"},
        "withdrawn_at": {"type": ["string", "null"], "format": "date-time"},
        "reason": {"type": ["string", "null"]},
    },
    "required": ["id", "url", "status", "withdrawn_at", "reason"],
    "additionalProperties": False,
}


def tombstone(record) -> dict:
    """What a withdrawn record shows: no body, only where it was and why it went."""
    return {
        "id": record.id,
        "url": record_path(record),
        "status": "withdrawn",
        "withdrawn_at": to_json_value("date-time", record.withdrawn_at),
        "reason": record.withdrawn_reason,
    }
