"""The next year's activity programme as trackable commitments."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, PublicRecord, TimelineEntry, enum_check, shortened

COMMITMENT_STATUSES = ("not_reported", "in_progress", "done", "not_done")


class Commitment(Base, PublicRecord):
    __tablename__ = "commitments"
    list_order = ("year", "number")  # its ListSpec in services.list_specs
    public_type = "commitment"

    council_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    progress: Mapped[str] = mapped_column(String(16), default="not_reported")

    council = relationship("Organization")
    updates: Mapped[list[CommitmentUpdate]] = relationship(
        back_populates="commitment", order_by="CommitmentUpdate.on"
    )

    constraints = (
        enum_check("progress", COMMITMENT_STATUSES),
        CheckConstraint("number > 0", name="number_positive"),
        UniqueConstraint("council_id", "year", "number", name="uq_commitments_council_year_number"),
    )

    @property
    def title(self) -> str:
        return f"{self.number}. {shortened(self.text, 100)}"


class CommitmentUpdate(Base, TimelineEntry):
    __tablename__ = "commitment_updates"
    __table_args__ = (enum_check("progress", COMMITMENT_STATUSES),)

    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    progress: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)

    commitment: Mapped[Commitment] = relationship(back_populates="updates")
