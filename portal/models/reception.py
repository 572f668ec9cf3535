"""Citizen reception and letter handling, published as aggregates only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from portal.models.base import (
    Base,
    InCouncil,
    PublicRecord,
    Timestamped,
    alias,
    count_columns,
    enum_check,
    named_reference,
    non_negative,
    when_known,
)

SCOPES = ("city", "wards_communes")
RECEPTION_COUNTS = (
    "sessions_held",
    "sessions_planned",
    "citizens",
    "items",
    "answered_directly",
    "forwarded",
)
LETTER_COUNTS = (
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


def pct_check(column: str) -> CheckConstraint:
    return CheckConstraint(
        f"{column} IS NULL OR ({column} >= 0 AND {column} <= 1000)", name=f"{column}_range"
    )


class BodyYearFigures:
    """Figures the report gives for one body, year and level (reception, letters, activity counts)."""

    # First in the table, before the type's own columns, as the tables were created.
    year: Mapped[int] = mapped_column(Integer, sort_order=-1)
    body_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), sort_order=-1)
    scope: Mapped[str] = mapped_column(String(16), default="city", sort_order=-1)
    label: Mapped[str] = mapped_column(String(300), sort_order=-1)
    title = alias("label")

    @declared_attr
    def body(cls):  # noqa: N805
        return named_reference(cls, "Organization", "body_id")  # its council is a second key to organizations


class ReceptionStats(Base, PublicRecord, BodyYearFigures, InCouncil, count_columns(*RECEPTION_COUNTS)):
    __tablename__ = "reception_stats"
    list_order = ("year", "id")  # its ListSpec in services.list_specs
    public_type = "reception_stats"

    note: Mapped[str | None] = mapped_column(Text)

    constraints = (
        enum_check("scope", SCOPES),
        when_known("sessions_held", "<=", "sessions_planned", "held_le_planned"),
        *non_negative(*RECEPTION_COUNTS),
    )


class ReceptionDay(Base, Timestamped):
    __tablename__ = "reception_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    on: Mapped[date] = mapped_column(Date)
    chaired_by: Mapped[str] = mapped_column(String(200))
    stats_id: Mapped[int | None] = mapped_column(ForeignKey("reception_stats.id"))
    source_section: Mapped[str | None] = mapped_column(String(300))

    stats = relationship("ReceptionStats")


class LetterStats(Base, PublicRecord, BodyYearFigures, InCouncil, count_columns(*LETTER_COUNTS)):
    __tablename__ = "letter_stats"
    list_order = ("year", "id")  # its ListSpec in services.list_specs
    public_type = "letter_stats"

    forwarded_note: Mapped[str | None] = mapped_column(Text)
    previous_year_received: Mapped[int | None] = mapped_column(Integer)
    reported_rate_pct: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    previous_year_rate_pct: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    above_plan_pct_points: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    note: Mapped[str | None] = mapped_column(Text)

    constraints = (
        enum_check("scope", SCOPES),
        when_known("resolved", "<=", "received", "resolved_le_received"),
        *non_negative(*LETTER_COUNTS, "previous_year_received"),
        pct_check("reported_rate_pct"),
        pct_check("previous_year_rate_pct"),
    )

    @property
    def computed_rate_pct(self) -> Decimal | None:
        if not self.received or self.resolved is None:
            return None
        return (Decimal(self.resolved) * 100 / Decimal(self.received)).quantize(Decimal("0.1"))
