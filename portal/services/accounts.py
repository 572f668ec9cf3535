"""Council office accounts: argon2 password hashes, users, second factor (TOTP)."""

from __future__ import annotations

import time
import unicodedata

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, or_, select, update

from portal.extensions import db
from portal.models import Organization, User, UserCouncil
from portal.models.account import ROLES
from portal.services.publishing import audit

MIN_PASSWORD_LENGTH = 12
TOTP_ISSUER = "HĐND TP Lạng Sơn"
ROLE_LABELS = {"editor": "Biên tập viên", "publisher": "Người duyệt đăng", "admin": "Quản trị"}
ROLE_RANK = {"editor": 1, "publisher": 2, "admin": 3}
KEEP = object()  # update_user: leave the account's councils as they are

_hashers: dict[tuple[int, int], tuple[PasswordHasher, str]] = {}


def _hasher() -> tuple[PasswordHasher, str]:
    """The configured argon2id hasher, and a hash verified when the e-mail is unknown, so a wrong
    address costs as much time as a wrong password."""
    params = (current_app.config["ARGON2_TIME_COST"], current_app.config["ARGON2_MEMORY_KIB"])
    if params not in _hashers:
        hasher = PasswordHasher(time_cost=params[0], memory_cost=params[1])
        _hashers[params] = (hasher, hasher.hash("không-phải-mật-khẩu-của-ai"))
    return _hashers[params]


class AccountError(ValueError):
    """An account change refused, with a message a clerk understands."""


def normalize_email(email: str) -> str:
    """Return the address as stored: NFC, trimmed, lower-cased."""
    return unicodedata.normalize("NFC", (email or "").strip()).lower()


def hash_password(password: str) -> str:
    return _hasher()[0].hash(password)


def check_password_strength(password: str) -> None:
    """Refuse passwords a clerk should not use."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalize_email(email)))


def verify_password(user: User | None, password: str) -> bool:
    """Check a password in constant-ish time whether or not the user exists."""
    hasher, dummy = _hasher()
    try:
        ok = hasher.verify(user.password_hash if user else dummy, password or "")
    except (VerificationError, InvalidHashError):
        return False
    if ok and user is not None and hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return ok and user is not None and user.is_active


def find_councils(slugs: list[str]) -> list[Organization]:
    """The councils named by these slugs, in order; an unknown slug is refused by name."""
    councils = []
    for slug in slugs:
        council = db.session.scalar(
            select(Organization).where(Organization.slug == slug.strip(), Organization.kind == "council")
        )
        if council is None:
            raise AccountError(f"Không tìm thấy HĐND có mã “{slug.strip()[:80]}”.")
        councils.append(council)
    return councils


def set_councils(user: User, councils: dict[int, str] | None) -> None:
    """Make the account province-wide (None) or limit it to these councils, with its role in each;
    `user.role` becomes the highest of them (what the second factor goes by)."""
    if councils is not None and not councils:
        raise AccountError("Chọn ít nhất một HĐND, hoặc để tài khoản làm việc trên toàn tỉnh.")
    if councils is not None and any(role not in ROLES for role in councils.values()):
        raise AccountError("Vai trò phải là admin, publisher hoặc editor.")
    user.province_wide = councils is None
    user.councils = [UserCouncil(council_id=c, role=r) for c, r in sorted((councils or {}).items())]
    if councils:
        user.role = max(councils.values(), key=ROLE_RANK.__getitem__)


def council_roles(user: User) -> dict[int, str] | None:
    """The account's role per council; None for a province-wide account."""
    return None if user.province_wide else {m.council_id: m.role for m in user.councils}


