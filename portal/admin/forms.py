"""Flask-WTF forms of the council office, with Vietnamese labels and messages."""

from __future__ import annotations

import secrets

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp, StopValidation

from portal.services.accounts import MIN_PASSWORD_LENGTH, ROLE_LABELS

REQUIRED = "Vui lòng nhập {label}."


def required(label: str) -> DataRequired:
    return DataRequired(message=REQUIRED.format(label=label.lower()))


def new_token() -> str:
    return secrets.token_urlsafe(24)


class TokenForm(FlaskForm):
    """A form carrying a one-time token, so a double submit is carried out once."""

    idempotency_token = HiddenField(validators=[DataRequired(message="Thiếu mã chống gửi trùng.")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new form gets a new token; a submitted one keeps (or lacks) what the browser sent.
        fresh = kwargs.get("formdata", "request") is None or not self.is_submitted()
        if fresh and not self.idempotency_token.data:
            self.idempotency_token.data = new_token()

    @classmethod
    def with_choices(cls, *args, **kwargs):
        """The form with the choices of its select fields loaded (they come from the database)."""
        form = cls(*args, **kwargs)
        form.load_choices()
        return form


class LoginForm(FlaskForm):
    email = StringField("Email", validators=[required("Email"), Length(max=254)])
    password = PasswordField("Mật khẩu", validators=[required("Mật khẩu"), Length(max=1024)])
    next = HiddenField()


class TotpForm(FlaskForm):
    code = StringField("Mã xác thực 6 chữ số", validators=[required("Mã xác thực"), Length(max=10)])


class PasswordChangeForm(FlaskForm):
    current = PasswordField("Mật khẩu hiện tại", validators=[required("Mật khẩu hiện tại")])
    new = PasswordField(
        "Mật khẩu mới",
        validators=[
            required("Mật khẩu mới"),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=1024,
                message=f"Mật khẩu mới phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.",
            ),
        ],
    )
    confirm = PasswordField(
        "Nhập lại mật khẩu mới",
        validators=[
            required("Mật khẩu nhập lại"),
            EqualTo("new", message="Hai lần nhập mật khẩu mới không khớp."),
        ],
    )


ROLE_CHOICES = [(k, v) for k, v in ROLE_LABELS.items()]


def _role_sent(form, field) -> None:
    if not field.raw_data or field.data not in ROLE_LABELS:
        raise StopValidation("Vui lòng chọn vai trò.")


def role_field() -> SelectField:
    """The list always holds a role, so it has no empty row and no `required` attribute; a form sent
    without a role, or with an unknown one, is refused in Vietnamese (not WTForms' English message)."""
    return SelectField("Vai trò", choices=ROLE_CHOICES, validate_choice=False, validators=[_role_sent])


def councils_field() -> SelectMultipleField:
    return SelectMultipleField(
        "HĐND được phân công",
        coerce=int,
        validate_choice=False,
        description="Vai trò trên áp dụng cho từng HĐND được chọn. Không chọn HĐND nào: tài khoản làm "
        "việc trên toàn tỉnh (chỉ quản trị toàn tỉnh được tạo).",
    )


class UserCreateForm(FlaskForm):
    email = StringField(
        "Email",
        validators=[
            required("Email"),
            Length(max=254),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Địa chỉ email không hợp lệ."),
        ],
    )
    name = StringField("Họ và tên", validators=[required("Họ và tên"), Length(max=200)])
    role = role_field()
    councils = councils_field()
    password = PasswordField(
        "Mật khẩu ban đầu",
        validators=[
            required("Mật khẩu"),
            Length(min=MIN_PASSWORD_LENGTH, message=f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự."),
        ],
    )


class UserUpdateForm(FlaskForm):
    role = role_field()
    councils = councils_field()
    is_active = BooleanField("Đang hoạt động")


class PublishForm(TokenForm):
    note = StringField("Ghi chú (không bắt buộc)", validators=[Optional(), Length(max=500)])


class WithdrawForm(TokenForm):
    reason = TextAreaField(
        "Lý do rút",
        validators=[required("Lý do rút"), Length(max=2000, message="Lý do quá dài (tối đa 2.000 ký tự).")],
    )


class RestoreForm(TokenForm):
    pass


class UploadForm(TokenForm):
    file = FileField("Tệp PDF")


class ImportUploadForm(FlaskForm):
    file = FileField("Tệp CSV hoặc Excel (.xlsx)")


class ImportCommitForm(TokenForm):
    pending = HiddenField(validators=[DataRequired(message="Thiếu tệp đã kiểm tra.")])
