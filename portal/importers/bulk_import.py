"""Bulk import of petitions, resolutions and budget figures from CSV or XLSX.

Every row is checked first and every problem reported (row number as Excel shows it, column,
reason); nothing is written unless every row is good, and then all rows are written as drafts in
one transaction with an ImportRun row and an audit event.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import BinaryIO

from openpyxl import Workbook
from sqlalchemy import select

from portal import csvfile
from portal.extensions import db
from portal.importers.bulk_reader import MAX_ROWS, ImportFileError, read_table  # noqa: F401 (views)
from portal.models import (
    Area,
    BudgetFigure,
    ImportRun,
    Organization,
    Petition,
    Resolution,
    Session,
    User,
    VoterMeetingRound,
)
from portal.services.numbers import NumberError, parse_decimal, parse_int
from portal.services.publishing import audit, save, unique_slug
from portal.vocabulary import LABELS


class CellError(ValueError):
    """One cell's value is wrong; the message is for the clerk."""


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    required: bool = False
    parse: Callable[[str], object] | _Lookup = str
    target: str | None = None  # model attribute, when it differs from name
    help: str = ""


@dataclass
class RowError:
    row: int
    column: str
    reason: str


@dataclass
class Plan:
    kind: str
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _enum(vocabulary: str) -> Callable[[str], str]:
    labels = LABELS[vocabulary]
    by_label = {v.lower(): k for k, v in labels.items()}

    def parse(raw: str) -> str:
        value = raw.strip()
        if value in labels:
            return value
        if value.lower() in by_label:
            return by_label[value.lower()]
        raise CellError("phải là một trong: " + "; ".join(labels.values()))

    return parse


def _date(raw) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CellError("ngày không hợp lệ (viết dạng 28/7/2020)")


def _number(parser) -> Callable[[object], object]:
    def parse(raw):
        try:
            return parser(raw if not isinstance(raw, str) else raw.strip())
        except NumberError as exc:
            raise CellError(str(exc)) from exc

    return parse


def _fold(value) -> str:
    return unicodedata.normalize("NFC", str(value or "")).strip().casefold()


@dataclass(frozen=True)
class _Lookup:
    """Find a record by any of its identifying columns, compared case-insensitively in Python
    (SQLite's lower() leaves Vietnamese capitals such as Đ untouched)."""

    model: type
    label: str
    columns: tuple

    def bind(self) -> Callable[[str], int]:
        """A parser for one import: the table is read once, on first use, not once per cell."""
        names: list[dict[str, set[int]]] = []

        def parse(raw: str) -> int:
            if not names:
                rows = db.session.execute(select(self.model.id, *self.columns)).all()
                for position in range(1, len(self.columns) + 1):
                    by_name: dict[str, set[int]] = {}
                    for row in rows:
                        by_name.setdefault(_fold(row[position]), set()).add(row[0])
                    names.append(by_name)
            wanted = _fold(raw)
            for by_name in names:
                found = by_name.get(wanted, set())
                if len(found) == 1:
                    return next(iter(found))
            raise CellError(
                f"không tìm thấy {self.label} “{str(raw).strip()[:60]}” (ghi mã hoặc tên đúng như trên cổng)"
            )

        return parse


def _lookup(model, label: str, *columns) -> _Lookup:
    return _Lookup(model, label, columns)


def _text(limit: int) -> Callable[[str], str]:
    def parse(raw) -> str:
        value = str(raw).strip()
        if len(value) > limit:
            raise CellError(f"quá dài (tối đa {limit} ký tự)")
        return value

    return parse


COUNCIL = Column(
    "council",
    "Hội đồng nhân dân (mã hoặc tên)",
    False,
    _lookup(Organization, "hội đồng nhân dân", Organization.slug, Organization.name),
    "council_id",
    "Để trống: HĐND của kỳ họp, hoặc HĐND thành phố Lạng Sơn",
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "petitions": (
        Column(
            "round",
            "Đợt tiếp xúc cử tri (mã hoặc tên)",
            True,
            _lookup(VoterMeetingRound, "đợt tiếp xúc", VoterMeetingRound.slug, VoterMeetingRound.name),
            "round_id",
        ),
        Column(
            "area",
            "Phường, xã (mã hoặc tên)",
            False,
            _lookup(Area, "phường, xã", Area.slug, Area.name),
            "area_id",
        ),
        Column(
            "text", "Nội dung kiến nghị", True, _text(20_000), help="Không ghi thông tin cá nhân của cử tri"
        ),
        Column("level", "Cấp giải quyết", True, _enum("petition_level")),
        Column(
            "agency",
            "Cơ quan giải quyết (mã, tên hoặc tên viết tắt)",
            False,
            _lookup(Organization, "cơ quan", Organization.slug, Organization.name, Organization.short_name),
            "responsible_agency_id",
        ),
        Column("status", "Tình trạng", True, _enum("petition_status"), "petition_status"),
        Column("due_by", "Hạn trả lời", False, _date),
        Column("answered_on", "Ngày trả lời", False, _date),
        Column("response_text", "Nội dung trả lời", False, _text(20_000)),
    ),
    "resolutions": (
        Column("number", "Số nghị quyết", False, _text(60), help="Ví dụ 12/NQ-HĐND"),
        Column("title", "Trích yếu", True, _text(2000)),
        Column("adopted_on", "Ngày thông qua", False, _date),
        Column(
            "session",
            "Kỳ họp (mã hoặc tên)",
            False,
            _lookup(Session, "kỳ họp", Session.slug, Session.name),
            "session_id",
        ),
        Column("topic", "Lĩnh vực", False, _text(100)),
        Column("validity", "Hiệu lực", False, _enum("validity")),
        COUNCIL,
    ),
    "budget": (
        Column("year", "Năm", True, _number(parse_int)),
        Column("period", "Kỳ", True, _enum("budget_period")),
        Column("line", "Chỉ tiêu", True, _enum("budget_line")),
        Column("label", "Diễn giải", True, _text(300)),
        Column("amount_million_vnd", "Số tiền (triệu đồng)", True, _number(parse_decimal)),
        Column("pct_of_province_estimate", "% dự toán tỉnh giao", False, _number(parse_decimal)),
        Column("pct_of_council_estimate", "% dự toán HĐND giao", False, _number(parse_decimal)),
        Column("pct_of_same_period_last_year", "% so cùng kỳ", False, _number(parse_decimal)),
        COUNCIL,
    ),
}
MODELS = {"petitions": Petition, "resolutions": Resolution, "budget": BudgetFigure}
LABELS_VI = {"petitions": "kiến nghị cử tri", "resolutions": "nghị quyết", "budget": "số liệu ngân sách"}


