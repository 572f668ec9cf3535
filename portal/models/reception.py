"""Citizen reception and letter handling, published as aggregates only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, InCouncil, PublicRecord, Timestamped, enum_check, non_negative

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
    "previous_year_received",
)


def pct_check(column: str) -> CheckConstraint:
    return CheckConstraint(
        f"{column} IS NULL OR ({column} >= 0 AND {column} <= 1000)", name=f"{column}_range"
    )


class ReceptionStats(Base, PublicRecord, InCouncil):
    __tablename__ = "reception_stats"
    list_order = ("year", "id")  # its ListSpec in services.listing
    public_type = "reception_stats"

    @classmethod
    def extra_constraints(cls):
        return (
            enum_check("scope", SCOPES),
            CheckConstraint(
                "sessions_held IS NULL OR sessions_planned IS NULL OR sessions_held <= sessions_planned",
                name="held_le_planned",
            ),
            *non_negative(*RECEPTION_COUNTS),
        )

    year: Mapped[int] = mapped_column(Integer)
    body_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    scope: Mapped[str] = mapped_column(String(16), default="city")
    label: Mapped[str] = mapped_column(String(300))
    sessions_held: Mapped[int | None] = mapped_column(Integer)
    sessions_planned: Mapped[int | None] = mapped_column(Integer)
    citizens: Mapped[int | None] = mapped_column(Integer)
    items: Mapped[int | None] = mapped_column(Integer)
    answered_directly: Mapped[int | None] = mapped_column(Integer)
    forwarded: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)

    body = relationship("Organization", foreign_keys=[body_id])

    @property
    def title(self) -> str:
        return self.label


class ReceptionDay(Base, Timestamped):
    __tablename__ = "reception_days"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    on: Mapped[date] = mapped_column(Date)
    chaired_by: Mapped[str] = mapped_column(String(200))
    stats_id: Mapped[int | None] = mapped_column(ForeignKey("reception_stats.id"))
    source_section: Mapped[str | None] = mapped_column(String(300))

    stats = relationship("ReceptionStats")


class LetterStats(Base, PublicRecord, InCouncil):
    __tablename__ = "letter_stats"
    list_order = ("year", "id")  # its ListSpec in services.listing
    public_type = "letter_stats"

    @classmethod
    def extra_constraints(cls):
        return (
            enum_check("scope", SCOPES),
            CheckConstraint(
                "resolved IS NULL OR received IS NULL OR resolved <= received", name="resolved_le_received"
            ),
            *non_negative(*LETTER_COUNTS),
            pct_check("reported_rate_pct"),
            pct_check("previous_year_rate_pct"),
        )

    year: Mapped[int] = mapped_column(Integer)
    body_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    scope: Mapped[str] = mapped_column(String(16), default="city")
    label: Mapped[str] = mapped_column(String(300))
    received: Mapped[int | None] = mapped_column(Integer)
    complaints: Mapped[int | None] = mapped_column(Integer)
    denunciations: Mapped[int | None] = mapped_column(Integer)
    requests: Mapped[int | None] = mapped_column(Integer)
    resolved: Mapped[int | None] = mapped_column(Integer)
    resolved_complaints: Mapped[int | None] = mapped_column(Integer)
    resolved_denunciations: Mapped[int | None] = mapped_column(Integer)
    resolved_requests: Mapped[int | None] = mapped_column(Integer)
    in_progress: Mapped[int | None] = mapped_column(Integer)
    forwarded: Mapped[int | None] = mapped_column(Integer)
    forwarded_note: Mapped[str | None] = mapped_column(Text)
    previous_year_received: Mapped[int | None] = mapped_column(Integer)
    reported_rate_pct: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    previous_year_rate_pct: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    above_plan_pct_points: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    note: Mapped[str | None] = mapped_column(Text)

    body = relationship("Organization", foreign_keys=[body_id])

    @property
    def title(self) -> str:
        return self.label

    @property
    def computed_rate_pct(self) -> Decimal | None:
        if not self.received or self.resolved is None:
            return None
        return (Decimal(self.resolved) * 100 / Decimal(self.received)).quantize(Decimal("0.1"))
