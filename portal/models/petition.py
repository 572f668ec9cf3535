"""Voter meeting rounds, individual petitions with their status history, and outcome tallies."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import (
    Base,
    InCouncil,
    Period,
    PublicRecord,
    TimelineEntry,
    alias,
    count_columns,
    enum_check,
    non_negative,
    shortened,
    when_known,
    year_of,
)

PETITION_STATUSES = ("resolved", "explained", "in_progress", "scheduled", "unresolved")
PETITION_LEVELS = ("central", "province", "city", "commune")
CHANGE_KINDS = ("status", "transfer")
ROUND_COUNTS = (
    "points_total",
    "points_held",
    "points_held_in_person",
    "voters_attending",
    "voters_speaking",
    "items_raised",
    "items_answered_on_site",
    "items_aggregated",
    "to_province",
    "to_city",
)

round_in_person_areas = Table(
    "round_in_person_areas",
    Base.metadata,
    Column("round_id", ForeignKey("voter_meeting_rounds.id"), primary_key=True),
    Column("area_id", ForeignKey("areas.id"), primary_key=True),
)
outcome_rounds = Table(
    "petition_outcome_rounds",
    Base.metadata,
    Column("outcome_id", ForeignKey("petition_outcomes.id"), primary_key=True),
    Column("round_id", ForeignKey("voter_meeting_rounds.id"), primary_key=True),
    Index(
        "ix_petition_outcome_rounds_round_id", "round_id"
    ),  # a round's outcomes (the key starts with outcome_id)
)


class VoterMeetingRound(Base, PublicRecord, Period, count_columns(*ROUND_COUNTS)):
    __tablename__ = "voter_meeting_rounds"
    list_order = ("session_id", "id")  # its ListSpec in services.list_specs
    public_type = "voter_meeting_round"

    council_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    relation: Mapped[str] = mapped_column(String(8))
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    response_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))

    session = relationship("Session")
    council = relationship("Organization")
    response_document = relationship("Document", foreign_keys=[response_document_id])
    in_person_areas = relationship("Area", secondary=round_in_person_areas, order_by="Area.name")
    petitions: Mapped[list[Petition]] = relationship(back_populates="round")
    outcomes = relationship("PetitionOutcome", secondary=outcome_rounds, back_populates="rounds")

    constraints = (
        enum_check("relation", ("before", "after")),
        when_known("points_held", "<=", "points_total", "held_le_total"),
        when_known("voters_speaking", "<=", "voters_attending", "speaking_le_attending"),
        Period.ends_after_start(),
        *non_negative(*ROUND_COUNTS),
    )

    title = alias("name")

    year = year_of("start_date")


class PetitionOutcome(Base, PublicRecord, InCouncil, count_columns(*PETITION_STATUSES)):
    """Aggregate outcome counts a response report gives for one or more rounds."""

    __tablename__ = "petition_outcomes"
    public_type = "petition_outcome"

    label: Mapped[str] = mapped_column(String(300))
    reported_on: Mapped[date | None] = mapped_column(Date)
    scope_text: Mapped[str | None] = mapped_column(Text)

    rounds = relationship("VoterMeetingRound", secondary=outcome_rounds, back_populates="outcomes")

    constraints = non_negative(*PETITION_STATUSES)

    @property
    def total(self) -> int:
        return sum(getattr(self, status) or 0 for status in PETITION_STATUSES)

    title = alias("label")


class Petition(Base, PublicRecord, InCouncil):
    """One voter petition; no personal data of the voters who raised it is stored."""

    __tablename__ = "petitions"
    public_type = "petition"

    round_id: Mapped[int] = mapped_column(ForeignKey("voter_meeting_rounds.id"), index=True)
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(10), default="city")
    responsible_agency_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    petition_status: Mapped[str] = mapped_column(String(12), default="in_progress")
    response_text: Mapped[str | None] = mapped_column(Text)
    response_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    due_by: Mapped[date | None] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date)
    voter_accepted: Mapped[str] = mapped_column(String(8), default="unknown")
    re_raised_from_id: Mapped[int | None] = mapped_column(ForeignKey("petitions.id"))

    round: Mapped[VoterMeetingRound] = relationship(back_populates="petitions")
    area = relationship("Area")
    responsible_agency = relationship("Organization", foreign_keys=[responsible_agency_id])
    response_document = relationship("Document", foreign_keys=[response_document_id])
    re_raised_from = relationship("Petition", remote_side="Petition.id")
    status_history: Mapped[list[PetitionStatusChange]] = relationship(
        back_populates="petition", order_by="PetitionStatusChange.on"
    )

    constraints = (
        enum_check("petition_status", PETITION_STATUSES),
        enum_check("level", PETITION_LEVELS),
        enum_check("voter_accepted", ("yes", "no", "unknown")),
    )

    @property
    def title(self) -> str:
        # Cut at a word boundary: a title cut mid-word ("theo q") reads as a typo.
        return shortened(self.text, 120)

    def is_overdue(self, today: date) -> bool:
        return self.answered_on is None and self.due_by is not None and today > self.due_by


class PetitionStatusChange(Base, TimelineEntry):
    __tablename__ = "petition_status_changes"
    __table_args__ = (
        enum_check("status", PETITION_STATUSES),
        enum_check("kind", CHANGE_KINDS),
        Index("ix_petition_status_changes_created_at", "created_at"),
    )  # the petitions feed

    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    note: Mapped[str | None] = mapped_column(Text)
    # A transfer (chuyển giao) to another responsible body keeps the status and names both bodies.
    kind: Mapped[str] = mapped_column(String(10), default="status", server_default="status")
    from_agency_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    to_agency_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))

    petition: Mapped[Petition] = relationship(back_populates="status_history")
    from_agency = relationship("Organization", foreign_keys=[from_agency_id])
    to_agency = relationship("Organization", foreign_keys=[to_agency_id])
