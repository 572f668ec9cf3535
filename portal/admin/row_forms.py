"""The forms of a record's rows (a supervision's recommendations and their follow-up, a round's
petitions), declared once for their pages and for inline validation as the clerk leaves a field."""

from __future__ import annotations

from datetime import date

from wtforms import SelectField, TextAreaField
from wtforms.validators import Length, Optional

from portal import vocabulary as vocab
from portal.admin.forms import TokenForm, required
from portal.admin.record_forms import VietDateField, _coerce_ref, choices_for
from portal.extensions import db
from portal.models import Area, Document, Organization

TOO_LONG = "Quá dài (tối đa 20.000 ký tự)."
NOT_IN_LIST = "Giá trị không có trong danh sách."


class RowForm(TokenForm):
    """A row form whose list fields name rows of another table: (field name, model, blank choice label)."""

    references: tuple[tuple[str, type, str], ...] = ()
    sources: dict[str, str] = {}

    def load_choices(self) -> None:
        for name, _model, blank in self.references:
            self[name].choices = [("", blank)] + choices_for(self.sources[name])

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for name, model, _blank in self.references:
            field = self[name]
            if field.data is not None and db.session.get(model, field.data) is None:
                field.errors.append(NOT_IN_LIST)
                ok = False
        return ok

    def chosen(self, name: str):
        """The row a list field names (None when left empty); call after `validate`."""
        model = next(m for n, m, _ in self.references if n == name)
        return db.session.get(model, self[name].data) if self[name].data is not None else None


class RecommendationForm(RowForm):
    text = TextAreaField(
        "Nội dung kiến nghị",
        validators=[required("Nội dung kiến nghị"), Length(max=20_000, message=TOO_LONG)],
    )
    addressee_id = SelectField("Gửi đến cơ quan", coerce=_coerce_ref, validate_choice=False)
    status = SelectField("Tình trạng", choices=vocab.choices("recommendation_status"))
    due = VietDateField("Hạn xử lý", validators=[Optional()])

    references = (("addressee_id", Organization, "— không ghi —"),)
    sources = {"addressee_id": "organization"}


class RecommendationUpdateForm(RowForm):
    on = VietDateField("Ngày", validators=[required("Ngày")], default=date.today)
    status = SelectField("Tình trạng mới", choices=vocab.choices("recommendation_status"))
    text = TextAreaField("Kết quả thực hiện", validators=[Optional(), Length(max=20_000, message=TOO_LONG)])
    document_id = SelectField("Văn bản báo cáo kết quả", coerce=_coerce_ref, validate_choice=False)

    references = (("document_id", Document, "— không kèm văn bản —"),)
    sources = {"document_id": "document"}


class RoundPetitionForm(RowForm):
    text = TextAreaField(
        "Nội dung kiến nghị",
        validators=[required("Nội dung kiến nghị"), Length(max=20_000, message=TOO_LONG)],
        description="Không ghi họ tên hay thông tin cá nhân của cử tri.",
    )
    area_id = SelectField("Phường, xã", coerce=_coerce_ref, validate_choice=False)
    level = SelectField("Cấp giải quyết", choices=vocab.choices("petition_level"), default="city")
    responsible_agency_id = SelectField("Cơ quan giải quyết", coerce=_coerce_ref, validate_choice=False)
    petition_status = SelectField(
        "Tình trạng ban đầu", choices=vocab.choices("petition_status"), default="in_progress"
    )
    due_by = VietDateField("Hạn trả lời", validators=[Optional()])

    references = (
        ("area_id", Area, "— không ghi —"),
        ("responsible_agency_id", Organization, "— không ghi —"),
    )
    sources = {"area_id": "area", "responsible_agency_id": "organization"}


class RowWithdrawForm(RowForm):
    reason = TextAreaField(
        "Lý do rút",
        validators=[required("Lý do rút"), Length(max=2000, message="Lý do quá dài (tối đa 2.000 ký tự).")],
        description="Lý do hiển thị công khai tại chỗ của kiến nghị và được giữ trong lịch sử.",
    )


# Forms whose fields are validated inline, by the key in their validation URL.
ROW_FORMS: dict[str, type[RowForm]] = {
    "recommendation": RecommendationForm,
    "recommendation-update": RecommendationUpdateForm,
    "round-petition": RoundPetitionForm,
    "row-withdrawal": RowWithdrawForm,
}
