"""One flat serializer per public type, shared by the JSON API and the CSV exports.

Field names follow Popolo / Open Civic Data where they have one: `organization_id`, `person_id`,
`start_date`, `end_date`, `classification`, `identifier`, `founding_date`, `dissolution_date`,
`honorific_prefix`. Everything else keeps the portal's own names (SPEC §3).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.api.fields import Field as F  # noqa: N817 - short, read in every field list below
from portal.api.fields import Nested, Serializer, to_json_value
from portal.extensions import db
from portal.models import ReceptionDay
from portal.models.base import PublicRecord
from portal.models.budget import BUDGET_LINES, BUDGET_PERIODS
from portal.models.document import DOCUMENT_KINDS
from portal.models.organization import ORGANIZATION_KINDS
from portal.models.petition import PETITION_LEVELS, PETITION_STATUSES
from portal.models.programme import COMMITMENT_STATUSES
from portal.models.reception import SCOPES
from portal.models.resolution import LINK_KINDS, VALIDITIES
from portal.models.session import SESSION_FORMATS, SESSION_KINDS
from portal.models.supervision import RECOMMENDATION_STATUSES, SUPERVISION_KINDS
from portal.public_urls import record_path
from portal.services import councils, queries
from portal.services.queries import current_rows


def shown(record):
    """The related record if the public may see it (published or withdrawn), else None."""
    return record if record is not None and (not _has_workflow(record) or queries.shown(record)) else None


def _has_workflow(row) -> bool:
    return isinstance(row, PublicRecord)  # rows without a status of their own are as public as their parent


def rel_id(attr: str):
    return lambda o: (r.id if (r := shown(getattr(o, attr))) else None)


def rel_url(attr: str):
    return lambda o: (record_path(r) if (r := shown(getattr(o, attr))) else None)


def rel_name(attr: str):
    return lambda o: (r.name if (r := shown(getattr(o, attr))) else None)


def public_rows(attr: str):
    return lambda o: [r for r in getattr(o, attr) if not _has_workflow(r) or queries.public(r)]


def head(description: str) -> tuple[F, ...]:
    return (
        F("id", "integer", lambda o: o.id, "Mã số ổn định của bản ghi.", nullable=False),
        F("slug", "string", lambda o: o.slug, "Định danh dùng trong đường dẫn.", nullable=False),
        F("url", "string", record_path, f"Đường dẫn trang công khai của {description}.", nullable=False),
        F("council", "string", council_slug, "HĐND mà bản ghi thuộc về (mã trong /api/v1/councils)."),
    )


def council_slug(record) -> str | None:
    council = councils.by_id(getattr(record, "council_id", None))
    return council.slug if council is not None else None


TAIL = (
    F("source_document_id", "integer", rel_id("source_document"), "Văn bản nguồn (mã số)."),
    F("source_document_url", "string", rel_url("source_document"), "Trang của văn bản nguồn."),
    F("source_section", "string", lambda o: o.source_section, "Mục, trang trong văn bản nguồn."),
    F(
        "is_sample",
        "boolean",
        lambda o: o.is_sample,
        "Dữ liệu mẫu (không phải số liệu thật).",
        nullable=False,
    ),
    F("published_at", "date-time", lambda o: o.published_at, "Thời điểm công bố (UTC)."),
    F("updated_at", "date-time", lambda o: o.updated_at, "Lần thay đổi cuối (UTC).", nullable=False),
)


def org_fields(attr: str, description: str) -> tuple[F, ...]:
    return (
        F("organization_id", "integer", rel_id(attr), description),
        F("organization_name", "string", rel_name(attr), f"Tên: {description.lower()}"),
    )


def counts(*names: str) -> tuple[F, ...]:
    return tuple(F(n, "integer", (lambda o, n=n: getattr(o, n))) for n in names)


SESSIONS = Serializer(
    head("kỳ họp")
    + (
        F("name", "string", lambda o: o.name, nullable=False),
        F("number", "integer", lambda o: o.number, "Số thứ tự kỳ họp trong nhiệm kỳ.", nullable=False),
        F("ordinal_name", "string", lambda o: o.ordinal_name, nullable=False),
        F("classification", "string", lambda o: o.kind, "Thường lệ hay bất thường.", False, SESSION_KINDS),
        F("format", "string", lambda o: o.format, "Hình thức họp.", enum=SESSION_FORMATS),
        F("format_note", "string", lambda o: o.format_note),
        F("start_date", "date", lambda o: o.start_date),
        F("end_date", "date", lambda o: o.end_date),
        F("duration_days", "number", lambda o: o.duration_days),
        F("organization_id", "integer", rel_id("council"), "Hội đồng nhân dân họp."),
        F("term", "string", lambda o: o.term.name if o.term else None, "Khóa."),
        F("summary", "string", lambda o: o.summary),
    )
    + counts(
        "delegates_spoke",
        "items_raised",
        "items_clarified_in_groups",
        "items_clarified_in_hall",
        "resolutions_count",
        "questions_count",
        "questioned_members_count",
    )
    + TAIL,
    (
        Nested(
            "resolutions",
            public_rows("resolutions"),
            (
                F("id", "integer", lambda r: r.id, nullable=False),
                F("url", "string", record_path, nullable=False),
                F("identifier", "string", lambda r: r.number),
                F("title", "string", lambda r: r.title, nullable=False),
            ),
            "Nghị quyết được công bố của kỳ họp.",
        ),
        Nested(
            "questionings",
            lambda o: o.questionings,
            (
                F("asked_of_role", "string", lambda q: q.asked_of_role, nullable=False),
                F("organization_id", "integer", lambda q: q.asked_of_organization_id),
                F("person_id", "integer", lambda q: q.asked_of_person_id),
                F("topic", "string", lambda q: q.topic, nullable=False),
                F("answered", "boolean", lambda q: q.answered),
            ),
            "Nội dung chất vấn.",
        ),
    ),
)

RESOLUTIONS = Serializer(
    head("nghị quyết")
    + (
        F("identifier", "string", lambda o: o.number, "Số nghị quyết, ví dụ 12/NQ-HĐND."),
        F("title", "string", lambda o: o.title, nullable=False),
        F("adopted_on", "date", lambda o: o.adopted_on, "Ngày thông qua."),
        F("session_id", "integer", rel_id("session")),
        F("session_url", "string", rel_url("session")),
        F("topic", "string", lambda o: o.topic, "Lĩnh vực."),
        F("validity", "string", lambda o: o.validity, "Hiệu lực (tham số lọc: status).", enum=VALIDITIES),
        F("validity_changed_on", "date", lambda o: o.validity_changed_on),
        F("organization_id", "integer", rel_id("council"), "Hội đồng nhân dân ban hành."),
    )
    + TAIL,
    (
        F("body_text", "string", lambda o: o.body_text, "Toàn văn."),
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
        F("subject", "string", lambda o: o.subject, nullable=False),
        F("classification", "string", lambda o: o.kind, "Hình thức giám sát.", False, SUPERVISION_KINDS),
        *org_fields("body", "Cơ quan giám sát"),
        F("year", "integer", lambda o: o.year, nullable=False),
        F("period_text", "string", lambda o: o.period_text),
        F(
            "targets_count",
            "integer",
            lambda o: o.targets_count if o.targets_count is not None else len(o.targets),
            "Số đối tượng chịu giám sát.",
        ),
        F("conclusion_text", "string", lambda o: o.conclusion_text),
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
                F("name", "string", lambda t: t.name, nullable=False),
                F("url", "string", record_path, nullable=False),
            ),
            "Đối tượng chịu giám sát.",
        ),
        Nested(
            "recommendations",
            lambda o: current_rows(o.recommendations),
            (
                F("id", "integer", lambda r: r.id, nullable=False),
                F("text", "string", lambda r: r.text, nullable=False),
                F("organization_id", "integer", rel_id("addressee"), "Cơ quan nhận kiến nghị."),
                F("status", "string", lambda r: r.status, nullable=False, enum=RECOMMENDATION_STATUSES),
                F("due", "date", lambda r: r.due),
            ),
            "Kiến nghị sau giám sát và tình trạng thực hiện.",
        ),
    ),
)


def latest_change(petition):
    return petition.status_history[-1].on if petition.status_history else None


PETITIONS = Serializer(
    head("kiến nghị")
    + (
        F("text", "string", lambda o: o.text, nullable=False),
        F("level", "string", lambda o: o.level, "Cấp giải quyết.", False, PETITION_LEVELS),
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
        F("response_text", "string", lambda o: o.response_text),
        F("response_document_id", "integer", rel_id("response_document")),
        F("response_document_url", "string", rel_url("response_document")),
        F("due_by", "date", lambda o: o.due_by),
        F("answered_on", "date", lambda o: o.answered_on),
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
                F("status", "string", lambda c: c.status, nullable=False, enum=PETITION_STATUSES),
                F("note", "string", lambda c: c.note),
                F("document_id", "integer", rel_id("document")),
                F("document_url", "string", rel_url("document")),
            ),
            "Diễn biến giải quyết.",
        ),
    ),
)

VOTER_MEETINGS = Serializer(
    head("đợt tiếp xúc cử tri")
    + (
        F("name", "string", lambda o: o.name, nullable=False),
        F("relation", "string", lambda o: o.relation, "Trước hay sau kỳ họp.", False, ("before", "after")),
        F("session_id", "integer", rel_id("session")),
        F("session_url", "string", rel_url("session")),
        F("start_date", "date", lambda o: o.start_date),
        F("end_date", "date", lambda o: o.end_date),
        F("organization_id", "integer", rel_id("council")),
    )
    + counts(
        "points_total",
        "points_held",
        "points_held_in_person",
        "voters_attending",
        "voters_speaking",
        "items_raised",
        "items_answered_on_site",
        "items_aggregated",
        "to_province",
        "to_city",
    )
    + (
        F("response_document_id", "integer", rel_id("response_document")),
        F("response_document_url", "string", rel_url("response_document")),
        F("note", "string", lambda o: o.note),
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
                F("id", "integer", lambda r: r.id, nullable=False),
                F("label", "string", lambda r: r.label, nullable=False),
                F("reported_on", "date", lambda r: r.reported_on),
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
        F("title", "string", lambda o: o.title, nullable=False),
        F("issued_on", "date", lambda o: o.issued_on, "Ngày ban hành."),
        *org_fields("issuer", "Cơ quan ban hành"),
        F("note", "string", lambda o: o.note),
        F("has_full_text", "boolean", lambda o: bool(o.body_text), nullable=False),
        F("attachments_count", "integer", lambda o: len(o.attachments), nullable=False),
    )
    + TAIL,
    (
        F("body_text", "string", lambda o: o.body_text, "Toàn văn."),
        Nested(
            "attachments",
            lambda o: o.attachments,
            (
                F("filename", "string", lambda a: a.filename, nullable=False),
                F("content_type", "string", lambda a: a.content_type, nullable=False),
                F("sha256", "string", lambda a: a.sha256, nullable=False),
                F("size", "integer", lambda a: a.size, nullable=False),
            ),
            "Tệp đính kèm.",
        ),
    ),
)

MEMBERSHIP_DATES = (
    F("start_date", "date", lambda m: m.start_date),
    F("end_date", "date", lambda m: m.end_date),
    F("start_session_id", "integer", lambda m: m.start_session_id),
    F("end_session_id", "integer", lambda m: m.end_session_id),
    F("start_reason", "string", lambda m: m.start_reason),
    F("end_reason", "string", lambda m: m.end_reason),
)

ORGANIZATIONS = Serializer(
    head("cơ quan, tổ chức")
    + (
        F("name", "string", lambda o: o.name, nullable=False),
        F("short_name", "string", lambda o: o.short_name),
        F("classification", "string", lambda o: o.kind, "Loại tổ chức.", False, ORGANIZATION_KINDS),
        F("parent_id", "integer", rel_id("parent")),
        F("area", "string", lambda o: o.area.slug if o.area else None),
        F("founding_date", "date", lambda o: o.founded_on),
        F("dissolution_date", "date", lambda o: o.dissolved_on),
        F("dissolution_note", "string", lambda o: o.dissolution_note),
        F("successor_id", "integer", rel_id("successor")),
        F("description", "string", lambda o: o.description),
    )
    + TAIL,
    (
        Nested(
            "memberships",
            lambda o: [m for m in o.memberships if shown(m.person)],
            (
                F("person_id", "integer", lambda m: m.person_id, nullable=False),
                F("person_name", "string", lambda m: m.person.name, nullable=False),
                F("role", "string", lambda m: m.role, nullable=False),
                *MEMBERSHIP_DATES,
            ),
            "Thành viên, chức danh và thay đổi nhân sự.",
        ),
    ),
)

PEOPLE = Serializer(
    head("người")
    + (
        F("name", "string", lambda o: o.name, nullable=False),
        F("honorific_prefix", "string", lambda o: o.honorific),
        F("memberships_count", "integer", lambda o: len(o.memberships), nullable=False),
    )
    + TAIL,
    (
        Nested(
            "memberships",
            lambda o: [m for m in o.memberships if shown(m.organization)],
            (
                F("organization_id", "integer", lambda m: m.organization_id, nullable=False),
                F("organization_name", "string", lambda m: m.organization.name, nullable=False),
                F("role", "string", lambda m: m.role, nullable=False),
                *MEMBERSHIP_DATES,
            ),
            "Chức danh và thay đổi nhân sự.",
        ),
    ),
)


def implied(basis: str):
    return lambda o: o.implied_base(basis)


BUDGET = Serializer(
    head("số liệu ngân sách")
    + (
        F("year", "integer", lambda o: o.year, nullable=False),
        F("period", "string", lambda o: o.period, "Kỳ số liệu.", False, BUDGET_PERIODS),
        F("line", "string", lambda o: o.line, "Chỉ tiêu.", False, BUDGET_LINES),
        F("label", "string", lambda o: o.label, nullable=False),
        F("amount_million_vnd", "number", lambda o: o.amount_million_vnd, "Triệu đồng.", nullable=False),
        F("pct_of_province_estimate", "number", lambda o: o.pct_of_province_estimate, "% dự toán tỉnh giao."),
        F("province_estimate_wording", "string", lambda o: o.province_estimate_wording),
        F("pct_of_council_estimate", "number", lambda o: o.pct_of_council_estimate, "% dự toán HĐND giao."),
        F("council_estimate_wording", "string", lambda o: o.council_estimate_wording),
        F("pct_of_same_period_last_year", "number", lambda o: o.pct_of_same_period_last_year, "% cùng kỳ."),
        F("same_period_wording", "string", lambda o: o.same_period_wording),
        F(
            "implied_province_estimate_million_vnd",
            "number",
            implied("province_estimate"),
            "Suy ra: số tiền ÷ tỷ lệ (không phải số báo cáo nêu).",
        ),
        F(
            "implied_council_estimate_million_vnd",
            "number",
            implied("council_estimate"),
            "Suy ra: số tiền ÷ tỷ lệ (không phải số báo cáo nêu).",
        ),
        F(
            "implied_same_period_last_year_million_vnd",
            "number",
            implied("same_period_last_year"),
            "Suy ra: số tiền ÷ tỷ lệ (không phải số báo cáo nêu).",
        ),
        F("quote", "string", lambda o: o.quote, "Nguyên văn báo cáo."),
        F("organization_id", "integer", lambda o: o.council_id),
    )
    + TAIL,
)


def reception_days(stats):
    return db.session.scalars(
        select(ReceptionDay).where(ReceptionDay.stats_id == stats.id).order_by(ReceptionDay.on)
    ).all()


RECEPTION = Serializer(
    head("số liệu tiếp công dân")
    + (
        F("year", "integer", lambda o: o.year, nullable=False),
        *org_fields("body", "Cơ quan tiếp công dân"),
        F("scope", "string", lambda o: o.scope, "Cấp thành phố hay phường, xã.", False, SCOPES),
        F("label", "string", lambda o: o.label, nullable=False),
    )
    + counts("sessions_held", "sessions_planned", "citizens", "items", "answered_directly", "forwarded")
    + (F("note", "string", lambda o: o.note),)
    + TAIL,
    (
        Nested(
            "reception_days",
            reception_days,
            (
                F("date", "date", lambda d: d.on, nullable=False),
                F("chaired_by", "string", lambda d: d.chaired_by, nullable=False),
            ),
            "Các buổi tiếp công dân định kỳ.",
        ),
    ),
)

LETTERS = Serializer(
    head("số liệu đơn thư")
    + (
        F("year", "integer", lambda o: o.year, nullable=False),
        *org_fields("body", "Cơ quan tiếp nhận"),
        F("scope", "string", lambda o: o.scope, "Cấp thành phố hay phường, xã.", False, SCOPES),
        F("label", "string", lambda o: o.label, nullable=False),
    )
    + counts(
        "received",
        "complaints",
        "denunciations",
        "requests",
        "resolved",
        "resolved_complaints",
        "resolved_denunciations",
        "resolved_requests",
        "in_progress",
        "forwarded",
    )
    + (
        F("forwarded_note", "string", lambda o: o.forwarded_note),
        F("previous_year_received", "integer", lambda o: o.previous_year_received),
        F("reported_rate_pct", "number", lambda o: o.reported_rate_pct, "Tỷ lệ giải quyết báo cáo nêu (%)."),
        F(
            "computed_rate_pct",
            "number",
            lambda o: o.computed_rate_pct,
            "Suy ra: đã giải quyết ÷ tiếp nhận (%).",
        ),
        F("previous_year_rate_pct", "number", lambda o: o.previous_year_rate_pct),
        F("above_plan_pct_points", "number", lambda o: o.above_plan_pct_points),
        F("note", "string", lambda o: o.note),
    )
    + TAIL,
)

PROGRAMME = Serializer(
    head("nhiệm vụ trong chương trình hoạt động")
    + (
        F("year", "integer", lambda o: o.year, nullable=False),
        F("identifier", "integer", lambda o: o.number, "Số thứ tự nhiệm vụ.", nullable=False),
        F("text", "string", lambda o: o.text, nullable=False),
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
                F("text", "string", lambda u: u.text, nullable=False),
                F("document_id", "integer", lambda u: u.document_id),
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
