"""Council office accounts, revisions, the audit trail, imports and the search outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, Timestamped, enum_check, utcnow

ROLES = ("admin", "publisher", "editor")


class User(Base, Timestamped):
    __tablename__ = "users"
    __table_args__ = (enum_check("role", ROLES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(12))
    password_hash: Mapped[str] = mapped_column(String(255))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    is_active: Mapped[bool] = mapped_column(default=True, server_default="1")
    # The last TOTP time step accepted, so a code cannot be replayed within its window.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # A province-wide account (the province office, and every account made before councils had their
    # own office) acts in every council with `role`; otherwise only in its `councils`, each with its role
    # there, and `role` is the highest of those (what the second factor and the menus go by).
    province_wide: Mapped[bool] = mapped_column(default=True, server_default="1")

    councils: Mapped[list[UserCouncil]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="UserCouncil.council_id"
    )

    @property
    def needs_second_factor(self) -> bool:
        return self.role in ("admin", "publisher")

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


class UserCouncil(Base):
    """A clerk's role in one council's office."""

    __tablename__ = "user_councils"
    __table_args__ = (enum_check("role", ROLES),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(12))

    user: Mapped[User] = relationship(back_populates="councils")
    council = relationship("Organization")


class IdempotencyKey(Base):
    """A form submission already carried out: a double submit finds its token here and does nothing."""

    __tablename__ = "idempotency_keys"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RateLimitCounter(Base):
    """A fixed-window counter for Flask-Limiter, shared by every worker through the database."""

    __tablename__ = "rate_limit_counters"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[float] = mapped_column(Float, index=True)


class Revision(Base):
    """A full snapshot of a record after a save, for the diff view and restore."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40), index=True)
    record_id: Mapped[int] = mapped_column(Integer, index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    snapshot: Mapped[dict] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)

    author = relationship("User")


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_label: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    ip: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict | None] = mapped_column(JSON)
    # The council whose record the event is about, so each council's office sees its own log.
    council_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)

    actor = relationship("User")


class ImportRun(Base, Timestamped):
    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    source_name: Mapped[str] = mapped_column(String(255))
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[list | None] = mapped_column(JSON)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SearchOutbox(Base):
    """A searchable record changed in this transaction; drained into the index after commit."""

    __tablename__ = "search_outbox"
    __table_args__ = (enum_check("op", ("upsert", "delete")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(8), default="upsert")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
