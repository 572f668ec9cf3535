"""Supervisions, inspections and surveys, with their recommendations and follow-up."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Date, DateTime, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import (
    Base,
    InCouncil,
    PublicRecord,
    TimelineEntry,
    Timestamped,
    alias,
    enum_check,
    non_negative,
)

SUPERVISION_KINDS = ("thematic", "regular", "in_session", "inspection")
RECOMMENDATION_STATUSES = ("open", "in_progress", "done", "not_done")

supervision_targets = Table(
    "supervision_targets",
    Base.metadata,
    Column("supervision_id", ForeignKey("supervisions.id"), primary_key=True),
    Column("organization_id", ForeignKey("organizations.id"), primary_key=True),
    Index("ix_supervision_targets_organization_id", "organization_id"),  # supervisions of an organisation
)


class Supervision(Base, PublicRecord, InCouncil):
    __tablename__ = "supervisions"
    list_order = ("year", "id")  # its ListSpec in services.list_specs
    public_type = "supervision"

    constraints = (enum_check("kind", SUPERVISION_KINDS), *non_negative("targets_count"))

    body_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(Text)
    year: Mapped[int] = mapped_column(Integer)
    period_text: Mapped[str | None] = mapped_column(String(200))
    targets_count: Mapped[int | None] = mapped_column(Integer)
    targets_note: Mapped[str | None] = mapped_column(Text)
    conclusion_text: Mapped[str | None] = mapped_column(Text)
    conclusion_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))

    body = relationship("Organization", foreign_keys=[body_id])
    targets = relationship("Organization", secondary=supervision_targets, order_by="Organization.name")
    conclusion_document = relationship("Document", foreign_keys=[conclusion_document_id])
    recommendations: Mapped[list[Recommendation]] = relationship(
        back_populates="supervision", order_by="Recommendation.id"
    )

    title = alias("subject")


class WithdrawableRow:
    """A child row the public has seen: after publishing it is withdrawn with a reason, never deleted."""

    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Recommendation(Base, Timestamped, WithdrawableRow):
    """A recommendation (kiến nghị) made after a supervision, tracked to its follow-up."""

    __tablename__ = "recommendations"
    __table_args__ = (enum_check("status", RECOMMENDATION_STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    supervision_id: Mapped[int] = mapped_column(ForeignKey("supervisions.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    addressee_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    status: Mapped[str] = mapped_column(String(16), default="open")
    due: Mapped[date | None] = mapped_column(Date)
    source_section: Mapped[str | None] = mapped_column(String(300))

    supervision: Mapped[Supervision] = relationship(back_populates="recommendations")
    addressee = relationship("Organization")
    updates: Mapped[list[RecommendationUpdate]] = relationship(
        back_populates="recommendation", order_by="RecommendationUpdate.on", cascade="all, delete-orphan"
    )


class RecommendationUpdate(Base, TimelineEntry, WithdrawableRow):
    __tablename__ = "recommendation_updates"
    __table_args__ = (enum_check("status", RECOMMENDATION_STATUSES),)

    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)

    recommendation: Mapped[Recommendation] = relationship(back_populates="updates")
