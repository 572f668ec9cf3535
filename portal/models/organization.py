"""Councils and other bodies, people, memberships, areas and terms (Popolo-shaped)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import (
    Base,
    InCouncil,
    Period,
    PublicRecord,
    Timestamped,
    alias,
    enum_check,
    when_known,
)

ORGANIZATION_KINDS = (
    "council",
    "standing_committee",
    "committee",
    "delegate_group",
    "executive",
    "front",
    "court",
    "procuracy",
    "agency",
    "party",
    "other",
)
AREA_KINDS = ("ward", "commune")


class Area(Base, Timestamped):
    __tablename__ = "areas"
    __table_args__ = (enum_check("kind", AREA_KINDS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(200))
    source_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    source_section: Mapped[str | None] = mapped_column(String(300))

    other_names: Mapped[list[AreaOtherName]] = relationship(
        back_populates="area", cascade="all, delete-orphan", order_by="AreaOtherName.start_date"
    )

    @property
    def label(self) -> str:
        return area_label(self.kind, self.name)

    @property
    def all_names(self) -> list[str]:
        """The name with its kind, then every other name it has had or has (what a citizen may type)."""
        return [self.label, *(other.name for other in self.other_names)]


class AreaOtherName(Base, Timestamped, Period):
    """A name the ward or commune had before or after a reorganisation (Popolo `other_names`)."""

    __tablename__ = "area_other_names"
    __table_args__ = (Period.ends_after_start(),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    source_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))

    area: Mapped[Area] = relationship(back_populates="other_names")
    source_document = relationship("Document")


def area_label(kind: str, name: str) -> str:
    """Return an area's name with its kind: "Phường Chi Lăng", "Xã Mai Pha"."""
    return ("Phường " if kind == "ward" else "Xã ") + name


# The bodies that took over an ended organisation's work: a district council's passed to several
# communes and wards in 2025 (SPEC §12), so one organisation may have many successors.
organization_successors = Table(
    "organization_successors",
    Base.metadata,
    Column("organization_id", ForeignKey("organizations.id"), primary_key=True),
    Column("successor_id", ForeignKey("organizations.id"), primary_key=True),
    CheckConstraint("successor_id <> organization_id", name="not_itself"),
    Index("ix_organization_successors_successor_id", "successor_id"),  # predecessors of a council
)


class Organization(Base, PublicRecord, InCouncil):
    __tablename__ = "organizations"
    list_order = ("kind", "name")  # its ListSpec in services.list_specs
    public_type = "organization"

    kind: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    founded_on: Mapped[date | None] = mapped_column(Date)
    dissolved_on: Mapped[date | None] = mapped_column(Date)
    dissolution_note: Mapped[str | None] = mapped_column(Text)
    # The document a council's end rests on (SPEC §12): the basis is cited, never an unsourced sentence.
    # use_alter: documents name their issuer, so the two tables refer to each other.
    dissolution_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", use_alter=True))

    parent: Mapped[Organization | None] = relationship(
        remote_side="Organization.id", foreign_keys=[parent_id], back_populates="children"
    )
    children: Mapped[list[Organization]] = relationship(
        foreign_keys=[parent_id], back_populates="parent", order_by="Organization.name"
    )
    successors: Mapped[list[Organization]] = relationship(
        secondary=organization_successors,
        primaryjoin="Organization.id == organization_successors.c.organization_id",
        secondaryjoin="Organization.id == organization_successors.c.successor_id",
        back_populates="predecessors",
        order_by="Organization.name",
    )
    predecessors: Mapped[list[Organization]] = relationship(
        secondary=organization_successors,
        primaryjoin="Organization.id == organization_successors.c.successor_id",
        secondaryjoin="Organization.id == organization_successors.c.organization_id",
        back_populates="successors",
        order_by="Organization.name",
    )
    area: Mapped[Area | None] = relationship()
    dissolution_document = relationship("Document", foreign_keys=[dissolution_document_id])
    memberships: Mapped[list[Membership]] = relationship(back_populates="organization")

    constraints = (
        enum_check("kind", ORGANIZATION_KINDS),
        when_known("dissolved_on", ">=", "founded_on", "dissolved_after_founded"),
    )

    title = alias("name")


class Person(Base, PublicRecord, InCouncil):
    __tablename__ = "people"
    list_order = ("name",)  # its ListSpec in services.list_specs
    public_type = "person"

    name: Mapped[str] = mapped_column(String(200))
    honorific: Mapped[str | None] = mapped_column(String(20))
    memberships: Mapped[list[Membership]] = relationship(back_populates="person")

    title = alias("name")


class Membership(Base, Timestamped, Period):
    """A person's role in an organisation; start/end carry the session and reason where known."""

    __tablename__ = "memberships"
    __table_args__ = (Period.ends_after_start(),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    role: Mapped[str] = mapped_column(String(200))
    start_session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"), index=True)
    end_session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"), index=True)
    start_reason: Mapped[str | None] = mapped_column(String(200))
    end_reason: Mapped[str | None] = mapped_column(String(200))
    source_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    source_section: Mapped[str | None] = mapped_column(String(300))

    person: Mapped[Person] = relationship(back_populates="memberships")
    organization: Mapped[Organization] = relationship(back_populates="memberships")
    start_session = relationship("Session", foreign_keys=[start_session_id])
    end_session = relationship("Session", foreign_keys=[end_session_id])


class Term(Base, Timestamped):
    __tablename__ = "terms"
    __table_args__ = (CheckConstraint("end_year >= start_year", name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    source_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    name: Mapped[str] = mapped_column(String(100))
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)
    source_section: Mapped[str | None] = mapped_column(String(300))

    council: Mapped[Organization] = relationship()
