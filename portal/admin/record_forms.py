"""Build a Flask-WTF form class from a type spec: Vietnamese labels, numbers typed the Vietnamese
way (390.463 and 93,2), dates from a date picker, references as select lists."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from wtforms import DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms import Field as WtfField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal import vocabulary as vocab
from portal.admin.access import councils_for
from portal.admin.forms import TokenForm
from portal.admin.registry import Field, TypeSpec
from portal.extensions import db
from portal.models import Area, Document, Organization, Session, Term, VoterMeetingRound
from portal.services.numbers import NumberError, parse_decimal, parse_int
from portal.services.office_scope import in_councils, organization_councils


def _org_choices(council_only: bool = False):
    q = select(Organization).order_by(Organization.name)
    if council_only:
        q = q.where(Organization.kind == "council")
    return [(o.id, o.name) for o in db.session.scalars(q)]


REF_SOURCES = {
    "organization": lambda: _org_choices(),
    "council": lambda: _org_choices(council_only=True),
    "document": lambda: [
        (d.id, f"{d.number} — {d.title[:70]}" if d.number else d.title[:90])
        for d in db.session.scalars(select(Document).order_by(Document.issued_on.desc()))
    ],
    "session": lambda: [(s.id, s.name) for s in db.session.scalars(select(Session).order_by(Session.number))],
    "term": lambda: [(t.id, t.name) for t in db.session.scalars(select(Term).order_by(Term.start_year))],
    "area": lambda: [(a.id, a.label) for a in db.session.scalars(select(Area).order_by(Area.name))],
    "round": lambda: [
        (r.id, r.name)
        for r in db.session.scalars(
            select(VoterMeetingRound).order_by(VoterMeetingRound.session_id, VoterMeetingRound.id)
        )
    ],
}


def _allowed_ids(ref: str) -> set[int] | None:
    """The choices a clerk of some councils may pick: their councils' records, and shared ones."""
    councils = councils_for("editor")
    if councils is None or ref not in ("council", "session", "round", "document", "organization"):
        return None
    if ref == "council":
        return set(councils)
    if ref in ("session", "round"):
        model = Session if ref == "session" else VoterMeetingRound
        return set(db.session.scalars(select(model.id).where(in_councils(model, councils))))
    owners = organization_councils()
    allowed = {None, *councils}
    if ref == "organization":
        return {org for org, council in owners.items() if council in allowed}
    rows = db.session.execute(select(Document.id, Document.issuer_id))
    return {doc for doc, issuer in rows if owners.get(issuer) in allowed}


def choices_for(ref: str) -> list[tuple[int, str]]:
    """A reference list for a form: every record, or only those in the clerk's councils and shared ones."""
    allowed = _allowed_ids(ref)
    choices = REF_SOURCES[ref]()
    return choices if allowed is None else [c for c in choices if c[0] in allowed]