def plan_import(kind: str, data: bytes | BinaryIO, filename: str) -> Plan:
    """Parse and check every row; the plan lists every error and the parsed values."""
    columns = COLUMNS[kind]
    parsers = {c.name: c.parse.bind() if isinstance(c.parse, _Lookup) else c.parse for c in columns}
    plan = Plan(kind)
    table = read_table(data, filename)
    if table:
        missing = [c.name for c in columns if c.required and c.name not in table[0][1]]
        if missing:
            plan.errors.append(RowError(1, ", ".join(missing), "thiếu cột bắt buộc trong dòng tiêu đề"))
            return plan
    for number, raw in table:
        values = {}
        for column in columns:
            cell = raw.get(column.name)
            if cell in (None, "") or str(cell).strip() == "":
                if column.required:
                    plan.errors.append(RowError(number, column.name, "bắt buộc, không được để trống"))
                continue
            try:
                values[column.target or column.name] = parsers[column.name](cell)
            except CellError as exc:
                plan.errors.append(RowError(number, column.name, str(exc)))
        plan.rows.append({"row": number, **values})
    if kind in ("resolutions", "budget"):
        _fill_default_councils(plan.rows)
    if kind == "resolutions":
        _check_resolution_numbers(plan)
    if not table:
        plan.errors.append(RowError(2, "", "tệp không có dòng dữ liệu nào"))
    return plan


def _fill_default_councils(rows: list[dict]) -> None:
    """A row without a council gets its session's council, else the city council: two queries in all."""
    session_ids = {r["session_id"] for r in rows if "council_id" not in r and r.get("session_id")}
    councils = dict(
        db.session.execute(select(Session.id, Session.council_id).where(Session.id.in_(session_ids))).all()
    )
    default = None
    if any("council_id" not in r and not r.get("session_id") for r in rows):
        default = db.session.scalar(
            select(Organization.id)
            .where(Organization.kind == "council", Organization.parent_id.is_not(None))
            .limit(1)
        )
    for row in rows:
        if "council_id" not in row:
            row["council_id"] = councils.get(row.get("session_id")) if row.get("session_id") else default


def _check_resolution_numbers(plan: Plan) -> None:
    """A number used twice in the file or already on the portal for the same council is an error."""
    wanted = sorted({r["number"] for r in plan.rows if r.get("number")})
    # One query: a file holds at most MAX_ROWS numbers, well under SQLite's and PostgreSQL's
    # limits on bound parameters.
    existing = set(
        db.session.execute(
            select(Resolution.number, Resolution.council_id).where(Resolution.number.in_(wanted))
        ).tuples()
    )
    first_row: dict[str, int] = {}
    for row in plan.rows:
        number = row.get("number")
        if not number:
            continue
        seen = first_row.setdefault(number, row["row"])
        if seen != row["row"] or (number, row.get("council_id")) in existing:
            where = f" ở dòng {seen}" if seen != row["row"] else " trên cổng"
            plan.errors.append(RowError(row["row"], "number", "số nghị quyết này đã có" + where))
    plan.errors.sort(key=lambda error: error.row)


def _title(kind: str, values: dict) -> str:
    return values.get("title") or values.get("label") or values.get("text", "")[:80]


def commit_import(plan: Plan, filename: str, actor: User | None, ip: str | None = None) -> ImportRun:
    """Write every row of a clean plan as a draft, with the run record and audit event (no commit)."""
    model = MODELS[plan.kind]
    for values in plan.rows:
        record = model(status="draft", **{k: v for k, v in values.items() if k != "row"})
        if plan.kind == "petitions":
            record.voter_accepted = "unknown"
        record.slug = unique_slug(model, _title(plan.kind, values))
        save(record, actor, f"Nhập từ tệp {filename[:100]}, dòng {values['row']}", commit=False, ip=ip)
        db.session.flush()
    run = ImportRun(
        kind=plan.kind,
        source_name=filename[:255],
        created=len(plan.rows),
        actor_id=actor.id if actor else None,
        errors=[],
    )
    db.session.add(run)
    audit("import", actor, f"import:{plan.kind}", {"file": filename[:200], "rows": len(plan.rows)}, ip=ip)
    return run


def template_bytes(kind: str, fmt: str) -> bytes:
    """An empty file with the header row (and a guide sheet for Excel)."""
    columns = COLUMNS[kind]
    if fmt == "csv":
        return csvfile.document([c.name for c in columns], [])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Dữ liệu"
    sheet.append([c.name for c in columns])
    guide = workbook.create_sheet("Hướng dẫn")
    guide.append(["Cột", "Ý nghĩa", "Bắt buộc", "Ghi chú"])
    for c in columns:
        guide.append([c.name, c.label, "có" if c.required else "", c.help])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