def create_user(
    email: str,
    role: str,
    password: str,
    name: str | None = None,
    actor: User | None = None,
    ip: str | None = None,
    councils: dict[int, str] | None = None,
) -> User:
    """Create an account (province-wide when `councils` is None); the password is hashed with argon2id."""
    email = normalize_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError("Địa chỉ email không hợp lệ.")
    if role not in ROLES:
        raise AccountError("Vai trò phải là admin, publisher hoặc editor.")
    check_password_strength(password)
    if find_user(email):
        raise AccountError(f"Đã có tài khoản {email}.")
    user = User(
        email=email,
        name=(name or email.split("@")[0]).strip(),
        role=role,
        password_hash=hash_password(password),
        session_version=1,
        is_active=True,
    )
    set_councils(user, councils)
    db.session.add(user)
    db.session.flush()
    detail = {"role": user.role, "councils": council_roles(user)}
    audit("user_create", actor, f"user:{email}", detail, ip=ip, council_id=_first(councils))
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str, ip: str | None = None) -> None:
    """Change the password and end every session of this user (the session version moves on)."""
    if not verify_password(user, current):
        raise AccountError("Mật khẩu hiện tại không đúng.")
    check_password_strength(new)
    user.password_hash = hash_password(new)
    user.session_version += 1
    audit("password_change", user, f"user:{user.email}", ip=ip)
    db.session.commit()


def end_sessions(user: User, actor: User | None, action: str = "logout", ip: str | None = None) -> None:
    """Invalidate every cookie issued to this user so far."""
    user.session_version += 1
    audit(action, actor, f"user:{user.email}", ip=ip)
    db.session.commit()


def _first(councils: dict[int, str] | None) -> int | None:
    return min(councils) if councils else None


def update_user(
    user: User,
    actor: User,
    role: str,
    is_active: bool,
    ip: str | None = None,
    councils: dict[int, str] | None | object = KEEP,
) -> None:
    """Change a user's role, councils (None: province-wide) or activity; any change ends the user's
    sessions."""
    if councils is KEEP:
        councils = council_roles(user)
    if role not in ROLES:
        raise AccountError("Vai trò không hợp lệ.")
    before = {"role": user.role, "is_active": user.is_active, "councils": council_roles(user)}
    after = {"role": role, "is_active": is_active, "councils": councils}
    if user.id == actor.id and before != after:
        raise AccountError("Không thể tự thay đổi vai trò, HĐND hoặc tự khóa tài khoản của mình.")
    changes = {k: v for k, v in after.items() if before[k] != v}
    if not changes:
        return
    user.role, user.is_active = role, is_active
    set_councils(user, councils)
    user.session_version += 1
    audit("user_update", actor, f"user:{user.email}", changes, ip=ip, council_id=_first(councils))
    db.session.commit()


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=TOTP_ISSUER)


def _accepted_step(secret: str, code: str, last_step: int | None) -> int | None:
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now_step = int(time.time()) // totp.interval
    for step in (now_step - 1, now_step, now_step + 1):
        if (last_step is None or step > last_step) and totp.at(step * totp.interval) == code:
            return step
    return None


def verify_totp(user: User, code: str) -> bool:
    """Accept a current code once: a code already used (or older) is refused."""
    if not user.totp_secret:
        return False
    step = _accepted_step(user.totp_secret, code, user.totp_last_step)
    if step is None:
        return False
    # Compare-and-set: of concurrent requests posting the same code, only the first moves the step on;
    # the others wait for its commit (SQLite's write lock, PostgreSQL's row lock) and then match no row.
    table = User.__table__
    claimed = (
        db.session.execute(
            update(table)
            .where(
                table.c.id == user.id, or_(table.c.totp_last_step.is_(None), table.c.totp_last_step < step)
            )
            .values(totp_last_step=step)
        ).rowcount
        == 1
    )
    db.session.commit()
    db.session.refresh(user)
    return claimed


def enrol_totp(user: User, secret: str, code: str, ip: str | None = None) -> bool:
    """Store the secret once the clerk has proved their app produces its codes."""
    step = _accepted_step(secret, code, None)
    if step is None:
        return False
    user.totp_secret, user.totp_last_step = secret, step
    audit("totp_enrol", user, f"user:{user.email}", ip=ip)
    db.session.commit()
    return True