class VietNumberField(StringField):
    """A number typed as a clerk types it: 390.463 (thousands) or 93,2 (decimal comma)."""

    def __init__(self, label=None, validators=None, integer: bool = False, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.integer = integer

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.raw_data = valuelist
        if not raw:
            self.data = None
            return
        try:
            self.data = parse_int(raw) if self.integer else parse_decimal(raw)
        except NumberError as exc:
            self.data = None
            raise ValueError(str(exc)) from exc

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        if isinstance(self.data, Decimal):
            return format(self.data.normalize(), "f").replace(".", ",")
        return str(self.data)


class VietDateField(DateField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError("Ngày không hợp lệ. Chọn ngày trên lịch hoặc nhập dạng năm-tháng-ngày.") from exc

    def _value(self):
        # A date input holds only year-month-day: text it cannot hold is dropped (the error says why).
        return self.data.isoformat() if isinstance(self.data, date) else ""


class RefsField(SelectMultipleField):
    """Several records of one kind (the councils that took over): picked by id, read from the record's
    related objects, written back as objects by RecordForm.apply_to."""

    def process_data(self, value):
        self.data = [getattr(v, "id", v) for v in value or []]


REF_MODELS = {"organization": Organization}


def _coerce_ref(value):
    if value in (None, "", "None"):
        return None
    return int(value)


def _make_field(spec: Field) -> WtfField:
    label = spec.label
    checks = [DataRequired(message=f"Vui lòng nhập {label.lower()}.")] if spec.required else [Optional()]
    kw = {"description": spec.help or ""}
    if spec.kind == "textarea":
        return TextAreaField(label, checks + [Length(max=200_000)], **kw)
    if spec.kind in ("int", "decimal"):
        checks = [_required_value(label)] if spec.required else []
        return VietNumberField(label, checks, integer=spec.kind == "int", **kw)
    if spec.kind == "date":
        return VietDateField(label, checks, **kw)
    if spec.kind == "refs":
        return RefsField(label, [Optional()], coerce=int, validate_choice=False, **kw)
    if spec.kind in ("choice", "ref"):
        checks = [_required_value(label)] if spec.required else []
        coerce = _coerce_ref if spec.kind == "ref" else (lambda v: v or None)
        return SelectField(label, checks, coerce=coerce, validate_choice=False, **kw)
    return StringField(label, checks + [Length(max=300, message="Quá dài (tối đa 300 ký tự).")], **kw)


def _required_value(label: str):
    def check(form, field):
        if field.data in (None, ""):
            raise ValidationError(f"Vui lòng nhập {label.lower()}.")

    check.field_flags = {"required": True}
    return check


def _check_choice(field: SelectField, spec: Field) -> None:
    allowed = {value for value, _ in field.choices}
    if field.data not in (None, "") and field.data not in allowed:
        field.errors.append("Giá trị không có trong danh sách.")


class RecordForm(TokenForm):
    """Base of the generated forms; `spec` and `fields_used` are set on each subclass."""

    spec: TypeSpec
    fields_used: tuple[Field, ...]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.record_id = getattr(kwargs.get("obj"), "id", None)  # an organisation never succeeds itself

    def load_choices(self) -> None:
        for f in self.fields_used:
            field = self[f.name]
            if f.kind == "choice":
                # A required list starts on an empty "choose" row, so nothing is picked for the clerk.
                blank = [("", "— chọn —")] if f.required else [("", "— không ghi —")]
                field.choices = blank + vocab.choices(f.vocabulary)
            elif f.kind == "ref":
                field.choices = [("", "— chọn —")] + choices_for(f.ref)
            elif f.kind == "refs":
                field.choices = choices_for(f.ref)

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for f in self.fields_used:
            if f.kind in ("choice", "ref"):
                _check_choice(self[f.name], f)
            elif f.kind == "refs":
                picked = set(self[f.name].data or ())
                if not picked <= {value for value, _ in self[f.name].choices}:
                    self[f.name].errors.append("Giá trị không có trong danh sách.")
                elif self.record_id in picked:
                    self[f.name].errors.append("Một tổ chức không thể tự tiếp nhận công việc của chính mình.")
        self._check_dates()
        return ok and not any(self[f.name].errors for f in self.fields_used)

    def _check_dates(self) -> None:
        for start, end in (("start_date", "end_date"), ("founded_on", "dissolved_on")):
            if start in self and end in self:
                a, b = self[start].data, self[end].data
                if isinstance(a, date) and isinstance(b, date) and b < a:
                    self[end].errors.append("Ngày kết thúc không được trước ngày bắt đầu.")

    def apply_to(self, record) -> None:
        for f in self.fields_used:
            value = self[f.name].data
            if f.kind == "refs":
                model = REF_MODELS[f.ref]
                value = [db.session.get(model, i) for i in value or []]
                setattr(record, f.name, [v for v in value if v is not None])
                continue
            setattr(record, f.name, value if value != "" else None)


def form_class(spec: TypeSpec, creating: bool) -> type[RecordForm]:
    """A form class for creating or editing records of this type."""
    used = tuple(f for f in spec.fields if creating or not f.create_only)
    attrs = {f.name: _make_field(f) for f in used}
    attrs.update(spec=spec, fields_used=used)
    return type(f"{spec.model.__name__}Form", (RecordForm,), attrs)
