"""Resolutions and their typed links to other resolutions and documents."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, PublicRecord, Timestamped, enum_check, year_of

VALIDITIES = ("in_force", "partly_in_force", "expired")
LINK_KINDS = ("amends", "replaces", "repeals", "implements")


class Resolution(Base, PublicRecord):
    __tablename__ = "resolutions"
    list_order = ("adopted_on", "id")  # its ListSpec in services.list_specs
    public_type = "resolution"

    council_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    number: Mapped[str | None] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(Text)
    adopted_on: Mapped[date | None] = mapped_column(Date)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"), index=True)
    topic: Mapped[str | None] = mapped_column(String(100))
    validity: Mapped[str | None] = mapped_column(String(20))
    validity_changed_on: Mapped[date | None] = mapped_column(Date)
    body_text: Mapped[str | None] = mapped_column(Text)

    session = relationship("Session", back_populates="resolutions")
    council = relationship("Organization")
    links: Mapped[list[ResolutionLink]] = relationship(
        foreign_keys="ResolutionLink.from_resolution_id", back_populates="from_resolution"
    )
    incoming_links: Mapped[list[ResolutionLink]] = relationship(
        foreign_keys="ResolutionLink.to_resolution_id", back_populates="to_resolution"
    )

    constraints = (
        CheckConstraint(
            "validity IS NULL OR validity IN ('in_force', 'partly_in_force', 'expired')",
            name="validity_enum",
        ),
        UniqueConstraint("council_id", "number", name="uq_resolutions_council_number"),
    )

    year = year_of("adopted_on")


class ResolutionLink(Base, Timestamped):
    """A typed relation from a resolution to another resolution or a document."""

    __tablename__ = "resolution_links"
    __table_args__ = (
        enum_check("kind", LINK_KINDS),
        CheckConstraint("(to_resolution_id IS NULL) <> (to_document_id IS NULL)", name="one_target"),
        CheckConstraint(
            "to_resolution_id IS NULL OR to_resolution_id <> from_resolution_id", name="not_self"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    to_resolution_id: Mapped[int | None] = mapped_column(ForeignKey("resolutions.id"), index=True)
    to_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    effective_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    from_resolution: Mapped[Resolution] = relationship(
        foreign_keys=[from_resolution_id], back_populates="links"
    )
    to_resolution: Mapped[Resolution | None] = relationship(
        foreign_keys=[to_resolution_id], back_populates="incoming_links"
    )
    to_document = relationship("Document")
