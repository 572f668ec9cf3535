"""Council sessions, the questioning held at them, and activity counted without items."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import (
    Base,
    InCouncil,
    Period,
    PublicRecord,
    Timestamped,
    alias,
    count_columns,
    enum_check,
    non_negative,
    year_of,
)
from portal.models.reception import BodyYearFigures

SESSION_KINDS = ("regular", "extraordinary")
SESSION_FORMATS = ("in_person", "online", "hybrid")
SESSION_COUNTS = (
    "delegates_spoke",
    "items_raised",
    "items_clarified_in_groups",
    "items_clarified_in_hall",
    "resolutions_count",
    "questions_count",
    "questioned_members_count",
)


class Session(Base, PublicRecord, Period, count_columns(*SESSION_COUNTS)):
    __tablename__ = "sessions"
    list_order = ("number",)  # its ListSpec in services.list_specs
    public_type = "session"

    council_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("terms.id"))
    number: Mapped[int] = mapped_column(Integer)
    ordinal_name: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    format: Mapped[str | None] = mapped_column(String(12))
    format_note: Mapped[str | None] = mapped_column(Text)
    duration_days: Mapped[Decimal | None] = mapped_column(Numeric(4, 1))
    summary: Mapped[str | None] = mapped_column(Text)

    council = relationship("Organization")
    term = relationship("Term")
    resolutions = relationship("Resolution", back_populates="session", order_by="Resolution.id")
    questionings: Mapped[list[Questioning]] = relationship(back_populates="session")

    constraints = (
        enum_check("kind", SESSION_KINDS),
        CheckConstraint("format IS NULL OR format IN ('in_person', 'online', 'hybrid')", name="format_enum"),
        Period.ends_after_start(),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("duration_days IS NULL OR duration_days > 0", name="duration_positive"),
        *non_negative(*SESSION_COUNTS),
    )

    title = alias("name")

    year = year_of("start_date")


class Questioning(Base, Timestamped):
    """A written question (phiếu chất vấn) put at a session."""

    __tablename__ = "questionings"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    asked_of_role: Mapped[str] = mapped_column(String(200))
    asked_of_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    asked_of_organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    topic: Mapped[str] = mapped_column(Text)
    answered: Mapped[bool | None] = mapped_column()
    source_section: Mapped[str | None] = mapped_column(String(300))

    session: Mapped[Session] = relationship(back_populates="questionings")
    asked_of_person = relationship("Person")
    asked_of_organization = relationship("Organization")


ACTIVITY_SUBJECTS = (
    "supervision",
    "inspection",
    "standing_meeting",
    "questioning",
    "clarification",
    "reception",
    "letters",
)


class ActivityCount(Base, PublicRecord, BodyYearFigures, InCouncil):
    """A count the report gives without listing the items (e.g. 16 Standing Committee meetings)."""

    __tablename__ = "activity_counts"
    public_type = "activity_count"

    subject: Mapped[str] = mapped_column(String(24))
    count: Mapped[int] = mapped_column(Integer)
    planned: Mapped[int | None] = mapped_column(Integer)
    agencies_count: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)

    constraints = (
        enum_check("subject", ACTIVITY_SUBJECTS),
        enum_check("scope", ("city", "wards_communes")),
        *non_negative("count", "planned", "agencies_count"),
    )
